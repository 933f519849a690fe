/**
 * transfer-cft read and written as bytes (see `spans.ts`): the scanner cuts a record into its words, which
 * are the key of its template, and the values of its `KEY=value` pairs, which are holes: copied as they
 * are, written as numbers for the keys the parser reads as numbers, probed as addresses for HOST. The
 * values of the keys the parser reads to make words (PROT, CR, DIAGI, …) stay in the key, and so do the
 * node, the message id and the free text.
 *
 * A record may span lines: lines hard-wrapped by a copy, IBM i's `+` lines, and lines that repeat the
 * message id with a `+`, whose date is skipped as the parser skips it. What the scanner is unsure of (no
 * date, an id inside the text, a continuation that names another message, brackets that do not pair up) it
 * leaves to the text parser, which is compared with it in test/transfer-cft-bytes.ts.
 */
import { isIP } from '../address.js'
import type { EntryBase } from '../layout.js'
import type { PackedCodec, ParseContext, ParseResult } from './types.js'
import { AddressCache, isDigit, isLetter, secondsToNanoseconds, twoDigits } from './bytes.js'
import { SPAN_DIGITS, SPAN_IPV4, SPAN_IPV6, SPAN_NUMBER, SPAN_SECONDS, SPAN_SKIP, SPAN_TEXT, spanCodec, type RecordMeta, type SpanRecord } from './spans.js'

/** What the codec needs from the text dialect (passed in, so that the two modules do not import each other). */
export interface TransferCftParts<E extends EntryBase> {
  parseLines (lines: readonly string[], lineNumber: number, context: ParseContext): ParseResult<E>
  withMeta (entry: E, meta: RecordMeta): E
  timestampOf (entry: E): string | undefined
  writeJSON (entry: E): string
  /** Lower-case keys whose digits the parser turns into numbers. */
  numericKeys: ReadonlySet<string>
  /** Lower-case keys whose values the parser reads to make other fields (so they are not holes). */
  keysRead: ReadonlySet<string>
}

const SPACE = 32
const TAB = 9
const LINE_FEED = 10
const PLUS = 43
const DOT = 46
const SLASH = 47
const COLON = 58
const LESS = 60
const EQUALS = 61
const GREATER = 62
const OPEN = 40
const CLOSE = 41
const DASH = 45
const UNDERSCORE = 95

const isUpper = (byte: number): boolean => byte >= 65 && byte <= 90
/** Each byte in lower case (ASCII letters; others as they are): a lookup where a test would branch. */
const LOWER = Uint8Array.from({ length: 256 }, (_, byte) => isUpper(byte) ? byte | 0x20 : byte)
const isKeyByte = (byte: number): boolean => isLetter(byte) || isDigit(byte) || byte === UNDERSCORE

// What a pair's key is to the parser: not a key; a key whose value it only copies; one whose digits it
// reads as a number; one it reads to make other fields; HOST, which it tests for an address; DIAGC, which
// takes the rest of its stretch of text; DURATION, whose seconds it reads.
const KEY_NONE = 0
const KEY_TEXT = 1
const KEY_NUMERIC = 2
const KEY_READ = 3
const KEY_HOST = 4
const KEY_DIAGC = 5
const KEY_DURATION = 6
const ROLE_SLOTS = 256

// Kinds of bytes for the token scan, as bits.
const ENDS_TOKEN = 1
const IS_EQUALS = 2
const IS_PAREN = 4
const ESCAPED = 8
const CONTROL = 16
const NOT_DIGIT = 32
/** Not a byte of a key (`[A-Za-z0-9_]`). */
const NOT_KEY = 64
const BYTE_KINDS = Uint8Array.from({ length: 256 }, (_, byte) =>
  (byte === SPACE || byte === TAB || byte === LESS || byte === GREATER ? ENDS_TOKEN : 0) | (byte === EQUALS ? IS_EQUALS : 0) |
  (byte === OPEN || byte === CLOSE ? IS_PAREN : 0) | (byte === 34 || byte === 92 ? ESCAPED : 0) | (byte < SPACE ? CONTROL : 0) |
  (byte >= 48 && byte <= 57 ? 0 : NOT_DIGIT) | (isKeyByte(byte) ? 0 : NOT_KEY))

/** The texts that stand in probes for skipped dates. */
const SKIP_DATE = 0
const SKIP_TEXTS = ['01/01/01 00:00:00']

