import t from 'tap'
import { join } from 'node:path'
import { proftpd } from '../lib/dialects/proftpd.js'
import { messageRules } from '../lib/catalogs/proftpd.js'
import type { Options } from '../lib/index.js'
import { projectRoot } from '../scripts/mutate.js'
import { behavesLikeTheTextParser, bothWays as bothWaysOnce, bothWaysSeenBefore, same, type BothWays } from './helpers/both-ways.js'

// The proftpd byte codec (proftpd-bytes.ts, through spans.ts) against the text parser: see
// helpers/both-ways.ts. Templates are made for shapes seen twice: `bothWays` reads each input twice and
// compares the second reading.
const bothWays = (text: string, options: Options = {}, sizes?: readonly number[]): BothWays => bothWaysSeenBefore(proftpd, text, options, sizes)

const fixtureDir = join(projectRoot, 'test', 'fixtures', 'proftpd')
const corpusDir = join(projectRoot, '..', 'shared', 'corpus', 'proftpd')
const optionSets: Array<[string, Options]> = [
  ['UTC, year 2024', { year: 2024 }],
  ['Europe/Paris, original, file name', { tz: 'Europe/Paris', original: true, filePath: 'logs/proftpd.log', year: 2024 }],
  ['America/New_York, a file name JSON must escape', { tz: 'America/New_York', filePath: 'odd "name"\\x.log', year: 2023 }],
  ['placeholder file name, year inferred', { filePath: '-', original: true }]
]

