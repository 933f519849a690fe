import t, { type Test } from 'tap'
import fc from 'fast-check'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { LineBatch } from '../lib/batch.js'
import { LineSplitter } from '../lib/split.js'
import { LineParser } from '../lib/parse.js'
import { serializeBatchToBuffer } from '../lib/serialize.js'
import { Stats } from '../lib/stats.js'
import { xferlog } from '../lib/dialects/xferlog.js'
import { createPipeline, parseLine, type Options } from '../lib/index.js'
import { mutate, mutationKinds, projectRoot, seedLines, vocabulary, type Mutation } from '../scripts/mutate.js'
import { shellEnv } from './helpers/command.js'

// The byte reader and writer (xferlog-bytes.ts) must give what the text parser and the layout's writer
// give, byte for byte, on every line it accepts, and leave the others to the text parser. Each input here
// goes through both: once with the bytes the splitter keeps, once as the same lines without them.

interface BothWays {
  packed: string
  plain: string
  /** Lines the byte reader took. */
  taken: number
  recordsPacked: string
  recordsPlain: string
  statsPacked: unknown
  statsPlain: unknown
}

/** Cuts `text` into chunks at the given sizes (cycled), as a file read in pieces would be. */
function chunksOf (text: string, sizes: readonly number[]): Buffer[] {
  const bytes = Buffer.from(text, 'utf8')
  const chunks: Buffer[] = []
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]!)
    chunks.push(bytes.subarray(at, at + size))
    at += size
  }
  return chunks
}

function bothWays (text: string, options: Options = {}, sizes: readonly number[] = [1 << 16]): BothWays {
  const statsPacked = new Stats()
  const statsPlain = new Stats()
  const packedParser = new LineParser({ tz: 'UTC', ...options, dialect: 'xferlog', stats: statsPacked })
  const plainParser = new LineParser({ tz: 'UTC', ...options, dialect: 'xferlog', stats: statsPlain })
  const splitter = new LineSplitter()
  const batches: LineBatch[] = []
  for (const chunk of chunksOf(text, sizes)) {
    const batch = splitter.push(chunk)
    if (batch !== undefined) batches.push(batch)
  }
  const last = splitter.end()
  if (last !== undefined) batches.push(last)
  let packed = ''
  let plain = ''
  let taken = 0
  let recordsPacked = ''
  let recordsPlain = ''
  for (const batch of batches) {
    const withBytes = packedParser.parseBatch(batch.tagged(xferlog))
    const withoutBytes = plainParser.parseBatch(new LineBatch(batch.lines, batch.firstLine, batch.clean, xferlog, batch.ascii, true))
    withBytes.enriched = true
    withoutBytes.enriched = true
    taken += withBytes.packed?.records.count ?? 0
    packed += serializeBatchToBuffer(withBytes).toString('latin1')
    plain += serializeBatchToBuffer(withoutBytes).toString('latin1')
    // The records made from packed lines are the text parser's records.
    recordsPacked += JSON.stringify(withBytes.records)
    recordsPlain += JSON.stringify(withoutBytes.records)
  }
  return { packed, plain, taken, recordsPacked, recordsPlain, statsPacked: statsPacked.toJSON(), statsPlain: statsPlain.toJSON() }
}

function same (t: Test, result: BothWays, what: string): void {
  t.equal(result.packed, result.plain, `${what}: the same JSON either way`)
  t.equal(result.recordsPacked, result.recordsPlain, `${what}: the same records either way`)
  t.same(result.statsPacked, result.statsPlain, `${what}: the same counts either way`)
}

const fixtureDir = join(projectRoot, 'test', 'fixtures', 'xferlog')
const corpusDir = join(projectRoot, '..', 'shared', 'corpus', 'xferlog')
const optionSets: Array<[string, Options]> = [
  ['UTC', {}],
  ['Europe/Paris, original, file name', { tz: 'Europe/Paris', original: true, filePath: 'logs/xferlog' }],
  ['America/New_York, a file name JSON must escape', { tz: 'America/New_York', filePath: 'odd "name"\\x.log' }],
  ['placeholder file name', { filePath: '-' }]
]

