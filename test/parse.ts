import t from 'tap'
import { PassThrough, Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { LineParser, LineBatch, OverlongLine, OVERLONG_START, RecordBatch, createParse, createPipeline, createSplit, createEnrich, createSerialize, parseLine, findDialect, Stats, type LogRecord, type Options } from '../lib/index.js'
import { chunksOf } from './helpers/both-ways.js'
import { assertSchema, collect } from './helpers/records.js'

const GOOD = 'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ o r suporte ftp 0 * c'
const BAD = 'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ x r suporte ftp 0 * c'
const xferlog = findDialect('xferlog')!

function parseAll (parser: LineParser, lines: Array<string | OverlongLine>, first = 1): LogRecord[] {
  const out: LogRecord[] = []
  parser.push(new LineBatch(lines, first, false), (batch) => out.push(...batch.records))
  parser.end((batch) => out.push(...batch.records))
  return out
}

t.test('every line ends as a record, a rejected record, or a counted blank', async (t) => {
  const stats = new Stats()
  const records = parseAll(new LineParser({ tz: 'UTC', stats }), [GOOD, '', '   ', BAD, GOOD], 1)
  assertSchema(t, records)
  t.same(records.map((r) => r.logjson), [{ line: 1 }, { line: 4, unparsed: true }, { line: 5 }])
  t.same(records[1], {
    logjson: { line: 4, unparsed: true },
    error: { type: 'parse', message: 'xferlog: direction "x" is not o, i or d' },
    event: { original: BAD }
  })
  t.same(stats.toJSON(), { lines: 5, records: 0, joined: 0, filtered: 2, blank: 2, rejected: 1, dialects: { xferlog: 2 } })
})

t.test('onError: skip counts the line and writes nothing', async (t) => {
  const stats = new Stats()
  const records = parseAll(new LineParser({ tz: 'UTC', stats, onError: 'skip' }), [BAD, GOOD])
  t.equal(records.length, 1)
  t.equal(stats.rejected, 1)
})

t.test('onError: fail throws a coded error naming the file and line', async (t) => {
  const parser = new LineParser({ tz: 'UTC', onError: 'fail', filePath: '/var/log/xferlog' })
  t.throws(() => parseAll(parser, [GOOD, BAD], 41), { code: 'REJECTED_LINE', line: 42, file: '/var/log/xferlog', message: /\/var\/log\/xferlog, line 42: xferlog: direction/ })
})

t.test('an over-long line is rejected with its start and length', async (t) => {
  const records = parseAll(new LineParser({ tz: 'UTC', maxLine: 10 }), [new OverlongLine('abcdefghij', 5000)])
  t.same(records, [{
    logjson: { line: 1, unparsed: true },
    error: { type: 'parse', message: 'line is 5000 characters long, over the limit of 10; it starts with the text kept here' },
    event: { original: 'abcdefghij' }
  }])
})

t.test('lines no dialect recognises are rejected as such', async (t) => {
  const records = parseAll(new LineParser({ tz: 'UTC' }), ['hello', 'world'])
  t.same(records.map((r) => r.error?.message), ['no dialect recognizes this line', 'no dialect recognizes this line'])
})

t.test('original and filePath reach every record', async (t) => {
  const [record] = parseAll(new LineParser({ tz: 'UTC', original: true, filePath: 'x.log' }), [GOOD])
  t.equal(record!.event?.original, GOOD)
  t.same(record!.log, { file: { path: 'x.log' } })
})

t.test('a parsed batch keeps entries until records are asked for', async (t) => {
  const parser = new LineParser({ tz: 'UTC' })
  const batch = parser.parseBatch(new LineBatch([GOOD, BAD], 1, true, xferlog))
  t.ok(batch instanceof RecordBatch)
  t.equal(batch.length, 2)
  t.ok(batch.entries !== undefined)
  t.equal(batch.records.length, 2)
  t.equal(batch.entries, undefined)
  t.equal(batch.records[0]!.event?.action, undefined, 'not enriched yet')
})

t.test('parseLine parses and enriches one line', async (t) => {
  const options = { tz: 'UTC' }
  const record = parseLine(GOOD, options)!
  assertSchema(t, [record])
  t.equal(record.event?.action, 'download')
  t.equal(record.xferlog && (record.xferlog as Record<string, unknown>).transfer_type, 'binary')
  t.equal(parseLine('', options), undefined)
  t.equal(parseLine('nonsense', options)?.logjson?.unparsed, true)
  t.equal(parseLine(GOOD)?.event?.dataset, 'xferlog')
  t.equal(parseLine(GOOD, options, 12)?.logjson?.line, 12)
  t.throws(() => parseLine(BAD, { onError: 'fail' }), { code: 'REJECTED_LINE' })
  t.equal(parseLine(BAD, { onError: 'skip' }), undefined)
})

t.test('createParse takes line batches, or single lines from any splitter', async (t) => {
  const batches = await collect<RecordBatch>(Readable.from([new LineBatch([GOOD, GOOD], 1, true)]).pipe(createParse({ tz: 'UTC' })))
  t.equal(batches.length, 1)
  t.ok(batches[0] instanceof RecordBatch)
  const records = await collect<LogRecord>(Readable.from([GOOD, 'junk', '', GOOD]).pipe(createParse({ tz: 'UTC' })))
  assertSchema(t, records)
  t.same(records.map((r) => r.logjson), [{ line: 1 }, { line: 2, unparsed: true }, { line: 4 }])
  const stream = createParse()
  const failed = new Promise((resolve) => stream.once('error', resolve))
  stream.write(42)
  t.match(await failed, { code: 'INVALID_CHUNK' })
})

t.test('single lines of records that may go on: the last one still open at the end comes out as a record too', async (t) => {
  const proftpd = [
    '2024-01-05 12:00:00,001 ftp.example.com proftpd[12345] ftp.example.com (client.example.net[203.0.113.9]): FTP session opened.',
    '2024-01-05 12:00:01,234 ftp.example.com proftpd[12345] ftp.example.com (client.example.net[203.0.113.9]): USER alice: Login successful.'
  ]
  const out = await collect<unknown>(Readable.from(proftpd).pipe(createParse({ tz: 'UTC', dialect: 'proftpd' })))
  t.equal(out.length, 2)
  t.notOk(out.some((item) => item instanceof RecordBatch), 'no batch among them')
  t.same((out as LogRecord[]).map((record) => record.event?.action), ['session-opened', 'login'])
})

t.test('createParse reports onError: fail as a stream error', async (t) => {
  const stream = createParse({ onError: 'fail' })
  const failed = new Promise((resolve) => stream.once('error', resolve))
  stream.end(new LineBatch(['junk'], 3, true))
  t.match(await failed, { code: 'REJECTED_LINE', line: 3 })
})

/** The records and counts of `text` through the whole pipeline, its bytes cut into chunks of `size`. */
async function piped (text: string, options: Options, size: number): Promise<{ records: LogRecord[], stats: Stats }> {
  const stats = new Stats()
  const pipeline = createPipeline({ ...options, stats })
  const out: Buffer[] = []
  pipeline.on('data', (chunk: Buffer) => out.push(chunk))
  const done = new Promise((resolve, reject) => { pipeline.on('end', resolve); pipeline.on('error', reject) })
  for (const chunk of chunksOf(text, [size])) pipeline.write(chunk)
  pipeline.end()
  await done
  return { records: Buffer.concat(out).toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as LogRecord), stats }
}