const JSON_RECORD = '{"remote_ip":"198.51.100.10","user":"erin","command":"RETR","file":"/pub/a b.iso","response_code":"226","bytes_sent":1048576,"transfer_secs":2.5,"protocol":"ftp"}'
const ISO = '2024-01-05 12:00:01,234'
// Lines at the edges of what the reader takes (some with continuation lines): each must come out as the
// text parser reads it, whether the byte reader takes it or declines it.
const edgeLines = [
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com (client.example.net[203.0.113.9]): USER alice: Login successful.`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com (client.example.net[203.0.113.9]) USER alice: Login successful.`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com (client.example.net[203.0.113.9]):USER alice: Login successful.`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com (203.0.113.9[203.0.113.9]): FTP session opened.`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com (::ffff:203.0.113.9[::ffff:203.0.113.9]): FTP session opened.`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com (gw.example[::ffff:203.0.113.9]): FTP session opened.`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com (gw.example[2001:DB8::9]): FTP session opened.`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com (203.0.113.8[203.0.113.9]): FTP session opened.`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com (gw.example[unknown]): FTP session opened.`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com (gw.example[]): FTP session opened.`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com ([203.0.113.9]): FTP session opened.`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com (-[-]): FTP session opened.`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com (a b[203.0.113.9]): FTP session opened.`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com (a"b[2001:db8::1]): FTP session opened.`,
  `${ISO} ftp.example.com proftpd[12345] 2001:db8::21: ROOT PRIVS at mod_auth.c:1234: Operation not permitted`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com: Failed binding to 0.0.0.0, port 21: Address already in use`,
  `${ISO} ftp.example.com proftpd[12345] -: Failed binding`,
  `${ISO} ftp.example.com proftpd[12345] :`,
  `${ISO} ftp.example.com proftpd[12345] ftp.example.com`,
  `${ISO} ftp.example.com proftpd[12345]`,
  `${ISO} proftpd[12345] ftp.example.com: x`,
  `${ISO} daemon[1] ftp.example.com: x`,
  `${ISO} session[1] ftp.example.com: x`,
  `${ISO} proftpd ftp.example.com: x`,
  `${ISO} proftpdx[1] ftp.example.com: x`,
  `${ISO} host proftpd[] ftp.example.com: x`,
  `${ISO} host proftpd[12345678901] ftp.example.com: x`,
  `${ISO} host proftpd[0012345] ftp.example.com: x`,
  `${ISO} host proftpd[abc] ftp.example.com: x`,
  `${ISO} host proftpd[1][local0.info]: x`,
  `${ISO} host proftpd[1] [local0.info]: x`,
  `${ISO} local0.info proftpd[1]: x`,
  `${ISO} host local0.info proftpd[1]: x`,
  `${ISO} ftp01.example proftpd[1]: x`,
  `${ISO} proftpd proftpd[1]: x`,
  `${ISO} - proftpd[1]: x`,
  '2024-01-05 12:00:01 host proftpd[1]: x',
  '2024-01-05T12:00:01.5 host proftpd[1]: x',
  '2024-01-05 12:00:01,123456789 host proftpd[1]: x',
  '2024-01-05 12:00:01,1234567890 host proftpd[1]: x',
  '2024-01-05 12:00:01, host proftpd[1]: x',
  '2024-01-05 12:00:01Z host proftpd[1]: x',
  '2024-01-05 12:00:01+01:00 host proftpd[1]: x',
  '2024-13-05 12:00:01 host proftpd[1]: x',
  '2024-02-30 12:00:01 host proftpd[1]: x',
  '1970-01-05 12:00:01 host proftpd[1]: x',
  '9999-01-05 12:00:01 host proftpd[1]: x',
  '2024-01-05 25:00:01 host proftpd[1]: x',
  '2024-01-05  12:00:01 host proftpd[1]: x',
  'Jan  5 12:00:01 myhost proftpd[12345]: ftp.example.com (client.example.net[203.0.113.9]) - USER alice: Login successful.',
  'Jan 05 12:00:01 myhost proftpd[12345]: ftp.example.com (client.example.net[203.0.113.9]) - USER alice: Login successful.',
  'Jan 5 12:00:01 myhost proftpd[12345]: ftp.example.com (client.example.net[203.0.113.9]) -  USER alice: Login successful.',
  'Jan  5 12:00:01 myhost proftpd[12345]: ftp.example.com (client.example.net[203.0.113.9]) USER alice: Login successful.',
  'Jan  5 12:00:01 myhost proftpd[12345]: ftp.example.com  (client.example.net[203.0.113.9]) - USER alice: Login successful.',
  'Jan  5 12:00:01 myhost proftpd[12345]: USER alice: Login successful.',
  'janv. 5 12:00:01 myhost proftpd[12345]: x',
  'Foo 5 12:00:01 myhost proftpd[12345]: x',
  'Janua 5 12:00:01 myhost proftpd[12345]: x',
  'Januar 5 12:00:01 myhost proftpd[12345]: x',
  'Jan 123 12:00:01 myhost proftpd[12345]: x',
  'Jan 31 24:00:01 myhost proftpd[12345]: x',
  'Feb 29 12:00:01 myhost proftpd[12345]: x',
  'Jan  5 12:00:01 myhost proftpd[12345]: [authpriv.notice] x',
  'proftpd[5]: pam_unix(proftpd:session): session opened for user paul by (uid=0)',
  'mod_tls/2.9.2[5]: TLS/TLS-C requested, starting TLS handshake',
  `${ISO} mod_tls/2.9.2[12353]: unable to accept TLS connection: protocol error:\n  (1) error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol\n\t(2) x`,
  `${ISO} mod_tls/2.9.2[12353]: unable to accept TLS connection: protocol error:\n  (1) error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol`,
  `${ISO} mod_sftp/1.2.1[12354]: disconnecting client (Connection reset by peer)`,
  `${ISO} mod_x/[1]: x`,
  `${ISO} mod_/1[1]: x`,
  `${ISO} mod_a-b/1[1]: x`,
  `${ISO} mod_auth_otp/0.3-x.y_z[12355]: FAILED: user 'dave' provided invalid OTP code`,
  'May 15 18:02:12 localhost proftpd: (pam_unix) authentication failure; logname= uid=0 euid=0 tty= ruser= rhost=198.51.100.9  user=mark',
  `Jun  6 06:06:06 myhost proftpd[6]: ${JSON_RECORD}`,
  `Jun  6 06:06:06 myhost proftpd[6]: ${JSON_RECORD} `,
  `Jun  6 06:06:06 myhost proftpd[6]: ftp.example.com (gw.example[203.0.113.9]) - ${JSON_RECORD}`,
  'Jun  6 06:06:06 myhost proftpd[6]: {"remote_ip":"198.51.100.10","remote_dns":"198.51.100.10","user":"erin"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"remote_dns":"198.51.100.10","remote_ip":"198.51.100.10","user":"erin"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"remote_ip":"::ffff:198.51.100.10","remote_dns":"gw.example","user":"erin"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"remote_dns":"gw.example","remote_ip":"2001:db8::1"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"remote_ip":"unknown","remote_dns":"gw.example"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"remote_ip":"-","remote_dns":"-","user":"-","file":""}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"remote_ip":198,"remote_dns":1,"user":123,"command":true,"file":null,"response_code":226}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"remote_ip":"1.2.3.4","remote_ip":"5.6.7.8","user":"a","user":"b"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"bytes_sent":"123","transfer_secs":"1.5","protocol":"SFTP"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"bytes_sent":0,"transfer_secs":0}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"bytes_sent":-1,"transfer_secs":-1.5}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"bytes_sent":1.5,"transfer_secs":1e3}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"bytes_sent":12345678901234567,"transfer_secs":1234567890.5}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"bytes_sent":123456789012345,"transfer_secs":123456789.123456789}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"bytes_sent":0123,"transfer_secs":01.5}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"session":"x y","pid":4242,"flag":false,"nothing":null,"ratio":0.25}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"file":"a\\"b","user":"c\\\\d"}',
  'Jun  6 06:06:06 myhost proftpd[6]: { "user":"erin"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"user":"erin",}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"user":"erin"',
  'Jun  6 06:06:06 myhost proftpd[6]: {"user":"erin"}}',
  'Jun  6 06:06:06 myhost proftpd[6]: {}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"__proto__":"x","constructor":"y"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"user":"erin"}\n  continued',
  'Jun  6 06:06:06 myhost proftpd[6]: {"file":"a (b[192.0.2.1]) - x","user":"u"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"file":"a (b[192.0.2.1]) x","user":"u"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"file":"a b (c[192.0.2.1]) - x","user":"u"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"file a":"(b[192.0.2.1]) - x"}',
  // The first space inside a value that becomes a span, a client after a later one: the probe's marks hold
  // no space, so its first space is the later one.
  'Jun  6 06:06:06 myhost proftpd[6]: {"file":"a b","protocol":"x (b[192.0.2.1]) - y"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"user":" ","protocol":". (b[192.0.2.1]) - y"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"file":"a b","protocol":"x (b[192.0.2.1]) y"}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"file":"a b","user":"c d"}',
  // The first space in a key, a `(` after it, and a value made a span where the parser's client pattern
  // reads: the value's own bytes break the client off, the probe's mark would not.
  'Jun  6 06:06:06 myhost proftpd[6]: {"x (":"a(","[192.0.2.1]) - ":1}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"x (":"a","[192.0.2.1]) - ":1}',
  'Jun  6 06:06:06 myhost proftpd[6]: {"x (b":"[192.0.2.1]) - y"}',
  'Jul  7 07:07:07 myhost proftpd[7]: myhost (198.51.100.11[198.51.100.11]) - Connection from badhost.example [198.51.100.11] denied.',
  'Jul  7 07:07:07 myhost proftpd[7]: myhost (198.51.100.11[198.51.100.11]) - mod_delay/0.5: delaying for 123 usecs',
  'Jul  7 07:07:07 myhost proftpd[7]: myhost (198.51.100.11[198.51.100.11]) - Maximum login attempts (3) exceeded, 3 times in 1234567890123456 tries 0',
  `${ISO} h proftpd[1] v (gw.example[203.0.113.9]): 42`,
  `${ISO} h proftpd[1] v (gw.example[203.0.113.9]): Data transfer stall timeout: 600 seconds`,
  `${ISO} h proftpd[1] v (gw.example[203.0.113.9]): ProFTPD killed (signal 15)`,
  `${ISO} h proftpd[1] v (gw.example[203.0.113.9]): 12 34  56 `,
  // Numbers a rule takes for the client's name and address, which the parser compares.
  'Jan  7 18:26:02 host proftpd[4711]: refused connect from 123 (123)',
  'Jan  7 18:26:02 host proftpd[4711]: refused connect from 123 (124)',
  'Jan  7 18:26:02 host proftpd[4711]: Connection from 123 [123] denied.',
  'Jan  7 18:26:02 host proftpd[4711]: USER bob: no such user found from 123 [123] to 192.0.2.1:21',
  // A client given as numbers in JSON, compared as text by the parser.
  '2021-05-28 18:08:01,124 host proftpd[4711]: {"remote_ip":5,"remote_dns":"5"}',
  '2021-05-28 18:08:01,124 host proftpd[4711]: {"remote_ip":123,"remote_dns":123}',
  '2021-05-28 18:08:01,124 host proftpd[4711]: {"remote_ip":"123","remote_dns":123}',
  '2021-05-28 18:08:01,124 host proftpd[4711]: {"remote_dns":5,"remote_ip":"1.2.3.4"}',
  // A duration past what a double holds in nanoseconds: left out of the record.
  '2021-05-28 18:08:01,124 host proftpd[4711]: {"transfer_secs":10000000}'
]

behavesLikeTheTextParser(t, {
  dialect: proftpd,
  folders: [fixtureDir, corpusDir],
  generator: 'generate-proftpd.js',
  edgeLines,
  alphabet: ' 0123456789-:.,()[]{}"\\/abcdefprotT',
  optionSets,
  least: { files: 60, edges: 50, generated: 2600, mutated: 20 },
  pipelineFixture: join(fixtureDir, 'systemlog.log'),
  secondSight: true,
  lineAt: (year, month, day, time) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${time} host proftpd[12] ftp.example.com (gw.example[203.0.113.9]): FTP session opened.`
})