t.test('every fixture and corpus file reads the same from bytes as from text', async (t) => {
  const files = readdirSync(fixtureDir).filter((name) => name.endsWith('.log')).map((name) => join(fixtureDir, name))
  if (existsSync(corpusDir)) for (const name of readdirSync(corpusDir)) if (name.endsWith('.log')) files.push(join(corpusDir, name))
  let taken = 0
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    for (const [label, options] of optionSets) {
      const result = bothWays(text, options)
      taken += result.taken
      same(t, result, `${file.slice(projectRoot.length + 1)}, ${label}`)
    }
  }
  t.ok(taken > 40, `the byte reader took ${taken} lines of them`)
})

t.test('generated lines, cut into chunks of many sizes', async (t) => {
  const generated = spawnSync(process.execPath, [join(projectRoot, 'benchmarks', 'generate-xferlog.js'), '3000'], { encoding: 'utf8', env: shellEnv })
  t.equal(generated.status, 0, 'the generator ran')
  t.equal(generated.stdout.split('\n').length, 3001, 'it wrote 3000 lines')
  const text = generated.stdout
  // Lines cut by a chunk boundary are left to the text parser, so small chunks leave it more of them.
  for (const [sizes, least] of [[[1 << 16], 2990], [[4096, 333, 17], 1000], [[1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144], 100]] as const) {
    const result = bothWays(text, { tz: 'Europe/Paris', original: true }, sizes)
    same(t, result, `chunks of ${sizes.join(', ')}`)
    t.ok(result.taken > least, `the byte reader took ${result.taken} of 3000 lines`)
  }
})

// Lines at the edges of what the reader takes: each must come out as the text parser reads it, whether the
// byte reader takes it or declines it.
const edgeLines = [
  'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ o r suporte ftp 0 * c',
  'Thu Sep 2 09:52:00 2004 50 192.168.20.10 896242 /a b _ o r u ftp 0 * c',
  'Thu Sep 02 09:52:00 2004 0050 host 000123 /a b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 1 /with  two   spaces   b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 1 b _ o r u ftp 0 * c b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 1 /old-style b _ o r u ftp 0 *',
  'Thu Sep 12 09:52:00 2004 1 host 1 /sco b _ i r u ftp 0 * 0',
  'Thu Sep 12 09:52:00 2004 1 host 1 /sco b _ i r u ftp 0 * 1',
  'Thu Sep 12 09:52:00 2004 1 host 1 /status-like-user b _ i r u ftp 0 c',
  'Thu Sep 12 09:52:00 2004 1 - 1 /no-host b _ o r - ftp 0 - c',
  'Thu Sep 12 09:52:00 2004 1 host 1 /flags b CUT o r u ftp 1 ident c',
  'Thu Sep 12 09:52:00 2004 1 host 1 /flags b TTCC o g u FTP 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 1 /upper-service b _ o a u SFTP 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 1 /dash-service b _ o r u - 0 * c',
  'Thu Sep 12 09:52:00 2004 9007199 host 1 /longest-time b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 9007200 host 1 /too-long-time b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 999999999999999 /fifteen-digits b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 9999999999999999 /sixteen-digits b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 99999999999999999999 /twenty-digits b _ o r u ftp 0 * c',
  'Thu Feb 30 09:52:00 2004 1 host 1 /no-such-day b _ o r u ftp 0 * c',
  'Thu Sep 12 23:59:60 2004 1 host 1 /leap-second b _ o r u ftp 0 * c',
  'Thu Sep 12 24:00:00 2004 1 host 1 /hour-24 b _ o r u ftp 0 * c',
  'Sun Mar 28 02:30:00 2021 1 host 1 /skipped-hour b _ o r u ftp 0 * c',
  'Sun Oct 31 02:30:00 2021 1 host 1 /repeated-hour b _ o r u ftp 0 * c',
  'Sun Oct 31 02:10:00 2021 1 host 1 /repeated-hour-again b _ o r u ftp 0 * c',
  'Fri Dec 31 23:59:59 9999 1 host 1 /last-second b _ o r u ftp 0 * c',
  'Sat Jan 01 00:00:00 0000 1 host 1 /year-zero b _ o r u ftp 0 * c',
  'Thu Jan 01 00:00:00 1970 1 host 1 /epoch b _ o r u ftp 0 * c',
  'Wed Dec 31 23:59:59 1969 1 host 1 /before-epoch b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 1 /trailing b _ o r u ftp 0 * c    ',
  'Thu Sep 12 09:52:00 2004 1 2001:db8::1 1 /v6 b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 ::ffff:10.0.0.1 1 /mapped b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 300.1.1.1 1 /not-an-address b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 1 / b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 1 b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 1 /x y _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 1 /x b _ x r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 1 /x b _ o r u ftp 2 * c',
  'Thu Sep 12 09:52:00 2004 1 host 1 /x b _ o r u ftp 0 * x',
  'Thu Sep 12 09:52:00 2004 1 host 1 /x b __ o r u ftp 0 * c',
  'thu sep 12 09:52:00 2004 1 host 1 /lower-month b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004 1 host 1 /x&y<z>!#$%\'()+,;=@[]^`{|}~ b _ o r u ftp 0 * c',
  'Thu Sep 12 09:52:00 2004  1  host  1  /runs-between-fields  b  _  o  r  u  ftp  0  *  c',
  '',
  '   ',
  'Thu Sep 12 09:52:00 2004 1 host 1 /x b _ o r u ftp 0 *'.repeat(3),
  'no xferlog line at all'
]

