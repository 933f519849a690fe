import t from 'tap'
import { join } from 'node:path'
import { transferCft, templatesOf } from '../lib/dialects/transfer-cft.js'
import { cftMessages } from '../lib/catalogs/cft-messages.js'
import type { Options } from '../lib/index.js'
import { projectRoot } from '../scripts/mutate.js'
import { behavesLikeTheTextParser, bothWays as bothWaysOnce, bothWaysSeenBefore, same, type BothWays } from './helpers/both-ways.js'

// The transfer-cft byte codec (transfer-cft-bytes.ts, through spans.ts) against the text parser: see
// helpers/both-ways.ts. Templates are made for shapes seen twice: `bothWays` reads each input twice and
// compares the second reading.
const bothWays = (text: string, options: Options = {}, sizes?: readonly number[]): BothWays => bothWaysSeenBefore(transferCft, text, options, sizes)

const fixtureDir = join(projectRoot, 'test', 'fixtures', 'transfer-cft')
const corpusDir = join(projectRoot, '..', 'shared', 'corpus', 'transfer-cft')
const optionSets: Array<[string, Options]> = [
  ['UTC', {}],
  ['Europe/Paris, original, file name', { tz: 'Europe/Paris', original: true, filePath: 'logs/cft.log' }],
  ['America/New_York, a file name JSON must escape', { tz: 'America/New_York', filePath: 'odd "name"\\x.log' }],
  ['placeholder file name, days first', { filePath: '-', cftDateOrder: 'dmy', original: true }]
]

