/**
 * proftpd: ProFTPD's own log lines, whether written by its SystemLog, by a syslog daemon, or by a module's
 * log (TLSLog, SFTPLog, AuthOTPLog).
 *
 *   2021-05-28 18:08:01,124 host proftpd[4711] ftp.example.com (client.example.net[203.0.113.9]): USER bob: Login successful.
 *   Jan  7 18:26:02 host proftpd[4711]: ftp.example.com (client.example.net[203.0.113.9]) - FTP session opened.
 *   2016-01-15 07:32:37,303 mod_tls/2.7[5072]: unable to accept TLS connection: protocol error:
 *     (1) error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol
 *
 * A line is `[time ][host ][facility.severity ]tag[[pid]][ [facility.severity]]` followed either by `: `
 * and `[vhost (name[ip]) - ]message` (syslog), or by ` vhost[ (name[ip])]: message` (SystemLog and the old
 * syslog form). Every part before the tag may be missing. Lines starting with white space continue the
 * record before them (OpenSSL's error stack under a mod_tls or mod_sftp message).
 *
 * The message is classified by the rules in `catalogs/proftpd.ts`; a strerror text at its end becomes an
 * errno error.
 */
import { isIP } from '../address.js'
import { isoString, utcTime, isValidDateTime, wallTimeIso } from '../time.js'
import { proftpdByteCodec } from './proftpd-bytes.js'
import { compileLayout } from '../layout.js'
import { Recent } from '../recent.js'
import { explain } from '../catalogs/explain.js'
import { errnoFromMessage } from '../catalogs/errno.js'
import { monthNames, rulesByFirstCharacter, syslogSeverities, type MessageRule } from '../catalogs/proftpd.js'
import { JOIN_CONTINUE, JOIN_START, type Dialect, type JoinKind, type ParseContext, type ParseResult } from './types.js'
import { hasWordStart } from './words.js'
import { nanoseconds, type LogLevel } from '../record.js'

type Outcome = 'success' | 'failure'

/** Fields read from a JSON ExtendedLog record (ProFTPD's JSON log format keys). */
export interface ExtendedFields {
  command?: string
  responseCode?: string
  user?: string
  clientIp?: string
  clientName?: string
  file?: string
  bytes?: number
  seconds?: number
  protocol?: string
}

export class ProftpdEntry {
  constructor (
    readonly line: number,
    readonly original: string | undefined,
    readonly filePath: string | undefined,
    readonly timestamp: string | undefined,
    readonly hostname: string | undefined,
    readonly processName: string,
    readonly module: string | undefined,
    readonly moduleVersion: string | undefined,
    readonly pid: number | undefined,
    readonly vhost: string | undefined,
    readonly clientIp: string | undefined,
    readonly clientName: string | undefined,
    readonly message: string,
    readonly action: string | undefined,
    readonly level: LogLevel | undefined,
    readonly outcome: Outcome | undefined,
    readonly user: string | undefined,
    readonly reason: string | undefined,
    readonly protocol: string | undefined,
    readonly version: string | undefined,
    readonly facility: string | undefined,
    /** The errno name a strerror text at the end of the message stands for. */
    readonly errno: string | undefined,
    readonly extended: ExtendedFields | undefined,
    readonly jsonTruncated: boolean
  ) {}
}