t.test('no message rule tells one word of digits from another', async (t) => {
  // The byte reader copies the words of digits of a message as they are; a rule that matched a given
  // number would make such a word change the record's other fields. `\\d` and repetition counts aside, no
  // digit may stand in a rule but inside a word of letters (SSH2).
  const offenders = messageRules.map((rule) => rule.pattern.source).filter((source) => /(^|[^A-Za-z0-9])[0-9]/.test(source.replace(/\\d|\{\d+(,\d*)?\}/g, '')))
  t.same(offenders, [], 'rules with digits of their own')
})

t.test('records of a shape seen once are the text parser\'s; from the second on, the byte reader\'s', async (t) => {
  const line = (n: number): string => `2024-01-05 12:00:0${n},000 ftp-${n}.example proftpd[${n}] vhost.once (gw${n}.example[203.0.113.${n}]): A message seen only here.`
  const result = bothWaysOnce(proftpd, [1, 2, 3, 4].map(line).join('\n') + '\n')
  same(t, result, 'four of a shape')
  // The last record is closed by the text parser at the end of the input.
  t.equal(result.taken, 2, 'the first is read as text, the next two as bytes')
})

t.test('many shapes, each seen twice', async (t) => {
  const text = (shapes: number): string => Array.from({ length: 2 * shapes }, (_, i) => `2024-01-05 12:00:01,000 h proftpd[1] v (gw.example[203.0.113.9]): message of ${shapes === 4000 ? 'few' : 'many'} number ${i % shapes}.`).join('\n') + '\n'
  // Seen again within the keys the codec remembers: the second of each is read as bytes.
  const some = bothWaysOnce(proftpd, text(4000), { original: true })
  same(t, some, 'eight thousand records of four thousand shapes')
  t.ok(some.taken > 3900, `${some.taken} read as bytes`)
  // Seen again only after more keys than it remembers: all read as text, and the same.
  const many = bothWaysOnce(proftpd, text(10000), { original: true })
  same(t, many, 'twenty thousand records of ten thousand shapes')
  t.equal(many.taken, 0, 'none read as bytes')
})

