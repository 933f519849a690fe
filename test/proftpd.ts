import t from 'tap'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { findDialect, parseLine, type LogRecord, type Options } from '../lib/index.js'
import { convert, corpusFiles } from './helpers/records.js'
import { behavesLikeDialect } from './helpers/dialect-suite.js'
import { goldenFixtures } from './helpers/golden.js'
import { BIN, shellEnv } from './helpers/command.js'

const proftpd = findDialect('proftpd')!

behavesLikeDialect(t, proftpd, {
  good: [
    '2021-05-28 18:08:01,124 host proftpd[4711] ftp.example.com (client.example.net[203.0.113.9]): USER bob: Login successful.',
    'Jan  7 18:26:02 host proftpd[4711]: ftp.example.com (client.example.net[203.0.113.9]) - FTP session opened.',
    'Jan 07 18:26:02 host proftpd[4711] ftp.example.com (203.0.113.9[203.0.113.9]): USER bob (Login failed): Incorrect password',
    'proftpd[5]: mod_dso/0.5: module \'mod_radius.c\' already loaded',
    'May 15 18:02:12 localhost proftpd: (pam_unix) authentication failure; rhost=198.51.100.9  user=mark',
    '2016-01-15 07:32:37,275 mod_tls/2.7[5072]: TLS/TLS-C requested, starting TLS handshake',
    'Dec 31 23:59:59 myhost local0.notice proftpd[3]: myhost (203.0.113.13[203.0.113.13]) - SECURITY VIOLATION: Root login attempted',
    'juil. 28 16:42:17 serveur proftpd[9423] serveur ...',
    '2024-01-05 12:00:04,000 h proftpd[1] 2001:db8::21: ROOT PRIVS at mod_auth.c:1234: Operation not permitted',
    'Jun  6 06:06:06 myhost proftpd[6]: {"remote_ip":"198.51.100.10","user":"erin","command":"RETR","bytes_sent":10}',
    '2024-01-05T12:00:00.5+02:00 host proftpd[1]: FTP session closed.'
  ],
  bad: [
    'nothing like it',
    '127.0.0.1 [06/Mar/2023:11:33:50 -0500] ZAYV7qwZ115/AAABACVpEfri - "USER jsmftptest" 331 -',
    '2024-02-30 12:00:00,000 host proftpd[1] v: impossible date',
    'Feb 30 12:00:00 host proftpd[1]: impossible date'
  ]
})

goldenFixtures(t, 'proftpd', 3)

function one (line: string, options: Options = {}): LogRecord {
  return parseLine(line, { tz: 'UTC', dialect: 'proftpd', ...options })!
}

t.test('both grammars give the same record for the same event', async (t) => {
  const systemLog = one('2021-05-28 18:08:01,124 host proftpd[4711] ftp.example.com (client.example.net[203.0.113.9]): USER bob: Login successful.')
  const syslog = one('May 28 18:08:01 host proftpd[4711]: ftp.example.com (client.example.net[203.0.113.9]) - USER bob: Login successful.', { year: 2021 })
  for (const record of [systemLog, syslog]) {
    t.match(record, {
      event: { dataset: 'proftpd', action: 'login', outcome: 'success' },
      log: { level: 'info' },
      source: { ip: '203.0.113.9', domain: 'client.example.net' },
      host: { hostname: 'host' },
      process: { name: 'proftpd', pid: 4711 },
      user: { name: 'bob' },
      message: 'USER bob: Login successful.',
      proftpd: { vhost: 'ftp.example.com' }
    })
  }
  t.equal(systemLog['@timestamp'], '2021-05-28T18:08:01.124Z')
  t.equal(syslog['@timestamp'], '2021-05-28T18:08:01.000Z')
})

