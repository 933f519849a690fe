import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, openSync, writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { Readable, Writable } from 'node:stream'
import { validateRecord } from '../lib/index.js'
import { main } from '../lib/cli.js'
import { projectRoot, corpusFiles } from './helpers/records.js'
import { BIN, capture, closedPipeRun, shellEnv, XFERLOG_LINE as GOOD } from './helpers/command.js'

const FAILED = 'Thu Sep  2 09:53:00 2004 5 192.168.20.10 100 /home/test/file2.tgz b _ i r suporte ftp 0 * i'
const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version

interface Run { status: number | null, stdout: string, stderr: string, records: Array<Record<string, any>> }

/** The environment of a user's shell: without the test runner's loader options, which make Node print warnings. */
const env = shellEnv
// The in-process runs read "the machine's zone" as the spawned ones do.
process.env.TZ = 'UTC'

/** Runs the command in this process (`main`, what the binary calls), in `cwd`; records are schema-checked. */
async function run (args: string[], input = '', cwd = projectRoot): Promise<Run> {
  const out = capture()
  const err = capture()
  const previous = process.cwd()
  process.chdir(cwd)
  let status: number
  try {
    status = await main(args, { stdin: Readable.from(input === '' ? [] : [Buffer.from(input)]), stdout: out.stream, stderr: err.stream })
  } finally {
    process.chdir(previous)
  }
  const stdout = out.text()
  const records = status === 0 && !args.includes('--help') && !args.includes('--version') && !args.includes('--list-dialects')
    ? stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, any>)
    : []
  for (const record of records) {
    const problems = validateRecord(record)
    if (problems.length > 0) throw new Error(`schema: ${problems.join('; ')}`)
  }
  return { status, stdout, stderr: err.text(), records }
}


t.test('standard input to standard output', async (t) => {
  const result = (await run(['--tz', 'UTC'], `${GOOD}\n${FAILED}\n`))
  t.equal(result.status, 0)
  t.equal(result.stderr, '')
  t.same(result.records.map((r) => [r.event.action, r.event.outcome]), [['download', 'success'], ['upload', 'failure']])
  t.equal(result.records[0]!.log, undefined, 'no file path for standard input')
  t.same((await run(['-'], GOOD + '\n')).records.length, 1)
})

t.test('files, gzip files and standard input in one run, in order', async (t) => {
  const dir = t.testdir({ 'a.log': `${GOOD}\n`, 'b.log.gz': gzipSync(`${FAILED}\n`), 'renamed': gzipSync(`${GOOD}\n`) })
  const result = (await run(['a.log', 'b.log.gz', '-', 'renamed'], `${FAILED}\n`, dir))
  t.equal(result.status, 0, result.stderr)
  t.same(result.records.map((r) => [r.log?.file?.path, r.logjson.line, r.event.action]), [
    ['a.log', 1, 'download'],
    ['b.log.gz', 1, 'upload'],
    [undefined, 1, 'upload'],
    ['renamed', 1, 'download']
  ])
})

t.test('gzip is told by its bytes in named pipes and <(…) too, which cannot be peeked at', async (t) => {
  const dir = t.testdir({ 'a.log.gz': gzipSync(`${GOOD}\n`.repeat(3) + `${FAILED}\n`), 'b.log': `${FAILED}\n`, 'one.gz': Buffer.from([0x1f]) })
  // Through bash's process substitution: each names a pipe (/dev/fd/N), one gzip, one plain, one empty, and
  // one byte that opens gzip's magic but is not it.
  const result = spawnSync('bash', ['-c', `'${process.execPath}' '${BIN}' --tz UTC --stats <(cat a.log.gz) <(cat b.log) <(printf '') <(cat one.gz)`], { cwd: dir, env: shellEnv, encoding: 'utf8' })
  t.equal(result.status, 0, result.stderr)
  const records = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>)
  t.same(records.map((r) => r.event?.action ?? r.error?.type), ['download', 'download', 'download', 'upload', 'upload', 'parse'])
  t.match(result.stderr, /"lines":6,"records":5,.*"rejected":1/)
})