t.test('a record of lines longer than maxLine in all is rejected with its start, its lines counted', async (t) => {
  const records = [
    ['transfer-cft', '19/03/26 10:43:08 CFTT57I+ Server transfer started <IDTU=A0000001 PART=USER1>', (i: number) => `+ IDTU=A${String(i).padStart(7, '0')} PART=USER1`, '19/03/26 10:43:09 CFTT58I Server transfer ended'],
    ['proftpd', '2024-01-05 12:00:01,234 host proftpd[1]: mod_tls/2.9: handshake failed:', (i: number) => `  error:${String(i).padStart(8, '0')}:SSL routines`, '2024-01-05 12:00:02,000 host proftpd[1] v (gw[203.0.113.9]): FTP session opened.']
  ] as const
  for (const [dialect, head, continuation, next] of records) {
    const lines = [head, ...Array.from({ length: 300 }, (_, i) => continuation(i)), next]
    const text = lines.join('\n') + '\n'
    const length = lines.slice(0, -1).join('\n').length
    const expected = `record of 301 lines is ${length} characters long, over the limit of 2000; it starts with the text kept here`
    // In one chunk, and in chunks that cut the record across many batches.
    for (const size of [1 << 16, 97, 5000]) {
      const { records: out, stats } = await piped(text, { dialect, maxLine: 2000, tz: 'UTC' }, size)
      t.equal(out.length, 2, `${dialect}, chunks of ${size}`)
      t.equal(out[0]!.error?.message, expected)
      t.equal(out[0]!.event?.original, lines.slice(0, -1).join('\n').slice(0, OVERLONG_START))
      t.equal(out[1]!.logjson?.line, 302)
      t.same([stats.lines, stats.records, stats.joined, stats.rejected], [302, 1, 300, 1])
      t.ok(stats.balanced(), "lines = records + joined + filtered + rejected")
    }
    // Within the limit, the same record is read.
    const { records: whole } = await piped(text, { dialect, tz: 'UTC' }, 97)
    t.equal(whole.length, 2)
    t.equal(whole[0]!.error, undefined)
  }
})

