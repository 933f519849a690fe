import t from 'tap'
import { join } from 'node:path'
import { expedat } from '../lib/dialects/expedat.js'
import type { Options } from '../lib/index.js'
import { projectRoot } from '../scripts/mutate.js'
import { behavesLikeTheTextParser, bothWays as bothWaysOf, same, type BothWays } from './helpers/both-ways.js'

// The expedat byte codec (expedat-bytes.ts) against the text parser: see helpers/both-ways.ts.
const bothWays = (text: string, options: Options = {}, sizes: readonly number[] = [1 << 16]): BothWays => bothWaysOf(expedat, text, options, sizes)

const optionSets: Array<[string, Options]> = [
  ['UTC', {}],
  ['Europe/Paris, original, file name', { tz: 'Europe/Paris', original: true, filePath: 'logs/servedat.log' }],
  ['America/New_York, a file name JSON must escape', { tz: 'America/New_York', filePath: 'odd "name"\\x.log' }],
  ['placeholder file name', { filePath: '-' }]
]

const T = '20130711 14:47:25.527'
const edgeLines = [
  // Control characters in each part of a line the reader scans: left to the text parser.
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 b\u0001ob - "a" "" 1 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob - "a\u0001" "" 1 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob - "a\\\u0001" "" 1 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob - "a" "" 1 (3,1) "no\u0007pe"`,
  `I ${T} E98E9CA2 SEND 10.0.0.1:80 bob AES "a" "" resumed\u0001 at 5`,
  `F ${T} E98E9CA2 GET - AES "tst/test5mb.dat" "" 5242880 (0,0) "0.12 seconds (358 megabits/sec)"`,
  `F ${T} E98E9CA2 GET 192.0.2.1:8080 bob AES "tst/test5mb.dat" "" 5242880 (0,0) "0.12 seconds (358 megabits/sec)"`,
  `F ${T} E98E9CA2 SEND [2001:db8::1]:8080 bob - "a b" "zli" 5 (0,0) "1 second"`,
  `F ${T} E98E9CA2 SEND 2001:db8::1:8080 bob - "a" "" 5 (0,0) "1.5 seconds (2 bits/sec)"`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" 5 (0,0) "1.123456789 seconds (1.123456789 gigabits/sec)"`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" 5 (0,0) "999999999 seconds (999999999999 gigabits/sec)"`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" 5 (0,0) "12 seconds (358 megabits/sec) and more"`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" 5 (0,0) "12 seconds and more"`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" 5 (0,0) "fast"`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" 5 (0,0) ""`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" 5 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" - (-4,13) "Permission denied"`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" - (-4,13) "say \\"no\\" \\\\ \\x"`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" - (-4,13) "-"`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" - (-4,13)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" 0 (3,1) "Remote refused"`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" 0 (1234567890,1) "too long a class"`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "" 0 (3,1) "x" trailing`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "*DELETE" 0 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:8080 bob - "a" "*SOMETHING" 0 (0,0)`,
  `F ${T} e98e9ca2 SEND 10.0.0.1:8080 bob - "a" "" 0 (0,0)`,
  `F ${T} E98E9CA2 PUT 10.0.0.1:8080 bob - "a" "" 0 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:99999 bob - "a" "" 0 (0,0)`,
  `F ${T} E98E9CA2 SEND host:80 bob - "a" "" 0 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1 bob - "a" "" 0 (0,0)`,
  `F ${T} E98E9CA2 SEND a b c d "a" "" 0 (0,0)`,
  `F ${T} E98E9CA2 SEND  bob - "a" "" 0 (0,0)`,
  `F ${T} E98E9CA2 SEND bob "a" "" 0 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 b\\ob - "a\\\\b\\"c\\d" "" 1 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob - "-" "" 1 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob - "\\-" "" 1 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob - "" "" 1 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob - "open "" 1 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob - "a" "\\"act" 1 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob - "a" "" 9999999999999999 (0,0)`,
  // Words of the template's key holding the numbers that stand for values in its probes.
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob 4503599627370505 "a" "" 5 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob AES "a" "v4503599627370510" 5 (0,0)`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob 4503598000000000 "a" "" 5 (0,0) "2 seconds"`,
  `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob 4503597000000000 "a" "" 5 (0,0) "2 seconds"`,
  `I ${T} E98E9CA2 SEND 172.16.9.14:39815 alice AES "incoming/big file.iso" ""`,
  `I ${T} E98E9CA2 SEND 172.16.9.14:39815 alice AES "incoming/big file.iso" "" `,
  `I ${T} E98E9CA2 SEND 172.16.9.14:39815 alice AES "incoming/big file.iso" "" resumed at 5 MB`,
  `I ${T} E98E9CA2 SEND 172.16.9.14:39815 alice AES "incoming/big file.iso" "" with "quotes"`,
  `I ${T} E98E9CA2 SEND 172.16.9.14:39815 alice AES "incoming/big file.iso" ""x`,
  `I 20130711 14:47:25 E98E9CA2 GET - AES "tst/" ""`,
  `I 20130711 14:47:25.5 E98E9CA2 GET - AES "tst/" ""`,
  `I 20130711 14:47:25.52 E98E9CA2 GET - AES "tst/" ""`,
  `I 20130711 14:47:25.5278 E98E9CA2 GET - AES "tst/" ""`,
  `I 20130711 14:47:60.000 E98E9CA2 GET - AES "tst/" ""`,
  `I 20130230 14:47:25.000 E98E9CA2 GET - AES "tst/" ""`,
  `I 20210328 02:30:00.000 E98E9CA2 GET - AES "skipped-hour" ""`,
  `I 20211031 02:30:00.000 E98E9CA2 GET - AES "repeated-hour" ""`,
  `I 20211031 02:10:00.000 E98E9CA2 GET - AES "repeated-hour-again" ""`,
  `I 19691231 23:59:59.999 E98E9CA2 GET - AES "tst/" ""`,
  `I 99991231 23:59:59.999 E98E9CA2 GET - AES "tst/" ""`,
  `P ${T} E98E9CA6 GET 192.0.2.10:58079 ingest AES "genomics/sample_R2.fastq.gz" "" 3202194569 5595940849 "60.00 seconds (427 megabits/sec)" 2`,
  `P ${T} E98E9CA6 GET 192.0.2.10:58079 ingest AES "genomics/sample_R2.fastq.gz" "zli" 3202194569 0 "60.00 seconds (427 megabits/sec)" 2`,
  `P ${T} E98E9CA6 GET 192.0.2.10:58079 ingest AES "g" "" 1 2 "60.00 seconds" 999999999`,
  `P ${T} E98E9CA6 GET 192.0.2.10:58079 ingest AES "g" "" 1 2 "60.00 seconds" 1000000000`,
  `P ${T} E98E9CA6 GET 192.0.2.10:58079 ingest AES "g" "" 1 2 "soon" 1`,
  `P ${T} E98E9CA6 GET 192.0.2.10:58079 ingest AES "g" "" 1 2 "60 seconds (5 furlongs/sec)" 1`,
  `P ${T} E98E9CA6 GET 192.0.2.10:58079 ingest AES "g" "" 999999999999999 2 "60 seconds" 1`,
  `P ${T} E98E9CA6 GET 192.0.2.10:58079 ingest AES "g" "" 1 2 "60 seconds"`,
  `S ${T} E98E9CA2 GET 192.0.2.1:8080 bob AES "tst/x" "" 50% done`,
  `S ${T} Load Current: 0, MaxConfig: 16, MaxStart: 0, TotalStart: 0, Errors: 0, Failures: 0, Warnings: 0, Denials: 0`,
  // Status lines in other forms than servedat's own, and numbers at the edge of what they hold.
  `S ${T} Load Current: 007, MaxConfig: 999999999999999, MaxStart: 0, TotalStart: 0, Errors: 0, Failures: 0, Warnings: 0, Denials: 0`,
  `S ${T} Load Current: 0, MaxConfig: 9999999999999999, MaxStart: 0, TotalStart: 0, Errors: 0, Failures: 0, Warnings: 0, Denials: 0`,
  `S ${T} Load Current: 0, MaxConfig: 16, MaxStart: 0, TotalStart: 0, Errors: 0, Failures: 0, Warnings: 0`,
  `S ${T} Load Current: 0, MaxConfig: 16, MaxStart: 0, TotalStart: 0, Errors: 0, Failures: 0, Warnings: 0, Denials: 0, Extra: 1`,
  `S ${T} Load Current: 0,  MaxConfig: 16, MaxStart: 0, TotalStart: 0, Errors: 0, Failures: 0, Warnings: 0, Denials: 0`,
  `S ${T} MaxConfig: 16, Load Current: 0, MaxStart: 0, TotalStart: 0, Errors: 0, Failures: 0, Warnings: 0, Denials: 0`,
  `S ${T} Load Current: x, MaxConfig: 16, MaxStart: 0, TotalStart: 0, Errors: 0, Failures: 0, Warnings: 0, Denials: 0`,
  `S ${T} Load Current: 0, MaxConfig: 16, MaxStart: 0, TotalStart: 0, Errors: 0, Failures: 0, Warnings: 0, Denials: 0 `,
  `S ${T} Load Current: 4503599627370513, MaxConfig: 16, MaxStart: 0, TotalStart: 0, Errors: 0, Failures: 0, Warnings: 0, Denials: 0`,
  `S ${T} something else`,
  `S ${T}`,
  `S ${T} `,
  // Lines whose text is their message: words that make M and T lines warnings, in any case, or not.
  `M ${T} MTP: congestion detected, rate reduced`,
  `M ${T} MTP: path MTU is 1500`,
  `M ${T} MTP: handshake TIMED OUT`,
  `T ${T} toolkit: cannot run /usr/local/bin/on_upload.sh`,
  `T ${T} toolkit: handler finished`,
  `T ${T} toolkit: failed 4503599627370513`,
  `E ${T} Unable to write to /srv/expedat/incoming/: No space left on device`,
  `E ${T} a "quoted" \\ message \\"`,
  `E ${T} a message with a\ttab`,
  `E ${T} a message with acontrol`,
  `E ${T}`,
  `E ${T} `,
  `E ${T}  two spaces`,
  `E ${T}x`,
  `W ${T} license nearly exhausted: 15 of 16 concurrent sessions`,
  `W 20130711 14:47:25 client 203.0.113.5 retrying after packet loss`,
  `W 20130711 14:47:25.5 -`,
  `W 20211031 02:30:00.000 in the repeated hour again`,
  `W 20130230 14:47:25.000 on a day that is none`,
  `C ${T} a comment`,
  `D ${T} [-a] Aggression 128 System`,
  `X ${T} what is this`,
  '',
  'no expedat line at all'
]