t.test('Ctrl-C while a named pipe\'s first bytes are awaited ends the input there', async (t) => {
  const dir = t.testdir({})
  const pipe = join(dir, 'slow')
  spawnSync('mkfifo', [pipe])
  // The writer opens the pipe at once, says nothing for a second, then writes a line every 50 ms.
  const writer = spawn('sh', ['-c', `(sleep 1; for i in $(seq 1 40); do echo '${GOOD}'; sleep 0.05; done) > '${pipe}'`], { stdio: 'ignore' })
  const interruption = new AbortController()
  setTimeout(() => interruption.abort(), 300)
  let out = ''
  const status = await main(['--tz', 'UTC', pipe], {
    stdin: Readable.from([]),
    stdout: new Writable({ write (chunk: Buffer, _e, cb) { out += chunk.toString(); cb() } }),
    stderr: new Writable({ write (_c, _e, cb) { cb() } }),
    interruption: interruption.signal
  })
  writer.kill()
  t.equal(status, 130)
  t.equal(out, '', 'nothing read after the interrupt')
})

t.test('Ctrl-C on a named pipe whose writer is silent ends the command at once, the records read so far written', async (t) => {
  const dir = t.testdir({})
  const pipe = join(dir, 'quiet')
  spawnSync('mkfifo', [pipe])
  // One line, then the writer holds the pipe open without a word. It marks when the line is in the pipe
  // (its echo waits for the command to open the pipe): a fixed delay from the spawn was too short for a
  // slow machine running other tests, which interrupted the command before it had read anything.
  const written = join(dir, 'written')
  // (`exec`: the writer is one process, which `kill` ends whatever it is waiting on.)
  const writer = spawn('sh', ['-c', `exec > '${pipe}'; echo '${GOOD}'; : > '${written}'; exec sleep 20`], { stdio: 'ignore' })
  const command = spawn(process.execPath, [BIN, '--tz', 'UTC', pipe], { env: shellEnv })
  let out = ''
  command.stdout.on('data', (chunk: Buffer) => { out += chunk.toString() })
  const closed = new Promise((resolve) => command.on('close', resolve))
  for (let waited = 0; !existsSync(written) && waited < 20_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50))
  t.ok(existsSync(written), 'the line is in the pipe')
  // (The line is held for detection until more come or the input ends: it comes out at the interrupt.)
  await new Promise((resolve) => setTimeout(resolve, 500))
  command.kill('SIGINT')
  const status = await closed
  t.equal(writer.exitCode, null, 'ended while the writer still held the pipe')
  writer.kill()
  t.equal(status, 130)
  t.equal(out.split('\n').length - 1, 1, 'the line read before')
})

t.test('a missing file is a one-line error; the other files are still converted', async (t) => {
  const dir = t.testdir({ 'a.log': `${GOOD}\n` })
  const result = (await run(['missing.log', 'a.log'], '', dir))
  t.equal(result.status, 1)
  t.equal(result.stderr, 'logjson: cannot read missing.log: no such file\n')
  t.equal(result.stdout.trim().split('\n').length, 1)
  t.equal((await run(['.'], '', dir)).stderr, 'logjson: cannot read .: is a directory\n')
})