const V24 = '<IDTU=A0000001 PART=USER1 IDF=FLOW01 IDT=C2610430 IDS=33000>'
// Records at the edges of what the reader takes (some span lines): each must come out as the text parser
// reads it, whether the byte reader takes it or declines it.
const edgeLines = [
  `00 19/03/26 10:43:08 CFTT57I Server transfer started ${V24}`,
  `19/03/26 10:43:08 CFTT57I Server transfer started ${V24}`,
  `19/03/26 10:43:08.4 CFTT57I Server transfer started ${V24}`,
  `19/03/26 10:43:08.45 CFTT57I Server transfer started ${V24}`,
  `19/03/26 10:43:08.456 CFTT57I Server transfer started ${V24}`,
  `19/03/26 10:43:08.4567 CFTT57I Server transfer started ${V24}`,
  `19/03/26 10:43:08. CFTT57I Server transfer started ${V24}`,
  `19/03/26  10:43:08 CFTT57I Server transfer started ${V24}`,
  `19/03/26 10:43:08   CFTT57I   Server  transfer started   ${V24}  `,
  `0 19/03/26 10:43:08 CFTT57I Server transfer started ${V24}`,
  `70/01/01 10:43:08 CFTT57I Server transfer started ${V24}`,
  `69/12/31 23:59:59 CFTT57I Server transfer started ${V24}`,
  `19/13/26 10:43:08 CFTT57I Server transfer started ${V24}`,
  `19/02/29 10:43:08 CFTT57I Server transfer started ${V24}`,
  `19/03/26 10:43:08 CFTT57I+ Server transfer started ${V24}`,
  `19/03/26 10:43:08 CFTT57Ixyz Server transfer started ${V24}`,
  `19/03/26 10:43:08 CFTT57I<IDTU=A0000001 PART=USER1>`,
  `19/03/26 10:43:08 CFTT57I`,
  '19/03/26 10:43:08 CFTT57I PART=LOOP IDF=TEST IDT=D0217124 Requester transfer started',
  '19/03/26 10:43:08 CFTT57I PART=LOOP IDF=TEST IDT=D0217124 Server transfer started',
  'CFTT57I PART=LOOP IDF=TEST IDT=D0217124 Server transfer started',
  '19/03/26 10:43:08 CFTT13I Session parameters <IDTU=A1 PART=P IDF=F IDT=T _ PROT=PESITSSL SAP=1761 HOST=198.51.100.20>',
  '19/03/26 10:43:08 CFTT13I Session parameters <IDTU=A1 PART=P IDF=F IDT=T _ PROT=ODETTE SAP=01761 HOST=2001:db8::20>',
  '19/03/26 10:43:08 CFTT13I Session parameters <IDTU=A1 PART=P IDF=F IDT=T _ PROT=SFTP SAP=-1 HOST=zos.example>',
  '19/03/26 10:43:08 CFTT13I Session parameters <IDTU=A1 PART=P IDF=F IDT=T _ PROT=SFTP SAP=1234567890123456 HOST=::ffff:10.0.0.1>',
  '19/03/26 10:43:08 CFTT13I Session parameters <IDTU=A1 PART=P IDF=F IDT=T _ PROT=SFTP SAP=12a HOST=300.1.1.1>',
  '19/03/26 10:43:08 CFTT13I Session parameters <IDTU=A1 PART=P IDF=F IDT=T _ PROT=SFTP SAP=1761 HOST=->',
  '19/03/26 10:43:08 CFTT13I Session parameters',
  '19/03/26 10:43:08 CFTT13I+ PROT=PESITSSL SAP=1761 HOST=zos-prod.corp.example',
  '19/03/26 10:43:08 CFTH56I PESIT Requester session opened <PART=P IDS=00001 HOST=mft.example.co.uk>',
  '19/03/26 10:43:08 CFTH56I PESIT Server session opened <PART=P IDS=00001 HOST=mft.example.co.uk>',
  '19/03/26 10:43:08 CFTH56I PART=P IDS=00002 PESIT Server session opened',
  '19/03/26 10:43:08 CFTR12I SEND Treated for USER ops <IDTU=A0000018 PART=LONDON IDF=STOCK>',
  '19/03/26 10:43:08 CFTR12I SEND Treated for USER - <IDTU=A0000018 PART=- IDF=STOCK USER=->',
  '19/03/26 10:43:08 CFTR12I SEND Treated for USER x <PART=P __proto__=a constructor=b prototype=c>',
  '19/03/26 10:43:08 CFTR12I SEND <PART=P IDF=a"b IDT=c\\d USER=e\\"f>',
  '19/03/26 10:43:08 CFTR12I SEND <PART=P IDF=(a) IDT=b(c USER=d)>',
  '19/03/26 10:43:08 CFTR12I SEND <PART=P PART=Q IDF=F>',
  '19/03/26 10:43:08 CFTR12I SEND <PART=P IDF= F IDT= 123 IDS= X=Y>',
  '19/03/26 10:43:08 CFTR12I SEND PART=P IDF= F',
  '19/03/26 10:43:08 CFTR12I SEND <PART=P IDF=F> after <IDT=T>',
  '19/03/26 10:43:08 CFTR12I SEND > PART=P <IDF=F>',
  '19/03/26 10:43:08 CFTR12I SEND <PART=P IDF=F',
  '19/03/26 10:43:08 CFTR12I a-b=c 9x=y _k=v K2=v2 =v k==v',
  '19/03/26 10:43:08 CFTY14I CTX=2091f8 PART=HQ SSL=SSL_CLI client session established VERSION=TLSv1.2 CIPHER=49199 AUTH=SERVER',
  '19/03/26 10:43:08 CTX = 20000c CFTY21I Remote Server Certificate Accepted rootID = ROOTSEID',
  '19/03/26 10:43:08 CFTY21I CTX = 20000c Remote Server Certificate Accepted',
  '19/03/26 10:43:08 CFTY51I SSH server session established CTX=33470 PROT=SFTP Version=SSH2\nCipher in=aes128-ctr Cipher out=aes256-ctr Key\n19/03/26 10:43:08 CFTY51I+exchange=diffie-hellman-group14-sha256 hmac in=hmac-sha2-512\nhmac out=hmac-sha2-512',
  '19/03/26 10:43:08 CFTY53I SFTP server session established CTX=33470 PROT=SFTP Version=3\nAuthentication=PublicKey CFT Client=No',
  '19/03/26 10:43:08 CFTY53I SFTP server session established CTX=33470\nAuthentication=PublicKey CFT Client=No CFTT57I inside',
  '19/03/26 10:43:08 CFTY53I SFTP server session established CTX=33470\n01 19/03/26 10:43:09 CFTY53I+ Authentication=PublicKey',
  '19/03/26 10:43:08 CFTY53I SFTP server session established CTX=33470\n  + Authentication=PublicKey',
  '19/03/26 10:43:08 CFTY53I SFTP server session established CTX=33470\n   Authentication=PublicKey',
  '01 19/03/26 10:43:04 CFTT13I Session parameters <IDTU=A0000018 PART=LONDON IDF=STOCK IDT=J2422000 _ PROT=PESITSSL SAP=6335\nHOST=mft.londonbank.example.co.uk>',
  '01 19/03/26 10:43:04 CFTT13I Session parameters <IDTU=A0000018 PART=LONDON\nIDF=STOCK IDT=J2422000>',
  '19/03/26 10:43:08 CFTT82E Transfer aborted <IDTU=A000000W PART=CLIENT IDF=BIN IDT=J0219374 DIAGI=916>\n19/03/26 10:43:08 CFTT82E+ DIAGP=KEY DIAGC=The client key does not match\nthe server key PART=X',
  '19/03/26 10:43:08 CFTT82E Transfer aborted <IDTU=A000000W DIAGC=released by the partner SAP=12 HOST=10.0.0.1> PART=Y',
  '19/03/26 10:43:08 CFTT75E connect reject <IDTU=A00000FT PART=SUN35-5 IDF=T1 IDT=D2918351 416 MAXTRANS>',
  '19/03/26 10:43:08 CFTT75E connect reject <IDTU=A00000FT PART=SUN35-5 416 1234 MAXTRANS>',
  '19/03/26 10:43:08 CFTY13E CTX=200006 SSL Handshake local error [HANDSHAKE_FAILURE] CR=40 (Handshake failure)',
  '19/03/26 10:43:08 CFTY03E PID=9 System error [SYDEF] CR=-1 CS=0',
  '19/03/26 10:43:08 CFTS03I _ exec/myreport.cmd executed <IDTU=A000002F PART=NEWYORK IDF=DAILYREPORT IDT= A2618014> (0.013008 sec)',
  '19/03/26 10:43:08 CFTS03I _ exec/myreport.cmd executed <IDTU=A000002F PART=NEWYORK> (12 sec)',
  '19/03/26 10:43:08 CFTS03I _ exec/myreport.cmd executed <IDTU=A000002F PART=NEWYORK> (1234567890 sec)',
  '19/03/26 10:43:08 CFTS03I _ exec/myreport.cmd executed <IDTU=A000002F PART=NEWYORK> (0.1234567891 sec)',
  '19/03/26 10:43:08 CFTS03I _ exec/myreport.cmd executed <IDTU=A000002F PART=NEWYORK> (123456789.123456789 sec)',
  '19/03/26 10:43:08 CFTS03I _ exec/myreport.cmd executed <IDTU=A000002F PART=NEWYORK> (5. sec)',
  '19/03/26 10:43:08 CFTS03I _ exec/myreport.cmd executed <IDTU=A000002F PART=NEWYORK> (5 secs)',
  '19/03/26 10:43:08 CFTS03I _ exec/x(1 sec) executed <IDTU=A000002F PART=NEWYORK> (5 sec)',
  '19/03/26 10:43:08 CFTS03I _ exec/x executed <IDTU=A000002F PART=NEWYORK> (1 sec) (2 sec)',
  '19/03/26 10:43:08 CFTT88I+<IDTU=A0000001 WORKINGDIR=sftp/user1 FNAME=FLOW01/stdio NBC=147998 DURATION=1s>',
  '19/03/26 10:43:08 CFTT88I+<IDTU=A0000001 WORKINGDIR= WFNAME=pub/x.dat NBC=0147998 DURATION=1.5s>',
  '19/03/26 10:43:08 CFTT88I+<IDTU=A0000001 FNAME=a NBC=1 DURATION=0:01:05>',
  '19/03/26 10:43:08 CFTT88I+<IDTU=A0000001 FNAME=a NBC=1 DURATION=5s> (2 sec)',
  '19/03/26 10:43:08 CFTS03I _ x executed (2 sec) <IDTU=A0000001 DURATION=5s>',
  '19/03/26 10:43:08 CFTS20I Communication file row number deleted: 00000250',
  '19/03/26 10:43:08 CFTS20I Communication file row number deleted: 1234567890123456',
  '19/03/26 10:43:08 CFTS20I 0 1 22 333 4444',
  '19/03/26 10:43:08 CFTT53I Server file created <IDTU=A1 PART=P IDF=F IDT=T>',
  '19/03/26 10:43:08 CFTT53I Requester file selected <IDTU=A1 PART=P IDF=F IDT=T>',
  '19/03/26 10:43:08 CFTW09I CFTRECV BIN <IDTU=A000001A PART=HQ IDF=BIN IDT=J2422002 NIDF=BIN>',
  '19/03/26 10:43:08 CFTC30W Catalog Alert cleared : level=68% ID=CAT0',
  '19/03/26 10:43:08 CFTT70I The user partner_acme is connecting with method PublicKey',
  '19/03/26 10:43:08 CFTH11E Error Opening session <PART=WAREHOUSE EV=VNRELI ST=CN0022>',
  '19/03/26 10:43:08 CFTT82E Transfer aborted <IDTU=A1 PART=P DIAGI=413 STR=Server NODE=7 CATEGORY=x ERROR_NAME=y>',
  '19/03/26 10:43:08 CFTT82E Transfer aborted <IDTU=A1 PART=P abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmn=1>',
  '19/03/26 10:43:08 CFTX99I Unknown message <PART=P IDF=F>',
  // Pairs written across three words, `KEY = value`: the parser reads them as pairs.
  '19/03/26 10:43:08 CFTT58I transfer ended NBC = 0012',
  '19/03/26 10:43:08 CFTY13E SSL Handshake local error CR = 40',
  '19/03/26 10:43:08 CFTT61E transfer aborted DIAGI = 416',
  '19/03/26 10:43:08 CFTT58I transfer ended CTX = NBC=0012',
  '19/03/26 10:43:08 CFTT58I transfer ended DIAGC = see PID=0042 and 77',
  '19/03/26 10:43:08 CFTT58I transfer ended 123 = 456 = 789',
  // Durations past what a double holds in nanoseconds: left out of the record.
  '19/03/26 10:43:08 CFTS03I procedure executed (10000000 sec)',
  '19/03/26 10:43:08 CFTT88I+<IDTU=A0000001 FNAME=a NBC=1 DURATION=123456789s>'
]