const ISO_TIME = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:[,.](\d{1,9}))?(Z|[+-]\d\d:?\d\d)? /
// Month names of any locale: letters (Latin-1 and Latin Extended included), an optional dot.
const SYSLOG_TIME = /^([A-Za-z\u00c0-\u024f]{3,5}\.?) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d) /
// [host ][facility.severity ]tag[[pid]][ [facility.severity]][:] — the host is tried absent first, so a
// line that starts with the tag never mistakes it for a host.
const TAG = /^(?:(\S+) )??(?:([a-z][a-z0-9]*)\.([a-z]+) )?(proftpd|daemon|session|mod_[A-Za-z0-9_]+\/[0-9][\w.-]*)(?:\[(\d{1,10})\])?(?: ?\[([a-z][a-z0-9]*)\.([a-z]+)\])?(:?)(?: |$)/
const BRACKETED_FACILITY = /^\[([a-z][a-z0-9]*)\.([a-z]+)\]:? /
// `vhost (name[ip]) - message` after `tag[pid]: `.
const SYSLOG_SESSION = /^(\S+) \(([^()[\]\s]*)\[([^\]\s]*)\]\) - /
// `(name[ip]): message` after the vhost of the SystemLog form.
const SESSION = /^\(([^()[\]\s]*)\[([^\]\s]*)\]\):? ?/
const EXTENDED_CLF = /^(?:\S+\s+)?\[\d\d\/[A-Za-z]{3}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\]/
/** What every line `EXTENDED_CLF` matches begins with (when not with `[`): a quick test for `fits`. */
const CLF_START = /^\S+\s+\[/
const PAM_RHOST = /\brhost=(\S+)/
const PAM_USER = /\buser=(\S+)/

interface Timestamp { iso: string | undefined, rest: string, invalid?: string }

/** A month name as the line writes it (`Jan`, `janv.`, `Mär`) → 1–12, each spelling worked out once. */
const monthsBySpelling = new Recent<number | undefined>(256, (name) => monthNames[name.toLowerCase().replace(/\.$/, '')])
const monthOf = (name: string): number | undefined => monthsBySpelling.get(name)

function readTimestamp (line: string, context: ParseContext): Timestamp {
  const first = line.charCodeAt(0)
  if (first >= 48 && first <= 57) {
    const match = ISO_TIME.exec(line)
    if (match === null) return { iso: undefined, rest: line }
    const [, y, mo, d, h, mi, s, fraction, zone] = match
    const year = Number(y); const month = Number(mo); const day = Number(d)
    const hour = Number(h); const minute = Number(mi); const second = Number(s)
    const millisecond = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'))
    const rest = line.slice(match[0].length)
    if (zone === undefined) {
      const iso = wallTimeIso(context.clock, year, month, day, hour, minute, second, millisecond)
      return iso === undefined ? { iso, rest, invalid: match[0].trim() } : { iso, rest }
    }
    if (!isValidDateTime(year, month, day, hour, minute, second)) return { iso: undefined, rest, invalid: match[0].trim() }
    const offset = zone === 'Z' ? 0 : (zone.charCodeAt(0) === 45 ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) * 60_000
    return { iso: isoString(utcTime(year, month, day, hour, minute, second, millisecond) - offset), rest }
  }
  const match = SYSLOG_TIME.exec(line)
  if (match === null) return { iso: undefined, rest: line }
  const [, name, d, h, mi, s] = match
  const rest = line.slice(match[0].length)
  const month = monthOf(name!)
  // A word that is not a month: not a timestamp; the tag search decides what the line is.
  if (month === undefined) return { iso: undefined, rest: line }
  const day = Number(d)
  const iso = wallTimeIso(context.clock, context.yearOf(month, day), month, day, Number(h), Number(mi), Number(s))
  return iso === undefined ? { iso, rest, invalid: match[0].trim() } : { iso, rest }
}

/** IPv4-mapped IPv6 addresses (`::ffff:192.0.2.7`) are written as the IPv4 address they carry. */
function clientAddress (text: string): string | undefined {
  const address = text.startsWith('::ffff:') && isIP(text.slice(7)) === 4 ? text.slice(7) : text
  return isIP(address) === 0 ? undefined : address
}

/** The reverse-DNS name, when it is one (ProFTPD repeats the address when it has no name). */
function clientDomain (name: string | undefined, ip: string): string | undefined {
  if (name === undefined || name === '' || name === ip || isIP(name) !== 0) return undefined
  return name
}

interface Classified {
  action?: string
  level?: LogLevel
  outcome?: Outcome
  user?: string
  reason?: string
  clientName?: string
  clientIp?: string
  version?: string
  protocol?: string
}

function pick (match: RegExpExecArray, value: number | string | undefined): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return value
  const text = match[value]
  return text === undefined || text === '' ? undefined : text
}

