import t from 'tap'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { findDialect, parseLine, type LogRecord, type Options } from '../lib/index.js'
import { convert, corpusFiles } from './helpers/records.js'
import { behavesLikeDialect } from './helpers/dialect-suite.js'
import { goldenFixtures } from './helpers/golden.js'

const cft = findDialect('transfer-cft')!

behavesLikeDialect(t, cft, {
  good: [
    '00 19/03/26 10:43:08 CFTT57I Server transfer started <IDTU=A0000001 PART=USER1 IDF=FLOW01 IDT=C2610430 IDS=33000>',
    '04/02/15 17:12:47 CFTT57I PART=LOOP IDF=TEST IDT=D0217124 Requester transfer started',
    'CFTY13E CTX=200006 SSL Handshake local error [HANDSHAKE_FAILURE] CR=40 (Handshake failure)',
    '17/01/26 18:01:43.45 CFTS03I _ exec/myreport.cmd executed <IDTU=A000002F PART=NEWYORK IDF=DAILYREPORT IDT= A2618014> (0.013008 sec)',
    '00 19/03/26 10:43:08 CFTT88I+<IDTU=A0000001 WORKINGDIR=sftp/user1 FNAME=FLOW01/stdio NBC=147998 DURATION=0s>',
    'CTX = 20000c CFTY21I Remote Server Certificate Accepted rootID = ROOTSEID',
    'CFTT82E Transfer aborted <IDTU=00000000 PART= IDF= IDT= DIAGI=413>',
    'CFTR12I SEND Treated for USER x <PART=P __proto__=a constructor=b prototype=c>',
    '12/10/17 17:53:30\u00a0 CFTC29W Catalog Alert fill threshold reached: level=80% ID=CAT0'
  ],
  bad: [
    'nothing like it',
    '99/99/99 10:43:08 CFTT57I impossible date',
    'From . . . : CFT 04/02/15 17:12:45'
  ]
})

goldenFixtures(t, 'transfer-cft', 4)

function one (text: string, options: Options = {}): LogRecord {
  return parseLine(text, { tz: 'UTC', dialect: 'transfer-cft', ...options })!
}

t.test('V23 and V24 give the same pairs, the text without them', async (t) => {
  const v24 = one('16/02/18 17:07:27 CFTT57I Requester transfer started <IDTU=A000008F PART=PARIS IDF=BIN IDT=B1817072>')
  const v23 = one('16/02/18 17:07:27 CFTT57I PART=PARIS IDF=BIN IDT=B1817072 Requester transfer started')
  for (const record of [v24, v23]) {
    t.match(record, {
      '@timestamp': '2016-02-18T17:07:27.000Z',
      event: { dataset: 'transfer-cft', code: 'CFTT57I', action: 'transfer-started' },
      log: { level: 'info' },
      message: 'Requester transfer started',
      cft: { part: 'PARIS', idf: 'BIN', idt: 'B1817072', str: 'Requester', category: 'transfer' }
    })
  }
  t.equal((v24 as { cft?: Record<string, unknown> }).cft?.idtu, 'A000008F')
})

t.test('severity letters and categories', async (t) => {
  const levels: Array<[string, string]> = [['CFTC01W', 'warning'], ['CFTC06E', 'error'], ['CFTC13I', 'info'], ['CFTS59F', 'critical']]
  for (const [id, level] of levels) t.equal(one(`${id} something`).log?.level, level, id)
  t.equal((one('CFTY13E CTX=1 x').cft as Record<string, unknown>).category, 'security (SSL/TLS, SSH)')
})

