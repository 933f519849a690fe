import t from 'tap'
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { findDialect, parseLine, type LogRecord, type Options } from '../lib/index.js'
import { convert, corpusFiles, fixturesDir, projectRoot } from './helpers/records.js'
import { behavesLikeDialect } from './helpers/dialect-suite.js'
import { goldenFixtures } from './helpers/golden.js'

const expedat = findDialect('expedat')!
const FINAL = 'F 20130711 14:47:25.527 E98E9CA2 GET 192.0.2.7:4321 - AES "tst/test5mb.dat" "" 5242880 (0,0) "0.12 seconds (358 megabits/sec)"'

behavesLikeDialect(t, expedat, {
  good: [
    FINAL,
    'I 20130711 14:47:16.786 E98E9CA1 SEND [2001:db8::1]:4000 alice AES "in/a b.txt" ""',
    'P 20130711 14:48:00.000 E98E9CA1 SEND [2001:db8::1]:4000 alice AES "in/a b.txt" "" 1000 5000 "12.00 seconds (358 megabits/sec)" 2',
    'F 20130711 14:49:00.000 E98E9CA1 SEND 192.0.2.7:4321 alice - "in/a.txt" "" - (-4,2) "File not found"',
    'S 20130711 14:47:03.372 Load Current: 0, MaxConfig: 0, MaxStart: 0, TotalStart: 0, Errors: 0, Failures: 0, Warnings: 0, Denials: 0',
    'V 20130711 14:47:03.371 servedat 1.15.0 "July 2013" DEI [38513] (1771)',
    'D 20130711 14:56:33.365 [-l] LogFile 3 Default /var/log/servedat.log',
    'C 20190816 14:14:57.807 Switching logs to <stdout>',
    'E 20190816 14:14:57 Unable to bind port 8080'
  ],
  bad: [
    '',
    'nothing like it',
    'Q 20130711 14:47:03.372 unknown type',
    'C 20130732 14:47:03.372 bad day',
    'F 20130711 14:49:00.000 E98E9CA1 SEND 192.0.2.7:4321 alice - "in/a.txt" "" - "no class"',
    'I 20130711 14:49:00.000 NOTHEX!! SEND 192.0.2.7:4321 alice - "in/a.txt" ""'
  ]
})

goldenFixtures(t, 'expedat', 2)

async function records (t: Parameters<typeof convert>[0], text: string, options: Options = {}): Promise<LogRecord[]> {
  return (await convert(t, text, options)).records
}

t.test('a successful final line', async (t) => {
  const [record] = await records(t, FINAL + '\n')
  t.match(record, {
    '@timestamp': '2013-07-11T14:47:25.527Z',
    event: { dataset: 'expedat', action: 'download', outcome: 'success', code: '0,0', duration: 120_000_000 },
    source: { ip: '192.0.2.7', port: 4321 },
    file: { path: 'tst/test5mb.dat' },
    expedat: { type: 'final', doc_id: 'E98E9CA2', encryption: 'AES', bytes: 5242880, rate_bps: 358_000_000 }
  })
  t.equal(record!.user, undefined, 'user "-" is left out')
  t.equal(record!.error, undefined)
})

t.test('failures: class sign and size in words, the comment kept', async (t) => {
  const lines = [['-4,2', 'Local Server'], ['-3,1', 'Local MTP'], ['-2,1', 'Local Network'], ['2,1', 'Remote Network'], ['3,1', 'Remote MTP'], ['4,1', 'Remote Server'], ['-5,1', 'Local class 5']]
  for (const [pair, words] of lines) {
    const [record] = await records(t, `F 20130711 14:49:00.000 E98E9CA1 GET 192.0.2.7:4321 - - "a" "" - (${pair!}) "It broke"\n`)
    t.equal(record!.event?.outcome, 'failure')
    t.same(record!.error, { code: pair, type: 'mtp', message: `${words!}: It broke` })
  }
})

t.test('class 0 with a non-zero error number: a failure, without the meaning of success', async (t) => {
  // Read from bytes (through the pipeline) and as text (parseLine) alike.
  const [odd, ok] = await records(t, [FINAL.replace('(0,0)', '(0,7)'), FINAL].join('\n') + '\n')
  t.same(parseLine(FINAL.replace('(0,0)', '(0,7)'), { tz: 'UTC' }), odd)
  t.equal(odd!.event?.outcome, 'failure')
  t.equal(odd!.event?.reason, undefined)
  t.same(odd!.error, { code: '0,7', type: 'mtp', message: 'Remote class 0: 0.12 seconds (358 megabits/sec)' })
  t.equal(ok!.event?.outcome, 'success')
  t.equal(ok!.event?.reason, 'The transaction completed without error.')
})