t.test('usage errors exit 2 with one line naming the option', async (t) => {
  const unknown = (await run(['--frobnicate']))
  t.equal(unknown.status, 2)
  t.match(unknown.stderr, /^logjson: Unknown argument: frobnicate/)
  t.equal(unknown.stderr.trim().split('\n').length, 1)
  const tz = (await run(['--tz', 'Mars/Olympus']))
  t.equal(tz.status, 2)
  t.match(tz.stderr, /^logjson: --tz: unknown time zone "Mars\/Olympus"/)
  const dialect = (await run(['--dialect', 'cobol']))
  t.equal(dialect.status, 2)
  t.match(dialect.stderr, /dialect/)
  const onError = (await run(['--on-error', 'shrug']))
  t.equal(onError.status, 2)
  t.match(onError.stderr, /on-error/)
  const maxLine = (await run(['--max-line', '0'], ''))
  t.equal(maxLine.status, 2)
  t.match(maxLine.stderr, /^logjson: --max-line: /)
  // What yargs makes of text that is no number, shown as such (JSON would write null).
  for (const [option, text, got] of [['--max-line', 'abc', 'NaN'], ['--max-line', 'Infinity', 'Infinity'], ['--year', 'abc', 'NaN']]) {
    t.match((await run([option!, text!], '')).stderr, new RegExp(`^logjson: ${option!}: expected .*, got ${got!}\\n`), `${option!} ${text!}`)
  }
  const year = (await run(['--year', '12345'], ''))
  t.equal(year.status, 2)
  t.match(year.stderr, /^logjson: --year: /)
  // An option that takes one value, given twice (yargs makes an array of them): a usage error, not a crash.
  for (const args of [['--since', '2020-01-01', '--since', '2021-01-01'], ['--until', '1h', '--until', '2h'], ['--fields', 'a', '--fields', 'b'], ['es-template', '--index-pattern', 'a', '--index-pattern', 'b']]) {
    const twice = await run(args, '')
    t.equal(twice.status, 2, args.join(' '))
    t.equal(twice.stderr, `logjson: ${args.at(-2)!} is given more than once (see logjson --help)\n`)
  }
  t.equal((await run(['-w', 'event.outcome == "failure"', '-w', 'exists user'], '')).status, 0, 'a repeated --where is two conditions')
  // `-1h` after --since is its value (yargs alone read the flags -1 and -h, and printed the help).
  for (const args of [['--since', '-1h'], ['--until', '-30m']]) {
    const ago = await run(args, `${GOOD}\n`)
    t.same([ago.status, ago.stdout.includes('Examples:')], [0, false], args.join(' '))
  }
  t.equal((await run(['--until', '-1h'], `${GOOD}\n`)).stdout.split('\n').length - 1, 1, 'a 2004 line is before an hour ago')
  // TZ set but empty: UTC, as the C library reads it (ICU names the zone Etc/Unknown, which was refused).
  const emptyTz = spawnSync(process.execPath, [BIN], { input: `${GOOD}\n`, encoding: 'utf8', env: { ...env, TZ: '' } })
  t.same([emptyTz.status, emptyTz.stderr], [0, ''], 'TZ empty')
  t.equal((JSON.parse(emptyTz.stdout) as Record<string, string>)['@timestamp'], '2004-09-02T09:52:00.000Z')
  // A TZ that ICU names as an offset Intl does not take is a usage error that says it is the machine's
  // zone (it used to blame --tz, which was not given); --tz settles it.
  const offsetTz = spawnSync(process.execPath, [BIN], { input: `${GOOD}\n`, encoding: 'utf8', env: { ...env, TZ: 'GMT+5' } })
  t.same([offsetTz.status, offsetTz.stdout], [2, ''], 'TZ=GMT+5')
  t.equal(offsetTz.stderr, 'logjson: --tz: this machine\'s time zone (TZ="GMT+5", "GMT+05:00" to ICU) is not one logjson can read: give --tz an IANA name such as Europe/Paris or UTC\n')
  const givenTz = spawnSync(process.execPath, [BIN, '--tz', 'Etc/GMT+5'], { input: `${GOOD}\n`, encoding: 'utf8', env: { ...env, TZ: 'GMT+5' } })
  t.same([givenTz.status, givenTz.stderr], [0, ''], 'TZ=GMT+5 with --tz')
  t.equal((JSON.parse(givenTz.stdout) as Record<string, string>)['@timestamp'], '2004-09-02T14:52:00.000Z')
})

t.test('--help shows examples; --version the package version; --list-dialects the registry', async (t) => {
  const help = (await run(['--help']))
  t.equal(help.status, 0)
  t.match(help.stdout, /Examples:/)
  t.match(help.stdout, /--on-error/)
  t.equal((await run(['--version'])).stdout.trim(), version)
  const list = (await run(['--list-dialects']))
  t.equal(list.status, 0)
  t.match(list.stdout, /^xferlog\s+\S.*/m)
})

t.test('--stats prints counts that add up, as JSON on stderr', async (t) => {
  const result = (await run(['--stats'], `${GOOD}\n\nnonsense\n${FAILED}\n`))
  t.equal(result.status, 0)
  const stats = (JSON.parse(result.stderr) as { stats: Record<string, number> }).stats
  t.same(stats, { lines: 4, records: 2, joined: 0, filtered: 1, blank: 1, rejected: 1, dialects: { xferlog: 2 } })
  t.equal(stats.lines, stats.records! + stats.filtered! + stats.rejected!)
})

t.test('--on-error: emit (default), skip, fail', async (t) => {
  const input = `${GOOD}\nnonsense\n${FAILED}\n`
  t.same((await run([], input)).records.map((r) => r.logjson.unparsed ?? false), [false, true, false])
  t.same((await run(['--on-error', 'skip'], input)).records.length, 2)
  const dir = t.testdir({ 'x.log': input })
  const failed = (await run(['--on-error', 'fail', 'x.log'], '', dir))
  t.equal(failed.status, 1)
  t.match(failed.stderr, /^logjson: x\.log, line 2: /)
})