t.test('lines at the edges read the same from bytes as from text', async (t) => {
  for (const [label, options] of optionSets) {
    const result = bothWays(edgeLines.join('\n') + '\n', options)
    same(t, result, label)
    t.ok(result.taken > 20, `the byte reader took ${result.taken} of the edge lines`)
  }
  // One at a time too, so that no line's fate hides behind its neighbours'.
  for (const line of edgeLines) same(t, bothWays(line + '\r\n', { tz: 'Europe/Paris' }), JSON.stringify(line))
})

t.test('mutated lines read the same from bytes as from text', async (t) => {
  const seeds = seedLines('xferlog').filter((line) => /^[\x20-\x7e]*$/.test(line))
  const mutation: fc.Arbitrary<Mutation> = fc.record({
    kind: fc.constantFrom(...mutationKinds),
    at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    length: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    // Printable ASCII pieces: other characters keep a chunk off the byte path.
    piece: fc.oneof(fc.constantFrom(...vocabulary.filter((word) => /^[\x20-\x7e]*$/.test(word))), fc.string({ unit: fc.constantFrom(...' 0123456789abcdoirgCUT_*-:.'), maxLength: 8 }))
  })
  const line = fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([seed, mutations]) => mutations.reduce(mutate, seed))
  let taken = 0
  fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (lines) => {
    const result = bothWays(lines.join('\n') + '\n', { tz: 'Europe/Paris', original: true })
    taken += result.taken
    return result.packed === result.plain && result.recordsPacked === result.recordsPlain && JSON.stringify(result.statsPacked) === JSON.stringify(result.statsPlain)
  }), { numRuns: 300 })
  // Most mutations break the line (the text parser rejects it); enough survive to exercise the reader.
  t.ok(taken > 50, `the byte reader took ${taken} mutated lines`)
})

t.test('the pipeline writes what parseLine makes of each line', async (t) => {
  const text = edgeLines.join('\n') + '\n' + readFileSync(join(fixtureDir, 'variants.log'), 'utf8')
  const options: Options = { dialect: 'xferlog', tz: 'Europe/Paris' }
  const lineOptions: Options = { ...options }
  const expected = text.split('\n').slice(0, -1).map((line, index) => parseLine(line, lineOptions, index + 1))
    .filter((record) => record !== undefined).map((record) => JSON.stringify(record) + '\n').join('')
  for (const sizes of [[1 << 16], [7, 100, 1000]]) {
    const pipeline = createPipeline(options)
    const out: Buffer[] = []
    pipeline.on('data', (chunk: Buffer) => out.push(chunk))
    const done = new Promise((resolve, reject) => { pipeline.on('end', resolve); pipeline.on('error', reject) })
    for (const chunk of chunksOf(text, sizes)) pipeline.write(chunk)
    pipeline.end()
    await done
    t.equal(Buffer.concat(out).toString('utf8'), expected, `chunks of ${sizes.join(', ')}`)
  }
})

