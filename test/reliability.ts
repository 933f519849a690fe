import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { main, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK } from '../lib/cli.js'
import { originalBytes, validateRecord } from '../lib/index.js'
import { projectRoot } from './helpers/records.js'
import { BIN, capture, shellEnv } from './helpers/command.js'

// The named cases of broken and hostile input, through the real command (or its `main` in this process
// where a stream has to fail on cue), and the ways a run can be stopped.

const GOOD = 'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ o r suporte ftp 0 * c'
const env = shellEnv

interface Run { status: number | null, stderr: string, records: Array<Record<string, any>>, stats: Record<string, any> | undefined }

/** Runs the command on bytes; every stdout line must be a record that fits the schema. */
function run (args: string[], input: Buffer | string = '', cwd = projectRoot): Run {
  const result = spawnSync(process.execPath, [BIN, '--stats', ...args], { input, cwd, env, maxBuffer: 256 * 1024 * 1024 })
  const records = result.stdout.toString('utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, any>)
  for (const record of records) {
    const problems = validateRecord(record)
    if (problems.length > 0) throw new Error(`schema: ${problems.join('; ')}`)
  }
  const stderr = result.stderr.toString('utf8')
  const statsLine = stderr.split('\n').find((line) => line.startsWith('{"stats"'))
  const stats = statsLine === undefined ? undefined : (JSON.parse(statsLine) as { stats: Record<string, any> }).stats
  return { status: result.status, stderr, records, stats }
}

const balanced = (stats: Record<string, any> | undefined): boolean =>
  stats !== undefined && stats.lines === stats.records + stats.joined + stats.filtered + stats.rejected

t.test('invalid UTF-8: the bytes come back exactly from event.original', async (t) => {
  const [before, after] = GOOD.split('file1')
  const line = Buffer.concat([Buffer.from(before + 'caf'), Buffer.from([0xe9, 0xff, 0xc3]), Buffer.from(after!)])
  const rejected = Buffer.from([0xfe, 0x20, 0x80, 0x61, 0xed, 0xa0, 0x80])
  const result = run(['--original'], Buffer.concat([line, Buffer.from('\n'), rejected, Buffer.from('\n')]))
  t.equal(result.status, EXIT_OK)
  const [parsed, unparsed] = result.records
  t.ok(originalBytes(parsed!.event.original).equals(line), 'a parsed line keeps its bytes')
  t.equal(parsed!.user.name, 'suporte', 'and is still read')
  t.equal(parsed!.file.path, '/home/test/caf\udce9\udcff\udcc3.tgz', 'its fields carry the escaped bytes too')
  t.equal(unparsed!.logjson.unparsed, true)
  t.ok(originalBytes(unparsed!.event.original).equals(rejected), 'a rejected line keeps its bytes')
  t.ok(balanced(result.stats))
})

t.test('NUL bytes are escaped, not cut at', async (t) => {
  const result = run(['--original'], `${GOOD.replace('file1', 'fi\u0000le1')}\n\u0000\u0000\u0000\n`)
  t.equal(result.records[0]!.file.path, '/home/test/fi\u0000le1.tgz')
  t.equal(result.records[1]!.event.original, '\u0000\u0000\u0000')
  t.ok(balanced(result.stats))
})

t.test('a 10 MiB line without a newline: one rejected record with its start, memory bounded', async (t) => {
  const line = 'Thu Sep  2 09:52:00 2004 ' + 'x'.repeat(10 * 1024 * 1024)
  const result = run([], `${GOOD}\n${line}`)
  t.equal(result.status, EXIT_OK)
  t.equal(result.records.length, 2)
  const [, long] = result.records
  t.equal(long!.logjson.line, 2)
  t.equal(long!.logjson.unparsed, true)
  t.match(long!.error.message, /over the limit/)
  t.equal(long!.event.original, line.slice(0, 1024), 'the first KiB of the line')
  t.same(result.stats, { lines: 2, records: 1, joined: 0, filtered: 0, blank: 0, rejected: 1, dialects: { xferlog: 1 } })
})

t.test('CR-only and mixed line ends', async (t) => {
  t.equal(run([], `${GOOD}\r${GOOD}\r${GOOD}`).records.length, 3, 'CR only')
  const mixed = run([], `${GOOD}\n${GOOD}\r\n${GOOD}\r${GOOD}`)
  t.same(mixed.records.map((r) => [r.logjson.line, r.event.action]), [[1, 'download'], [2, 'download'], [3, 'download'], [4, 'download']])
})

t.test('a byte order mark at the start', async (t) => {
  const result = run([], Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${GOOD}\n`)]))
  t.equal(result.records[0]!.event.dataset, 'xferlog')
})

t.test('empty input: no output, exit 0, zero counts', async (t) => {
  const result = run([], '')
  t.equal(result.status, EXIT_OK)
  t.same(result.records, [])
  t.same(result.stats, { lines: 0, records: 0, joined: 0, filtered: 0, blank: 0, rejected: 0, dialects: {} })
})

t.test('a binary file: every line rejected with its bytes recoverable, counts balanced', async (t) => {
  let seed = 99
  const bytes = Buffer.from(Array.from({ length: 256 * 1024 }, () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed >>> 24 }))
  const dir = t.testdir({})
  writeFileSync(join(dir, 'blob.bin'), bytes)
  const result = run(['--on-error', 'emit', 'blob.bin'], '', dir)
  t.equal(result.status, EXIT_OK)
  t.ok(balanced(result.stats))
  t.ok(result.records.length > 100 && result.records.every((r) => r.logjson.unparsed === true), 'rejected records')
  // Rebuilt from the records, the lines give back the file (line ends apart, and the blank lines skipped).
  const rebuilt = Buffer.concat(result.records.map((r) => originalBytes(r.event.original)))
  const nonBlank = Buffer.concat(bytes.toString('latin1').split(/\r\n|\r|\n/).filter((l) => !/^[ \t\r]*$/.test(l)).map((l) => Buffer.from(l, 'latin1')))
  t.ok(rebuilt.equals(nonBlank), 'every byte of every line is in its record')
})

t.test('a truncated gzip file: an error naming it, exit 1, the lines before it kept', async (t) => {
  const lines = Array.from({ length: 50_000 }, (_, i) => GOOD.replace('896242', String(i)))
  const whole = gzipSync(lines.join('\n') + '\n')
  const dir = t.testdir({})
  writeFileSync(join(dir, 'cut.log.gz'), whole.subarray(0, Math.floor(whole.length * 0.6)))
  writeFileSync(join(dir, 'after.log'), `${GOOD}\n`)
  const result = run(['cut.log.gz', 'after.log'], '', dir)
  t.equal(result.status, EXIT_FAILED)
  t.match(result.stderr, /^logjson: cut\.log\.gz: unexpected end of file$/m)
  const fromCut = result.records.filter((r) => r.log.file.path === 'cut.log.gz')
  const whole_ = fromCut.filter((r) => r.logjson.unparsed !== true)
  t.ok(whole_.length > 10_000, `${whole_.length} lines read before the cut`)
  t.same(whole_.map((r) => r.file.size), whole_.map((_, i) => i), 'every line before the cut, in order')
  t.ok(fromCut.length - whole_.length <= 1, 'at most the one line cut in the middle is rejected')
  t.equal(result.records.at(-1)!.log.file.path, 'after.log', 'the next file is still converted')
  t.ok(balanced(result.stats))
})


t.test('a read error part-way: the records before it are written, then the error, exit 1', async (t) => {
  const stdout = capture()
  const stderr = capture()
  let sent = 0
  // Standard input that gives 3,000 lines in small pieces and then fails as a disk would.
  const stdin = new Readable({
    read () {
      if (sent === 30) {
        this.destroy(Object.assign(new Error('i/o error'), { code: 'EIO' }))
        return
      }
      this.push(`${GOOD}\n`.repeat(100))
      sent++
    }
  })
  const status = await main(['--tz', 'UTC', '--stats'], { stdin, stdout: stdout.stream, stderr: stderr.stream })
  t.equal(status, EXIT_FAILED)
  t.match(stderr.text(), /^logjson: standard input: i\/o error$/m)
  const records = stdout.text().split('\n').filter((line) => line !== '')
  t.equal(records.length, 3000, 'every line read before the failure')
  t.equal((JSON.parse(stderr.text().split('\n').find((line) => line.startsWith('{'))!) as { stats: { lines: number } }).stats.lines, 3000)
})

t.test('Ctrl-C: stops cleanly, the output ends with a whole record, exit 130', async (t) => {
  const dir = t.testdir({})
  const big = join(dir, 'big.log')
  writeFileSync(big, (GOOD + '\n').repeat(400_000))
  const child = spawn(process.execPath, [BIN, big], { stdio: ['ignore', 'pipe', 'pipe'], env })
  const chunks: Buffer[] = []
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  child.stdout.on('data', (chunk: Buffer) => {
    if (chunks.length === 0) child.kill('SIGINT')
    chunks.push(chunk)
  })
  const status = await new Promise((resolve) => child.on('close', (code) => resolve(code)))
  t.equal(status, EXIT_INTERRUPTED)
  t.match(stderr, /interrupted/)
  const output = Buffer.concat(chunks).toString('utf8')
  t.ok(output.endsWith('\n'), 'no half record at the end')
  const lines = output.split('\n').slice(0, -1)
  t.ok(lines.length > 0 && lines.length < 400_000, `${lines.length} records before the stop`)
  t.ok(lines.every((line) => (JSON.parse(line) as { user: { name: string } }).user.name === 'suporte'), 'every line a whole record')
})

t.test('--on-error fail on a followed input: the command ends at the rejected line, not at the end of the input', async (t) => {
  // Standard input stays open, as `tail -f log | logjson --on-error fail` keeps it.
  const child = spawn(process.execPath, [BIN, '--on-error', 'fail', '--dialect', 'xferlog'], { stdio: ['pipe', 'pipe', 'pipe'], env })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  child.stdin.write(`${GOOD}\nnot a log line\n`)
  const ended = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const timeout = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000).unref())
  const status = await Promise.race([ended, timeout])
  child.stdin.destroy()
  if (status === 'still running') child.kill()
  t.equal(status, EXIT_FAILED, 'ended with its input still open')
  t.match(stderr, /^logjson: standard input, line 2: /)
  t.equal(stdout.split('\n').length - 1, 1, 'the record before it written')
})

t.test('--on-error fail names the file and line of the first rejected line', async (t) => {
  const dir = t.testdir({ 'mixed.log': `${GOOD}\n${GOOD}\nnot a log line\n${GOOD}\n` })
  const result = run(['--on-error', 'fail', 'mixed.log'], '', dir)
  t.equal(result.status, EXIT_FAILED)
  t.match(result.stderr, /^logjson: mixed\.log, line 3: /)
  t.equal(result.records.length, 2)
})