t.test('--original and --max-line', async (t) => {
  t.equal((await run(['--original'], GOOD + '\n')).records[0]!.event.original, GOOD)
  const long = (await run(['--max-line', '50'], `${GOOD}\n`))
  t.equal(long.records[0]!.logjson.unparsed, true)
  t.match(long.records[0]!.error.message, /over the limit of 50/)
})

t.test('--dialect fixes the dialect; aliases work', async (t) => {
  t.equal((await run(['--dialect', 'xferlog'], GOOD + '\n')).records[0]!.event.dataset, 'xferlog')
  t.equal((await run(['-d', 'wu-ftpd'], GOOD + '\n')).records[0]!.event.dataset, 'xferlog')
})

t.test('--tz reads local times in that zone', async (t) => {
  t.equal((await run(['--tz', 'Europe/Paris'], GOOD + '\n')).records[0]!['@timestamp'], '2004-09-02T07:52:00.000Z')
  t.equal((await run(['--tz', 'America/New_York'], GOOD + '\n')).records[0]!['@timestamp'], '2004-09-02T13:52:00.000Z')
})

t.test('an output that cannot be written (a full device) ends the run with one line and status 1', { skip: existsSync('/dev/full') ? false : 'no /dev/full here' }, async (t) => {
  const dir = t.testdir({ 'x.log': `${GOOD}\n`.repeat(1000) })
  for (const jobs of [[], ['--jobs', '2', 'x.log']]) {
    const full = openSync('/dev/full', 'w')
    const result = spawnSync(process.execPath, [BIN, ...jobs, 'x.log'], { cwd: dir, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: shellEnv })
    closeSync(full)
    t.equal(result.status, 1, `${jobs.join(' ') || 'no jobs'}: status`)
    t.equal(result.stderr, 'logjson: cannot write the output: ENOSPC (no space left on the device)\n')
  }
})

t.test('names after -- are files, whatever they look like', async (t) => {
  const dir = t.testdir({ '-x.log': `${GOOD}\n`, 'y.log': `${GOOD}\n` })
  const result = spawnSync(process.execPath, [BIN, '--stats', '--', '-x.log', 'y.log'], { cwd: dir, input: 'not a log line\n', encoding: 'utf8', env: shellEnv })
  t.equal(result.status, 0)
  t.same(result.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { log: { file: { path: string } } }).log.file.path), ['-x.log', 'y.log'], 'both files, not standard input')
  // Even names that look like an option and its duration.
  const odd = t.testdir({ '--since': `${GOOD}\n`, '-1h': `${GOOD}\n` })
  const named = spawnSync(process.execPath, [BIN, '--', '--since', '-1h'], { cwd: odd, encoding: 'utf8', env: shellEnv })
  t.same([named.status, named.stderr, named.stdout.split('\n').length - 1], [0, '', 2])
})

t.test('--stats with --on-error fail: the counts up to the rejected line, with or without jobs', async (t) => {
  const dir = t.testdir({ 'a.log': `${GOOD}\n${GOOD}\n`, 'b.log': `${GOOD}\ngarbage\n${GOOD}\n`, 'c.log': `${GOOD}\n` })
  for (const jobs of ['1', '2', '3']) {
    const result = spawnSync(process.execPath, [BIN, '--stats', '--on-error', 'fail', '--jobs', jobs, 'a.log', 'b.log', 'c.log'], { cwd: dir, encoding: 'utf8', env: shellEnv })
    t.equal(result.status, 1)
    const [said, counts] = result.stderr.split('\n')
    t.match(said, /^logjson: b\.log, line 2: /)
    t.same(JSON.parse(counts!), { stats: { lines: 4, records: 3, joined: 0, filtered: 0, blank: 0, rejected: 1, dialects: { xferlog: 3 } } }, `--jobs ${jobs}`)
  }
})

