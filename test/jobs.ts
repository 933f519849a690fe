import t, { type Test } from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { gzipSync } from 'node:zlib'
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { PassThrough } from 'node:stream'
import { BIN, builtJobs, closedPipeRun, shellEnv, XFERLOG_LINE as XFERLOG } from './helpers/command.js'

// --jobs runs the command's conversion in worker threads, which only the built command has (dist/worker.js),
// so these tests run the real binary and compare with the same run without jobs, byte for byte.

const env = shellEnv
const EFT = '2006-03-06 10:11:03; ftp; 1.2.3.4; 21; u; C:\\a; /a; download; 226;'
const PROFTPD = 'Jan  5 12:00:00 host proftpd[1234]: host (client[192.0.2.1]) - USER alice: Login successful.'

const run = (args: string[], cwd: string): { status: number | null, stdout: string, stderr: string } =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })

function files (t: Test): string {
  return t.testdir({
    'a.log': `${XFERLOG}\n`.repeat(6_000),
    'b.log': `${EFT}\n`.repeat(4_000) + 'not a line\n',
    'c.log.gz': gzipSync(`${PROFTPD}\n`.repeat(5_000)),
    'd.log': `${XFERLOG}\n`.repeat(10)
  })
}

t.test('the output of --jobs 2 and 3 is the output without jobs, in file order, with the same counts', async (t) => {
  const dir = files(t)
  const inputs = ['a.log', 'b.log', 'c.log.gz', 'd.log']
  const alone = run(['--stats', ...inputs], dir)
  t.equal(alone.status, 0)
  for (const jobs of ['2', '3']) {
    const parallel = run(['--stats', '--jobs', jobs, ...inputs], dir)
    t.equal(parallel.status, 0, parallel.stderr)
    t.ok(parallel.stdout === alone.stdout, `--jobs ${jobs}: ${parallel.stdout.length} bytes, identical`)
    t.equal(parallel.stderr, alone.stderr, 'the same counts')
  }
  t.match(JSON.parse(alone.stderr), { stats: { lines: 15_011, records: 15_010, rejected: 1 } })
})

t.test('errors under --jobs: a missing file reported in its place; --on-error fail stops as without jobs', async (t) => {
  const dir = files(t)
  const missing = run(['--jobs', '2', 'a.log', 'missing.log', 'd.log'], dir)
  t.equal(missing.status, 1)
  t.equal(missing.stderr, 'logjson: cannot read missing.log: no such file\n')
  t.equal(missing.stdout.split('\n').length - 1, 6_010, 'the other files converted')
  const alone = run(['--on-error', 'fail', 'a.log', 'b.log', 'c.log.gz'], dir)
  const parallel = run(['--on-error', 'fail', '--jobs', '2', 'a.log', 'b.log', 'c.log.gz'], dir)
  t.equal(parallel.status, 1)
  t.equal(parallel.stderr, alone.stderr)
  t.match(parallel.stderr, /^logjson: b\.log, line 4001: /)
  t.ok(parallel.stdout === alone.stdout, 'everything before the rejected line, nothing after')
  const bad = run(['--jobs', '0', 'a.log'], dir)
  t.equal(bad.status, 2)
  t.match(bad.stderr, /^logjson: --jobs: /)
})

t.test('--jobs into a pipe closed early ends quietly with status 0, its spool files removed', async (t) => {
  const dir = files(t)
  const spools = join(dir, 'tmp')
  mkdirSync(spools)
  const { status, stderr } = await closedPipeRun(['--jobs', '2', 'a.log', 'c.log.gz', 'b.log'], dir, { ...env, TMPDIR: spools })
  t.equal(status, 0)
  t.equal(stderr, '')
  t.same(readdirSync(spools), [], 'no spool left')
})

t.test('standard input among the inputs: converted in order without workers', async (t) => {
  const dir = files(t)
  const result = spawnSync(process.execPath, [BIN, '--jobs', '2', 'd.log', '-'], { cwd: dir, env, encoding: 'utf8', input: `${EFT}\n` })
  t.equal(result.status, 0)
  t.same(result.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { event: { dataset: string } }).event.dataset), [...Array(10).fill('xferlog'), 'eft-client'])
})

// Many small files: a few lines each, of three dialects, one missing and one with a line no dialect reads.
function smallFiles (t: Test, count: number): { dir: string, inputs: string[] } {
  const lines = [XFERLOG, EFT, PROFTPD]
  const entries: Record<string, string> = {}
  for (let i = 0; i < count; i++) entries[`f${i}.log`] = `${lines[i % 3]!}\n`.repeat(1 + (i % 4)) + (i === 7 ? 'not a line\n' : '')
  const dir = t.testdir(entries)
  const inputs = Object.keys(entries)
  inputs.splice(count >> 1, 0, 'missing.log')
  return { dir, inputs }
}

