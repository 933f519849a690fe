/**
 * xferlog: the transfer log of wu-ftpd, SCO ftpd (`ftplog`), ProFTPD's TransferLog, vsftpd
 * (`xferlog_std_format`) and Pure-FTPd (`--altlog xferlog:`).
 *
 *   Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ o r suporte ftp 0 * c
 *
 * The date and the next three fields are read from the left, the eight or nine flag fields from the
 * right, and whatever lies between is the file name: servers that write raw spaces in names, or runs of
 * spaces between fields, still parse. Without a completion status (wu-ftpd before 1998) the line has one
 * field less and the outcome is unknown.
 *
 * This is the hottest code of the project: one anchored pattern reads the whole line, and the codes stay
 * the one-letter strings they are until the layout writes them.
 */
import { isIPv4, isIPv6 } from '../address.js'
import { isValidDateTime, wallInstant, wholeSecondIso } from '../time.js'
import { accessModes, authenticationMethods, completionStatuses, directions, specialActions, transferTypes } from '../catalogs/xferlog.js'
import { compileLayout } from '../layout.js'
import { Recent } from '../recent.js'
import { xferlogByteCodec } from './xferlog-bytes.js'
import type { Dialect, ParseContext, ParseResult } from './types.js'

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** Month number by the three character codes of its English abbreviation packed into one integer. */
const MONTHS = new Map(MONTH_NAMES.map((name, index) => [(name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2), index + 1]))

const SPACE = 32

/** One xferlog line, fields as written; the layout below turns it into a record. */
export class XferlogEntry {
  constructor (
    readonly line: number,
    readonly original: string | undefined,
    readonly filePath: string | undefined,
    readonly timestamp: string,
    readonly seconds: number,
    readonly host: string,
    readonly hostIsIp: boolean,
    readonly size: number,
    readonly path: string,
    readonly transferType: string,
    readonly specialAction: string,
    readonly direction: string,
    readonly accessMode: string,
    readonly user: string,
    readonly service: string,
    readonly authenticationMethod: string,
    readonly authenticatedUser: string,
    /** Absent on the old 13-field lines. */
    readonly completionStatus: string | undefined
  ) {}
}

/** Two decimal digits at `at` as a number, or -1. */
function twoDigits (line: string, at: number): number {
  const high = line.charCodeAt(at) - 48
  const low = line.charCodeAt(at + 1) - 48
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1
}

function skipSpaces (line: string, at: number): number {
  while (line.charCodeAt(at) === SPACE) at++
  return at
}

/** End of the run of digits starting at `at` (equal to `at` when there is none). */
function skipDigits (line: string, at: number): number {
  for (let code = line.charCodeAt(at); code >= 48 && code <= 57; code = line.charCodeAt(++at));
  return at
}

/**
 * The value of a run of at most 15 decimal digits (exact in a double). Faster than `Number()` on the
 * fresh strings a match returns, which the engine has not seen before.
 */
function decimal (digits: string): number {
  let value = 0
  for (let i = 0; i < digits.length; i++) value = value * 10 + digits.charCodeAt(i) - 48
  return value
}

/** Where the fixed left part ends; reused between calls (parsing is synchronous). */
const left = { end: 0 }

/**
 * Checks `Www Mmm dd hh:mm:ss yyyy ttt host bytes ` and sets `left.end` after it; returns a reason when
 * the line does not have that shape (used to explain lines the main pattern rejects, and by `sniff`). The day may be space-padded (`Sep  2`), zero-padded (`Sep 02`) or not padded (`Sep 2`).
 */