t.test('--on-error fail on a gzip file stops at the rejected line, with or without jobs', async (t) => {
  const dir = t.testdir({ 'h.log.gz': gzipSync(`${GOOD}\n`.repeat(1000) + 'garbage\n' + `${GOOD}\n`.repeat(100_000)), 'y.log': `${GOOD}\n` })
  for (const jobs of [[], ['--jobs', '2', 'y.log']]) {
    const result = spawnSync(process.execPath, [BIN, '--on-error', 'fail', 'h.log.gz', ...jobs], { cwd: dir, encoding: 'utf8', env: shellEnv, timeout: 30_000 })
    t.equal(result.status, 1, `${jobs.join(' ') || 'no jobs'}: status`)
    t.match(result.stderr, /^logjson: h\.log\.gz, line 1001: /)
    t.equal(result.stdout.split('\n').length - 1, 1000)
  }
})

t.test('a closed pipe ends quietly with status 0', async (t) => {
  const dir = t.testdir({})
  const big = join(dir, 'big.log')
  writeFileSync(big, (GOOD + '\n').repeat(200_000))
  const { status, stderr } = await closedPipeRun([big])
  t.equal(status, 0)
  t.equal(stderr, '')
  // stderr closed (`--stats … 2>&1 | head -1`, the reader gone before the counts): the status is the run's.
  for (const [args, expected] of [[['--stats', big], 0], [['--stats', '--on-error', 'fail', join(dir, 'bad.log')], 1]] as const) {
    writeFileSync(join(dir, 'bad.log'), 'not a line\n')
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: shellEnv })
    child.stderr.destroy()
    t.equal(await new Promise((resolve) => child.on('close', resolve)), expected, `${args.join(' ')}: stderr closed`)
  }
})

const corpus = corpusFiles('xferlog')
t.test('every shared xferlog corpus file converts without a rejected line', { skip: corpus.length === 0 ? '../shared/corpus/xferlog is not present' : false }, async (t) => {
  const files = corpus
  const result = (await run(['--stats', ...files]))
  t.equal(result.status, 0)
  t.equal(result.stderr.trim().split('\n').length, 1, 'nothing on stderr but the counts')
  const stats = (JSON.parse(result.stderr) as { stats: Record<string, number> }).stats
  t.equal(stats.rejected, 0)
  t.equal(stats.records, result.records.length)
})

t.test('--where, --since, --until, --fields', async (t) => {
  const input = `${GOOD}\n${FAILED}\nnonsense\n`
  const failures = (await run(['--where', 'event.outcome == "failure"', '--stats'], input))
  t.equal(failures.status, 0)
  t.same(failures.records.map((r) => r.logjson.line), [2, 3], 'rejected lines are not filtered')
  t.match(JSON.parse(failures.stderr), { stats: { lines: 3, records: 1, joined: 0, filtered: 1, rejected: 1 } })
  t.same((await run(['--where', 'event.outcome == "failure"', '--where', 'file.size > 1000', '--on-error', 'skip'], input)).records, [])
  t.same((await run(['--since', '2004-09-02T09:52:30', '--on-error', 'skip'], input)).records.map((r) => r.logjson.line), [2])
  t.same((await run(['--until', '2004-09-02T09:52:30', '--on-error', 'skip'], input)).records.map((r) => r.logjson.line), [1])
  t.same((await run(['--since', '1h', '--on-error', 'skip'], input)).records, [], 'a relative time counts back from now')
  t.same((await run(['--fields', 'event.outcome,file.size', '--on-error', 'skip'], input)).records, [{ event: { outcome: 'success' }, file: { size: 896242 } }, { event: { outcome: 'failure' }, file: { size: 100 } }])
  const bad = (await run(['--where', 'event.outcome = "x"']))
  t.equal(bad.status, 2)
  t.equal(bad.stderr, 'logjson: --where: unexpected "=" (equality is "==") at column 15\n')
  t.equal((await run(['--since', 'yesterday'])).status, 2)
})