behavesLikeTheTextParser(t, {
  dialect: transferCft,
  folders: [fixtureDir, corpusDir],
  generator: 'generate-transfer-cft.js',
  edgeLines,
  alphabet: ' 0123456789/:.<>=+_()-abcCFTIEW\n',
  optionSets,
  least: { files: 40, edges: 60, generated: 2300, mutated: 20 },
  pipelineFixture: join(fixtureDir, 'v24.log'),
  secondSight: true,
  lineAt: (year, month, day, time) => `${String(year % 100).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')} ${time} CFTT57I Server transfer started ${V24}`
})

t.test('no message template has a word of digits of its own', async (t) => {
  // The byte reader copies words of digits as they are; a template that matched a given number would
  // make such a word change the record's other fields.
  let patterns = 0
  const offenders: string[] = []
  for (const id of cftMessages.keys()) {
    for (const pattern of templatesOf(id)) {
      patterns++
      if (pattern.source.slice(1, -1).split(' ').some((word) => /^\d+$/.test(word.replaceAll('\\', '')))) offenders.push(`${id}: ${pattern.source}`)
    }
  }
  t.ok(patterns > 100, `${patterns} patterns`)
  t.same(offenders, [], 'templates with a word of digits')
})

t.test('records of a shape seen once are the text parser\'s; from the second on, the byte reader\'s', async (t) => {
  const line = (n: number): string => `19/03/26 10:43:0${n} CFTT57I Server transfer started <IDTU=B000000${n} PART=SHAPE_ONCE IDF=ONLY_HERE IDT=Q${n} IDS=${n}>`
  const result = bothWaysOnce(transferCft, [1, 2, 3].map(line).join('\n') + '\n')
  same(t, result, 'three of a shape')
  t.equal(result.taken, 2, 'the first is read as text, the others as bytes')
})