t.test('parseLine after a failure starts afresh: nothing of the failed record opens the next one', async (t) => {
  const options: Options = { dialect: 'transfer-cft', onError: 'fail', tz: 'UTC', original: true }
  t.throws(() => parseLine('99/99/99 10:43:08 CFTT57I impossible date\nFrom . . . : CFT 04/02/15 17:12:46', options), { code: 'REJECTED_LINE' })
  const line = '00 19/03/26 10:43:08 CFTY51I SSH server session established CTX=33000 PROT=SFTP'
  const record = parseLine(line, options, 10)
  t.equal(record?.event?.original, line)
  t.same(record?.logjson, { line: 10 })
})

t.test('parseLine takes a line with its line break as the line without it', async (t) => {
  const bare = parseLine(GOOD, { tz: 'UTC' })
  for (const end of ['\n', '\r\n', '\r']) t.same(parseLine(GOOD + end, { tz: 'UTC' }), bare, JSON.stringify(end))
  t.equal(parseLine('\n', { tz: 'UTC' }), undefined, 'a line break alone is a blank line')
  t.throws(() => parseLine(42 as unknown as string), { code: 'INVALID_CHUNK' })
})

t.test('onError: fail on a record of a dialect whose records span lines: the counts stop at that record', async (t) => {
  // Per case: the lines, and how many of them the failing record ends on (the lines after it are not read
  // into anything: neither counted as read, nor as records, joined, filtered or rejected).
  const CFT_GOOD = '00 19/03/26 10:43:08 CFTY51I SSH server session established CTX=33000 PROT=SFTP'
  const CFT_BAD = '99/99/99 10:43:08 CFTT57I impossible date'
  const FROM = 'From . . . : CFT 04/02/15 17:12:46'
  const PRO_GOOD = 'Jan  5 12:00:00 host proftpd[1234]: host (client[192.0.2.1]) - USER alice: Login successful.'
  const PRO_BAD = 'Jan 45 12:00:00 host proftpd[1234]: host (client[192.0.2.1]) - USER alice: Login successful.'
  const cases: Array<{ name: string, dialect: string, lines: Array<string | OverlongLine>, through: number }> = [
    { name: 'the last record', dialect: 'transfer-cft', lines: [CFT_GOOD, CFT_BAD], through: 2 },
    { name: 'a record closed by the next one', dialect: 'transfer-cft', lines: [CFT_BAD, CFT_GOOD, CFT_GOOD], through: 1 },
    { name: 'a record followed by the prefix line of the next', dialect: 'transfer-cft', lines: [CFT_GOOD, CFT_BAD, FROM], through: 2 },
    { name: 'prefix lines, then a record, then prefix lines', dialect: 'transfer-cft', lines: [FROM, CFT_BAD, FROM, FROM, CFT_GOOD], through: 2 },
    { name: 'a record of two lines', dialect: 'proftpd', lines: [PRO_GOOD, PRO_BAD, '  continued', PRO_GOOD], through: 3 },
    { name: 'an over-long line', dialect: 'proftpd', lines: [PRO_GOOD, new OverlongLine('x'.repeat(OVERLONG_START), 5_000_000), PRO_GOOD], through: 2 }
  ]
  for (const { name, dialect, lines, through } of cases) {
    // All lines in one batch, and one batch per line (records then close in a later batch than they open).
    for (const size of [lines.length, 1]) {
      const stats = new Stats()
      const parser = new LineParser({ dialect, tz: 'UTC', onError: 'fail', stats })
      try {
        for (let i = 0; i < lines.length; i += size) parser.push(new LineBatch(lines.slice(i, i + size), 1 + i, false), () => {})
        // A record failing at the end is reported through `failure` (the stream adapter raises it).
        parser.end(() => {})
      } catch {}
      t.equal(parser.failure?.code, 'REJECTED_LINE', `${dialect}, ${name}, batches of ${size}`)
      const parsed = Object.values(stats.dialects).reduce((sum, count) => sum + count, 0)
      t.equal(stats.rejected, 1, `${name}, batches of ${size}: one rejected record`)
      t.equal(stats.lines, through, `${name}, batches of ${size}: lines read up to the failing record's last`)
      t.equal(stats.lines, parsed + stats.joined + stats.filtered + stats.rejected, `${name}, batches of ${size}: the counts add up`)
    }
  }
  const stats = new Stats()
  t.throws(() => parseLine(`${CFT_BAD}\n${FROM}`, { dialect: 'transfer-cft', onError: 'fail', stats }), { code: 'REJECTED_LINE' })
  t.same([stats.lines, stats.rejected], [1, 1], 'parseLine: the line of the failing record, not the prefix after it')
})