t.test('--format es-bulk and es-template', async (t) => {
  const dir = t.testdir({ 'x.log': `${GOOD}\n${FAILED}\n` })
  const bulk = spawnSync(process.execPath, [BIN, '--tz', 'UTC', '-f', 'es-bulk', '--index', 'ftp-{yyyy.MM.dd}', 'x.log'], { cwd: dir, encoding: 'utf8', env })
  t.equal(bulk.status, 0)
  const lines = bulk.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>)
  t.equal(lines.length, 4)
  t.equal(lines[0]!.index._index, 'ftp-2004.09.02')
  t.equal(lines[1]!.event.original, undefined, 'the raw line is only used for the id')
  const again = spawnSync(process.execPath, [BIN, '--tz', 'UTC', '-f', 'es-bulk', '--index', 'ftp', 'x.log'], { cwd: dir, encoding: 'utf8', env })
  t.equal((JSON.parse(again.stdout.split('\n')[0]!) as Record<string, any>).index._id, lines[0]!.index._id, 'ids do not depend on the index or the run')
  const noId = spawnSync(process.execPath, [BIN, '-f', 'es-bulk', '--index', 'ftp', '--no-id', 'x.log'], { cwd: dir, encoding: 'utf8', env })
  t.same(JSON.parse(noId.stdout.split('\n')[0]!), { index: { _index: 'ftp' } })
  t.equal((await run(['-f', 'es-bulk'])).status, 2, 'es-bulk needs --index')
  // The filter sees the documents as written: event.original only with --original, the ids the same.
  const filtered = (extra: string[]): string[] => spawnSync(process.execPath, [BIN, '--tz', 'UTC', '-f', 'es-bulk', '--index', 'ftp', ...extra, 'x.log'], { cwd: dir, encoding: 'utf8', env }).stdout.split('\n').filter((line) => line !== '')
  t.same(filtered(['-w', 'exists event.original']), [], 'no event.original to find without --original')
  t.equal(filtered(['-w', 'exists event.original', '--original']).length, 4)
  t.same(filtered(['-w', 'event.outcome == "failure"']), again.stdout.split('\n').slice(2, 4), 'a filter on other fields: the same documents and ids')
  const template = spawnSync(process.execPath, [BIN, 'es-template', '--index-pattern', 'ftp-*'], { encoding: 'utf8', env })
  t.equal(template.status, 0)
  t.match(JSON.parse(template.stdout), { index_patterns: ['ftp-*'], template: { mappings: { properties: { '@timestamp': { type: 'date' } } } } })
})

t.test('a progress line on a terminal, only for files, and cleared at the end', async (t) => {
  const dir = t.testdir({})
  const big = join(dir, 'big.log')
  writeFileSync(big, (GOOD + '\n').repeat(300_000))
  const capture = (tty: boolean): { stream: NodeJS.WritableStream, text: () => string } => {
    let text = ''
    const stream = Object.assign(new Writable({ write (chunk: Buffer, _e, cb) { text += chunk.toString(); cb() } }), { isTTY: tty })
    return { stream, text: () => text }
  }
  const sink = (): NodeJS.WritableStream => new Writable({ write (_c, _e, cb) { cb() } })
  const terminal = capture(true)
  t.equal(await main(['--tz', 'UTC', big], { stdin: Readable.from([]), stdout: sink() as never, stderr: terminal.stream as never }), 0)
  t.match(terminal.text(), /logjson: \d+\.\d of \d+\.\d MB \(\d+%\), [\d,]+ lines\/s/)
  t.ok(terminal.text().endsWith('\r\u001b[K'), 'the line is cleared at the end')
  const piped = capture(false)
  t.equal(await main(['--tz', 'UTC', big], { stdin: Readable.from([]), stdout: sink() as never, stderr: piped.stream as never }), 0)
  t.equal(piped.text(), '')
  const stdin = capture(true)
  t.equal(await main(['--tz', 'UTC'], { stdin: Readable.from([Buffer.from(GOOD + '\n')]), stdout: sink() as never, stderr: stdin.stream as never }), 0)
  t.equal(stdin.text(), '', 'no progress for standard input')
  // Records on the terminal too: the line would be drawn in among them.
  const both = capture(true)
  t.equal(await main(['--tz', 'UTC', big], { stdin: Readable.from([]), stdout: capture(true).stream as never, stderr: both.stream as never }), 0)
  t.equal(both.text(), '', 'no progress when the output is the terminal')
})

t.test('a file converted for --jobs shares its progress as it is read, however few records a filter keeps', async (t) => {
  const dir = t.testdir({})
  const big = join(dir, 'big.log')
  writeFileSync(big, (GOOD + '\n').repeat(200_000))
  const size = readFileSync(big).length
  const progress = new BigInt64Array(new SharedArrayBuffer(16))
  const seen: number[] = []
  const sampler = setInterval(() => { seen.push(Number(Atomics.load(progress, 0))) }, 1)
  const status = await main(['--tz', 'UTC', '--where', 'file.size > 1e12', big], {
    stdin: Readable.from([]), stdout: new Writable({ write (_c, _e, cb) { cb() } }), stderr: new Writable({ write (_c, _e, cb) { cb() } }), only: 0, progress, onFinish: () => {}
  })
  clearInterval(sampler)
  t.equal(status, 0)
  t.ok(seen.some((read) => read > 0 && read < size), `part-way figures seen: ${seen.filter((read) => read > 0 && read < size).length}`)
  t.same([...progress].map(Number), [size, 200_000], 'the whole file at the end')
})

