import t from 'tap'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { findDialect } from '../lib/index.js'
import { catalogForCode } from '../lib/dialects/eft-client.js'
import { convert, convertOne, corpusFiles } from './helpers/records.js'
import { behavesLikeDialect } from './helpers/dialect-suite.js'
import { goldenFixtures } from './helpers/golden.js'

const eft = findDialect('eft-client')!
const LINE = '2006-03-06 10:11:03; ftp; 192.168.20.171; 21; ClientA; C:\\test1.txt; /test1.txt; download; 226;'

behavesLikeDialect(t, eft, {
  good: [
    LINE,
    '2006-03-06 10:12:00; ftps; ftp.example.com; 990; partner; C:\\out\\report 2006.pdf; /inbox/report 2006.pdf; upload; 530;',
    '2006-03-06 10:13:00; sftp; 10.0.0.5; 22; svc; D:\\data\\x.csv; /x.csv; download; 2; 1;',
    '2006-03-06 10:14:00; ftp;; 21; ClientA; C:\\a.txt; /a.txt; download; 10060; 1;',
    '2006-03-06 10:15:00; ftp; fe80::1; ; ; C:\\b.txt; ; download; ;'
  ],
  bad: [
    '',
    'not an EFT line',
    '2006-03-06 10:11:03; ftp; h; 21; u; C:\\a; /a; download; 226',
    '2006-13-06 10:11:03; ftp; h; 21; u; C:\\a; /a; download; 226;',
    '2006-03-06 10:11:03; ftp; h; port; u; C:\\a; /a; download; 226;',
    '2006-03-06 10:11:03; ftp; h; 21; u; C:\\a; /a; download; 226; 7;',
    '2006-03-06 10:11:03; ftp; h; 21; u; C:\\a; /a; download; 226; 0; extra;'
  ]
})

goldenFixtures(t, 'eft-client', 3)

const one = convertOne

t.test('the documented example line', async (t) => {
  t.same(await one(t, LINE), {
    '@timestamp': '2006-03-06T10:11:03.000Z',
    event: { dataset: 'eft-client', action: 'download', outcome: 'success', code: '226', reason: (await one(t, LINE)).event?.reason },
    destination: { ip: '192.168.20.171', port: 21 },
    user: { name: 'ClientA' },
    file: { path: 'C:\\test1.txt' },
    network: { protocol: 'ftp' },
    eft: { remote_path: '/test1.txt' },
    logjson: { line: 1 }
  })
  t.match((await one(t, LINE)).event?.reason, /data connection/)
})

t.test('the code space follows protocol and range', async (t) => {
  const cases: Array<[string | undefined, string, string | undefined]> = [
    ['ftp', '226', 'ftp'], ['ftps', '530', 'ftp'], ['ftp', '10060', 'winsock'], ['sftp', '10054', 'winsock'],
    ['sftp', '2', 'sftp'], ['sftp', '0', 'sftp'], ['sftp', '-1', 'eft'], ['ftp', '5', 'eft'], ['ftp', '0', 'eft'],
    ['ftp', '2000', 'eft'], ['https', '12', 'eft'], [undefined, '226', 'ftp'], ['ftp', '99999', undefined], ['ftp', '13', undefined],
    // EFT's own codes where SFTP (version 3: statuses 0–8) has none; the last Winsock errors; HTTP
    // statuses, which no catalog explains, and no FTP reply on an SFTP line.
    ['sftp', '2000', 'eft'], ['sftp', '11', 'eft'], ['sftp', '8', 'sftp'], ['ftp', '11033', 'winsock'],
    ['http', '404', undefined], ['https', '500', undefined], ['sftp', '226', undefined]
  ]
  for (const [protocol, code, catalog] of cases) t.equal(catalogForCode(protocol, code), catalog, `${protocol ?? '-'} ${code}`)
})