t.test('more shapes than the templates kept: the table starts over, and reads the same', async (t) => {
  const line = (shape: number): string => `2024-01-05 12:00:01,000 h proftpd[1] v (gw.example[203.0.113.9]): message of number ${shape}.`
  // Each shape twice in a row makes a template at its second sighting: 9,000 of them pass the 8,192 kept,
  // and the shapes after that, and the first ones again, are looked up in the table begun afresh.
  const shapes = Array.from({ length: 9000 }, (_, i) => i)
  const lines = shapes.flatMap((shape) => [line(shape), line(shape)]).concat(shapes.slice(8500).map(line), shapes.slice(0, 50).map(line))
  const result = bothWaysOnce(proftpd, lines.join('\n') + '\n')
  same(t, result, 'eighteen thousand records of nine thousand shapes')
  t.ok(result.taken > 9000 + 450, `${result.taken} read as bytes`)
})

t.test('a batch with a character that is not ASCII is read as text, and the same', async (t) => {
  const text = 'Mär 5 12:00:01 myhost proftpd[12345]: x\n' + edgeLines.slice(0, 20).join('\n') + '\n'
  const result = bothWays(text, { year: 2024 })
  same(t, result, 'a month name of another locale')
  t.equal(result.taken, 0, 'none read as bytes')
})