t.test('the progress line is cleared when the command is ended by SIGTERM or SIGHUP', { skip: spawnSync('script', ['--version']).status === 0 ? false : 'no script(1) to make a terminal' }, async (t) => {
  const dir = t.testdir({})
  // A named pipe no one writes to: the command waits on it, its line drawn, until the signal.
  spawnSync('mkfifo', [join(dir, 'waiting')])
  for (const signal of ['TERM', 'HUP']) {
    // The signal's status (128 + its number) shows it was raised again, not swallowed.
    const command = `(sleep 6 > waiting < /dev/null 2> /dev/null &); timeout --preserve-status -s ${signal} 2 '${process.execPath}' '${BIN}' waiting > /dev/null; echo " status=$?"`
    const terminal = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, env: shellEnv, encoding: 'utf8' })
    t.match(terminal.stdout, /logjson: 0\.0 MB read, 0 lines\/s/, `${signal}: the line was drawn, without a total for a pipe`)
    t.match(terminal.stdout, /\r\u001b\[K status=(\d+)/, `${signal}: and cleared: ${JSON.stringify(terminal.stdout.slice(-40))}`)
    t.equal(/ status=(\d+)/.exec(terminal.stdout)?.[1], signal === 'TERM' ? '143' : '129')
  }
})

t.test('the progress line is cleared when the reader goes away', { skip: spawnSync('script', ['--version']).status === 0 ? false : 'no script(1) to make a terminal' }, async (t) => {
  const dir = t.testdir({})
  writeFileSync(join(dir, 'big.log'), (GOOD + '\n').repeat(300_000))
  // script(1) gives the command a terminal for its stderr; its output goes to head, which leaves early.
  const terminal = spawnSync('script', ['-qec', `'${process.execPath}' '${BIN}' big.log | head -c 100 > /dev/null`, '/dev/null'], { cwd: dir, env: shellEnv, encoding: 'utf8' })
  t.equal(terminal.status, 0, terminal.stdout)
  t.match(terminal.stdout, /logjson: [\d.]+ of /, 'the line was drawn')
  t.ok(terminal.stdout.endsWith('\r\u001b[K'), `and cleared at the end: ${JSON.stringify(terminal.stdout.slice(-40))}`)
})

t.test('file names with quotes, backslashes and accents; /dev/stdin', async (t) => {
  const dir = t.testdir({ 'we"ird\\données.log': '2006-03-06 10:11:03; ftp; 1.2.3.4; 21; u; C:\\a; /a; download; 215;\n' })
  const result = (await run(['we"ird\\données.log'], '', dir))
  t.equal(result.status, 0)
  t.equal(result.records[0]!.log.file.path, 'we"ird\\données.log')
  t.match(result.records[0]!.event.reason, /"UNIX Type: L8"/)
  const piped = spawnSync('sh', ['-c', `cat | "${process.execPath}" "${BIN}" --tz UTC /dev/stdin`], { input: GOOD + '\n', encoding: 'utf8', env })
  t.equal(piped.status, 0, piped.stderr)
  t.equal((JSON.parse(piped.stdout) as Record<string, any>).log.file.path, '/dev/stdin')
})

t.test('--on-error fail writes every record before the rejected line, then stops', async (t) => {
  const dir = t.testdir({})
  const file = join(dir, 'long.log')
  writeFileSync(file, (GOOD + '\n').repeat(5000) + 'broken line\n' + (GOOD + '\n').repeat(100))
  writeFileSync(join(dir, 'next.log'), GOOD + '\n')
  const result = (await run(['--on-error', 'fail', 'long.log', 'next.log'], '', dir))
  t.equal(result.status, 1)
  t.equal(result.stdout.trim().split('\n').length, 5000)
  t.equal(result.stderr, 'logjson: long.log, line 5001: xferlog: does not start with a date like "Mon Jan  5 12:00:01 2004"\n')
})