t.test('an initiation and its final line share the doc id', async (t) => {
  const [start, end] = await records(t, [
    'I 20130711 14:47:25.410 e98e9ca2 GET 192.0.2.7:4321 - AES "tst/test5mb.dat" ""',
    FINAL
  ].join('\n') + '\n')
  t.equal(start!.expedat && (start!.expedat as { doc_id: string }).doc_id, 'E98E9CA2')
  t.equal((start!.expedat as { doc_id: string }).doc_id, (end!.expedat as { doc_id: string }).doc_id)
})

t.test('times are local and read in --tz, milliseconds kept', async (t) => {
  const [record] = await records(t, 'C 20260701 12:00:00.250 hello\n', { tz: 'Europe/Paris' })
  t.equal(record!['@timestamp'], '2026-07-01T10:00:00.250Z')
})

t.test('levels: E error, W warning, M and T by content, D debug, the rest info', async (t) => {
  const text = ['E', 'W', 'D', 'C', 'V', 'S'].map((type) => `${type} 20130711 14:47:03.372 text`).concat([
    'M 20130711 14:47:03.372 connection lost to peer', 'M 20130711 14:47:03.372 window size 64', 'T 20130711 14:47:03.372 cannot open handler'
  ]).join('\n') + '\n'
  t.same((await records(t, text, { dialect: 'expedat' })).map((r) => r.log?.level), ['error', 'warning', 'debug', 'info', 'info', 'info', 'warning', 'info', 'warning'])
})

const corpus = corpusFiles('expedat')
t.test('every line of the shared ExpeDat corpus parses', { skip: corpus.length === 0 ? '../shared/corpus/expedat is not present' : false }, async (t) => {
  for (const file of corpus) {
    const { records: all, stats } = await convert(t, readFileSync(file))
    t.equal(stats.rejected, 0, basename(file))
    t.ok(all.length > 0 && all.every((r) => r.event?.dataset === 'expedat'))
  }
})

// The servedat logging page gives its sample lines run together in one paragraph; they are cut apart at
// each "Type YYYYMMDD HH:MM:SS" start.
const seed = join(projectRoot, '..', 'shared', 'seeds', '004_04738658cd9a01c9.txt')
t.test('the sample lines of the servedat logging page parse', { skip: existsSync(seed) ? false : 'the seed document is not present' }, async (t) => {
  const text = readFileSync(seed, 'utf8')
  const lines = text.split(/\s(?=[CDEFIMPSTVW] \d{8} \d\d:\d\d:\d\d)/).slice(1).map((piece) => piece.split(/\s+#|\n/)[0]!.trim())
  t.ok(lines.length > 20, `${lines.length} sample lines`)
  const { records: all, stats } = await convert(t, lines.join('\n') + '\n', { dialect: 'expedat' })
  t.equal(stats.rejected, 0)
  t.equal(all.length, lines.length)
  const finals = all.filter((r) => (r.expedat as { type: string }).type === 'final')
  t.ok(finals.length >= 2 && finals.every((r) => r.event?.outcome === 'success'))
})

void fixturesDir

t.test('version lines: the pid has at most 9 digits and the port at most 5, as before the pattern left the bounds to code', async (t) => {
  const read = (line: string): LogRecord => parseLine(line, { dialect: 'expedat', tz: 'UTC' })!
  const ok = read('V 20261121 09:00:00.001 servedat 1.18.3 "July 2019" DEI [14853] (8080)') as LogRecord & { expedat?: { version?: string, port?: number } }
  t.equal(ok.process?.pid, 14853)
  t.equal(ok.expedat?.port, 8080)
  const longPort = read('V 20261121 09:00:00.001 servedat 1.18.3 "July 2019" DEI [14853] (808080)') as LogRecord & { expedat?: { version?: string, port?: number } }
  t.equal(longPort.expedat?.version, '1.18.3', 'a six-digit port is not a port')
  t.equal(longPort.expedat?.port, undefined)
  const longPid = read('V 20261121 09:00:00.001 servedat 1.18.3 "July 2019" DEI [1234567890] (8080)') as LogRecord & { expedat?: { version?: string } }
  t.equal(longPid.expedat?.version, undefined, 'a ten-digit pid is not a version line')
  t.equal(longPid.process?.pid, undefined)
})