t.test('lines given one by one: over maxLine rejected as the splitter would, line breaks dropped as parseLine drops them', async (t) => {
  const long = `${GOOD} ${'x'.repeat(200)}`
  const overlong = { error: { message: `line is ${long.length} characters long, over the limit of 120; it starts with the text kept here` }, logjson: { line: 1, unparsed: true } }
  t.match(parseLine(long, { maxLine: 120 }), overlong, 'parseLine')
  const [streamed] = await collect<LogRecord>(Readable.from([long]).pipe(createParse({ maxLine: 120 })))
  t.match(streamed, overlong, 'createParse given strings')
  t.same(parseLine(GOOD, { maxLine: 120, tz: 'UTC' }), parseLine(GOOD, { tz: 'UTC' }), 'a line within the limit is read as ever')
  const ended = await collect<LogRecord>(Readable.from([`${GOOD}\r`, `${GOOD}\r\n`, `${GOOD}\n`]).pipe(createParse({ tz: 'UTC' })))
  const bare = parseLine(GOOD, { tz: 'UTC' })
  t.same(ended.map((record) => record.error), [undefined, undefined, undefined], 'each read')
  t.same(ended[0]!['@timestamp'], bare!['@timestamp'])
})

t.test('parseLine reads each line on its own, with the options as they are at the call', async (t) => {
  const at = (time: string): string => GOOD.replace('Thu Sep  2 09:52:00 2004', `Sun Oct 27 ${time} 2024`)
  const options: Options = { tz: 'Europe/Paris' }
  const first = parseLine(at('02:30:00'), options)!['@timestamp']
  parseLine(at('02:50:00'), options)
  t.equal(parseLine(at('02:30:00'), options)!['@timestamp'], first, 'the repeated hour read the same, whatever came before')
  t.equal(first, '2024-10-27T00:30:00.000Z')
  options.tz = 'UTC'
  t.equal(parseLine(at('02:30:00'), options)!['@timestamp'], '2024-10-27T02:30:00.000Z', 'a changed option is used')
  const stats = new Stats()
  options.stats = stats
  parseLine(GOOD, options)
  t.equal(stats.lines, 1, 'and a stats given later counts')
})

t.test('createParse with onError fail raises the error once the records before it are out, with no next line', async (t) => {
  const input = new PassThrough()
  const parse = input.pipe(createSplit()).pipe(createParse({ dialect: 'xferlog', onError: 'fail' }))
  let records = 0
  parse.on('data', (batch: RecordBatch) => { records += batch.length })
  const failed = new Promise<unknown>((resolve) => parse.on('error', resolve))
  // The input stays open: nothing more comes after the rejected line.
  input.write(`${GOOD}\n${GOOD}\nnot a line\n`)
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('no error yet'), 5_000).unref())
  t.match(await Promise.race([failed, timeout]), { code: 'REJECTED_LINE', line: 3 })
  t.equal(records, 2)
  input.destroy()
})

t.test('createParse given strings under stopAtRejected passes the rejected record on', async (t) => {
  let stoppedBy: Error | undefined
  let text = ''
  await pipeline(Readable.from([GOOD, 'garbage', GOOD]), createParse({ dialect: 'xferlog', tz: 'UTC' }, { stopAtRejected: true }), createEnrich(),
    createSerialize({ stopAtRejected: true, onStop: (err) => { stoppedBy = err } }), new Writable({ write (chunk: Buffer, _e, cb) { text += chunk.toString(); cb() } }))
  t.match(stoppedBy, { code: 'REJECTED_LINE', line: 2 })
  t.equal(text.split('\n').length - 1, 1)
})

t.test('createParse with onError fail: a slow reader takes every record before the error', async (t) => {
  const source = new Readable({ objectMode: true, read () {} })
  for (let i = 0; i < 5; i++) source.push(GOOD)
  source.push('garbage')
  const parse = source.pipe(createParse({ dialect: 'xferlog', onError: 'fail' }))
  let taken = 0
  parse.pipe(new Writable({ objectMode: true, highWaterMark: 1, write (_record, _e, cb) { taken++; setTimeout(cb, 20) } }))
  const failure = await new Promise((resolve) => parse.on('error', resolve))
  t.match(failure, { code: 'REJECTED_LINE', line: 6 })
  t.equal(taken, 5)
  source.destroy()
})