t.test('many small files under --jobs: the output, errors and counts of a run without jobs', async (t) => {
  const { dir, inputs } = smallFiles(t, 150)
  const alone = run(['--stats', ...inputs], dir)
  t.equal(alone.status, 1, 'the missing file fails the run')
  const parallel = run(['--stats', '--jobs', '2', ...inputs], dir)
  t.equal(parallel.status, 1)
  t.ok(parallel.stdout === alone.stdout, `${parallel.stdout.length} bytes, identical`)
  t.equal(parallel.stderr, alone.stderr, 'the same error, in its place, and the same counts')
})

t.test('a worker converts one file after another: no more workers than jobs, however many files', async (t) => {
  const { dir, inputs } = smallFiles(t, 40)
  const paths = inputs.map((input) => join(dir, input))
  const { runJobs } = await builtJobs()
  const outPath = join(dir, 'out.ndjson')
  const fd = openSync(outPath, 'w')
  const stderr = new PassThrough()
  let diagnostics = ''
  stderr.on('data', (chunk: Buffer) => { diagnostics += chunk.toString() })
  const result = await runJobs(paths, 0, paths.length, 3, fd, stderr, new AbortController().signal, Promise.resolve(true))
  closeSync(fd)
  t.equal(result.workers, 3, `${paths.length} files, ${result.workers} workers`)
  const alone = run(paths, dir)
  t.ok(readFileSync(outPath, 'utf8') === alone.stdout, 'the output of a run without jobs')
  t.equal(diagnostics, alone.stderr)
  t.equal(result.stats.lines, alone.stdout.split('\n').length - 1, 'every line counted')
})

t.test('--since 1h under --jobs counts back from one time for every file, whichever thread converts it', async (t) => {
  const dir = t.testdir({ 'a.log': `${XFERLOG}\n`, 'b.log': `${XFERLOG}\n`, 'c.log': `${XFERLOG}\n` })
  const paths = ['a.log', 'b.log', 'c.log'].map((name) => join(dir, name))
  const { runJobs } = await builtJobs()
  const outPath = join(dir, 'out.ndjson')
  const fd = openSync(outPath, 'w')
  // The lines were written at 09:52 UTC on 2004-09-02: within the hour before 10:30 that day.
  const now = Date.UTC(2004, 8, 2, 10, 30)
  const result = await runJobs(['--tz', 'UTC', '--since', '1h', ...paths], 0, paths.length, 2, fd, new PassThrough(), new AbortController().signal, Promise.resolve(true), undefined, now)
  closeSync(fd)
  t.equal(result.stats.records, 3, 'every file kept its line')
  t.equal(readFileSync(outPath, 'utf8').split('\n').length - 1, 3)
})

t.test('each thread keeps its file\'s bytes read and lines where the command draws the progress line from', async (t) => {
  const dir = t.testdir({ 'a.log': `${XFERLOG}\n`.repeat(3_000), 'b.log': `${EFT}\n`.repeat(2_000) + '\n', 'c.log.gz': gzipSync(`${PROFTPD}\n`.repeat(1_000)) })
  const paths = ['a.log', 'b.log', 'c.log.gz'].map((name) => join(dir, name))
  const { runJobs } = await builtJobs()
  const fd = openSync(join(dir, 'out.ndjson'), 'w')
  const progress = new BigInt64Array(new SharedArrayBuffer(16 * paths.length))
  const result = await runJobs(paths, 0, paths.length, 2, fd, new PassThrough(), new AbortController().signal, Promise.resolve(true), undefined, undefined, progress)
  closeSync(fd)
  t.equal(result.status, 0)
  // Bytes as read from the disk (a gzip file's compressed size); every line, the blank one too.
  t.same([...progress].map(Number), [statSync(paths[0]!).size, 3_000, statSync(paths[1]!).size, 2_001, statSync(paths[2]!).size, 1_000])
})

