#!/usr/bin/env node
// Writes a synthetic ProFTPD log: `node benchmarks/generate-proftpd.js [lines] > file`.
// It reads like several ProFTPD log destinations gathered into one file, which is what the proftpd dialect
// is built to take: SystemLog lines (ISO time with milliseconds), syslog lines (both the `tag[pid]: vhost
// (name[ip]) - message` form and the older `tag[pid] vhost (name[ip]): message` one), JSON ExtendedLog
// records sent through syslog, PAM lines, and TLSLog / SFTPLog / AuthOTPLog module lines whose OpenSSL
// error stack follows on lines indented by two spaces. Sessions run concurrently, so the lines of one
// pid are spread among the others, as on a busy server. Clients are IPv4 (with and without reverse DNS),
// IPv6 and IPv4-mapped IPv6. "lines" counts physical lines, continuation lines included.
import { lineWriter, randomSource } from './synthetic.js'

const lines = Number(process.argv[2] ?? 1_000_000)
const { random, pick, int, chance } = randomSource(0x5bd1e995)

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const two = (n) => (n < 10 ? '0' : '') + n
const three = (n) => n < 10 ? '00' + n : n < 100 ? '0' + n : String(n)

// One server, two virtual hosts (one of them an address, as ProFTPD prints a vhost without a name).
const HOST = 'ftp01'
const VHOSTS = ['ftp.example.com', 'ftp.example.com', 'ftp.example.com', 'files.example.org', '192.0.2.21']
// [reverse name, address as ProFTPD prints it]. Unresolved clients repeat the address as the name; with
// IPv6 enabled, IPv4 clients come out IPv4-mapped.
const CLIENTS = [
  ['client.example.net', '203.0.113.9'],
  ['203.0.113.47', '203.0.113.47'],
  ['mail.example.org', '198.51.100.5'],
  ['198.51.100.77', '198.51.100.77'],
  ['dsl-42-17.isp.example', '192.0.2.142'],
  ['10.20.30.40', '10.20.30.40'],
  ['build-runner-07.ci.example.com', '10.8.4.57'],
  ['2001:db8::77', '2001:db8::77'],
  ['v6host.example.net', '2001:db8:4:12::1f'],
  ['::ffff:198.51.100.4', '::ffff:198.51.100.4'],
  ['gw.partner.example', '::ffff:192.0.2.200'],
  ['scanner.badactor.example', '198.51.100.250'],
  ['185.220.101.33', '185.220.101.33'],
  ['crawl-66-249-66-80.googlebot.com', '66.249.66.80']
]
const USERS = ['alice', 'bob', 'carol', 'webmaster', 'backup', 'deploy', 'reports', 'jtittle@example.org', 'svc_ingest', 'www-data']
const BAD_USERS = ['admin', 'test', 'oracle', 'guest', 'user', 'ftpuser', 'support', 'postgres', 'pi']
const FILES = [
  '/pub/releases/2026/app-4.2.1.tar.gz', '/incoming/upload_20261024.csv', '/home/alice/reports/Q3 summary.pdf',
  '/var/www/html/index.php', '/backup/db/nightly-2026-10-24.sql.gz', '/incoming/scans/IMG_0042.jpg',
  '/pub/mirror/debian/dists/stable/Release', '/home/deploy/site/assets/app.min.js', '/outgoing/invoices/INV-000913.xml',
  '/home/bob/photos/holiday 2026/beach.jpg'
]
const FAILED_LOGIN_REASONS = ['Incorrect password', 'Incorrect password.', 'User in /etc/ftpusers', 'Invalid shell: \'/usr/sbin/nologin\'']
const CIPHERS = ['TLSv1.3 connection accepted, using cipher TLS_AES_256_GCM_SHA384 (256 bits)', 'TLSv1.3 connection accepted, using cipher TLS_CHACHA20_POLY1305_SHA256 (256 bits)', 'TLSv1.2 connection accepted, using cipher ECDHE-RSA-AES256-GCM-SHA384 (256 bits)']
// OpenSSL error stacks mod_tls writes under a failed handshake, one entry per continuation line.
const TLS_STACKS = [
  ['error:0A00010B:SSL routines::wrong version number'],
  ['error:0A000076:SSL routines::no suitable signature algorithm', 'error:0A000086:SSL routines::certificate verify failed'],
  ['error:0A0000C1:SSL routines::no shared cipher'],
  ['error:1408A0C1:SSL routines:ssl3_get_client_hello:no shared cipher'],
  ['error:0A000102:SSL routines::unsupported protocol']
]
const NET_ERRORS = ['Connection reset by peer', 'Broken pipe', 'Connection timed out']