/** Where `readDate` stopped: just past the date's digits (before the spaces after it). */
let dateEnd = 0

export function transferCftByteCodec<E extends EntryBase> (parts: TransferCftParts<E>): PackedCodec<E> {
  const hosts = new AddressCache((host) => isIP(host))

  /**
   * `YY/MM/DD HH:MM:SS[.h{1,3}]` at `at` followed by a space, as the parser's PREFIX reads it; into
   * `record`'s time when `record` is given. False when it is not one.
   */
  function readDate (source: Uint8Array, at: number, end: number, context: ParseContext, record: SpanRecord | undefined): boolean {
    if (at + 18 > end || source[at + 2] !== SLASH || source[at + 5] !== SLASH || source[at + 8] !== SPACE || source[at + 11] !== COLON || source[at + 14] !== COLON) return false
    const a = twoDigits(source, at)
    const b = twoDigits(source, at + 3)
    const c = twoDigits(source, at + 6)
    const hour = twoDigits(source, at + 9)
    const minute = twoDigits(source, at + 12)
    const second = twoDigits(source, at + 15)
    if (a < 0 || b < 0 || c < 0 || hour < 0 || minute < 0 || second < 0) return false
    let i = at + 17
    let millisecond = 0
    if (source[i] === DOT) {
      const from = ++i
      while (i < end && isDigit(source[i]!) && i - from < 4) i++
      if (i === from || i - from > 3) return false
      for (let k = from; k < from + 3; k++) millisecond = millisecond * 10 + (k < i ? source[k]! - 48 : 0)
    }
    if (i >= end || source[i] !== SPACE) return false
    dateEnd = i
    if (record !== undefined) {
      const order = context.cftDateOrder
      const yy = order === 'ymd' ? a : c
      // Two-digit years as the parser reads them; 1970 itself is left to it (its instants may fall before 1970).
      if (yy === 70) return false
      record.setTime(yy < 70 ? 2000 + yy : 1900 + yy, order === 'mdy' ? a : b, order === 'ymd' ? c : order === 'dmy' ? a : b, hour, minute, second, millisecond)
    }
    return true
  }

  /** `CFTxnnS` at `at`. */
  function isId (source: Uint8Array, at: number, end: number): boolean {
    return at + 7 <= end && source[at] === 67 && source[at + 1] === 70 && source[at + 2] === 84 && isUpper(source[at + 3]!) &&
      isDigit(source[at + 4]!) && isDigit(source[at + 5]!) && (source[at + 6] === 73 || source[at + 6] === 87 || source[at + 6] === 69 || source[at + 6] === 70)
  }

  /**
   * Whether `source[start, end)` holds a message id anywhere. Not with `indexOf`: it searches to the end of
   * the chunk, so each line without a `C` read on to the next one, and a record of many such lines took
   * time in the square of its size.
   */
  function holdsId (source: Uint8Array, start: number, end: number): boolean {
    for (let i = start; i + 7 <= end; i++) {
      if (source[i] === 67 && isId(source, i, end)) return true
    }
    return false
  }

  // The state of the pairs scan across the stretches and lines of one record: 0 before `<`, 1 inside
  // `<…>`, 2 after `>`; whether a DIAGC pair has taken the rest of the stretch as its text; whether the
  // `(N sec)` the parser takes a duration from has been seen.
  let stretch = 0
  let freeText = false
  let secondsSeen = false
  /** The token before was a lone `=`. */
  let afterEquals = false

  /** The word that ends before the blank before `at`, lower-cased (for `KEY = value`). */
  function previousWord (source: Buffer, at: number): string {
    let end = at
    while (end > 0 && (source[end - 1] === SPACE || source[end - 1] === TAB)) end--
    let start = end
    while (start > 0 && (BYTE_KINDS[source[start - 1]!]! & ENDS_TOKEN) === 0 && source[start - 1] !== LINE_FEED) start--
    return end - start === 5 ? source.toString('latin1', start, end).toLowerCase() : ''
  }

  /**
   * The tokens of `source[start, end)`, part of a record's body: pairs' values become spans. False when
   * the record is to be left to the text parser.
   */
  function scanBody (source: Buffer, start: number, end: number, record: SpanRecord): boolean {
    let at = start
    while (at < end) {
      const byte = source[at]!
      if (byte === SPACE || byte === TAB) {
        at++
        continue
      }
      if (byte === LESS) {
        if (stretch !== 0) return false
        stretch = 1
        freeText = false
        at++
        continue
      }
      if (byte === GREATER) {
        if (stretch !== 1) return false
        stretch = 2
        freeText = false
        at++
        continue
      }
      // A token: up to a blank, `<` or `>`; what its bytes after the first `=` (or all of them) are.
      const tokenStart = at
      let equals = -1
      let flags = 0
      let keyFlags = 0
      for (; at < end; at++) {
        const kind = BYTE_KINDS[source[at]!]!
        // One test for the common byte, neither an end nor an equals sign.
        if ((kind & (ENDS_TOKEN | IS_EQUALS)) !== 0) {
          if ((kind & ENDS_TOKEN) !== 0) break
          if (equals < 0) {
            equals = at
            keyFlags = flags
            flags = 0
            continue
          }
        }
        flags |= kind
      }
      if (freeText) continue
      if (equals === tokenStart && at === tokenStart + 1) {
        // `KEY = value`, the pair the parser reads across three words: the value is the next word whatever
        // it holds, so it stays in the key; after `DIAGC =`, the rest of the stretch is free text.
        freeText = previousWord(source, tokenStart) === 'diagc'
        afterEquals = true
        continue
      }
      if (afterEquals) {
        afterEquals = false
        continue
      }
      if (equals > tokenStart) {
        if ((keyFlags & NOT_KEY) === 0 && !pair(source, tokenStart, equals, at, flags, record)) return false
      } else if (equals < 0) {
        const first = source[tokenStart]!
        if (first === OPEN) {
          if (secondsSeen) continue
          // `(N sec)`: the duration of a procedure's run, which the parser reads from the body.
          secondsSeen = true
          if (!seconds(source, tokenStart + 1, at, end, record)) return false
        } else if ((flags & NOT_DIGIT) === 0 && stretch !== 1 && at - tokenStart <= 15) {
          // A number among the words (a row number, a count): the parser copies it into the message, and
          // no message template has a word of digits of its own (test/transfer-cft-bytes.ts checks).
          if (!record.add(SPAN_DIGITS, tokenStart, at, 0, 0)) return false
        }
      }
    }
    return true
  }

  /**
   * `(N sec)` with N from `start` to `end`, a token, if the next is `sec)`. Anything else stays in the key
   * (the template is then the text parser's own for that text).
   */
  function seconds (source: Buffer, start: number, end: number, bodyEnd: number, record: SpanRecord): boolean {
    const value = secondsToNanoseconds(source, start, end)
    if (Number.isNaN(value)) return true
    if (end + 5 > bodyEnd || source[end] !== SPACE || source[end + 1] !== 115 || source[end + 2] !== 101 || source[end + 3] !== 99 || source[end + 4] !== CLOSE) return true
    return record.add(SPAN_SECONDS, start, end, 0, value)
  }

  /** `DURATION=Ns`: N seconds, the duration the parser takes before any `(N sec)`; false when the record has too many spans. */
  function durationPair (source: Buffer, start: number, end: number, record: SpanRecord): boolean {
    if (end - start < 2 || source[end - 1] !== 115) return true
    const value = secondsToNanoseconds(source, start, end - 1)
    if (Number.isNaN(value)) return true
    secondsSeen = true
    return record.add(SPAN_SECONDS, start, end - 1, 0, value)
  }

  /**
   * A `KEY=value` token, `flags` the kinds of the value's bytes: the value becomes a span unless the key is
   * one the parser reads.
   */
  function pair (source: Buffer, start: number, equals: number, end: number, flags: number, record: SpanRecord): boolean {
    const role = roleOf(source, start, equals)
    if (role === KEY_DIAGC) {
      freeText = true
      return true
    }
    const valueStart = equals + 1
    if (role === KEY_DURATION) return secondsSeen || durationPair(source, valueStart, end, record)
    if (role === KEY_NONE || role === KEY_READ || valueStart === end) return true
    // A placeholder the layout leaves out, values the parser's patterns over the body might read, and
    // control characters.
    if ((flags & (IS_PAREN | CONTROL)) !== 0 || (end - valueStart === 1 && source[valueStart] === DASH)) return true
    if (role === KEY_NUMERIC) {
      if ((flags & NOT_DIGIT) === 0) {
        if (end - valueStart > 15) return true
        let value = 0
        for (let i = valueStart; i < end; i++) value = value * 10 + source[i]! - 48
        return record.add(SPAN_NUMBER, valueStart, end, 0, value)
      }
      if (source[valueStart] === DASH) return true
    }
    let escapes = 0
    if ((flags & ESCAPED) !== 0) for (let i = valueStart; i < end; i++) if (source[i] === 34 || source[i] === 92) escapes++
    if (role === KEY_HOST) {
      const family = hosts.kind(source, valueStart, end)
      return record.add(family === 4 ? SPAN_IPV4 : family === 6 ? SPAN_IPV6 : SPAN_TEXT, valueStart, end, escapes, 0)
    }
    return record.add(SPAN_TEXT, valueStart, end, escapes, 0)
  }

  // What each recent key is to the parser, in a direct-mapped table by a hash of its lower-case bytes: keys
  // repeat from record to record, and their names are only made as strings the first time.
  const roleKeys: Array<Uint8Array | undefined> = new Array(ROLE_SLOTS).fill(undefined)
  const roles = new Uint8Array(ROLE_SLOTS)
  /** The role of the key `source[start, end)`, whose bytes the token scan has checked are key bytes. */
  function roleOf (source: Buffer, start: number, end: number): number {
    const first = source[start]!
    if (!(isLetter(first) || first === UNDERSCORE) || end - start > 64) return KEY_NONE
    // The slot from the length and a few bytes (the whole key is compared below): keys are few.
    const length = end - start
    const slot = (length * 31 + LOWER[source[start]!]! * 7 + LOWER[source[end - 1]!]! * 3 + LOWER[source[start + (length >> 1)]!]!) & (ROLE_SLOTS - 1)
    const key = roleKeys[slot]
    if (key !== undefined && key.length === end - start) {
      let i = 0
      while (i < key.length && key[i] === LOWER[source[start + i]!]) i++
      if (i === key.length) return roles[slot]!
    }
    const name = source.toString('latin1', start, end).toLowerCase()
    const role = name === 'diagc' ? KEY_DIAGC : name === 'duration' ? KEY_DURATION : parts.keysRead.has(name) ? KEY_READ : parts.numericKeys.has(name) ? KEY_NUMERIC : name === 'host' ? KEY_HOST : KEY_TEXT
    roleKeys[slot] = Buffer.from(name, 'latin1')
    roles[slot] = role
    return role
  }

  function scan (source: Buffer, start: number, end: number, context: ParseContext, record: SpanRecord): boolean {
    let lineEnd = record.lines > 1 ? source.indexOf(LINE_FEED, start) : end
    // The first line: `[NN ]YY/MM/DD HH:MM:SS[.hh] CFTxnnS[+]` and its text.
    let at = start
    if (isDigit(source[at]!) && isDigit(source[at + 1]!) && source[at + 2] === SPACE) at += 3
    const dateStart = at
    if (!readDate(source, at, lineEnd, context, record)) return false
    if (!record.add(SPAN_SKIP, dateStart, dateEnd, 0, SKIP_DATE)) return false
    at = dateEnd
    while (at < lineEnd && source[at] === SPACE) at++
    if (!isId(source, at, lineEnd)) return false
    const idStart = at
    at += 7
    if (source[at] === PLUS) at++
    stretch = 0
    freeText = false
    secondsSeen = false
    afterEquals = false
    if (!scanBody(source, at, lineEnd, record)) return false
    // Continuation lines.
    while (lineEnd < end) {
      const lineStart = lineEnd + 1
      lineEnd = source.indexOf(LINE_FEED, lineStart)
      if (lineEnd < 0 || lineEnd > end) lineEnd = end
      at = lineStart
      while (at < lineEnd && (source[at] === SPACE || source[at] === TAB)) at++
      if (source[at] === PLUS) {
        at++
      } else if (holdsId(source, at, lineEnd)) {
        // Only a line that repeats the message id with a `+`, after its own date or none.
        const node = isDigit(source[at]!) && isDigit(source[at + 1]!) && source[at + 2] === SPACE ? 3 : 0
        if (readDate(source, at + node, lineEnd, context, undefined)) {
          if (!record.add(SPAN_SKIP, at, dateEnd, 0, SKIP_DATE)) return false
          at = dateEnd
          while (at < lineEnd && source[at] === SPACE) at++
        }
        for (let i = 0; i < 7; i++) if (source[at + i] !== source[idStart + i]) return false
        if (source[at + 7] !== PLUS) return false
        at += 8
      }
      if (!scanBody(source, at, lineEnd, record)) return false
    }
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
