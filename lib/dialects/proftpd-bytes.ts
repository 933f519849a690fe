/**
 * proftpd read and written as bytes (see `spans.ts`). The scanner reads the prefix of a line as the parser's
 * patterns do: the time (ISO or syslog), the host, the process tag and its pid, the virtual host and the
 * client's `(name[ip])`; the host, pid, virtual host and client become spans, the tag and the message stay
 * in the template's key (the message is what the parser classifies). A JSON ExtendedLog record is read
 * key by key instead: the values of its strings and numbers become spans, but for the protocol, which the
 * parser lower-cases.
 *
 * Forms the scanner does not read exactly as the parser does (a syslog facility, a time with its zone, JSON
 * with white space or escapes) are left to the text parser; test/proftpd-bytes.ts compares the two.
 */
import { isIP } from '../address.js'
import type { EntryBase } from '../layout.js'
import type { PackedCodec, ParseContext, ParseResult } from './types.js'
import { AddressCache, BELOW_SPACE, SPACE_OR_BELOW, escapesIn, isDigit, passPlain, isLetter, secondsToNanoseconds, twoDigits } from './bytes.js'
import { SPAN_DIGITS, SPAN_IPV4, SPAN_IPV4_MAPPED, SPAN_IPV6, SPAN_NUMBER, SPAN_SAME, SPAN_SECONDS, SPAN_SKIP, SPAN_TEXT, spanCodec, type RecordMeta, type SpanKind, type SpanRecord } from './spans.js'

/** What the codec needs from the text dialect (passed in, so that the two modules do not import each other). */
export interface ProftpdParts<E extends EntryBase> {
  parseLines (lines: readonly string[], lineNumber: number, context: ParseContext): ParseResult<E>
  withMeta (entry: E, meta: RecordMeta): E
  timestampOf (entry: E): string | undefined
  writeJSON (entry: E): string
  /** A month name as a syslog time writes it → 1–12, undefined when it is not one. */
  monthOf (name: string): number | undefined
}

const SPACE = 32
const TAB = 9
const LINE_FEED = 10
const QUOTE = 34
const DOT = 46
const SLASH = 47
const COLON = 58
const COMMA = 44
const DASH = 45
const OPEN_PAREN = 40
const CLOSE_PAREN = 41
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93
const BACKSLASH = 92
const OPEN_BRACE = 123
const CLOSE_BRACE = 125
const UNDERSCORE = 95

const isLower = (byte: number): boolean => byte >= 97 && byte <= 122
const isWordByte = (byte: number): boolean => isLetter(byte) || isDigit(byte) || byte === UNDERSCORE
/** White space as `\s` means it in the parser's patterns (ASCII: the line reaches the scanner as ASCII). */
const isWhite = (byte: number): boolean => byte === SPACE || (byte >= TAB && byte <= 13)
// What ends the name and the address of a client's `(name[ip])`, by byte: one lookup instead of five tests.
const ENDS_NAME = 1
const ENDS_ADDRESS = 2
const SESSION_STOPS = Uint8Array.from({ length: 256 }, (_, byte) =>
  (byte === OPEN_PAREN || byte === CLOSE_PAREN || byte === OPEN_BRACKET || byte === CLOSE_BRACKET || isWhite(byte) ? ENDS_NAME : 0) |
  (byte === CLOSE_BRACKET || isWhite(byte) ? ENDS_ADDRESS : 0))
/** Most members a JSON ExtendedLog record may have to be read from bytes. */
const MAX_MEMBERS = 32

// Kinds of addresses for `AddressCache`: an IPv4-mapped IPv6 address is written as its IPv4 address.
const IPV4 = 4
const IPV6 = 6
const MAPPED = 7
function addressKind (text: string): number {
  if (text.startsWith('::ffff:') && isIP(text.slice(7)) === 4) return MAPPED
  return isIP(text)
}
const SPAN_OF_ADDRESS: Record<number, SpanKind> = { [IPV4]: SPAN_IPV4, [IPV6]: SPAN_IPV6, [MAPPED]: SPAN_IPV4_MAPPED }

/**
 * The text that stands in probes for the times the scanner reads itself, whichever form they take: the
 * parser reads the rest of a line alike after an ISO or a syslog time, so records alike but for the form
 * of their time share a template (a log that mixes both forms would otherwise make each template twice).
 */