function classify (message: string): Classified | undefined {
  const rules = rulesByFirstCharacter.get(message.charAt(0)) ?? rulesByFirstCharacter.get('')!
  // Trailing blanks are trimmed once here, so that no rule ends in `\s*$` (which backtracks on long runs
  // of inner blanks).
  const text = message.trimEnd()
  for (const rule of rules) {
    const match = rule.pattern.exec(text)
    if (match !== null) return apply(rule, match, message)
  }
  return undefined
}

function apply (rule: MessageRule, match: RegExpExecArray, message: string): Classified {
  const result: Classified = { action: rule.action }
  if (rule.level !== undefined) result.level = rule.level
  if (rule.outcome !== undefined) result.outcome = rule.outcome
  const user = pick(match, rule.user)
  if (user !== undefined) result.user = user
  const reason = pick(match, rule.reason)
  if (reason !== undefined) result.reason = reason
  const clientName = pick(match, rule.clientName)
  if (clientName !== undefined) result.clientName = clientName
  const clientIp = pick(match, rule.clientIp)
  if (clientIp !== undefined) result.clientIp = clientIp
  const version = pick(match, rule.version)
  if (version !== undefined) result.version = version
  const protocol = pick(match, rule.protocol)
  if (protocol !== undefined) result.protocol = protocol === 'SSH2' ? 'ssh' : 'ftp'
  // PAM's authentication failure carries the client and the account as key=value words.
  if (rule.reason === 'PAM authentication failure') {
    const rhost = PAM_RHOST.exec(message)?.[1]
    if (rhost !== undefined) {
      if (isIP(rhost) !== 0) result.clientIp = rhost
      else result.clientName = rhost
    }
    const account = PAM_USER.exec(message)?.[1]
    if (account !== undefined) result.user = account
  }
  return result
}

/** Reads a JSON ExtendedLog record; undefined when the text is not a whole JSON object (cut off). */
function readExtended (text: string): ExtendedFields | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const record = value as Record<string, unknown>
  const text_ = (key: string): string | undefined => {
    const v = Object.hasOwn(record, key) ? record[key] : undefined
    return typeof v === 'string' && v !== '' && v !== '-' ? v : typeof v === 'number' ? String(v) : undefined
  }
  const number = (key: string): number | undefined => {
    const v = Object.hasOwn(record, key) ? record[key] : undefined
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+(?:\.\d+)?$/.test(v) ? Number(v) : undefined
    return n !== undefined && Number.isFinite(n) && n >= 0 ? n : undefined
  }
  const fields: ExtendedFields = {}
  const command = text_('command'); if (command !== undefined) fields.command = command
  const code = text_('response_code'); if (code !== undefined) fields.responseCode = code
  const user = text_('user'); if (user !== undefined) fields.user = user
  const ip = text_('remote_ip'); if (ip !== undefined) fields.clientIp = ip
  const dns = text_('remote_dns'); if (dns !== undefined) fields.clientName = dns
  const file = text_('file'); if (file !== undefined) fields.file = file
  const bytes = number('bytes_sent'); if (bytes !== undefined && Number.isSafeInteger(bytes)) fields.bytes = bytes
  const seconds = number('transfer_secs'); if (seconds !== undefined) fields.seconds = seconds
  const protocol = text_('protocol'); if (protocol !== undefined) fields.protocol = protocol.toLowerCase()
  return fields
}