function readLeft (line: string): string | undefined {
  if (line.charCodeAt(3) !== SPACE || line.charCodeAt(7) !== SPACE) return 'does not start with a date like "Mon Jan  5 12:00:01 2004"'
  const month = MONTHS.get((line.charCodeAt(4) << 16) | (line.charCodeAt(5) << 8) | line.charCodeAt(6))
  if (month === undefined) return `month "${line.slice(4, 7)}" is not an English month abbreviation`
  let at = line.charCodeAt(8) === SPACE ? 9 : 8
  let day = line.charCodeAt(at) - 48
  if (day < 0 || day > 9) return 'does not start with a date like "Mon Jan  5 12:00:01 2004"'
  const second = line.charCodeAt(++at) - 48
  if (second >= 0 && second <= 9) {
    day = day * 10 + second
    at++
  }
  if (line.charCodeAt(at) !== SPACE || line.charCodeAt(at + 3) !== 58 || line.charCodeAt(at + 6) !== 58 || line.charCodeAt(at + 9) !== SPACE) {
    return 'does not start with a date like "Mon Jan  5 12:00:01 2004"'
  }
  const hour = twoDigits(line, at + 1)
  const minute = twoDigits(line, at + 4)
  const sec = twoDigits(line, at + 7)
  const century = twoDigits(line, at + 10)
  const yy = twoDigits(line, at + 12)
  if (hour < 0 || minute < 0 || sec < 0 || century < 0 || yy < 0 || line.charCodeAt(at + 14) !== SPACE) {
    return 'does not start with a date like "Mon Jan  5 12:00:01 2004"'
  }
  const year = century * 100 + yy
  if (!isValidDateTime(year, month, day, hour, minute, sec)) return `"${line.slice(0, at + 14)}" is not a valid date and time`

  at = skipSpaces(line, at + 14)
  const timeEnd = skipDigits(line, at)
  if (timeEnd === at || timeEnd - at > 12 || line.charCodeAt(timeEnd) !== SPACE) return 'the transfer time after the date is not a whole number of seconds'

  at = skipSpaces(line, timeEnd)
  let hostEnd = at
  while (hostEnd < line.length && line.charCodeAt(hostEnd) !== SPACE) hostEnd++
  if (hostEnd === at) return 'the remote host is missing'

  at = skipSpaces(line, hostEnd)
  const sizeEnd = skipDigits(line, at)
  if (sizeEnd === at || line.charCodeAt(sizeEnd) !== SPACE) return 'the byte count after the remote host is not a whole number'
  if (!Number.isSafeInteger(Number(line.slice(at, sizeEnd)))) return `byte count ${line.slice(at, sizeEnd)} is too large to be exact`
  left.end = skipSpaces(line, sizeEnd)
  return undefined
}

/** Start and end of the last nine fields (index 8 is the last); reused between calls. */
const starts = new Int32Array(9)
const ends = new Int32Array(9)

/** For each one-letter code table, which character codes it knows (derived from the table). */
function codeSet (table: Readonly<Record<string, unknown>>): Uint8Array {
  const set = new Uint8Array(128)
  for (const code of Object.keys(table)) if (code.length === 1) set[code.charCodeAt(0)] = 1
  return set
}
const TRANSFER_TYPES = codeSet(transferTypes)
const SPECIAL_ACTIONS = codeSet(specialActions)
const DIRECTIONS = codeSet(directions)
const ACCESS_MODES = codeSet(accessModes)
const AUTHENTICATION_METHODS = codeSet(authenticationMethods)
const COMPLETION_STATUSES = codeSet(completionStatuses)
const UNDERSCORE = 95

/** True when field `k` of the last nine is one character that `set` knows. */
function isCode (line: string, k: number, set: Uint8Array): boolean {
  return ends[k]! - starts[k]! === 1 && set[line.charCodeAt(starts[k]!)] === 1
}

/** The special-action field is `_` alone, or letters from C, U and T. */
function specialActionOk (line: string, k: number): boolean {
  const start = starts[k]!
  const end = ends[k]!
  if (end - start === 1 && line.charCodeAt(start) === UNDERSCORE) return true
  for (let i = start; i < end; i++) if (SPECIAL_ACTIONS[line.charCodeAt(i)] !== 1) return false
  return end > start
}

/**
 * Checks the flag fields whose transfer type sits at index `first` of the last nine (0 when the line has a
 * completion status, 1 when it has not); returns what is wrong, if anything.
 */
function flagProblem (line: string, first: number): string | undefined {
  const field = (k: number): string => line.slice(starts[k]!, ends[k]!)
  if (!isCode(line, first, TRANSFER_TYPES)) return `transfer type "${field(first)}" is not a or b`
  if (!specialActionOk(line, first + 1)) return `special-action flag "${field(first + 1)}" is not "_" or letters from C, U, T`
  if (!isCode(line, first + 2, DIRECTIONS)) return `direction "${field(first + 2)}" is not o, i or d`
  if (!isCode(line, first + 3, ACCESS_MODES)) return `access mode "${field(first + 3)}" is not a, g or r`
  if (!isCode(line, first + 6, AUTHENTICATION_METHODS)) return `authentication method "${field(first + 6)}" is not 0 or 1`
  if (first === 0 && !isCode(line, 8, COMPLETION_STATUSES)) return `completion status "${field(8)}" is not c or i`
  return undefined
}

/**
 * Splits up to nine fields off the right end, stopping at `floor` (the end of the left part); returns the
 * index of the transfer type among them (0: 14-field line, 1: 13-field line) or a reason.
 */