t.test('a record whose lines a chunk boundary cuts is read as text, the rest as bytes', async (t) => {
  const record = '01 19/03/26 10:43:04 CFTT13I Session parameters <IDTU=A0000018 PART=LONDON IDF=STOCK IDT=J2422000 _ PROT=PESITSSL SAP=6335\nHOST=mft.londonbank.example.co.uk>'
  const text = Array.from({ length: 200 }, () => record).join('\n') + '\n'
  for (const sizes of [[1 << 16], [1000, 333], [50]]) {
    const result = bothWays(text, { original: true }, sizes)
    same(t, result, `chunks of ${sizes.join(', ')}`)
    // Chunks of 50 bytes hold no whole record.
    t.ok(sizes[0] === 50 ? result.taken === 0 : result.taken > 100, `${result.taken} of 200 records read as bytes`)
  }
  // CRLF line ends: the lines of a record are not joined by one line feed in the chunk.
  const crlf = bothWays(text.replaceAll('\n', '\r\n'), { original: true })
  same(t, crlf, 'CRLF')
  t.equal(crlf.taken, 0, 'records of CRLF lines spanning two lines are read as text')
})

t.test('more shapes than the templates kept', async (t) => {
  const text = Array.from({ length: 9000 }, (_, i) => `19/03/26 10:43:08 CFTT57I Server transfer started <IDTU=A1 PART=P${i % 4500} IDF=F${i % 4500} X${i % 4500}=1>`).join('\n') + '\n'
  const result = bothWaysOnce(transferCft, text, { original: true })
  same(t, result, 'nine thousand records of 4500 shapes, each twice')
})