function parseLines (lines: readonly string[], lineNumber: number, context: ParseContext): ParseResult<ProftpdEntry> {
  const line = lines[0]!
  const time = readTimestamp(line, context)
  if (time.invalid !== undefined) return `"${time.invalid}" is not a valid date and time`
  const tag = TAG.exec(time.rest)
  if (tag === null) {
    if (EXTENDED_CLF.test(line)) return 'an ExtendedLog line written with a custom LogFormat; its fields cannot be known without that format'
    return 'no proftpd, daemon, session or mod_... process tag (like "proftpd[1234]") where one was expected'
  }
  const [, host, facilityBefore, severityBefore, label, pid, facilityAfter, severityAfter, colon] = tag
  let body = time.rest.slice(tag[0].length)
  let facility = facilityBefore ?? facilityAfter
  let severity = severityBefore ?? severityAfter
  if (colon === ':') {
    const bracketed = BRACKETED_FACILITY.exec(body)
    if (bracketed !== null) {
      facility = bracketed[1]
      severity = bracketed[2]
      body = body.slice(bracketed[0].length)
    }
  }
  let vhost: string | undefined
  let clientName: string | undefined
  let clientIpText: string | undefined
  let message = body
  if (colon === ':') {
    const session = SYSLOG_SESSION.exec(body)
    if (session !== null) {
      vhost = session[1]
      clientName = session[2]
      clientIpText = session[3]
      message = body.slice(session[0].length)
    }
  } else if (body !== '') {
    // SystemLog form: the vhost, then `(name[ip]): ` or `: ` before the message. An IPv6 vhost ends in
    // its own colon (`2001:db8::1: …`), which is why the colon is taken from the end of the word.
    const space = body.indexOf(' ')
    const word = space === -1 ? body : body.slice(0, space)
    const after = space === -1 ? '' : body.slice(space + 1)
    if (word.endsWith(':')) {
      vhost = word.slice(0, -1)
      message = after
    } else {
      vhost = word
      const session = SESSION.exec(after)
      if (session !== null) {
        clientName = session[1]
        clientIpText = session[2]
        message = after.slice(session[0].length)
      } else {
        message = after
      }
    }
  }
  // Continuation lines: OpenSSL's error stack and the like, one per line under the message.
  // Each line trimmed: the first one's end too, before the next is put after it.
  if (lines.length > 1) message = message.trimEnd()
  for (let i = 1; i < lines.length; i++) message += '\n' + lines[i]!.trim()
  message = message.trimEnd()

  let extended: ExtendedFields | undefined
  let jsonTruncated = false
  if (message.charCodeAt(0) === 123) {
    extended = readExtended(message)
    jsonTruncated = extended === undefined
  }
  const classified = extended === undefined ? classify(message) : undefined
  const clientIpOfLine = clientIpText === undefined ? undefined : clientAddress(clientIpText)
  let clientIp = clientIpOfLine
  let domain = clientIpText === undefined ? undefined : clientDomain(clientName, clientIpText)
  if (clientIpText === undefined) {
    const fromMessage = classified?.clientIp ?? extended?.clientIp
    if (fromMessage !== undefined) clientIp = clientAddress(fromMessage)
    const name = classified?.clientName ?? extended?.clientName
    if (name !== undefined) domain = clientDomain(name, fromMessage ?? '')
  }
  const errno = errnoFromMessage(message)?.name
  const slash = label!.indexOf('/')
  const isModule = label!.startsWith('mod_')
  return new ProftpdEntry(
    lineNumber,
    context.original ? lines.join('\n') : undefined,
    context.filePath,
    time.iso,
    host,
    isModule ? 'proftpd' : label!,
    isModule ? label!.slice(0, slash) : undefined,
    isModule ? label!.slice(slash + 1) : undefined,
    pid === undefined ? undefined : Number(pid),
    vhost === '' ? undefined : vhost,
    clientIp,
    domain,
    message,
    classified?.action,
    classified?.level ?? (severity === undefined ? undefined : syslogSeverities[severity]),
    classified?.outcome ?? (errno !== undefined ? 'failure' : undefined),
    classified?.user ?? extended?.user,
    classified?.reason,
    classified?.protocol ?? extended?.protocol,
    classified?.version,
    facility,
    errno,
    extended,
    jsonTruncated
  )
}

function parse (line: string, lineNumber: number, context: ParseContext): ParseResult<ProftpdEntry> {
  return parseLines([line], lineNumber, context)
}

function errnoWords (entry: ProftpdEntry): { code: string, message: string } | undefined {
  if (entry.errno === undefined) return undefined
  const found = explain('errno', entry.errno)
  return { code: entry.errno, message: found === undefined ? entry.errno : found.meaning }
}