t.test('prefixes: node id, date with centiseconds, none; the date order option', async (t) => {
  t.equal(one('00 19/03/26 10:42:52 CFTT70I x')['@timestamp'], '2019-03-26T10:42:52.000Z')
  t.equal(one('17/01/26 18:01:43.31 CFTT70I x')['@timestamp'], '2017-01-26T18:01:43.310Z')
  t.equal(one('CFTT70I x')['@timestamp'], undefined)
  t.equal(one('26/03/19 10:42:52 CFTT70I x', { cftDateOrder: 'dmy' })['@timestamp'], '2019-03-26T10:42:52.000Z')
  t.equal(one('03/26/19 10:42:52 CFTT70I x', { cftDateOrder: 'mdy' })['@timestamp'], '2019-03-26T10:42:52.000Z')
  t.equal((one('00 19/03/26 10:42:52 CFTT70I x').cft as Record<string, unknown>).node, '00')
  t.throws(() => parseLine('x', { cftDateOrder: 'ydm' as 'ymd' }), { code: 'INVALID_OPTION' })
})

t.test('continuations: same-id + records merge, other + records stand alone, wrapped lines join', async (t) => {
  const text = [
    '00 19/03/26 10:42:52 CFTY51I SSH server session established CTX=32000 PROT=SFTP Version=SSH2',
    'Cipher in=aes256-ctr Cipher out=aes256-ctr Key',
    '00 19/03/26 10:42:52 CFTY51I+exchange=curve25519-sha256@libssh.org hmac in=hmac-sha2-256',
    'hmac out=hmac-sha2-256',
    '00 19/03/26 10:43:08 CFTT54I Server file deselected <IDTU=A0000001 PART=USER1 IDF=FLOW01',
    'IDT=C2610430>',
    '00 19/03/26 10:43:08 CFTT88I+<IDTU=A0000001 WORKINGDIR=sftp/user1/flow01',
    'FNAME=FLOW01/stdio NBC=147998 DURATION=2s>'
  ].join('\n') + '\n'
  for (const cut of [5, text.indexOf('Cipher'), text.indexOf('CFTY51I+'), text.indexOf('FNAME'), text.length - 3]) {
    const { records, stats } = await convert(t, [text.slice(0, cut), text.slice(cut)])
    t.equal(records.length, 3, `cut at ${cut}`)
    t.same([stats.lines, stats.records, stats.joined, stats.rejected], [8, 3, 5, 0])
    t.match(records[0], { event: { code: 'CFTY51I', action: 'ssh-session-established' }, network: { protocol: 'sftp' }, cft: { ctx: '32000', cipher_in: 'aes256-ctr', cipher_out: 'aes256-ctr', key_exchange: 'curve25519-sha256@libssh.org', hmac_in: 'hmac-sha2-256', hmac_out: 'hmac-sha2-256' } })
    t.match(records[1], { event: { code: 'CFTT54I' }, cft: { idt: 'C2610430' } })
    t.match(records[2], { event: { code: 'CFTT88I', duration: 2e9 }, file: { path: 'FLOW01/stdio', size: 147998 }, logjson: { line: 7 } })
  }
})

t.test('two + records of one id in a row, each opening its pairs, are two records', async (t) => {
  const lines = [
    '00 19/03/26 10:43:08 CFTT54I Server file deselected <IDTU=A0000001 PART=USER1 IDF=FLOW01 IDT=C2610430>',
    '00 19/03/26 10:43:08 CFTT88I+<IDTU=A0000001 WORKINGDIR=sftp/u1 FNAME=FLOW01/a NBC=147998 DURATION=0s>',
    '00 19/03/26 10:43:09 CFTT88I+<IDTU=A0000002 WORKINGDIR=sftp/u2',
    'FNAME=FLOW02/b NBC=5 DURATION=3s>',
    'CFTT88I+<IDTU=A0000003 FNAME=FLOW03/c NBC=7>',
    '00 19/03/26 10:43:10 CFTY51I SSH server session established CTX=32000 PROT=SFTP Key',
    '00 19/03/26 10:43:10 CFTY51I+exchange=curve25519-sha256@libssh.org'
  ]
  const text = lines.join('\n') + '\n'
  for (const cut of [text.indexOf('CFTT88I+'), text.indexOf('FNAME=FLOW02'), text.length - 5]) {
    const { records, stats } = await convert(t, [text.slice(0, cut), text.slice(cut)])
    t.same(records.map((record) => [record.event?.code, record.file?.path, record.file?.size, record.logjson?.line]), [
      ['CFTT54I', undefined, undefined, 1],
      ['CFTT88I', 'FLOW01/a', 147998, 2],
      ['CFTT88I', 'FLOW02/b', 5, 3],
      ['CFTT88I', 'FLOW03/c', 7, 5],
      ['CFTY51I', undefined, undefined, 6]
    ], `cut at ${cut}`)
    t.match(records[2], { cft: { idtu: 'A0000002', workingdir: 'sftp/u2' }, event: { duration: 3e9 } })
    t.match(records[4], { cft: { key_exchange: 'curve25519-sha256@libssh.org' } }, 'a + line of other words still continues its record')
    t.same([stats.lines, stats.records, stats.joined, stats.rejected], [7, 5, 2, 0])
  }
})