behavesLikeTheTextParser(t, {
  dialect: expedat,
  folders: [join(projectRoot, 'test', 'fixtures', 'expedat'), join(projectRoot, '..', 'shared', 'corpus', 'expedat')],
  generator: 'generate-expedat.js',
  edgeLines,
  alphabet: ' 0123456789-:.,()"\\/abcEFGIPST',
  optionSets,
  least: { files: 5, edges: 25, generated: 2850, mutated: 20 },
  pipelineFixture: join(projectRoot, 'test', 'fixtures', 'expedat', 'every-type.log'),
  lineAt: (year, month, day, time) => `I ${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')} ${time}.000 E98E9CA2 GET - AES "x" ""`
})

t.test('quoted paths and comments keep their escaped quotes and backslashes, and drop other escapes', async (t) => {
  const line = `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob - "q\\"3\\".pdf \\\\share \\x" "" - (-4,13) "no \\"room\\" \\\\ here"`
  const result = bothWays(line + '\n', { original: true })
  same(t, result, 'escapes')
  t.equal(result.taken, 1, 'read from bytes')
  const record = JSON.parse(result.packed) as { file: { path: string }, message: string, error: { message: string }, event: { original: string } }
  t.equal(record.file.path, 'q"3".pdf \\share x')
  t.equal(record.message, 'no "room" \\ here')
  t.equal(record.error.message, 'Local Server: no "room" \\ here', 'the comment inside the error message too')
  t.equal(record.event.original, line)
})

