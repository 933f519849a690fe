/**
 * What ProFTPD's log messages mean: which event each one reports, at which syslog level ProFTPD writes it,
 * and whether it tells of a success or a failure. Message texts and levels are facts from ProFTPD's
 * "Log Messages" howto and its sources (mod_auth, mod_core, src/main.c, mod_tls, mod_sftp, mod_auth_otp,
 * mod_dso); the action names are logjson's.
 *
 * Each rule is a pattern anchored at the start of the message. The groups a rule names fill the record:
 * `user` → `user.name`, `reason` → `event.reason`, `clientName` / `clientIp` → `source.*` (only when the
 * line has no `(name[ip])` part of its own), `version` → `proftpd.version`.
 */
import type { LogLevel } from '../record.js'
import { codeTable, type CodeTable } from './table.js'

export interface MessageRule {
  readonly pattern: RegExp
  readonly action: string
  readonly level?: LogLevel
  readonly outcome?: 'success' | 'failure'
  /** Group number of the account, or the account itself when the message implies it. */
  readonly user?: number | string
  /** Group number of the reason, or the reason in words. */
  readonly reason?: number | string
  readonly clientName?: number
  readonly clientIp?: number
  readonly version?: number
  /** `network.protocol` for the words FTP / SSH2 in group 1. */
  readonly protocol?: number
  /** Where the rule comes from, for `docs/codes.md`: the message as ProFTPD writes it. */
  readonly example: string
}

const failure = 'failure' as const
const success = 'success' as const