t.test('where the byte classifier of lines decides, it decides as the text classifier does', async (t) => {
  const join = transferCft.join!
  const heads = [undefined, `19/03/26 10:43:08 CFTT57I Server transfer started ${V24}`, `19/03/26 10:43:08 CFTT58I+ Server transfer ended`]
  const lines = [
    'HOST=mft.londonbank.example.co.uk>', 'Cipher in=aes128-ctr Cipher out=aes256-ctr Key', '  hmac out=hmac-sha2-512', '\tIDF=FLOW01>',
    '+ IDTU=A0000002', '  + more', 'From . . : CFT 19/03/26 10:43:08 x', 'From here on', 'Fine words', '19/03/26 10:43:08 something',
    '00 19/03/26 10:43:08 CFTT57I started', '19/03/26 10:43:08 CFTT58I+ continued', 'text CFTT57I inside', 'text CFTT58I+ inside',
    'CFT at the start', 'ends with CF', 'ends with CFT', 'a\u000bvertical tab', '\u000cform feed first', 'x'.repeat(300), '   ', 'A'
  ]
  let decided = 0
  for (const line of lines) {
    const bytes = Buffer.from(`..${line}..`, 'latin1')
    const verdict = join.classifyBytes!(bytes, 2, bytes.length - 2)
    if (verdict === undefined) continue
    decided++
    for (const head of heads) t.equal(verdict, join.classify(line, head), `${JSON.stringify(line)} after ${JSON.stringify(head)}`)
  }
  t.ok(decided >= 8, `${decided} lines decided from bytes`)
})

t.test('a record the end of a batch left open is read from bytes once the next batch shows it ended', async (t) => {
  // One line per chunk: every record is still open when its batch ends (a `+` or wrapped line could
  // continue it), and closed by the first line of the next batch, whose bytes start with it.
  const line = (n: number): string => `19/03/26 10:43:0${n % 10} CFTT57I Server transfer started <IDTU=B000000${n % 10} PART=PARIS IDF=STOCK IDT=Q${n % 10} IDS=${n % 10}>`
  const lines = Array.from({ length: 30 }, (_, n) => line(n))
  const result = bothWays(lines.join('\n') + '\n', { original: true }, [line(0).length + 1])
  same(t, result, 'one line per chunk')
  t.equal(result.taken, 29, 'the byte reader took every record a next line closed')
})