t.test('CFTR12I as lines print it: the command, and the user after USER when there is one', async (t) => {
  t.match(one('17/01/26 18:01:43.31 CFTR12I SEND Treated for USER dupont <IDTU=A000002C PART=PARIS IDF=DAILYREPORT>'),
    { user: { name: 'dupont' }, cft: { cmd: 'SEND', part: 'PARIS' }, message: 'SEND Treated for USER dupont' })
  t.match(one('CFTR12I SEND PART=LOOP IDM=REP Treated for USER CFT'), { user: { name: 'CFT' }, cft: { cmd: 'SEND', idm: 'REP' } })
  const none = one('CFTR12I END PART=LOOP IDF=\\* IDTU=A000000L Treated for USER')
  t.match(none, { cft: { cmd: 'END' }, message: 'END Treated for USER' })
  t.equal(none.user, undefined, 'no user named, none made up')
  t.equal(one('CFTR12I SEND Treated for someone else').user, undefined, 'another sentence is not read as the template')
})

t.test('HOST is the source when the partner called in, the destination when this side called out', async (t) => {
  const cases: Array<[string, 'source' | 'destination']> = [
    ['00 19/03/26 10:43:08 CFTH56I SFTP Server session opened <PART=USER1 IDS=33000 HOST=192.0.2.5>', 'source'],
    ['00 19/03/26 10:43:08 CFTH56I PESIT Requester session opened <PART=PARIS IDS=1 HOST=192.0.2.5>', 'destination'],
    // An incoming connection turned down: the reference's 'incoming connection rejected'.
    ['00 22/01/19 18:24:43 CFTH22E NPART=X rejected DIAGI=403 <HOST=192.0.2.5>', 'source']
  ]
  for (const [line, side] of cases) {
    const record = one(line)
    t.same([record.source?.ip, record.destination?.ip], side === 'source' ? ['192.0.2.5', undefined] : [undefined, '192.0.2.5'], line.slice(21, 28))
  }
})

t.test('IBM i copies: the From line dates the message after it, + lines continue', async (t) => {
  const text = 'From . . . : CFT 04/02/15 17:12:46\nCFTT13I PART=LOOP IDF=TEST IDT=D0217124 _ Session parameters\nFrom . . . : CFT 04/02/15 17:12:46\n+ PROT=PESITANY SAP=65535 HOST=127.0.0.1\nFrom . . . : CFT 04/02/15 17:12:47\nCFTI34I PID=9 CFTTFIL Task started successfully\n'
  const { records, stats } = await convert(t, text)
  t.equal(records.length, 2)
  t.match(records[0], { '@timestamp': '2004-02-15T17:12:46.000Z', event: { code: 'CFTT13I' }, destination: { ip: '127.0.0.1' }, network: { protocol: 'pesit' }, cft: { sap: 65535 }, logjson: { line: 1 } })
  t.match(records[1], { '@timestamp': '2004-02-15T17:12:47.000Z', event: { code: 'CFTI34I' }, cft: { pid: 9 }, logjson: { line: 5 } })
  t.ok(stats.balanced())
})

