import t from 'tap'
import { join } from 'node:path'
import { LineBatch } from '../lib/batch.js'
import { LineSplitter } from '../lib/split.js'
import { LineParser } from '../lib/parse.js'
import { serializeBatchToBuffer } from '../lib/serialize.js'
import { xferlog } from '../lib/dialects/xferlog.js'
import type { Options } from '../lib/index.js'
import { projectRoot } from '../scripts/mutate.js'
import { behavesLikeTheTextParser, bothWays as bothWaysOf, same, type BothWays } from './helpers/both-ways.js'

// The byte reader and writer (xferlog-bytes.ts) against the text parser: see helpers/both-ways.ts.
const bothWays = (text: string, options: Options = {}, sizes: readonly number[] = [1 << 16]): BothWays => bothWaysOf(xferlog, text, options, sizes)

const fixtureDir = join(projectRoot, 'test', 'fixtures', 'xferlog')
const corpusDir = join(projectRoot, '..', 'shared', 'corpus', 'xferlog')
const optionSets: Array<[string, Options]> = [
  ['UTC', {}],
  ['Europe/Paris, original, file name', { tz: 'Europe/Paris', original: true, filePath: 'logs/xferlog' }],
  ['America/New_York, a file name JSON must escape', { tz: 'America/New_York', filePath: 'odd "name"\\x.log' }],
  ['placeholder file name', { filePath: '-' }]
]

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

behavesLikeTheTextParser(t, {
  dialect: xferlog,
  folders: [fixtureDir, corpusDir],
  generator: 'generate-xferlog.js',
  edgeLines,
  alphabet: ' 0123456789abcdoirgCUT_*-:.',
  optionSets,
  least: { files: 40, edges: 20, generated: 2990, mutated: 50 },
  pipelineFixture: join(fixtureDir, 'variants.log'),
  lineAt: (year, month, day, time) => `${new Date(Date.UTC(year, month - 1, day)).toUTCString().slice(0, 3)} ${'JanFebMarAprMayJunJulAugSepOctNovDec'.slice(3 * month - 3, 3 * month)} ${String(day).padStart(2)} ${time} ${year} 1 host 10 /a b _ o r u ftp 0 * c`
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