const SKIP_TIME = 0
const SKIP_TEXTS = ['2001-01-01 00:00:00']

/** ExtendedLog keys the parser reads, and how a value of each is taken. */
const JSON_TEXT = 1
const JSON_ADDRESS = 2
const JSON_NAME = 3
const JSON_SIZE = 4
const JSON_SECONDS = 5
const JSON_WORDS = 6
const JSON_KEYS = new Map<string, number>([
  ['remote_ip', JSON_ADDRESS], ['remote_dns', JSON_NAME], ['user', JSON_TEXT], ['command', JSON_TEXT], ['file', JSON_TEXT],
  ['response_code', JSON_TEXT], ['bytes_sent', JSON_SIZE], ['transfer_secs', JSON_SECONDS], ['protocol', JSON_WORDS]
])

export function proftpdByteCodec<E extends EntryBase> (parts: ProftpdParts<E>): PackedCodec<E> {
  const addresses = new AddressCache(addressKind)
  const months = new Map<number, number | undefined>()
  /** Where the last `readTag` / `readNumber` stopped. */
  let scanEnd = 0

  /** `HH:MM:SS` at `at` into `record` (with the date given); false when it is not one. */
  function clock (source: Uint8Array, at: number): boolean {
    return source[at + 2] === COLON && source[at + 5] === COLON && twoDigits(source, at) >= 0 && twoDigits(source, at + 3) >= 0 && twoDigits(source, at + 6) >= 0
  }

  /**
   * `YYYY-MM-DD[ T]HH:MM:SS[,.]f{0,9} ` at `start`, into `record`; the end of the time (before its space),
   * or -1 when the line does not open with one the scanner reads (with a zone: left to the parser).
   */
  function isoTime (source: Uint8Array, start: number, end: number, record: SpanRecord): number {
    if (start + 20 > end || source[start + 4] !== DASH || source[start + 7] !== DASH || (source[start + 10] !== SPACE && source[start + 10] !== 84) || !clock(source, start + 11)) return -1
    const century = twoDigits(source, start)
    const yearOfCentury = twoDigits(source, start + 2)
    const year = century * 100 + yearOfCentury
    const month = twoDigits(source, start + 5)
    const day = twoDigits(source, start + 8)
    if (century < 0 || yearOfCentury < 0 || year < 1971 || year > 9998 || month < 0 || day < 0) return -1
    let at = start + 19
    let millisecond = 0
    if (source[at] === COMMA || source[at] === DOT) {
      const from = ++at
      while (at < end && isDigit(source[at]!) && at - from < 10) at++
      if (at === from || at - from > 9) return -1
      for (let k = from; k < from + 3; k++) millisecond = millisecond * 10 + (k < at ? source[k]! - 48 : 0)
    }
    if (source[at] !== SPACE) return -1
    record.setTime(year, month, day, twoDigits(source, start + 11), twoDigits(source, start + 14), twoDigits(source, start + 17), millisecond)
    return at
  }

  /**
   * `Mon[.] {1,2}D HH:MM:SS ` at `start`, into `record` (the year inferred); the end of the time, -1 when it
   * is not one, -2 when its year is one the reader leaves to the parser.
   */
  function syslogTime (source: Uint8Array, start: number, end: number, context: ParseContext, record: SpanRecord): number {
    let at = start
    let code = 0
    while (at < end && isLetter(source[at]!) && at - start < 6) code = code * 256 + source[at++]!
    const letters = at - start
    if (letters < 3 || letters > 5) return -1
    if (source[at] === DOT) {
      code = code * 256 + DOT
      at++
    }
    let month = months.get(code)
    if (month === undefined && !months.has(code)) {
      month = parts.monthOf(Buffer.from(source.buffer, source.byteOffset + start, at - start).toString('latin1'))
      if (months.size >= 256) months.clear()
      months.set(code, month)
    }
    if (month === undefined || source[at] !== SPACE) return -1
    at++
    if (source[at] === SPACE) at++
    let day = 0
    const dayStart = at
    while (at < end && isDigit(source[at]!) && at - dayStart < 3) day = day * 10 + source[at++]! - 48
    if (at === dayStart || at - dayStart > 2 || source[at] !== SPACE || at + 10 > end || !clock(source, at + 1) || source[at + 9] !== SPACE) return -1
    const year = context.yearOf(month, day)
    // Years 1971–9998 put every instant between 1970 and 9999 whatever the zone.
    if (year < 1971 || year > 9998) return -2
    record.setTime(year, month, day, twoDigits(source, at + 1), twoDigits(source, at + 4), twoDigits(source, at + 7), 0)
    return at + 9
  }

  /**
   * The process tag at `at` as the parser's pattern reads it with nothing before it: `proftpd`, `daemon`,
   * `session` or `mod_x/version`, a pid in brackets, a colon, then a space or the end; into `record` (the
   * pid). 1 when it is one (`scanEnd` past its colon), 0 when it is not, -1 when it is a form left to the
   * parser (a syslog facility after it).
   */
  function readTag (source: Uint8Array, at: number, end: number, record: SpanRecord): number {
    let i = at
    // The tags differ in their first letter: only that one is compared.
    const first = source[i]
    if (first === 112 && matches(source, i, 'proftpd')) i += 7
    else if (first === 100 && matches(source, i, 'daemon')) i += 6
    else if (first === 115 && matches(source, i, 'session')) i += 7
    else if (first === 109 && matches(source, i, 'mod_')) {
      i += 4
      const name = i
      while (i < end && isWordByte(source[i]!)) i++
      if (i === name || source[i] !== SLASH || !isDigit(source[i + 1]!)) return 0
      i += 2
      while (i < end && (isWordByte(source[i]!) || source[i] === DOT || source[i] === DASH)) i++
    } else {
      return 0
    }
    const count = record.count
    if (source[i] === OPEN_BRACKET) {
      const from = ++i
      let pid = 0
      while (i < end && isDigit(source[i]!) && i - from < 11) pid = pid * 10 + source[i++]! - 48
      if (i === from || i - from > 10 || source[i] !== CLOSE_BRACKET) return -1
      if (!record.add(SPAN_NUMBER, from, i, 0, pid)) return -1
      i++
    }
    // `[facility.severity]` after the tag, with or without a space: the parser's business.
    if (source[i] === OPEN_BRACKET || (source[i] === SPACE && source[i + 1] === OPEN_BRACKET)) return -1
    if (source[i] === COLON) i++
    if (i < end && source[i] !== SPACE) {
      record.count = count
      return 0
    }
    scanEnd = i
    return 1
  }

  function matches (source: Uint8Array, at: number, text: string): boolean {
    for (let k = 0; k < text.length; k++) if (source[at + k] !== text.charCodeAt(k)) return false
    return true
  }

  /** The end of the word at `at`: up to white space as the parser's patterns mean it (`\s`). */
  function wordEnd (source: Uint8Array, at: number, end: number): number {
    while (at < end && !isWhite(source[at]!)) at++
    return at
  }

  /**
   * The record's bytes as a DataView, for the scans that read four bytes at a time: set by `scan`, as
   * `scanEnd` is set by the scans (reading is synchronous).
   */
  let lineView: DataView = new DataView(new ArrayBuffer(0))

  /** A value the parser copies, unless it is a placeholder the layout leaves out (then it stays in the key). */
  function text (source: Uint8Array, start: number, end: number, record: SpanRecord): boolean {
    if (end === start || (end - start === 1 && source[start] === DASH)) return true
    const count = escapesIn(lineView, source, start, end)
    return count < 0 ? true : record.add(SPAN_TEXT, start, end, count, 0)
  }

  /** Whether `key` is `source[start, start + length)`. */
  function equalBytes (key: Uint8Array, source: Uint8Array, start: number, length: number): boolean {
    for (let i = 0; i < length; i++) if (key[i] !== source[start + i]) return false
    return true
  }

  /** Whether `source[a, a + length)` and `source[b, b + length)` hold the same bytes. */
  function same (source: Uint8Array, a: number, b: number, length: number): boolean {
    for (let i = 0; i < length; i++) if (source[a + i] !== source[b + i]) return false
    return true
  }

  /**
   * `(name[ip])` at `at`, the client as the parser's patterns read it; `scanEnd` past `)`. False when it is
   * not one.
   */
  function session (source: Buffer, at: number, end: number, record: SpanRecord): boolean {
    if (source[at] !== OPEN_PAREN) return false
    const nameStart = at + 1
    let i = nameStart
    while (i < end && (SESSION_STOPS[source[i]!]! & ENDS_NAME) === 0) i++
    if (source[i] !== OPEN_BRACKET) return false
    const nameEnd = i
    const ipStart = ++i
    while (i < end && (SESSION_STOPS[source[i]!]! & ENDS_ADDRESS) === 0) i++
    if (source[i] !== CLOSE_BRACKET || source[i + 1] !== CLOSE_PAREN) return false
    const ipEnd = i
    scanEnd = i + 2
    return client(source, nameStart, nameEnd, ipStart, ipEnd, record)
  }

  /**
   * Spans for a client's name and address, in that order, as the parser's `clientAddress` and
   * `clientDomain` take them: the address when it is one (the parser writes it); the name when the parser
   * writes it as the domain, or when it is the same text as an address (the parser compares them). A name
   * that is an address of its own, and an address that is none, stay in the key.
   */
  function client (source: Buffer, nameStart: number, nameEnd: number, ipStart: number, ipEnd: number, record: SpanRecord): boolean {
    const kind = ipEnd > ipStart ? addresses.kind(source, ipStart, ipEnd) : 0
    const nameLength = nameEnd - nameStart
    if (nameLength > 0) {
      if (nameLength === ipEnd - ipStart && same(source, nameStart, ipStart, nameLength)) {
        if (kind !== 0 && !record.add(SPAN_SAME, nameStart, nameEnd, 0, record.count + 1)) return false
      } else if (addresses.kind(source, nameStart, nameEnd) === 0) {
        if (!text(source, nameStart, nameEnd, record)) return false
      }
    }
    return kind === 0 || record.add(SPAN_OF_ADDRESS[kind]!, ipStart, ipEnd, 0, 0)
  }

  function scan (source: Buffer, start: number, end: number, context: ParseContext, record: SpanRecord, view: DataView): boolean {
    lineView = view
    let lineEnd = end
    if (record.lines > 1) lineEnd = source.indexOf(LINE_FEED, start)
    // The time.
    let at = start
    const first = source[at]!
    if (isDigit(first)) {
      const timeEnd = isoTime(source, at, lineEnd, record)
      if (timeEnd < 0 || !record.add(SPAN_SKIP, at, timeEnd, 0, SKIP_TIME)) return false
      at = timeEnd + 1
    } else if (isLetter(first)) {
      const timeEnd = syslogTime(source, at, lineEnd, context, record)
      if (timeEnd === -2) return false
      if (timeEnd >= 0) {
        if (!record.add(SPAN_SKIP, at, timeEnd, 0, SKIP_TIME)) return false
        at = timeEnd + 1
      }
    } else {
      return false
    }
    // The tag, with or without a host before it (the parser tries without first).
    let tag = readTag(source, at, lineEnd, record)
    if (tag < 0) return false
    if (tag === 0) {
      const hostEnd = wordEnd(source, at, lineEnd)
      if (hostEnd === at || source[hostEnd] !== SPACE || looksLikeFacility(source, at, hostEnd)) return false
      if (!text(source, at, hostEnd, record)) return false
      tag = readTag(source, hostEnd + 1, lineEnd, record)
      if (tag <= 0) return false
    }
    const colon = source[scanEnd - 1] === COLON
    at = scanEnd < lineEnd ? scanEnd + 1 : lineEnd
    // The virtual host and the client.
    let client = false
    if (colon) {
      if (source[at] === OPEN_BRACKET) return false
      if (source[at] === OPEN_BRACE && lineEnd === end) {
        // A JSON ExtendedLog record (without the scan for a vhost below, which would run through all of
        // it): the parser takes a `vhost (name[ip]) - ` before the message only where the first white
        // space of the line's rest is a space followed by one.
        firstSpace = -1
        const firstSpan = record.count
        if (!extended(source, at, lineEnd, record, true)) return false
        if (firstSpace < 0) return true
        if (sessionAt(source, firstSpace + 1, lineEnd, record)) return false
        // The template is the parser's reading of a probe, whose marks stand for the spans and hold no
        // space: it must find no client after its own first space either. Where the line's first space is
        // inside a span, the probe's first is a later one; where a `(` follows it, a mark after it may
        // complete a client the line's own bytes break off.
        if (inSpan(record, firstSpan, firstSpace)) return spaceOutside(source, firstSpace + 1, lineEnd, record, firstSpan) < 0
        return source[firstSpace + 1] !== OPEN_PAREN || !spanAfter(record, firstSpan, firstSpace)
      }
      // `vhost (name[ip]) - message`
      const vhostEnd = wordEnd(source, at, lineEnd)
      if (vhostEnd > at && source[vhostEnd] === SPACE) {
        const count = record.count
        if (text(source, at, vhostEnd, record) && session(source, vhostEnd + 1, lineEnd, record) && source[scanEnd] === SPACE && source[scanEnd + 1] === DASH && source[scanEnd + 2] === SPACE) {
          at = scanEnd + 3
          client = true
        } else {
          record.count = count
        }
      }
    } else if (at < lineEnd) {
      // `vhost: message`, `vhost (name[ip]):? ?message` or `vhost message`: the vhost runs to the first space.
      let vhostEnd = at
      while (vhostEnd < lineEnd && source[vhostEnd] !== SPACE) vhostEnd++
      if (source[vhostEnd - 1] === COLON) {
        if (!text(source, at, vhostEnd - 1, record)) return false
        at = vhostEnd < lineEnd ? vhostEnd + 1 : lineEnd
      } else {
        if (!text(source, at, vhostEnd, record)) return false
        at = vhostEnd < lineEnd ? vhostEnd + 1 : lineEnd
        const count = record.count
        if (session(source, at, lineEnd, record)) {
          at = scanEnd
          if (source[at] === COLON) at++
          if (source[at] === SPACE) at++
          client = true
        } else {
          record.count = count
        }
      }
    }
    // The message: the parser classifies it, so it is in the key (with the lines that continue it), unless
    // it is a JSON ExtendedLog record on a line of its own; but for its words of digits (a delay, a
    // timeout, a count), which no rule tells apart (test/proftpd-bytes.ts checks the rules for digits).
    if (source[at] === OPEN_BRACE && lineEnd === end) return extended(source, at, lineEnd, record, !client)
    // (Only where the line has a client of its own: otherwise a rule may take a number of the message for
    // the client's name and address, which the parser compares.)
    if (lineEnd === end && client) return digitWords(source, at, end, record)
    return true
  }

  /** Words of one to fifteen digits, between spaces, in `source[start, end)` become spans. */
  function digitWords (source: Uint8Array, start: number, end: number, record: SpanRecord): boolean {
    let at = start
    while (at < end) {
      const wordStart = at
      // Most words do not start with a digit: those are only passed over.
      let digits = isDigit(source[at]!)
      if (digits) {
        while (at < end && source[at] !== SPACE) {
          const byte = source[at++]!
          if (byte < 48 || byte > 57) digits = false
        }
      } else {
        while (at < end && source[at] !== SPACE) at++
      }
      if (digits && at - wordStart <= 15 && !record.add(SPAN_DIGITS, wordStart, at, 0, 0)) return false
      at++
    }
    return true
  }

  /** Whether `at` is inside one of the record's spans from `from` on. */
  function inSpan (record: SpanRecord, from: number, at: number): boolean {
    for (let k = from; k < record.count; k++) if (at >= record.starts[k]! && at < record.ends[k]!) return true
    return false
  }

  /** Whether one of the record's spans from `from` on starts after `at`. */
  function spanAfter (record: SpanRecord, from: number, at: number): boolean {
    for (let k = from; k < record.count; k++) if (record.starts[k]! > at) return true
    return false
  }

  /** The first space of `source[start, end)` outside the record's spans from `from` on; -1 when there is none. */
  function spaceOutside (source: Uint8Array, start: number, end: number, record: SpanRecord, from: number): number {
    for (let at = start; at < end; at++) if (source[at] === SPACE && !inSpan(record, from, at)) return at
    return -1
  }

  /** Whether `(name[ip]) - ` is at `at` (the record's spans are left as they were). */
  function sessionAt (source: Buffer, at: number, end: number, record: SpanRecord): boolean {
    const count = record.count
    const found = session(source, at, end, record) && source[scanEnd] === SPACE && source[scanEnd + 1] === DASH && source[scanEnd + 2] === SPACE
    record.count = count
    return found
  }

  /** `[a-z][a-z0-9]*.[a-z]+`, all of the word: a syslog facility where the parser looks for a host. */
  function looksLikeFacility (source: Uint8Array, start: number, end: number): boolean {
    if (!isLower(source[start]!)) return false
    let i = start + 1
    while (i < end && (isLower(source[i]!) || isDigit(source[i]!))) i++
    if (source[i] !== DOT || i + 1 >= end) return false
    for (i++; i < end; i++) if (!isLower(source[i]!)) return false
    return true
  }

  // The members of the JSON record being read: the role of each key, where its value lies, and its type.
  const roles = new Int32Array(MAX_MEMBERS)
  const valueStarts = new Int32Array(MAX_MEMBERS)
  const valueEnds = new Int32Array(MAX_MEMBERS)
  const strings = new Uint8Array(MAX_MEMBERS)

  /**
   * A JSON ExtendedLog record, all of `source[start, end)`: an object of string, number and literal values,
   * without white space or escapes (anything else is the parser's). Its strings' and numbers' values
   * become spans, but for those the parser reads to make words; `clientFromJson` says whether its address
   * and name are the client's (the line had no `(name[ip])` of its own).
   */
  function extended (source: Buffer, start: number, end: number, record: SpanRecord, clientFromJson: boolean): boolean {
    let at = start + 1
    let members = 0
    let ip = -1
    let name = -1
    if (source[at] !== CLOSE_BRACE) {
      for (;;) {
        if (members === MAX_MEMBERS || source[at] !== QUOTE) return false
        const keyStart = ++at
        at = stringEnd(source, at, end)
        if (at < 0 || source[at + 1] !== COLON) return false
        const role = jsonRole(source, keyStart, at)
        at += 2
        const valueStart = at
        let isString = false
        if (source[at] === QUOTE) {
          at = stringEnd(source, at + 1, end)
          if (at < 0) return false
          at++
          isString = true
        } else if (number(source, at, end)) {
          at = scanEnd
        } else if (matches(source, at, 'true') || matches(source, at, 'null')) {
          at += 4
        } else if (matches(source, at, 'false')) {
          at += 5
        } else {
          return false
        }
        roles[members] = role
        valueStarts[members] = isString ? valueStart + 1 : valueStart
        valueEnds[members] = isString ? at - 1 : at
        strings[members] = isString ? 1 : 0
        // The last of a key is what the parser reads.
        if (role === JSON_ADDRESS) ip = members
        else if (role === JSON_NAME) name = members
        members++
        if (source[at] === CLOSE_BRACE) break
        if (source[at] !== COMMA) return false
        at++
      }
    }
    if (at + 1 !== end) return false
    // The address and name are the client's only when the line has none of its own. The parser takes a
    // number for its text and compares the two: a client given as a number stays in the key, both fields.
    const numericClient = clientFromJson && ((ip >= 0 && strings[ip] === 0) || (name >= 0 && strings[name] === 0))
    const keptIp = numericClient ? ip : -1
    const keptName = numericClient ? name : -1
    if (!clientFromJson || numericClient) ip = name = -1
    let ipSpan = -1
    for (let m = 0; m < members; m++) {
      const valueStart = valueStarts[m]!
      const valueEnd = valueEnds[m]!
      const role = roles[m]!
      if (m === keptIp || m === keptName) continue
      if (m === ip) {
        // An address the parser writes; text that is none stays in the key.
        const kind = addresses.kind(source, valueStart, valueEnd)
        if (kind !== 0) {
          ipSpan = record.count
          if (!record.add(SPAN_OF_ADDRESS[kind]!, valueStart, valueEnd, 0, 0)) return false
        }
        continue
      }
      if (m === name) {
        // The domain, unless it is the address's own text (compared by the parser) or an address itself.
        const length = valueEnd - valueStart
        if (ip >= 0 && length === valueEnds[ip]! - valueStarts[ip]! && same(source, valueStart, valueStarts[ip]!, length)) {
          if (ip > name) return false
          if (ipSpan >= 0 && !record.add(SPAN_SAME, valueStart, valueEnd, 0, ipSpan)) return false
        } else if (addresses.kind(source, valueStart, valueEnd) === 0) {
          if (!text(source, valueStart, valueEnd, record)) return false
        }
        continue
      }
      if (strings[m] === 1) {
        // A string the parser takes as it is, or not at all (it is copied with the message); not the
        // protocol (lower-cased), nor a size or duration written as text.
        if (role === JSON_WORDS || role === JSON_SIZE || role === JSON_SECONDS) continue
        // (The string holds no quote, backslash or control: `stringEnd` saw to that.)
        if (valueEnd > valueStart && !(valueEnd - valueStart === 1 && source[valueStart] === DASH) && !record.add(SPAN_TEXT, valueStart, valueEnd, 0, 0)) return false
        continue
      }
      if (role === JSON_SECONDS) {
        const value = secondsToNanoseconds(source, valueStart, valueEnd)
        if (!Number.isNaN(value) && !record.add(SPAN_SECONDS, valueStart, valueEnd, 0, value)) return false
      } else if (isInteger(source, valueStart, valueEnd)) {
        // The parser writes the byte count as a number, and the text of other integers as it is.
        if (!record.add(role === JSON_SIZE ? SPAN_NUMBER : SPAN_DIGITS, valueStart, valueEnd, 0, role === JSON_SIZE ? digitsValue(source, valueStart, valueEnd) : 0)) return false
      }
    }
    return true
  }

  /** Where the first space of the JSON record being read is, -1 while it has none (see `scan`). */
  let firstSpace = -1

  /**
   * The end of a JSON string's text from `at` (at its closing quote), -1 when it has escapes or controls or
   * no end. Four bytes at a time while none is a quote, a backslash, a control character or, until the
   * record's first is found, a space (the line is ASCII).
   */
  function stringEnd (source: Uint8Array, at: number, end: number): number {
    while (at < end) {
      at = passPlain(lineView, at, end, firstSpace < 0 ? SPACE_OR_BELOW : BELOW_SPACE)
      const stop = Math.min(at + 4, end)
      for (; at < stop; at++) {
        const byte = source[at]!
        if (byte === QUOTE) return at
        if (byte === BACKSLASH || byte < SPACE) return -1
        if (byte === SPACE && firstSpace < 0) firstSpace = at
      }
    }
    return -1
  }

  // ExtendedLog keys by their bytes, in a direct-mapped table: keys repeat from line to line.
  const jsonKeys: Array<Uint8Array | undefined> = new Array(64).fill(undefined)
  const jsonRoles = new Uint8Array(64)
  function jsonRole (source: Buffer, start: number, end: number): number {
    // Keys are few: their length and two of their bytes spread them well enough.
    const length = end - start
    const slot = (length * 7 + source[start]! + source[end - 1]! * 3) & 63
    const key = jsonKeys[slot]
    if (key !== undefined && key.length === length && equalBytes(key, source, start, length)) return jsonRoles[slot]!
    const role = JSON_KEYS.get(source.toString('latin1', start, end)) ?? 0
    jsonKeys[slot] = new Uint8Array(source.subarray(start, end))
    jsonRoles[slot] = role
    return role
  }

  /** Whether `source[start, end)` is a JSON integer of one to fifteen digits (exact in a double). */
  function isInteger (source: Uint8Array, start: number, end: number): boolean {
    if (end === start || end - start > 15) return false
    for (let i = start; i < end; i++) if (!isDigit(source[i]!)) return false
    return true
  }

  function digitsValue (source: Uint8Array, start: number, end: number): number {
    let value = 0
    for (let i = start; i < end; i++) value = value * 10 + source[i]! - 48
    return value
  }

  /** A JSON number at `at` (`scanEnd` past it); false when there is none. */
  function number (source: Uint8Array, at: number, end: number): boolean {
    let i = at
    if (source[i] === DASH) i++
    if (source[i] === 48) i++
    else if (isDigit(source[i]!)) while (i < end && isDigit(source[i]!)) i++
    else return false
    if (source[i] === DOT) {
      const from = ++i
      while (i < end && isDigit(source[i]!)) i++
      if (i === from) return false
    }
    if ((source[i]! | 0x20) === 101) {
      i++
      if (source[i] === 43 || source[i] === DASH) i++
      const from = i
      while (i < end && isDigit(source[i]!)) i++
      if (i === from) return false
    }
    scanEnd = i
    return true
  }

  return spanCodec({
    scan,
    skipTexts: SKIP_TEXTS,
    parseLines: parts.parseLines,
    withMeta: parts.withMeta,
    timestampOf: parts.timestampOf,
    writeJSON: parts.writeJSON
  })
}