t.test('a line the byte reader declines is read by the text parser once, so a repeated hour stays in order', async (t) => {
  // 1969 is left to the text parser before the zone clock sees the line.
  const repeated = 'Sun Oct 26 01:30:30 1969 1 host 1 /x b _ o r u ftp 0 * c\nSun Nov  5 01:30:30 2023 1 host 1 /x b _ o r u ftp 0 * c\n'
  same(t, bothWays(repeated, { tz: 'America/New_York' }), 'repeated hours of 1969 and 2023')
  const services = Array.from({ length: 70 }, (_, i) => `Sun Nov  5 01:${String(10 + (i % 40)).padStart(2, '0')}:30 2023 1 host 1 /x b _ o r u svc${i} 0 * c`).join('\n')
  same(t, bothWays(services + '\n' + repeated, { tz: 'America/New_York' }), 'many services, then a repeated hour')
})

t.test('a long rejected line before long packed lines does not overrun the output buffer', async (t) => {
  const long = (i: number): string => `Thu Sep 12 09:52:00 2004 1 host 1 /${'p'.repeat(1000)}${i} b _ o r u ftp 0 * c`
  const text = 'x'.repeat(30_000) + '\n' + Array.from({ length: 20 }, (_, i) => long(i)).join('\n') + '\n' +
    'Thu Sep 12 09:52:00 2004 1 host 99999999999999999 /' + 'q'.repeat(3000) + ' b _ o r u ftp 0 * c\n' + long(99) + '\n'
  const result = bothWays(text)
  same(t, result, 'long lines')
  t.equal(result.taken, 21, 'the valid lines with short byte counts were read from bytes')
})

t.test('line numbers past 2³¹ are written whole', async (t) => {
  const splitter = new LineSplitter()
  const batch = splitter.push(Buffer.from('Thu Sep 12 09:52:00 2004 1 host 1 /x b _ o r u ftp 0 * c\n'))!
  const first = 2 ** 31 + 5
  const packedParser = new LineParser({ tz: 'UTC', dialect: 'xferlog' })
  const withBytes = packedParser.parseBatch(new LineBatch(batch.lines, first, batch.clean, xferlog, batch.ascii, true, batch.bytes))
  withBytes.enriched = true
  t.equal(withBytes.packed?.records.count, 1, 'read from bytes')
  const json = serializeBatchToBuffer(withBytes).toString('latin1')
  t.match(json, `"logjson":{"line":${first}}`)
  t.equal(withBytes.records[0]?.logjson?.line, first, 'and as a record')
})

t.test('what the reader remembers does not change when the caller reuses its buffer', async (t) => {
  const parser = new LineParser({ tz: 'UTC', dialect: 'xferlog' })
  const convert = (bytes: Buffer): string => {
    const batch = new LineSplitter().push(bytes)!
    const records = parser.parseBatch(batch.tagged(xferlog))
    records.enriched = true
    t.equal(records.packed?.records.count, 1, 'read from bytes')
    return serializeBatchToBuffer(records).toString('latin1')
  }
  const reused = Buffer.from('Thu Sep 12 09:52:00 2004 1 reused.example 1 /x b _ o r u qqq 0 * c\n')
  t.match(convert(reused), '"protocol":"qqq"')
  // The same bytes overwritten with another service and host, then a fresh line with those.
  reused.write('zzz', reused.indexOf('qqq'), 'latin1')
  reused.write('192.0.2.99xxx', reused.indexOf('reused.example'), 'latin1')
  const fresh = convert(Buffer.from('Thu Sep 12 09:52:00 2004 1 reused.example 1 /x b _ o r u zzz 0 * c\n'))
  t.match(fresh, '"protocol":"zzz"')
  t.match(fresh, '"source":{"domain":"reused.example"}')
})

t.test('thousands of distinct transfer times', async (t) => {
  const text = Array.from({ length: 5000 }, (_, i) => `Thu Sep 12 09:52:00 2004 ${i * 7919 % 100_003} host 1 /x b _ ${'oid'[i % 3]} r u ftp 0 * ${'ci01'[i % 4]}`).join('\n') + '\n'
  const result = bothWays(text)
  same(t, result, 'durations')
  t.ok(result.taken > 4990, `${result.taken} of 5000 read from bytes (lines cut by a chunk boundary are not)`)
})