function readRight (line: string, floor: number): number | string {
  let end = line.length
  while (end > floor && line.charCodeAt(end - 1) === SPACE) end--
  let k = 8
  for (; k >= 0 && end > floor; k--) {
    let start = end - 1
    while (start > floor && line.charCodeAt(start - 1) !== SPACE) start--
    starts[k] = start
    ends[k] = end
    end = start
    while (end > floor && line.charCodeAt(end - 1) === SPACE) end--
  }
  const found = 8 - k
  if (found < 8) return `expected 13 or 14 fields, found ${found + 8} (the date counts as 5)`
  const problem14 = found === 9 ? flagProblem(line, 0) : 'the file name is missing'
  if (problem14 === undefined) return starts[0]! > floor ? 0 : 'the file name is missing'
  if (flagProblem(line, 1) === undefined) return starts[1]! > floor ? 1 : 'the file name is missing'
  return problem14
}

/**
 * The whole line in one pattern, for the common case; the scanners above only run to say what is wrong
 * with a line this does not match. V8's regex engine reads characters several times faster than a
 * `charCodeAt` loop. The file name is the shortest run, ending in a non-space, that leaves exactly eight or
 * nine well-formed flag fields to the end of the line (nine first: a completion status). Because the name
 * must end in a non-space, the tail is tried once per word, not once per space of a run of spaces, and
 * each try ends within nine fields. Because it cannot start on a space (it may on a tab), the spaces before
 * it all go to the separator: were the name allowed to start on one, a failing line would be retried from
 * every space of that run, each time across every word after it (quadratic: a 240 KB line took 18 s). A
 * name starting further left, on a space, could only end where this one can, so no line matches
 * differently. The time is linear in the line length.
 */
const LINE = /^[A-Za-z]{3} ([A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d):(\d\d) (\d{4}) +(\d{1,12}) +(\S+) +(\d{1,20}) +(?! )(.*?\S) +([ab]) +(_|[CUT]+) +([oid]) +([agr]) +(\S+) +(\S+) +([01]) +(\S+)(?: +([ci01]))? *$/

const MAX_TRANSFER_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1e9)

/** ISO text of a matched date (`Sep  2 09:52` + seconds + year), or undefined when it does not exist. */
function timestampOf (minute: string, second: number, year: string, context: ParseContext): string | undefined {
  const month = MONTHS.get((minute.charCodeAt(0) << 16) | (minute.charCodeAt(1) << 8) | minute.charCodeAt(2))
  if (month === undefined) return undefined
  const n = minute.length
  // Fixed positions from the end: "… dd HH:MM"; the day may be one digit after one or two spaces.
  const dayHigh = minute.charCodeAt(n - 8)
  const day = (dayHigh >= 48 && dayHigh <= 57 ? (dayHigh - 48) * 10 : 0) + minute.charCodeAt(n - 7) - 48
  const instant = wallInstant(context.clock, decimal(year), month, day, twoDigits(minute, n - 5), twoDigits(minute, n - 2), second)
  return Number.isNaN(instant) ? undefined : wholeSecondIso(instant)
}

/** Whether each recent remote host is an address, so the check runs once per client. */
const hostKinds = new Recent<boolean>(4096, isAddress)

function parse (line: string, lineNumber: number, context: ParseContext): ParseResult<XferlogEntry> {
  const match = LINE.exec(line)
  if (match === null) return problem(line)
  const timestamp = timestampOf(match[1]!, twoDigits(match[2]!, 0), match[3]!, context)
  if (timestamp === undefined) return problem(line)
  const sizeText = match[6]!
  const size = sizeText.length <= 15 ? decimal(sizeText) : Number(sizeText)
  if (!Number.isSafeInteger(size)) return `byte count ${sizeText} is too large to be exact`
  const seconds = decimal(match[4]!)
  // event.duration is in nanoseconds and must stay an exact integer: past ~104 days the line is damaged.
  if (seconds > MAX_TRANSFER_SECONDS) return `transfer time ${match[4]!} s is too large to be exact in nanoseconds`
  // The service name decides network.protocol, which is written with the flags' memo and so must be there.
  if (match[13] === '-') return 'the service name is "-", not a service like ftp or sftp'
  const host = match[5]!
  const hostIsIp = hostKinds.get(host)
  return new XferlogEntry(
    lineNumber,
    context.original ? line : undefined,
    context.filePath,
    timestamp,
    seconds,
    host,
    hostIsIp,
    size,
    match[7]!,
    match[8]!,
    match[9]!,
    match[10]!,
    match[11]!,
    match[12]!,
    match[13]!,
    match[14]!,
    match[15]!,
    match[16]
  )
}

/**
 * Whether the remote-host field is an IP address (else it is a host name). Names never contain `:` and
 * never end in a digit-only label, so the costly IPv6 test only runs on text with a colon.
 */
function isAddress (host: string): boolean {
  if (host.includes(':')) return isIPv6(host)
  const last = host.charCodeAt(host.length - 1)
  return last >= 48 && last <= 57 && isIPv4(host)
}