const layout = compileLayout<ProftpdEntry>('proftpd', {
  fields: {
    '@timestamp': { get: (e) => e.timestamp, trusted: true },
    'event.action': { get: (e) => e.action, trusted: true },
    'event.outcome': { get: (e) => e.outcome, trusted: true },
    'event.reason': (e) => e.reason,
    'event.duration': (e) => nanoseconds(e.extended?.seconds),
    'log.level': { get: (e) => e.level, trusted: true },
    'log.syslog.facility.name': (e) => e.facility,
    'source.ip': (e) => e.clientIp,
    'source.domain': (e) => e.clientName,
    'host.hostname': (e) => e.hostname,
    'process.name': (e) => e.processName,
    'process.pid': (e) => e.pid,
    'user.name': (e) => e.user,
    'file.path': (e) => e.extended?.file,
    'file.size': (e) => e.extended?.bytes,
    'network.protocol': (e) => e.protocol,
    'message': (e) => e.message,
    'proftpd.vhost': (e) => e.vhost,
    'proftpd.module': (e) => e.module,
    'proftpd.module_version': (e) => e.moduleVersion,
    'proftpd.version': (e) => e.version,
    'proftpd.command': (e) => e.extended?.command,
    'proftpd.response_code': (e) => e.extended?.responseCode,
    'proftpd.json_truncated': (e) => e.jsonTruncated ? true : undefined
  },
  enriched: {
    'error.code': (e) => e.errno,
    'error.type': { get: (e) => e.errno === undefined ? undefined : 'errno', trusted: true },
    'error.message': (e) => errnoWords(e)?.message
  }
})

const SNIFF_TAG = /(?:^|\s)(?:proftpd(?:\[\d{1,10}\])?:?|(?:daemon|session)\[\d{1,10}\]|mod_[A-Za-z0-9_]+\/[0-9][\w.-]*\[\d{1,10}\]:)(?: |$)/

export const proftpd: Dialect<ProftpdEntry> = {
  id: 'proftpd',
  aliases: ['proftpd-syslog', 'proftpd-systemlog'],
  description: 'ProFTPD SystemLog and syslog lines (both grammars) and module logs (TLSLog, SFTPLog, AuthOTPLog)',
  sniff (line: string): number {
    if (SNIFF_TAG.test(line)) return 1
    // ExtendedLog lines in a CLF-like LogFormat: claimed so that they are rejected with the reason.
    if (EXTENDED_CLF.test(line)) return 0.2
    return 0
  },
  fits (line: string): boolean {
    const first = line.charCodeAt(0)
    // A line this test takes is not scored while ProFTPD reads the input, so one of another dialect would
    // stay here: the tags as words (not `proftpd-1.3.8.tar.gz` in a file name), and the ExtendedLog lines
    // `sniff` claims in order to reject them by their `[` first or after the first word.
    return first === 32 || first === 9 || hasWordStart(line, 'proftpd') || hasWordStart(line, 'mod_') || hasWordStart(line, 'daemon[') ||
      hasWordStart(line, 'session[') || first === 91 || CLF_START.test(line)
  },
  parse,
  join: {
    classify (line: string): JoinKind {
      const first = line.charCodeAt(0)
      return first === 32 || first === 9 ? JOIN_CONTINUE : JOIN_START
    },
    classifyBytes (source: Uint8Array, start: number): JoinKind {
      const first = source[start]
      return first === 32 || first === 9 ? JOIN_CONTINUE : JOIN_START
    },
    parseLines
  },
  packed: proftpdByteCodec({
    parseLines,
    withMeta: (e, meta) => new ProftpdEntry(meta.line, meta.original, meta.filePath, meta.timestamp, e.hostname, e.processName, e.module, e.moduleVersion, e.pid,
      e.vhost, e.clientIp, e.clientName, e.message, e.action, e.level, e.outcome, e.user, e.reason, e.protocol, e.version, e.facility, e.errno, e.extended,
      e.jsonTruncated),
    timestampOf: (e) => e.timestamp,
    writeJSON: (e) => layout.writeJSON(e, true, false),
    monthOf
  }),
  layout,
  isEntry: (value: unknown): value is ProftpdEntry => value instanceof ProftpdEntry
}