t.test('a syslog time whose inferred year is past the years the reader writes is the text parser\'s', async (t) => {
  // --year 9999 and a zone behind UTC put the last second of the year in year 10000.
  const line = 'Dec 31 23:59:59 host proftpd[4711]: FTP session opened.\n'
  const result = bothWays(line.repeat(3), { year: 9999, tz: 'America/New_York' })
  same(t, result, 'the last second of 9999 in New York')
  t.equal(result.taken, 0, 'none read as bytes')
})

t.test('records alike but for the form of their time share a template', async (t) => {
  const times = ['Jan  5 12:00:01', '2024-01-05 12:00:02,250', 'Jan. 5 12:00:03', '2024-01-05T12:00:04.5', 'Jan 15 12:00:05', '2024-01-05 12:00:06']
  for (const [first, order] of [['syslog', times], ['ISO', [...times].reverse()]] as const) {
    // A message no other test uses, one per order, so that no template of it exists yet.
    const rest = ` ftp.example.com proftpd[12345] ftp.example.com (gw.example[203.0.113.9]): USER forms-${first}: Login successful.`
    const result = bothWaysOnce(proftpd, order.map((time) => time + rest).join('\n') + '\n', { year: 2024, tz: 'Europe/Paris' })
    same(t, result, `a ${first} time first`)
    // The first record is read as text (its key is new), the last too (closed at the end of the input);
    // from the second on, one template serves both forms.
    t.equal(result.taken, order.length - 2, `${first} first: all the others read as bytes, whatever their time's form`)
  }
})

t.test('JSON records with spaces, parentheses and brackets in their keys and values read the same', async (t) => {
  // The parser looks for `vhost (name[ip]) - ` after the first space of a record's rest, and the template
  // of a JSON record comes from a probe in which marks stand for its values: records that put a client's
  // text in keys, in kept strings and in values made spans, around that first space, as random strings.
  let seed = 20261206
  const next = (n: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n }
  const pick = <T>(items: readonly T[]): T => items[next(items.length)]!
  const pieces = ['a', 'x y', ' ', '(', ')', '[', ']', ' (', '[192.0.2.1]) - ', ' (h[192.0.2.1]) - x', ') - ', '-', 'b.c']
  const text = (): string => Array.from({ length: next(5) }, () => pick(pieces)).join('')
  const keys = ['remote_ip', 'remote_dns', 'user', 'file', 'protocol', 'command', 'bytes_sent']
  const value = (): string => pick(['"' + text() + '"', '"' + text() + '"', '"192.0.2.7"', '12', 'true'])
  const record = (): string => '{' + Array.from({ length: 1 + next(5) }, () => `"${next(3) === 0 ? text() : pick(keys)}":${value()}`).join(',') + '}'
  // Each record three times: the first read as text, the second makes its template, the third uses it.
  const lines = Array.from({ length: 4000 }, () => `2021-05-28 18:08:01,124 host proftpd[4711]: ${record()}`).flatMap((line) => [line, line, line])
  const result = bothWaysOnce(proftpd, lines.join('\n') + '\n')
  same(t, result, '4,000 random records, three times each')
  t.ok(result.taken > 1000, `${result.taken} read as bytes`)
})

t.test('a record the end of a batch left open is read from bytes once the next batch shows it ended', async (t) => {
  // One line per chunk: every record is still open when its batch ends (the next line could continue it),
  // and closed by the first line of the next batch, whose bytes start with it.
  const line = (n: number): string => `2024-01-05 12:00:0${n % 10},234 ftp.example.com proftpd[1234${n % 10}] ftp.example.com (client.example.net[203.0.113.${n % 10}]): USER alice: Login successful.`
  const lines = Array.from({ length: 40 }, (_, n) => line(n))
  const result = bothWays(lines.join('\n') + '\n', { original: true }, [line(0).length + 1])
  same(t, result, 'one line per chunk')
  // All but the last, which the end of the input closes.
  t.equal(result.taken, 39, 'the byte reader took every record a next line closed')
  // A record that does go on in the next batch spans two: read as text, and the same.
  const tls = `${ISO} mod_tls/2.9.2[12353]: unable to accept TLS connection: protocol error:\n  (1) error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol`
  const withContinued = [lines[0], tls, lines[1], tls, lines[2]].join('\n') + '\n'
  const cut = withContinued.indexOf('\n  (1)') + 1
  const continued = bothWays(withContinued, { original: true }, [cut, withContinued.length])
  same(t, continued, 'a record continued in the next batch')
  t.equal(continued.taken, 3, 'the byte reader took the records whose lines are in one batch, and left the continued one to the text parser')
})