t.test('every message class the issue names', async (t) => {
  const cases: Array<[string, string, string | undefined, string | undefined]> = [
    ['USER bob: Login successful.', 'login', 'info', 'success'],
    ['ANON ftp: Login successful.', 'login', 'info', 'success'],
    ['USER bob (Login failed): Incorrect password', 'login-failed', 'notice', 'failure'],
    ['USER bob (Login failed): No such user found', 'login-failed', 'notice', 'failure'],
    ['USER eve: no such user found from h [203.0.113.9] to 192.0.2.1:21', 'login-failed', 'notice', 'failure'],
    ['FTP session opened.', 'session-opened', 'info', undefined],
    ['SSH2 session closed.', 'session-closed', 'info', undefined],
    ['Client session idle timeout, disconnected', 'idle-timeout', 'info', undefined],
    ['Connection refused (MaxClients 20)', 'connection-refused', 'notice', 'failure'],
    ['Connection from h [203.0.113.9] denied.', 'connection-denied', 'notice', 'failure'],
    ['Maximum login attempts (3) exceeded, connection refused', 'max-login-attempts', 'notice', 'failure'],
    ["chroot to '/srv' failed for user 'bob': Permission denied", 'chroot-failed', 'error', 'failure'],
    ['ProFTPD 1.3.8 (stable) (built Mon) standalone mode STARTUP', 'startup', 'notice', undefined],
    ['ProFTPD 1.3.8 standalone mode SHUTDOWN', 'shutdown', 'notice', undefined],
    ['Out of memory!', 'out-of-memory', 'alert', 'failure'],
    ['unable to fork', 'fork-failed', 'alert', 'failure'],
    ['Failed binding to 0.0.0.0, port 21: Address already in use', 'bind-failed', 'error', 'failure'],
    ['unable to accept incoming connection', 'accept-failed', 'error', 'failure'],
    ['error opening scoreboard', 'scoreboard-open-failed', 'error', 'failure'],
    ['Malformed entry in AuthUserFile', 'auth-file-malformed', 'error', 'failure'],
    ["mod_dso/0.5: module 'mod_x.c' already loaded", 'module-already-loaded', 'info', undefined]
  ]
  for (const [message, action, level, outcome] of cases) {
    const record = one(`Jan  5 12:00:00 h proftpd[1]: v (n[192.0.2.9]) - ${message}`, { year: 2024 })
    t.equal(record.event?.action, action, message)
    t.equal(record.log?.level, level, `${message}: level`)
    t.equal(record.event?.outcome, outcome, `${message}: outcome`)
    t.equal(record.message, message)
  }
  const unclassified = one('Jan  5 12:00:00 h local0.warn proftpd[1]: something new', { year: 2024 })
  t.equal(unclassified.event?.action, undefined)
  t.equal(unclassified.log?.level, 'warning', 'level from the syslog token')
  t.equal(unclassified.message, 'something new')
})

t.test('a strerror text at the end of a message is an errno error', async (t) => {
  const record = one("Jan  5 12:00:00 h proftpd[1]: v (n[192.0.2.9]) - chroot to '/srv' failed for user 'bob': No space left on device", { year: 2024 })
  t.match(record.error, { type: 'errno', code: 'ENOSPC' })
  t.ok((record.error?.message ?? '').length > 20)
  const german = one('Jan  5 12:00:00 h proftpd[1]: Fatal: unable to open incoming connection: Der Socket ist nicht verbunden', { year: 2024 })
  t.equal(german.error, undefined, 'texts of other languages are not guessed at')
})

t.test('module log continuation lines join the record they continue, across chunks too', async (t) => {
  const text = '2016-01-15 07:32:37,303 mod_tls/2.7[5072]: unable to accept TLS connection: protocol error:\n' +
    '  (1) error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol\n' +
    '  (2) error:0A000086:SSL routines::certificate verify failed\n' +
    '2016-01-15 07:32:37,303 mod_tls/2.7[5072]: TLS/TLS-C negotiation failed on control channel\n'
  for (const cut of [10, text.indexOf('(1)'), text.indexOf('(2)') - 1, text.length - 5]) {
    const { records, stats } = await convert(t, [text.slice(0, cut), text.slice(cut)])
    t.equal(records.length, 2, `cut at ${cut}`)
    t.equal(records[0]!.message, 'unable to accept TLS connection: protocol error:\n(1) error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol\n(2) error:0A000086:SSL routines::certificate verify failed')
    t.match(records[0], { logjson: { line: 1 }, proftpd: { module: 'mod_tls', module_version: '2.7' }, event: { action: 'tls-handshake-failed' } })
    t.equal(records[1]!.logjson?.line, 4)
    t.same([stats.lines, stats.records, stats.joined], [4, 2, 2])
    t.ok(stats.balanced())
  }
  const original = await convert(t, text, { original: true })
  t.equal(original.records[0]!.event?.original, text.split('\n').slice(0, 3).join('\n'))
  // The first line's end is trimmed as the others are, from bytes and from text (the CRLF input) alike.
  const spaced = 'Dec 14 10:47:58 mod_tls/2.4.1[13393]: unable to accept TLS connection: protocol error: \t\n  (1) error:1408F10B:SSL routines \n'
  for (const input of [spaced, spaced.replaceAll('\n', '\r\n')]) {
    const { records } = await convert(t, input, { year: 2020 })
    t.equal(records[0]!.message, 'unable to accept TLS connection: protocol error:\n(1) error:1408F10B:SSL routines')
  }
})