/** Why a line does not match `LINE`, found by reading it field by field. */
function problem (line: string): string {
  const leftProblem = readLeft(line)
  if (leftProblem !== undefined) return leftProblem
  const first = readRight(line, left.end)
  if (typeof first === 'string') return first
  return 'the fields do not have the xferlog shape'
}

const noSpecialAction: readonly string[] = Object.freeze([])
const specialActionWords = new Recent<readonly string[]>(64, (flags) => Object.freeze(Array.from(flags, (flag) => specialActions[flag]!)))

function wordsForSpecialAction (flags: string): readonly string[] {
  return flags === '_' ? noSpecialAction : specialActionWords.get(flags)
}

/** Lower case is the schema's spelling of protocols; most servers already write it so. */
function protocol (service: string): string {
  return service === 'ftp' || service === 'sftp' ? service : service.toLowerCase()
}

const layout = compileLayout<XferlogEntry>('xferlog', {
  fields: {
    '@timestamp': { get: (e) => e.timestamp, always: true },
    'event.duration': { get: (e) => e.seconds * 1e9, always: true, memo: 'event' },
    'source.ip': { get: (e) => e.hostIsIp ? e.host : undefined, fromLine: true },
    'source.domain': { get: (e) => e.hostIsIp ? undefined : e.host, fromLine: true },
    'user.name': { get: (e) => e.user, fromLine: true },
    'file.path': { get: (e) => e.path, always: true, fromLine: true },
    'file.size': { get: (e) => e.size, always: true },
    'network.protocol': { get: (e) => protocol(e.service), always: true, memo: 'flags', fromLine: true },
    'xferlog.authenticated_user_id': { get: (e) => e.authenticatedUser === '*' ? undefined : e.authenticatedUser, fromLine: true }
  },
  enriched: {
    // The parser only accepts codes these tables know, so every look-up finds a word; the words depend
    // on the codes alone, so their JSON text is made once per combination of codes (see `memos`).
    'event.action': { get: (e) => directions[e.direction], trusted: true, always: true, memo: 'event' },
    'event.outcome': { get: (e) => e.completionStatus === undefined ? 'unknown' : completionStatuses[e.completionStatus], trusted: true, always: true, memo: 'event' },
    'xferlog.transfer_type': { get: (e) => transferTypes[e.transferType], trusted: true, always: true, memo: 'flags' },
    'xferlog.special_action': { get: (e) => wordsForSpecialAction(e.specialAction), trusted: true, always: true, memo: 'flags' },
    'xferlog.access_mode': { get: (e) => accessModes[e.accessMode], trusted: true, always: true, memo: 'flags' },
    'xferlog.authentication_method': { get: (e) => authenticationMethods[e.authenticationMethod], trusted: true, always: true, memo: 'flags' }
  },
  // What determines each memo's fields; service and flags are few, and so are most transfer times.
  memos: {
    event: (e) => e.direction + (e.completionStatus ?? '-') + e.seconds,
    flags: (e) => e.service + ' ' + e.transferType + e.accessMode + e.authenticationMethod + e.specialAction
  }
})

export const xferlog: Dialect<XferlogEntry> = {
  id: 'xferlog',
  aliases: ['wu-ftpd', 'ftplog', 'transferlog'],
  description: 'wu-ftpd / SCO ftplog / ProFTPD TransferLog / vsftpd / Pure-FTPd transfer log (xferlog(5))',
  sniff (line: string): number {
    if (LINE.test(line)) return 1
    return readLeft(line) === undefined ? 0.5 : 0
  },
  fits (line: string): boolean {
    // "Mon Jan  5 12:00:01 2004 …": spaces after the weekday and the month, a colon in the time whether
    // the day has one digit or two, after one space or two (as the parser and `sniff` allow).
    return line.charCodeAt(3) === SPACE && line.charCodeAt(7) === SPACE &&
      (line.charCodeAt(13) === 58 || line.charCodeAt(12) === 58 || line.charCodeAt(14) === 58)
  },
  parse,
  packed: xferlogByteCodec({
    month: (packed) => MONTHS.get(packed),
    isAddress,
    maxTransferSeconds: MAX_TRANSFER_SECONDS,
    makeEntry: (f) => new XferlogEntry(f.line, f.original, f.filePath, f.timestamp, f.seconds, f.host, f.hostIsIp, f.size, f.path, f.transferType,
      f.specialAction, f.direction, f.accessMode, f.user, f.service, f.authenticationMethod, f.authenticatedUser, f.completionStatus),
    writeJSON: (entry) => layout.writeJSON(entry, true, true)
  }),
  layout,
  isEntry: (value: unknown): value is XferlogEntry => value instanceof XferlogEntry
}