t.test('--jobs on a terminal: the progress line counts every file, is cleared before a message and at the end', { skip: spawnSync('script', ['--version']).status === 0 ? false : 'no script(1) to make a terminal' }, async (t) => {
  const dir = files(t)
  const inputs = ['a.log', 'missing.log', 'b.log', 'c.log.gz']
  const alone = run(['--stats', ...inputs], dir)
  // script(1) gives the command a terminal; its output goes to a file, its stderr to the terminal.
  const command = `'${process.execPath}' '${BIN}' --stats --jobs 2 ${inputs.join(' ')} > out.ndjson`
  const terminal = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, env, encoding: 'utf8' })
  t.equal(terminal.status, 1, terminal.stdout)
  t.ok(readFileSync(join(dir, 'out.ndjson'), 'utf8') === alone.stdout, 'the output of a run without jobs')
  const total = ['a.log', 'b.log', 'c.log.gz'].reduce((sum, input) => sum + statSync(join(dir, input)).size, 0)
  const shown = terminal.stdout.replace(/\r\n/g, '\n')
  t.match(shown, new RegExp(`^\\r\\u001b\\[Klogjson: 0\\.0 of ${(total / 1e6).toFixed(1).replace('.', '\\.')} MB \\(0%\\), 0 lines/s`), 'drawn at once, of all the files')
  // Each message starts on a cleared line; what is left once the progress lines are taken out is what a
  // run without jobs says.
  const said = shown.split('\r\u001b[K').filter((piece) => !/^logjson: [\d.]+ of /.test(piece)).join('')
  t.equal(said, alone.stderr)
  t.ok(shown.endsWith('\r\u001b[K'), 'cleared at the end')
})

t.test('a spool whose disk is full: the worker waits for its turn and writes the rest itself, nothing lost', { skip: existsSync('/dev/full') ? false : 'no /dev/full here' }, async (t) => {
  const dir = t.testdir({ 'a.log': `${XFERLOG}\n`.repeat(20_000), 'b.log': `${EFT}\n`.repeat(20_000), 'c.log': `${XFERLOG}\n`.repeat(5) })
  const paths = ['a.log', 'b.log', 'c.log'].map((name) => join(dir, name))
  const { runJobs } = await builtJobs()
  // Every spool is a device that refuses writes with ENOSPC, as a full disk does.
  const spools = mkdtempSync(join(tmpdir(), 'logjson-test-'))
  for (let input = 0; input < paths.length; input++) symlinkSync('/dev/full', join(spools, `${input}.ndjson`))
  const outPath = join(dir, 'out.ndjson')
  const fd = openSync(outPath, 'w')
  const stderr = new PassThrough()
  let diagnostics = ''
  stderr.on('data', (chunk: Buffer) => { diagnostics += chunk.toString() })
  const result = await runJobs(['--tz', 'UTC', ...paths], 0, paths.length, 3, fd, stderr, new AbortController().signal, Promise.resolve(true), spools)
  closeSync(fd)
  const alone = run(['--tz', 'UTC', ...paths], dir)
  t.equal(result.status, 0)
  t.equal(diagnostics, '')
  t.ok(readFileSync(outPath, 'utf8') === alone.stdout, 'the output of a run without jobs')
  t.equal(result.stats.records, 40_005)
})

t.test('eight or more workers: nothing on stderr but what the files say', async (t) => {
  const { dir, inputs } = smallFiles(t, 12)
  const parallel = run(['--jobs', '9', ...inputs.filter((input) => input !== 'missing.log')], dir)
  t.equal(parallel.status, 0)
  t.equal(parallel.stderr, '', 'no warning about listeners')
})

t.test('no place for spools: a note, then the files converted one after another', async (t) => {
  const { dir, inputs } = smallFiles(t, 6)
  const present = inputs.filter((input) => input !== 'missing.log')
  const alone = run(present, dir)
  const parallel = spawnSync(process.execPath, [BIN, '--jobs', '2', ...present], { cwd: dir, env: { ...env, TMPDIR: join(dir, 'no-such-directory') }, encoding: 'utf8' })
  t.equal(parallel.status, 0)
  t.match(parallel.stderr, /^logjson: --jobs: no spool directory \(ENOENT[^\n]*\); converting one file at a time\n$/)
  t.ok(parallel.stdout === alone.stdout, 'the output of a run without jobs')
})

t.test('ended by SIGTERM or SIGHUP, --jobs leaves no spool behind', async (t) => {
  const dir = t.testdir({ 'a.log': `${XFERLOG}\n`.repeat(100_000), 'b.log': `${EFT}\n`.repeat(100_000), 'c.log': `${XFERLOG}\n`.repeat(100_000) })
  for (const [signal, status] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    const spools = mkdtempSync(join(tmpdir(), 'logjson-test-'))
    const child = spawn(process.execPath, [BIN, '--jobs', '3', 'a.log', 'b.log', 'c.log'], { cwd: dir, env: { ...env, TMPDIR: spools }, stdio: 'ignore' })
    const ended = new Promise<number | null>((resolve) => child.on('exit', (code, name) => resolve(code ?? (name === null ? null : 128 + (name === 'SIGTERM' ? 15 : 1)))))
    // Signalled once a worker has begun its spool.
    const started = Date.now()
    while (readdirSync(spools).every((name) => readdirSync(join(spools, name)).length === 0) && Date.now() - started < 20_000) await sleep(5)
    child.kill(signal)
    t.equal(await ended, status, `${signal}: ended by it`)
    t.same(readdirSync(spools), [], `${signal}: no spool left`)
    rmSync(spools, { recursive: true, force: true })
  }
})