t.test('clients: IPv4, IPv4-mapped, IPv6, names; a server name that is an IPv6 address', async (t) => {
  const at = (client: string): LogRecord => one(`2024-01-05 12:00:00,000 h proftpd[1] v (${client}): FTP session opened.`)
  t.same(at('h.example[192.0.2.1]').source, { ip: '192.0.2.1', domain: 'h.example' })
  t.same(at('::ffff:192.0.2.2[::ffff:192.0.2.2]').source, { ip: '192.0.2.2' })
  t.same(at('2001:db8::5[2001:db8::5]').source, { ip: '2001:db8::5' })
  t.same(at('localhost[127.0.0.1]').source, { ip: '127.0.0.1', domain: 'localhost' })
  t.same(at('aa.bb.cc[aa.bb.vv.dd]').source, { domain: 'aa.bb.cc' }, 'an anonymised address is not an ip')
  const v6 = one('2024-01-05 12:00:00,000 h proftpd[1] 2001:db8::21: ROOT PRIVS at mod_auth.c:1234: Operation not permitted')
  t.equal((v6 as { proftpd?: { vhost?: string } }).proftpd?.vhost, '2001:db8::21')
  t.equal(v6.message, 'ROOT PRIVS at mod_auth.c:1234: Operation not permitted')
  t.equal(v6.error?.code, 'EPERM')
})

t.test('years: --year, else inferred so that December read in January is last year', async (t) => {
  const january = Date.UTC(2025, 0, 2, 12)
  const year = (line: string, options: Options): string | undefined => one(line, { referenceTime: january, ...options })['@timestamp']
  t.equal(year('Dec 31 23:59:59 h proftpd[1]: FTP session opened.', {}), '2024-12-31T23:59:59.000Z')
  t.equal(year('Jan  1 00:00:01 h proftpd[1]: FTP session opened.', {}), '2025-01-01T00:00:01.000Z')
  t.equal(year('Jan  3 00:00:01 h proftpd[1]: FTP session opened.', {}), '2025-01-03T00:00:01.000Z', 'a day of slack')
  t.equal(year('Jan  4 00:00:01 h proftpd[1]: FTP session opened.', {}), '2024-01-04T00:00:01.000Z')
  t.equal(year('Dec 31 23:59:59 h proftpd[1]: FTP session opened.', { year: 2030 }), '2030-12-31T23:59:59.000Z')
  t.equal(year('Feb 29 10:00:00 h proftpd[1]: FTP session opened.', { referenceTime: Date.UTC(2024, 5, 1) }), '2024-02-29T10:00:00.000Z')
})

t.test('the command infers the year from the file\'s modification time', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'logjson-proftpd-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'proftpd.log')
  writeFileSync(file, 'Dec 31 23:59:59 h proftpd[1]: FTP session opened.\nJan  1 00:00:01 h proftpd[1]: FTP session closed.\n')
  const written = new Date(Date.UTC(2021, 0, 1, 12))
  utimesSync(file, written, written)
  const result = spawnSync(process.execPath, [BIN, '--tz', 'UTC', file], { encoding: 'utf8', env: shellEnv })
  t.equal(result.status, 0, result.stderr)
  const stamps = result.stdout.trim().split('\n').map((line) => (JSON.parse(line) as LogRecord)['@timestamp'])
  t.same(stamps, ['2020-12-31T23:59:59.000Z', '2021-01-01T00:00:01.000Z'])
})

const corpus = corpusFiles('proftpd')
t.test('every line of the shared ProFTPD corpus becomes a proftpd record', { skip: corpus.length === 0 ? '../shared/corpus/proftpd is not present' : false }, async (t) => {
  for (const file of corpus) {
    const { records, stats } = await convert(t, readFileSync(file))
    t.ok(stats.balanced(), basename(file))
    if (/extendedlog/.test(basename(file))) {
      // Custom LogFormat files: rejected, each line with the reason.
      t.equal(stats.rejected, stats.lines, `${basename(file)}: every line rejected`)
      t.ok(records.every((r) => /ExtendedLog line written with a custom LogFormat/.test(r.error?.message ?? '')))
      continue
    }
    t.equal(stats.rejected, 0, `${basename(file)}: nothing rejected`)
    t.ok(records.length > 0 && records.every((r) => r.event?.dataset === 'proftpd'), `${basename(file)}: all proftpd`)
    t.equal(stats.records + stats.joined, stats.lines, `${basename(file)}: every line in a record`)
  }
})

t.test('ExtendedLog JSON keys from input are only read, never copied: prototype names stay data', async (t) => {
  const line = 'Jan  5 12:00:00 host proftpd[1]: {"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"hasOwnProperty":3,"user":"__proto__","remote_ip":"192.0.2.9","command":"RETR","file":"/x"}'
  const record = parseLine(line, { tz: 'UTC', year: 2026 }) as LogRecord & { proftpd?: { command?: string } }
  t.equal(record.user?.name, '__proto__', 'a prototype name as a value is just data')
  t.equal(record.source?.ip, '192.0.2.9')
  t.equal(record.proftpd?.command, 'RETR')
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched')
  t.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false)
})