t.test('failures carry the symbolic name, the catalog and the meaning', async (t) => {
  const timeout = await one(t, '2006-03-06 10:13:00; ftp; 10.0.0.5; 21; A; C:\\a; /a; download; 10060;')
  t.equal(timeout.event?.outcome, 'failure')
  t.same({ code: timeout.error?.code, type: timeout.error?.type }, { code: 'WSAETIMEDOUT', type: 'winsock' })
  t.match(timeout.error?.message, /^WSAETIMEDOUT: /)
  const missing = await one(t, '2006-03-06 10:13:00; sftp; h; 22; A; C:\\a; /a; download; 2;')
  t.same({ code: missing.error?.code, type: missing.error?.type }, { code: 'SSH_FX_NO_SUCH_FILE', type: 'sftp' })
  const login = await one(t, '2006-03-06 10:13:00; ftp; h; 21; A; C:\\a; /a; download; 530;')
  t.same({ code: login.error?.code, type: login.error?.type }, { code: '530', type: 'ftp' })
  const socks = await one(t, '2006-03-06 10:13:00; ftp; h; 21; A; C:\\a; /a; download; 11;')
  t.same({ code: socks.error?.code, type: socks.error?.type }, { code: '11', type: 'eft' })
  // SFTP's end of data has no outcome of its own, but EFT reports it as an operation that failed.
  const eof = await one(t, '2006-03-06 10:13:00; sftp; h; 22; A; C:\\a; /a; download; 1;')
  t.equal(eof.event?.outcome, 'failure')
  t.same({ code: eof.error?.code, type: eof.error?.type }, { code: 'SSH_FX_EOF', type: 'sftp' })
  const eofSaidOk = await one(t, '2006-03-06 10:13:00; sftp; h; 22; A; C:\\a; /a; download; 1; 0;')
  t.equal(eofSaidOk.event?.outcome, 'success', 'the tenth column still decides')
})

t.test('the tenth column overrides the outcome the code suggests', async (t) => {
  const failed = await one(t, '2006-03-06 10:13:00; ftp; h; 21; A; C:\\a; /a; download; 226; 1;')
  t.equal(failed.event?.outcome, 'failure')
  t.match(failed.error?.message, /marked the action as failed/)
  const passed = await one(t, '2006-03-06 10:13:00; ftp; h; 21; A; C:\\a; /a; download; 530; 0;')
  t.equal(passed.event?.outcome, 'success')
  t.equal(passed.error, undefined)
})

t.test('codes no catalog knows keep their code and say so', async (t) => {
  const record = await one(t, '2006-03-06 10:13:00; https; h; 443; A; C:\\a; /a; download; 99999;')
  t.equal(record.event?.code, '99999')
  t.equal(record.event?.outcome, 'unknown')
  t.match(record.event?.reason, /none of the code tables/)
  const digits = await one(t, '2006-03-06 10:13:00; ftp; h; 21; A; C:\\a; /a; download; 459;')
  t.equal(digits.event?.outcome, 'failure')
  t.match(digits.event?.reason, /First digit 4/)
})

t.test('empty fields are left out, paths keep backslashes and spaces', async (t) => {
  const record = await one(t, '2006-03-06 10:13:00; ftp;; ; ; C:\\My Files\\a b.txt; ; Upload; ;')
  t.same(record.destination, undefined)
  t.same(record.user, undefined)
  t.same(record.file, { path: 'C:\\My Files\\a b.txt' })
  t.equal(record.event?.action, 'upload')
  t.equal(record.event?.code, undefined)
})

const corpus = corpusFiles('eft-cl')
t.test('every line of the shared EFT client-log corpus parses', { skip: corpus.length === 0 ? '../shared/corpus/eft-cl is not present' : false }, async (t) => {
  for (const file of corpus) {
    const { records, stats } = await convert(t, readFileSync(file))
    t.equal(stats.rejected, 0, basename(file))
    t.ok(records.length > 0 && records.every((r) => r.event?.dataset === 'eft-client'))
  }
})