t.test('failures: TLS alerts, diagnostic codes, sub-errors, the message itself', async (t) => {
  t.match(one('CFTY13E CTX=200006 SSL Handshake local error [HANDSHAKE_FAILURE] CR=40').error, { type: 'tls-alert', code: 'handshake_failure' })
  t.match(one('CFTY30E CTX=1 SSL Handshake remote error [INSUFFICIENT_SECURITY] CR=71').error, { type: 'tls-alert', code: 'insufficient_security' })
  t.match(one('CFTT75E connect reject <IDTU=A PART=P IDF=F IDT=I 260 PKI 040>'), { error: { type: 'cft-diag', code: '260' }, cft: { diagi: 260, diagp: 'PKI 040' } })
  const remote = one('CFTT82E Transfer aborted <IDTU=A PART=P IDF=F IDT=I DIAGI=916>')
  t.match(remote.error, { type: 'cft-diag', code: '916' })
  t.match(remote.error?.message, /MAXTRANS/)
  const sub = one('CFTY03E PID=9 System error [MMALLOC] CR=-2 CS=0')
  t.match(sub.error, { type: 'cft', code: 'MMALLOC' })
  t.match(one('CFTF02E Remote file selection error').error, { type: 'cft', code: 'CFTF02E' })
  t.equal(one('CFTT57I Requester transfer started').error, undefined)
  const diagc = one('CFTT82E+ DIAGP=KEY DIAGC=The client key does not match')
  t.match(diagc.cft, { diagp: 'KEY', diagc: 'The client key does not match' })
})

t.test('keys from input are data: no prototype is touched', async (t) => {
  const record = one('CFTR12I SEND Treated for USER x <PART=P __proto__=polluted constructor=c prototype=p hasOwnProperty=h toString=s>')
  const fields = record.cft as Record<string, unknown>
  t.equal(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value, 'polluted')
  t.equal(fields.constructor, 'c')
  t.equal(fields.hasownproperty, 'h')
  t.equal(({} as Record<string, unknown>).polluted, undefined)
  t.equal(Object.prototype.toString.call({}), '[object Object]')
  const json = JSON.parse(JSON.stringify(record)) as { cft: Record<string, unknown> }
  t.equal(Object.getOwnPropertyDescriptor(json.cft, '__proto__')?.value, 'polluted', 'written as a plain key')
})

t.test('HOST goes to source or destination by the side of the session', async (t) => {
  t.same(one('CFTH56I SFTP Server session opened <PART=U IDS=1 HOST=192.0.2.5>').source, { ip: '192.0.2.5' })
  t.same(one('CFTH56I PESIT Requester session opened <PART=U IDS=1 HOST=cft.example.net>').destination, { domain: 'cft.example.net' })
})

const corpus = corpusFiles('transfer-cft')
t.test('every line of the shared Transfer CFT corpus becomes part of a transfer-cft record', { skip: corpus.length === 0 ? '../shared/corpus/transfer-cft is not present' : false }, async (t) => {
  for (const file of corpus) {
    const { records, stats } = await convert(t, readFileSync(file))
    t.ok(stats.balanced(), basename(file))
    const rejected = records.filter((r) => r.logjson?.unparsed === true)
    if (/ibmi/.test(basename(file))) {
      // An operator copy that ends on a From line: that line is rejected with the reason.
      t.ok(rejected.every((r) => /From . . . : CFT" header with no message/.test(r.error?.message ?? '')), basename(file))
    } else {
      t.equal(rejected.length, 0, `${basename(file)}: nothing rejected`)
    }
    const parsed = records.filter((r) => r.logjson?.unparsed !== true)
    t.ok(parsed.length > 0 && parsed.every((r) => r.event?.dataset === 'transfer-cft'))
    t.equal(stats.records + stats.joined + stats.rejected, stats.lines, `${basename(file)}: no line lost`)
  }
})

t.test('a record of some 300,000 words after its identifiers', async (t) => {
  const line = '17/01/26 18:01:44.10 CFTT13I Session parameters <IDTU=A000002G PART=NEWYORK> ' + 'a '.repeat(300_000)
  const record = parseLine(line, { dialect: 'transfer-cft', tz: 'UTC' }) as { message: string }
  t.equal(record.message.length, 'Session parameters '.length + 'a '.repeat(300_000).trim().length)
})