let time = Date.UTC(2026, 9, 24, 22, 0, 0)
const output = lineWriter()
let written = 0

// The date parts change once a day, so they are formatted once a day; the clock is plain arithmetic.
let day = -1
let isoDay = ''
let syslogDay = ''
let paddedDay = ''
let clock = ''
let clockAt = -1
function tick () {
  if (time === clockAt) return
  const today = Math.floor(time / 86_400_000)
  if (today !== day) {
    const d = new Date(today * 86_400_000)
    const date = d.getUTCDate()
    isoDay = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(date)} `
    // syslog pads the day with a space; the older form below with a zero
    syslogDay = `${MONTHS[d.getUTCMonth()]} ${date < 10 ? ' ' + date : date} `
    paddedDay = `${MONTHS[d.getUTCMonth()]} ${two(date)} `
    day = today
  }
  const ms = time - today * 86_400_000
  const s = Math.floor(ms / 1000)
  clock = `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`
  clockAt = time
}
function isoTime () {
  tick()
  return `${isoDay}${clock},${three((time % 1000 + 1000) % 1000)}`
}
function syslogTime () {
  tick()
  return syslogDay + clock
}

// How a session's lines are written: 0 SystemLog, 1 syslog (rsyslog's form), 2 syslog (the older form
// that fail2ban and OSSEC samples show, with a zero-padded day).
function sessionLine (s, message) {
  if (s.form === 0) return `${isoTime()} ${HOST} proftpd[${s.pid}] ${s.vhost} (${s.name}[${s.ip}]): ${message}`
  if (s.form === 1) return `${syslogTime()} ${HOST} proftpd[${s.pid}]: ${s.vhost} (${s.name}[${s.ip}]) - ${message}`
  tick()
  return `${paddedDay}${clock} ${HOST} proftpd[${s.pid}] ${s.vhost} (${s.name}[${s.ip}]): ${message}`
}
function serverLine (pid, vhost, message) {
  return chance(0.6)
    ? `${isoTime()} ${HOST} proftpd[${pid}] ${vhost}: ${message}`
    : `${syslogTime()} ${HOST} proftpd[${pid}]: ${message}`
}
function moduleLine (module, pid, message) {
  // TLSLog and friends carry no host; a few sites still run module versions with syslog-style dates
  return `${chance(0.85) ? isoTime() : syslogTime()} ${module}[${pid}]: ${message}`
}
function tlsFailure (s) {
  const stack = pick(TLS_STACKS)
  const head = moduleLine('mod_tls/2.9.2', s.pid, pick(['unable to accept TLS connection: protocol error:', 'unable to accept TLS connection:']))
  return [head, ...stack.map((entry, i) => `  (${i + 1}) ${entry}`)]
}
function extendedRecord (s, file) {
  // ExtendedLog in its JSON format, sent to syslog (no vhost part before the JSON)
  const upload = chance(0.35)
  const failed = chance(0.06)
  const bytes = failed ? int(0, 65536) : int(200, 80_000_000)
  const secs = (bytes / int(500_000, 40_000_000) + 0.001).toFixed(3)
  const code = failed ? pick(['426', '451', '550', '552']) : '226'
  return `${syslogTime()} ${HOST} proftpd[${s.pid}]: {"remote_ip":"${s.ip}","user":"${s.user}","command":"${upload ? 'STOR' : 'RETR'}","file":"${file}","response_code":"${code}","bytes_sent":${bytes},"transfer_secs":${secs},"protocol":"${s.ssh ? 'sftp' : 'ftp'}"}`
}

// A session is a script: the lines it will write, produced one at a time (times are taken when a line
// is written, so interleaved sessions stay in time order).
let nextPid = 21000
function newSession () {
  const [name, ip] = pick(CLIENTS)
  const s = { pid: nextPid++, vhost: pick(VHOSTS), name, ip, form: pick([0, 0, 0, 1, 1, 2]), ssh: chance(0.2), user: pick(USERS), steps: [] }
  if (nextPid > 99999) nextPid = 21000
  const proto = s.ssh ? 'SSH2' : 'FTP'
  const say = (message) => () => sessionLine(s, message)
  const steps = s.steps
  steps.push(say(`${proto} session opened.`))
  if (chance(0.15)) steps.push(say(`mod_delay/0.5: delaying for ${int(12, 950)} usecs`))
  if (s.form !== 0 && chance(0.3)) steps.push(() => `${syslogTime()} ${HOST} proftpd[${s.pid}]: pam_unix(proftpd:session): session opened for user ${s.user} by (uid=0)`)
  // FTPS: the handshake before USER, in the TLSLog
  if (!s.ssh && chance(0.35)) {
    steps.push(() => moduleLine('mod_tls/2.9.2', s.pid, 'TLS/TLS-C requested, starting TLS handshake'))
    if (chance(0.12)) {
      steps.push(() => tlsFailure(s))
      steps.push(() => moduleLine('mod_tls/2.9.2', s.pid, 'TLS/TLS-C negotiation failed on control channel'))
      steps.push(say(`${proto} session closed.`))
      return s
    }
    steps.push(() => moduleLine('mod_tls/2.9.2', s.pid, pick(CIPHERS)))
  }
  const roll = random()
  if (roll < 0.12) {
    // password guessing: wrong passwords until the server gives up
    const user = chance(0.5) ? pick(BAD_USERS) : 'root'
    const tries = int(1, 3)
    for (let i = 0; i < tries; i++) {
      if (user === 'root') steps.push(say(chance(0.5) ? 'SECURITY VIOLATION: Root login attempted' : 'SECURITY VIOLATION: root login attempted.'))
      else if (chance(0.5)) {
        steps.push(say(`no such user '${user}'`))
        steps.push(say(`USER ${user}: no such user found from ${s.name} [${s.ip}] to ${pick(['192.0.2.21', '::ffff:192.0.2.21'])}:21`))
      } else steps.push(say(`USER ${user} (Login failed): ${pick(FAILED_LOGIN_REASONS)}`))
    }
    if (tries === 3) steps.push(say('Maximum login attempts (3) exceeded, connection refused'))
    if (s.form !== 0 && user !== 'root' && chance(0.4)) steps.push(() => `${syslogTime()} ${HOST} proftpd[${s.pid}]: pam_unix(proftpd:auth): authentication failure; logname= uid=0 euid=0 tty=ftp ruser= rhost=${s.ip.replace('::ffff:', '')}  user=${user}`)
    steps.push(say(`${proto} session closed.`))
    return s
  }
  if (roll < 0.17 && !s.ssh) {
    steps.push(say('ANON ftp: Login successful.'))
    s.user = 'ftp'
  } else if (roll < 0.21 && s.ssh) {
    steps.push(() => moduleLine('mod_sftp/1.1.1', s.pid, `no matching public key found for user '${s.user}' in '/etc/proftpd/authorized_keys/${s.user}'`))
    steps.push(() => moduleLine('mod_sftp/1.1.1', s.pid, 'disconnecting client (received EOF)'))
    steps.push(say(`${proto} session closed.`))
    return s
  } else {
    if (chance(0.2)) steps.push(say(`USER ${s.user} (Login failed): Incorrect password`))
    if (chance(0.03)) {
      // a mistyped one-time code first, now and then
      if (chance(0.2)) steps.push(() => moduleLine('mod_auth_otp/0.3', s.pid, `FAILED: user '${s.user}' provided invalid OTP code`))
      steps.push(() => moduleLine('mod_auth_otp/0.3', s.pid, `SUCCESS: user '${s.user}' provided valid OTP code`))
    }
    steps.push(say(`USER ${s.user}: Login successful.`))
  }
  // after login: trouble with the home directory, transfers, timeouts
  if (chance(0.02)) {
    steps.push(say(`chroot to '/srv/ftp/${s.user}' failed for user '${s.user}': ${pick(['Permission denied', 'No such file or directory'])}`))
    steps.push(say(`${proto} session closed.`))
    return s
  }
  if (chance(0.04)) steps.push(say(`${s.user} chdir("/home/${s.user}") failed: ${pick(['No such file or directory', 'Permission denied'])}`))
  const transfers = int(0, 5)
  for (let i = 0; i < transfers; i++) {
    const file = pick(FILES)
    steps.push(() => extendedRecord(s, file))
    if (!s.ssh && chance(0.02)) steps.push(say('Refused PORT 192,168,1,2,193,116 (address mismatch)'))
  }
  const end = random()
  if (end < 0.08) steps.push(say('Client session idle timeout, disconnected'))
  else if (end < 0.1) steps.push(say(`Data transfer stall timeout: ${pick([300, 600])} seconds`))
  else if (end < 0.11) steps.push(say('No transfer timeout (600 seconds): closing control connection'))
  else if (end < 0.16 && s.ssh) steps.push(() => moduleLine('mod_sftp/1.1.1', s.pid, `disconnecting client (${pick(NET_ERRORS)})`))
  if (s.form !== 0 && chance(0.3)) steps.push(() => `${syslogTime()} ${HOST} proftpd[${s.pid}]: pam_unix(proftpd:session): session closed for user ${s.user}`)
  steps.push(say(`${proto} session closed.`))
  return s
}

// Lines that belong to no client session: the master process and connections refused before a session.
const MASTER_PID = 1877
function serverEvent () {
  const roll = random()
  const vhost = VHOSTS[0]
  if (roll < 0.35) {
    const [name, ip] = pick(CLIENTS)
    const pid = int(21000, 99999)
    return chance(0.5)
      ? `${isoTime()} ${HOST} proftpd[${pid}] ${vhost} (${name}[${ip}]): Connection refused (${pick(['MaxClientsPerHost 4', 'MaxClients 50', 'MaxConnectionsPerHost 10'])})`
      : `${syslogTime()} ${HOST} proftpd[${pid}]: ${vhost} (${name}[${ip}]) - Connection from ${name} [${ip}] denied.`
  }
  if (roll < 0.5) {
    // TCP wrappers (mod_wrap) refusing a client before any session
    const ip = pick(CLIENTS)[1].replace('::ffff:', '')
    return serverLine(int(21000, 99999), vhost, `refused connect from ${ip} (${ip})`)
  }
  if (roll < 0.62) return serverLine(int(21000, 99999), vhost, 'unable to find open port in PassivePorts range 60000-60100: defaulting to INPORT_ANY')
  if (roll < 0.72) return serverLine(int(21000, 99999), vhost, `Fatal: unable to open incoming connection: ${pick(['Connection reset by peer', 'Transport endpoint is not connected'])}`)
  if (roll < 0.8) return serverLine(int(21000, 99999), vhost, `ROOT PRIVS at mod_auth.c:${int(900, 2900)}: Operation not permitted`)
  if (roll < 0.86) return [
    moduleLine('mod_tls/2.9.2', MASTER_PID, 'error checking key from'),
    '  TLSRSACertificateKeyFile \'/etc/proftpd/ssl/proftpd.key.pem\':',
    '  (1) error:05800074:x509 certificate routines::key values mismatch'
  ]
  if (roll < 0.9) return serverLine(MASTER_PID, vhost, 'Failed binding to 0.0.0.0, port 21: Address already in use')
  if (roll < 0.95) return serverLine(MASTER_PID, vhost, 'ProFTPD 1.3.8b standalone mode SHUTDOWN')
  return serverLine(MASTER_PID, vhost, 'ProFTPD 1.3.8b (maint) (built Tue Jun 10 2025 08:12:44 UTC) standalone mode STARTUP')
}

function emit (record) {
  // a record is a line or the lines of one multi-line record; the last one is cut to the count asked for
  const rows = typeof record === 'string' ? [record] : record.slice(0, lines - written)
  for (const row of rows) output.line(row)
  written += rows.length
}

const active = []
while (written < lines) {
  time += Math.floor(random() * 1600)
  if (chance(0.01)) {
    emit(serverEvent())
    continue
  }
  // keep about a dozen sessions going at once
  if (active.length < 6 || (active.length < 20 && chance(0.15))) active.push(newSession())
  const index = Math.floor(random() * active.length)
  const s = active[index]
  emit(s.steps.shift()())
  if (s.steps.length === 0) {
    active[index] = active[active.length - 1]
    active.pop()
  }
}
output.flush()