export const messageRules: readonly MessageRule[] = Object.freeze([
  // Sessions and logins (mod_auth, mod_core; INFO unless the howto says otherwise).
  { pattern: /^(FTP|SSH2) session opened\.?$/, action: 'session-opened', level: 'info', protocol: 1, example: 'FTP session opened.' },
  { pattern: /^(FTP|SSH2) session closed\.?$/, action: 'session-closed', level: 'info', protocol: 1, example: 'SSH2 session closed.' },
  { pattern: /^(?:USER|ANON) (.+?): Login successful\.?$/, action: 'login', level: 'info', outcome: success, user: 1, example: 'USER alice: Login successful.' },
  { pattern: /^ROOT FTP login successful/, action: 'login', level: 'warning', outcome: success, user: 'root', example: 'ROOT FTP login successful' },
  { pattern: /^(?:USER|ANON) ([^(]+?) \(Login failed\): (.*?)\.?$/, action: 'login-failed', level: 'notice', outcome: failure, user: 1, reason: 2, example: 'USER bob (Login failed): Incorrect password' },
  { pattern: /^ANON (.+?): AnonRejectPasswords denies login/, action: 'login-failed', level: 'notice', outcome: failure, user: 1, reason: 'AnonRejectPasswords denies the password', example: 'ANON ftp: AnonRejectPasswords denies login' },
  { pattern: /^USER (.+?): no such user found from (\S*) \[([^\]\s]*)\]/, action: 'login-failed', level: 'notice', outcome: failure, user: 1, reason: 'no such user', clientName: 2, clientIp: 3, example: 'USER eve: no such user found from host [203.0.113.9] to 192.0.2.1:21' },
  { pattern: /^no such user '(.*)'$/, action: 'login-failed', level: 'notice', outcome: failure, user: 1, reason: 'no such user', example: "no such user 'guest'" },
  { pattern: /^SECURITY VIOLATION: [Rr]oot login attempted/, action: 'login-failed', level: 'notice', outcome: failure, user: 'root', reason: 'root login is not allowed (RootLogin off)', example: 'SECURITY VIOLATION: Root login attempted' },
  { pattern: /^Refusing empty password from user '(.*)'/, action: 'login-failed', level: 'notice', outcome: failure, user: 1, reason: 'empty password', example: "Refusing empty password from user 'bob'" },
  { pattern: /^Maximum login attempts \((\d+)\) exceeded/, action: 'max-login-attempts', level: 'notice', outcome: failure, example: 'Maximum login attempts (3) exceeded, connection refused' },
  { pattern: /^Client session idle timeout, disconnected/, action: 'idle-timeout', level: 'info', example: 'Client session idle timeout, disconnected' },
  { pattern: /^Login timeout exceeded, disconnected/, action: 'login-timeout', level: 'info', example: 'Login timeout exceeded, disconnected' },
  { pattern: /^FTP session timed out, disconnected/, action: 'session-timeout', level: 'info', example: 'FTP session timed out, disconnected' },
  { pattern: /^Data transfer stall timeout/, action: 'stall-timeout', level: 'notice', example: 'Data transfer stall timeout: 600 seconds' },
  { pattern: /^No transfer timeout/, action: 'no-transfer-timeout', level: 'notice', example: 'No transfer timeout (600 seconds): closing control connection' },
  // Connection limits and access rules.
  { pattern: /^Connection refused \((Max\w+)/, action: 'connection-refused', level: 'notice', outcome: failure, reason: 1, example: 'Connection refused (MaxClients 20)' },
  { pattern: /^refused connect from (\S+) \(([^)\s]*)\)/, action: 'connection-refused', level: 'notice', outcome: failure, clientName: 1, clientIp: 2, example: 'refused connect from 192.0.2.7 (192.0.2.7)' },
  { pattern: /^Connection from (\S+) \[([^\]\s]*)\] denied/, action: 'connection-denied', level: 'notice', outcome: failure, clientName: 1, clientIp: 2, example: 'Connection from host [192.0.2.7] denied.' },
  { pattern: /^Refused (?:PORT|EPRT) /, action: 'port-refused', level: 'warning', outcome: failure, example: 'Refused PORT 192,168,1,2,193,116 (address mismatch)' },
  { pattern: /^'.*' denied by Path(?:Allow|Deny)Filter/, action: 'path-denied', level: 'notice', outcome: failure, example: "'STOR x.exe' denied by PathDenyFilter" },
  { pattern: /^MaxCommandRate /, action: 'command-rate-exceeded', level: 'notice', example: 'MaxCommandRate (500 cmds/1 sec) exceeded, injecting processing delay of 1000 ms' },
  { pattern: /^unable to find open port in PassivePorts range/, action: 'passive-ports-exhausted', level: 'warning', example: 'unable to find open port in PassivePorts range 60000-60100: defaulting to INPORT_ANY' },
  { pattern: /^\S+:\d+ masquerading as /, action: 'masquerade', level: 'info', example: '10.0.0.2:21 masquerading as 192.0.2.1' },
  // Start-up, shut-down and configuration (ERR and ALERT in the howto).
  { pattern: /^ProFTPD (\S+) .*\bSTARTUP$/, action: 'startup', level: 'notice', version: 1, example: 'ProFTPD 1.3.8 (stable) (built …) standalone mode STARTUP' },
  { pattern: /^ProFTPD (\S+) .*\bSHUTDOWN$/, action: 'shutdown', level: 'notice', version: 1, example: 'ProFTPD 1.3.8 standalone mode SHUTDOWN' },
  { pattern: /^ProFTPD killed \(signal (\d+)\)/, action: 'shutdown', level: 'notice', reason: 'killed by a signal', example: 'ProFTPD killed (signal 15)' },
  { pattern: /^chroot to '(.*)' failed for user '(.*)'/, action: 'chroot-failed', level: 'error', outcome: failure, user: 2, example: "chroot to '/srv/ftp' failed for user 'bob': Permission denied" },
  { pattern: /^chroot to (\S+) failed for user (\S+)/, action: 'chroot-failed', level: 'error', outcome: failure, user: 2, example: 'chroot to /srv/ftp failed for user bob' },
  { pattern: /^\S+ chdir\(".*"\) failed/, action: 'chdir-failed', level: 'notice', outcome: failure, example: 'bob chdir("/home/bob") failed: No such file or directory' },
  { pattern: /^Failed binding to /, action: 'bind-failed', level: 'error', outcome: failure, example: 'Failed binding to 0.0.0.0, port 21: Address already in use' },
  { pattern: /^unable to listen on /, action: 'listen-failed', level: 'error', outcome: failure, example: 'unable to listen on 0.0.0.0#21' },
  { pattern: /^\(Running from command line\?/, action: 'inetd-mode-mismatch', level: 'error', outcome: failure, example: "(Running from command line? Use `ServerType standalone' in config file!)" },
  { pattern: /^unable to accept incoming connection/, action: 'accept-failed', level: 'error', outcome: failure, example: 'unable to accept incoming connection' },
  { pattern: /^(?:RELINQUISH|REVOKE|ROOT|SETUP|USER) PRIVS\b/, action: 'privileges-failed', level: 'error', outcome: failure, example: 'ROOT PRIVS at mod_auth.c:1234: Operation not permitted' },
  { pattern: /^unable to set [UG]ID/, action: 'privileges-failed', level: 'error', outcome: failure, example: 'unable to set UID to 1000' },
  { pattern: /^unable to open (?:\S+ )?log/i, action: 'log-open-failed', level: 'error', outcome: failure, example: 'unable to open log-file: parent-dir is a world-writable directory' },
  { pattern: /^mod_sql(?:\/\S+)?: unrecoverable backend error/, action: 'sql-backend-error', level: 'error', outcome: failure, example: 'mod_sql: unrecoverable backend error' },
  { pattern: /^error: unable to set groups/, action: 'set-groups-failed', level: 'error', outcome: failure, example: 'error: unable to set groups: Invalid argument' },
  { pattern: /^error opening scoreboard/, action: 'scoreboard-open-failed', level: 'error', outcome: failure, example: 'error opening scoreboard' },
  { pattern: /^Malformed entry in Auth(?:User|Group)File/, action: 'auth-file-malformed', level: 'error', outcome: failure, example: 'Malformed entry in AuthUserFile' },
  { pattern: /^Out of memory!?/, action: 'out-of-memory', level: 'alert', outcome: failure, example: 'Out of memory!' },
  { pattern: /^unable to fork/, action: 'fork-failed', level: 'alert', outcome: failure, example: 'unable to fork' },
  { pattern: /^(?:cannot write ExtendedLog|failed to write file)/, action: 'log-write-failed', level: 'alert', outcome: failure, example: 'cannot write ExtendedLog' },
  { pattern: /^mod_dso(?:\/\S+)?: module '(.*)' already loaded/, action: 'module-already-loaded', level: 'info', example: "mod_dso/0.5: module 'mod_radius.c' already loaded" },
  { pattern: /^Fatal: /, action: 'fatal-error', level: 'error', outcome: failure, example: 'Fatal: unable to open incoming connection: Connection reset by peer' },
  // mod_tls (TLSLog).
  { pattern: /^(?:TLS\/TLS-C|SSL\/TLS-P) requested, starting TLS handshake/, action: 'tls-handshake-started', level: 'info', example: 'TLS/TLS-C requested, starting TLS handshake' },
  { pattern: /^TLS\/TLS-C negotiation failed on control channel/, action: 'tls-handshake-failed', level: 'notice', outcome: failure, example: 'TLS/TLS-C negotiation failed on control channel' },
  { pattern: /^unable to accept TLS connection/, action: 'tls-handshake-failed', level: 'notice', outcome: failure, example: 'unable to accept TLS connection: protocol error:' },
  { pattern: /^TLS negotiation timed out/, action: 'tls-handshake-failed', level: 'notice', outcome: failure, reason: 'the TLS handshake timed out', example: 'TLS negotiation timed out (300 seconds)' },
  { pattern: /^\S+ connection accepted, using cipher /, action: 'tls-connection-accepted', level: 'info', outcome: success, example: 'TLSv1.3 connection accepted, using cipher TLS_AES_256_GCM_SHA384 (256 bits)' },
  { pattern: /^client did not reuse TLS session/, action: 'tls-data-connection-refused', level: 'notice', outcome: failure, reason: 'the data connection did not reuse the control connection\'s TLS session', example: 'client did not reuse TLS session, rejecting data connection' },
  { pattern: /^SSL\/TLS required but absent/, action: 'tls-required', level: 'notice', outcome: failure, example: 'SSL/TLS required but absent for authentication, denying USER command' },
  { pattern: /^client certificate failed verification/, action: 'tls-certificate-rejected', level: 'notice', outcome: failure, example: 'client certificate failed verification: certificate has expired' },
  // mod_sftp (SFTPLog).
  { pattern: /^no matching public key found for user '(.*?)'/, action: 'login-failed', level: 'notice', outcome: failure, user: 1, reason: 'no matching public key', example: "no matching public key found for user 'bob' in '/etc/keys'" },
  { pattern: /^disconnecting client/, action: 'client-disconnected', level: 'info', example: 'disconnecting client (received EOF)' },
  // mod_auth_otp (AuthOTPLog).
  { pattern: /^FAILED: user '(.*)' provided invalid OTP code/, action: 'otp-rejected', level: 'notice', outcome: failure, user: 1, example: "FAILED: user 'foobar' provided invalid OTP code" },
  { pattern: /^SUCCESS: user '(.*)' provided valid OTP code/, action: 'otp-accepted', level: 'info', outcome: success, user: 1, example: "SUCCESS: user 'foobar' provided valid OTP code" },
  // PAM modules logging under proftpd's name.
  { pattern: /^pam_\w+\([^)]*\): session opened for user (\S+)/, action: 'session-opened', level: 'info', user: 1, example: 'pam_unix(proftpd:session): session opened for user paul by (uid=0)' },
  { pattern: /^pam_\w+\([^)]*\): session closed for user (\S+)/, action: 'session-closed', level: 'info', user: 1, example: 'pam_unix(proftpd:session): session closed for user paul' },
  { pattern: /^(?:\(pam_\w+\)|pam_\w+\([^)]*\):) authentication failure;/, action: 'login-failed', level: 'notice', outcome: failure, reason: 'PAM authentication failure', example: '(pam_unix) authentication failure; logname= uid=0 euid=0 tty= ruser= rhost=198.51.100.4  user=mark' }
] satisfies MessageRule[])