t.test('status lines as servedat writes them, and lines whose text is their message, are read from bytes', async (t) => {
  const lines = [
    `S ${T} Load Current: 3, MaxConfig: 16, MaxStart: 6, TotalStart: 32, Errors: 0, Failures: 1, Warnings: 1, Denials: 1`,
    `E ${T} Cannot bind UDP port 8080: Address already in use`,
    `W ${T} path outside of home directory refused: ../etc/passwd`,
    `M ${T} MTP: congestion detected, rate reduced`,
    `T ${T} toolkit: cannot run /usr/local/bin/on_upload.sh`,
    `E ${T} a "quoted" \\ message`
  ]
  const result = bothWays(lines.join('\n') + '\n', { original: true })
  same(t, result, 'message and status lines')
  t.equal(result.taken, lines.length, 'all read from bytes')
  const records = result.packed.trim().split('\n').map((line) => JSON.parse(line) as { log: { level: string }, message: string, expedat: { status?: Record<string, number> } })
  t.same(records[0]!.expedat.status, { current: 3, max_config: 16, max_start: 6, total_start: 32, errors: 0, failures: 1, warnings: 1, denials: 1 })
  t.same(records.map((record) => record.log.level), ['info', 'error', 'warning', 'info', 'warning', 'error'], 'the M line is information, the T line with "cannot" a warning')
  t.equal(records[5]!.message, 'a "quoted" \\ message')
})

t.test('more error classes, encryptions and actions than the templates kept', async (t) => {
  const text = Array.from({ length: 6000 }, (_, i) => `F ${T} E98E9CA2 SEND 10.0.0.1:80 bob ENC${i % 50} "p${i}" "act${i % 100}" ${i} (${i % 7 - 3},${i}) "c${i % 3}"`).join('\n') + '\n'
  const result = bothWays(text, { original: true })
  same(t, result, 'six thousand keys')
  t.ok(result.taken > 5990, `${result.taken} of 6000 read from bytes (lines cut by a chunk boundary are not)`)
})