t.test('Ctrl-C under --jobs: the output is what a run without jobs could have written, whole files then part of one', async (t) => {
  const lines = 300_000
  const dir = t.testdir({ 'a.log': `${XFERLOG}\n`.repeat(lines), 'b.log': `${XFERLOG}\n`.repeat(lines), 'c.log': `${XFERLOG}\n`.repeat(lines) })
  const spools = mkdtempSync(join(tmpdir(), 'logjson-test-'))
  t.teardown(() => rmSync(spools, { recursive: true, force: true }))
  const child = spawn(process.execPath, [BIN, '--stats', '--jobs', '3', 'a.log', 'b.log', 'c.log'], { cwd: dir, env: { ...env, TMPDIR: spools }, stdio: ['ignore', 'pipe', 'pipe'] })
  const chunks: Buffer[] = []
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const ended = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  // Interrupted while this thread writes a.log and the workers have begun spooling b.log and c.log.
  const started = Date.now()
  const spooling = (): boolean => readdirSync(spools).some((name) => {
    const sizes = readdirSync(join(spools, name)).map((spool) => { try { return statSync(join(spools, name, spool)).size } catch { return 0 } })
    return sizes.length >= 2 && sizes.every((size) => size > 0)
  })
  while ((chunks.length === 0 || !spooling()) && Date.now() - started < 20_000) await sleep(5)
  child.kill('SIGINT')
  t.equal(await ended, 130)
  const records = Buffer.concat(chunks).toString('utf8').split('\n').slice(0, -1)
    .map((line) => JSON.parse(line) as { log: { file: { path: string } }, logjson: { line: number } })
  t.ok(records.length > 0 && records.length < 3 * lines, `${records.length} records before the stop`)
  // Without jobs the output is a.log's records in order, then b.log's, then c.log's: any output that
  // stops early must be a beginning of that.
  const expected = (index: number): string => `${['a', 'b', 'c'][Math.floor(index / lines)]!}.log ${(index % lines) + 1}`
  const wrong = records.findIndex((record, index) => `${record.log.file.path} ${record.logjson.line}` !== expected(index))
  t.equal(wrong, -1, wrong < 0 ? 'every record in its place' : `record ${wrong} is ${records[wrong]!.log.file.path} line ${records[wrong]!.logjson.line}, not ${expected(wrong)}`)
  const [counts, said] = stderr.split('\n')
  t.match(JSON.parse(counts!), { stats: { lines: records.length, records: records.length } }, 'the counts are of what was written')
  t.equal(said, 'logjson: interrupted; the records read so far were written')
})

// Root opens any file: the unreadable one is made so for an unprivileged user, who then runs the command
// (when this is root, setpriv is there, and that user can reach the command where this checkout is).
const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', '-i', 'TZ=UTC']
const reachable = `for (const f of ${JSON.stringify([BIN, join(BIN, '..', '..', 'dist', 'command.js')])}) require('fs').accessSync(f, require('fs').constants.R_OK)`
const asNobody = process.getuid?.() === 0 && spawnSync('setpriv', [...NOBODY, process.execPath, '-e', reachable]).status === 0
t.test('an unreadable file among the inputs: reported in its place, the others converted, with or without jobs', { skip: asNobody ? false : 'needs root, setpriv, and a checkout an unprivileged user can read' }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'logjson-test-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  chmodSync(dir, 0o755)
  for (const name of ['ok1.log', 'locked.log', 'ok2.log']) writeFileSync(join(dir, name), `${XFERLOG}\n`.repeat(3))
  chmodSync(join(dir, 'locked.log'), 0o000)
  t.ok(existsSync(join(dir, 'locked.log')))
  for (const jobs of [[], ['--jobs', '2']]) {
    // In an empty environment (`env -i`): the test runner adds its hooks to every child's, and they would
    // write where that user may not.
    const result = spawnSync('setpriv', [...NOBODY, process.execPath, BIN, ...jobs, 'ok1.log', 'locked.log', 'ok2.log'], { cwd: dir, env, encoding: 'utf8' })
    t.equal(result.status, 1, `${jobs.join(' ') || 'no jobs'}: status`)
    t.equal(result.stderr, 'logjson: cannot read locked.log: permission denied\n')
    t.equal(result.stdout.split('\n').length - 1, 6, 'both other files converted')
  }
})