/**
 * Rules by the message's first character, in table order: a message is only tried against the rules that
 * can match its start (patterns that do not begin with a plain character are tried on every message).
 */
export const rulesByFirstCharacter: ReadonlyMap<string, readonly MessageRule[]> = (() => {
  const literalStart = (rule: MessageRule): string | undefined => {
    const first = rule.pattern.source.charAt(1)
    if (/[A-Za-z0-9'"]/.test(first) && !rule.pattern.flags.includes('i')) return first
    if (rule.pattern.source.startsWith('^\\(')) return '('
    return undefined
  }
  const starts = new Set(messageRules.map(literalStart).filter((c): c is string => c !== undefined))
  const map = new Map<string, readonly MessageRule[]>()
  for (const start of [...starts, '']) {
    map.set(start, Object.freeze(messageRules.filter((rule) => {
      const first = literalStart(rule)
      return first === undefined || first === start
    })))
  }
  return map
})()

/** Syslog severities as rsyslog writes them in `facility.severity` tokens → `log.level`. */
export const syslogSeverities: CodeTable<LogLevel> = codeTable<LogLevel>({
  debug: 'debug',
  info: 'info',
  notice: 'notice',
  warn: 'warning',
  warning: 'warning',
  err: 'error',
  error: 'error',
  crit: 'critical',
  alert: 'alert',
  emerg: 'emergency',
  panic: 'emergency'
})

/**
 * Month names of syslog timestamps, lower case without the final dot: English, and the abbreviations
 * glibc prints under other locales (syslog daemons and ProFTPD before 1.3.6 format dates in the
 * server's locale). Add a language by adding its names.
 */
export const monthNames: CodeTable<number> = codeTable<number>({
  // English
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  // French
  janv: 1, 'févr': 2, fevr: 2, mars: 3, avr: 4, mai: 5, juin: 6, juil: 7, 'août': 8, aout: 8, sept: 9, 'déc': 12,
  // German
  'mär': 3, mrz: 3, okt: 10, dez: 12,
  // Spanish
  ene: 1, abr: 4, ago: 8, dic: 12
})
