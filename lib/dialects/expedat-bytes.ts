/**
 * expedat read and written as bytes (see `PackedCodec`): the transaction lines (I, P and F, nearly every
 * line of a busy servedat log) of plain-ASCII chunks go from the input's bytes to slots of a
 * `PackedRecords`, and out through a template: the layout writer's own JSON for the line's type, direction,
 * encryption, action and error class, cut where the line's values go (see `Template` in bytes.ts). So do
 * the lines whose text is their message (E, W, M and T) and the periodic status lines (S) in the form
 * servedat writes them.
 *
 * Other line types, lines with control characters, lower-case DocIDs, comments that are not a plain
 * `N seconds (R unit/sec)`, and anything else the reader is not sure of go to the text parser in
 * expedat.ts, which gives the verdict (test/expedat-bytes.ts compares both on every kind of line).
 */
import type { PackedRecords } from '../batch.js'
import type { EntryBase } from '../layout.js'
import type { PackedCodec, ParseContext } from './types.js'
import { statusLabels } from '../catalogs/expedat.js'
import { wallInstant } from '../time.js'
import { nanoseconds } from '../record.js'
import { AddressCache, BELOW_SPACE, FileText, templateCodec, escapesIn, passPlain, twoDigits, HOLE_FILE, HOLE_INSTANT, HOLE_INT, HOLE_NUMBER, HOLE_QUOTED, HOLE_TEXT, KeyTable, Template, holeMark, type Hole, type MarkSet } from './bytes.js'

/** What the codec needs from the text dialect (passed in, so that the two modules do not import each other). */
export interface ExpedatParts<E> {
  /** Whether a client's address part is an IP address. */
  isAddress (ip: string): boolean
  /** Whether the message of an M or T line makes it a warning. */
  troubled (message: string): boolean
  /** The entry the text parser makes of a line, given the instant the byte reader placed it at. */
  entryOf (line: string, lineNumber: number, original: boolean, filePath: string | undefined, instant: number): E
  /** An entry of the given values as they are (for probes: marks stand where a line's values go). */
  probeOf (values: ExpedatProbe): E
  /** Bits per second of a rate given in `unit` per second, as the text parser computes it. */
  rateBps (rate: number, unit: string): number
  /** The enriched JSON of an entry, as the layout writes it for a clean chunk. */
  writeJSON (entry: E): string
}

export interface ExpedatProbe {
  line: number
  original: string | undefined
  filePath: string | undefined
  timestamp: string
  type: string
  message: string | undefined
  docId: string | undefined
  direction: 'SEND' | 'GET' | undefined
  clientIp: string | undefined
  clientPort: number | undefined
  user: string | undefined
  encryption: string | undefined
  path: string | undefined
  action: string | undefined
  bytes: number | undefined
  size: number | undefined
  seconds: number | undefined
  rateBps: number | undefined
  load: number | undefined
  errorClass: number | undefined
  errorNumber: number | undefined
  /** An S line's counters, by their keys in `expedat.status`. */
  status: Record<string, number> | undefined
}

/**
 * A status line's text as servedat writes it: each label, then a number. The text parser reads the
 * counters in any order and spacing; the byte reader takes this form and leaves the others to it.
 */
const STATUS_FORM = Object.keys(statusLabels).map((label, k) => `${k === 0 ? '' : ', '}${label}: `)
const STATUS_KEYS = Object.values(statusLabels) as string[]

// Slots of one record in `PackedRecords.ints`: texts as start, end and count of escapes.
const LINE_START = 0
const DOC_ID = 3
const CLIENT_IP = 6
const CLIENT_PORT = 9
const USER = 10
const PATH = 13
const MESSAGE = 16
const LOAD = 19
const INTS = 20
// … and in `numbers`:
const INSTANT = 0
const LINE_NUMBER = 1
const BYTES = 2
const SIZE = 3
const DURATION = 4
const RATE = 5
/** An S line's counters, in the order of `STATUS_FORM`. */
const STATUS = 6
const NUMBERS = STATUS + STATUS_FORM.length

/** Seconds that stand for the duration in probes: whole numbers, so that their nanoseconds come out exact. */
const DURATION_MARK_SECONDS = [4_503_598, 4_503_597] as const

const HOLES: readonly Hole[] = [
  { kind: HOLE_INSTANT, at: INSTANT },
  { kind: HOLE_TEXT, at: LINE_START },
  { kind: HOLE_FILE, at: 0 },
  { kind: HOLE_TEXT, at: DOC_ID },
  { kind: HOLE_TEXT, at: CLIENT_IP },
  { kind: HOLE_INT, at: CLIENT_PORT },
  { kind: HOLE_TEXT, at: USER },
  { kind: HOLE_QUOTED, at: PATH },
  { kind: HOLE_QUOTED, at: MESSAGE },
  { kind: HOLE_NUMBER, at: BYTES },
  { kind: HOLE_NUMBER, at: SIZE },
  { kind: HOLE_NUMBER, at: DURATION, marks: [DURATION_MARK_SECONDS[0] * 1e9, DURATION_MARK_SECONDS[1] * 1e9] },
  { kind: HOLE_NUMBER, at: RATE },
  { kind: HOLE_INT, at: LOAD },
  { kind: HOLE_NUMBER, at: LINE_NUMBER },
  // The text of a message line, as it is (a transaction's comment is quoted, and unescaped).
  { kind: HOLE_TEXT, at: MESSAGE },
  // The same, for M and T lines whose words make them warnings: its marks hold such a word.
  { kind: HOLE_TEXT, at: MESSAGE, marks: ['\u00abfailed\u00bb', '\u00abfailed.\u00bb'] },
  ...STATUS_FORM.map((_, k): Hole => ({ kind: HOLE_NUMBER, at: STATUS + k }))
]
// Which holes a record has: bit `1 << i` for hole `i`.
const TIMESTAMP_HOLE = 0
const ORIGINAL_HOLE = 1
const FILE_HOLE = 2
const DOC_HOLE = 3
const IP_HOLE = 4
const PORT_HOLE = 5
const USER_HOLE = 6
const PATH_HOLE = 7
const MESSAGE_HOLE = 8
const BYTES_HOLE = 9
const SIZE_HOLE = 10
const DURATION_HOLE = 11
const RATE_HOLE = 12
const LOAD_HOLE = 13
const LINE_HOLE = 14
const LINE_TEXT_HOLE = 15
const TROUBLE_TEXT_HOLE = 16
const STATUS_HOLE = 17
const ALWAYS = (1 << TIMESTAMP_HOLE) | (1 << DOC_HOLE) | (1 << LINE_HOLE)

const SPACE = 32
const QUOTE = 34
const DASH = 45
const DOT = 46
const COLON = 58
const BACKSLASH = 92
const TYPE_I = 73
const TYPE_P = 80
const TYPE_F = 70
const TYPE_S = 83
const TYPE_E = 69
const TYPE_W = 87
const TYPE_M = 77
const TYPE_T = 84

// What ends a word before the path, by byte: a space ends it, a quote or a control character is not in one.
const STOP_SPACE = 1
const STOP_BAD = 2
const WORD_STOPS = Uint8Array.from({ length: 256 }, (_, byte) => byte === SPACE ? STOP_SPACE : byte === QUOTE || byte < SPACE ? STOP_BAD : 0)

/** How many templates are kept; past that the table starts over. */
const TEMPLATE_LIMIT = 4096

/** The rate units `ELAPSED` in expedat.ts knows, by their first letter. */
const UNIT_BY_INITIAL: ReadonlyArray<string | undefined> = (() => {
  const units: Array<string | undefined> = new Array(256).fill(undefined)
  for (const unit of ['bits', 'kilobits', 'megabits', 'gigabits']) units[unit.charCodeAt(0)] = unit
  return units
})()
/** 10^0 … 10^9, exact as doubles. */
const POWERS_OF_TEN = Float64Array.from({ length: 10 }, (_, n) => 10 ** n)

export function expedatByteCodec<E extends EntryBase> (parts: ExpedatParts<E>): PackedCodec<E> {
  const addresses = new AddressCache((host) => parts.isAddress(host) ? 1 : 0)
  const templates = new KeyTable<Template | false>(TEMPLATE_LIMIT)
  const fileText = new FileText()

  /** Where the last scan stopped, and what it found (reading is synchronous). */
  let scanEnd = 0
  let scanEscapes = 0

  /**
   * Reads a quoted string starting at `at` (its opening quote) up to its closing quote: `scanEnd` is then
   * just past the closing quote and `scanEscapes` the backslash pairs; false when it is not closed or holds
   * a control character. `view` is `source` as a DataView: runs of four bytes with no quote, backslash or
   * control character are passed over at once.
   */
  function quoted (view: DataView, source: Uint8Array, at: number, end: number): boolean {
    if (source[at] !== QUOTE) return false
    let escapes = 0
    let i = at + 1
    while (i < end) {
      i = passPlain(view, i, end, BELOW_SPACE)
      const stop = Math.min(i + 4, end)
      for (; i < stop; i++) {
        const byte = source[i]!
        if (byte === QUOTE) {
          scanEnd = i + 1
          scanEscapes = escapes
          return true
        }
        if (byte < SPACE) return false
        if (byte === BACKSLASH) {
          if (++i >= end || source[i]! < SPACE) return false
          escapes++
        }
      }
    }
    return false
  }

  /** Digits `source[start, end)` as a number, -1 when there are none, more than `most`, or a non-digit. */
  function digits (source: Uint8Array, start: number, end: number, most: number): number {
    if (end === start || end - start > most) return -1
    let value = 0
    for (let i = start; i < end; i++) {
      const digit = source[i]! - 48
      if (digit < 0 || digit > 9) return -1
      value = value * 10 + digit
    }
    return value
  }

  /**
   * A decimal `\d{1,most}(\.\d{1,9})?` from `at` as `Number` reads it (an exact integer over a power of ten
   * is the same correctly rounded double), with `scanEnd` past it; NaN when there is none, its whole part
   * has more than `most` digits, a dot is not followed by one to nine, or it has more than 15 in all.
   */
  function decimal (source: Uint8Array, at: number, end: number, most: number): number {
    let value = 0
    let i = at
    while (i < end && source[i]! >= 48 && source[i]! <= 57) value = value * 10 + source[i++]! - 48
    const whole = i - at
    if (whole === 0 || whole > most) return NaN
    let fraction = 0
    if (i < end && source[i] === DOT) {
      const from = ++i
      while (i < end && source[i]! >= 48 && source[i]! <= 57) value = value * 10 + source[i++]! - 48
      fraction = i - from
      if (fraction === 0 || fraction > 9) return NaN
    }
    if (whole + fraction > 15) return NaN
    scanEnd = i
    return fraction === 0 ? value : value / POWERS_OF_TEN[fraction]!
  }

  /** Reads `N second[s]` or `N second[s] (R unit/sec)`, all of `source[at, end)`; false when it is anything else. */
  function elapsed (source: Uint8Array, at: number, end: number, numbers: Float64Array, base: number): boolean {
    const seconds = decimal(source, at, end, 9)
    if (Number.isNaN(seconds)) return false
    at = scanEnd
    if (!matches(source, at, ' second')) return false
    at += 7
    if (source[at] === 115 && at < end) at++
    numbers[base + DURATION] = seconds
    numbers[base + RATE] = NaN
    if (at === end) return true
    if (!matches(source, at, ' (')) return false
    const rate = decimal(source, at + 2, end, 12)
    if (Number.isNaN(rate) || source[scanEnd] !== SPACE) return false
    at = scanEnd + 1
    // The units differ in their first letter: only that one can match.
    const unit = UNIT_BY_INITIAL[source[at]!]
    if (unit === undefined || at + unit.length + 5 !== end || !matches(source, at, unit) || !matches(source, at + unit.length, '/sec)')) return false
    numbers[base + RATE] = parts.rateBps(rate, unit)
    return true
  }

  function matches (source: Uint8Array, at: number, text: string): boolean {
    for (let i = 0; i < text.length; i++) if (source[at + i] !== text.charCodeAt(i)) return false
    return true
  }

  function setText (ints: Int32Array, slot: number, start: number, end: number, escapes: number): void {
    ints[slot] = start
    ints[slot + 1] = end
    ints[slot + 2] = escapes
  }

  /** The template for a combination of the words' codes and the holes present. */
  function templateFor (holes: number, type: number, direction: 'SEND' | 'GET' | undefined, encryption: string | undefined, action: string | undefined,
    errorClass: number | undefined, errorNumber: number | undefined): Template | false {
    const has = (hole: number): boolean => (holes & (1 << hole)) !== 0
    const probe = (set: MarkSet): string => {
      const text = (hole: number): string | undefined => has(hole) ? holeMark(HOLES[hole]!, hole, set) as string : undefined
      const number = (hole: number): number | undefined => has(hole) ? holeMark(HOLES[hole]!, hole, set) as number : undefined
      return parts.writeJSON(parts.probeOf({
        line: number(LINE_HOLE)!,
        original: text(ORIGINAL_HOLE),
        filePath: text(FILE_HOLE),
        timestamp: text(TIMESTAMP_HOLE)!,
        type: String.fromCharCode(type),
        message: text(MESSAGE_HOLE) ?? text(LINE_TEXT_HOLE) ?? text(TROUBLE_TEXT_HOLE),
        docId: text(DOC_HOLE),
        direction,
        clientIp: text(IP_HOLE),
        clientPort: number(PORT_HOLE),
        user: text(USER_HOLE),
        encryption,
        path: text(PATH_HOLE),
        action,
        bytes: number(BYTES_HOLE),
        size: number(SIZE_HOLE),
        seconds: has(DURATION_HOLE) ? DURATION_MARK_SECONDS[set] : undefined,
        rateBps: number(RATE_HOLE),
        load: number(LOAD_HOLE),
        errorClass,
        errorNumber,
        status: has(STATUS_HOLE) ? Object.fromEntries(STATUS_KEYS.map((key, i) => [key, number(STATUS_HOLE + i)!])) : undefined
      }))
    }
    return Template.cut(probe, HOLES.map((hole, i) => has(i) ? hole : undefined)) ?? false
  }

  function read (source: Buffer, lineStart: number, lineEnd: number, lineNumber: number, context: ParseContext, records: PackedRecords): boolean {
    // `T YYYYMMDD HH:MM:SS[.mmm] DocID SEND|GET …`, or `T YYYYMMDD HH:MM:SS[.mmm] message`
    if (lineEnd - lineStart < 19) return false
    const type = source[lineStart]!
    const transaction = type === TYPE_I || type === TYPE_P || type === TYPE_F
    if ((!transaction && type !== TYPE_E && type !== TYPE_W && type !== TYPE_M && type !== TYPE_T && type !== TYPE_S) ||
      (transaction && lineEnd - lineStart < 40) || source[lineStart + 1] !== SPACE || source[lineStart + 10] !== SPACE ||
      source[lineStart + 13] !== COLON || source[lineStart + 16] !== COLON) return false
    const century = twoDigits(source, lineStart + 2)
    const yearOfCentury = twoDigits(source, lineStart + 4)
    const year = century * 100 + yearOfCentury
    const month = twoDigits(source, lineStart + 6)
    const day = twoDigits(source, lineStart + 8)
    const hour = twoDigits(source, lineStart + 11)
    const minute = twoDigits(source, lineStart + 14)
    const second = twoDigits(source, lineStart + 17)
    // Years 1971–9998 put every instant between 1970 and 9999 whatever the zone.
    if (century < 0 || yearOfCentury < 0 || year < 1971 || year > 9998 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return false
    let at = lineStart + 19
    let millisecond = 0
    if (source[at] === DOT) {
      const from = ++at
      while (at < lineEnd && at - from < 3 && source[at]! >= 48 && source[at]! <= 57) millisecond = millisecond * 10 + source[at++]! - 48
      if (at === from) return false
      millisecond *= at - from === 1 ? 100 : at - from === 2 ? 10 : 1
    }
    if (!transaction) return readMessage(source, lineStart, lineEnd, at, type, year, month, day, hour, minute, second, millisecond, lineNumber, context, records)
    if (source[at++] !== SPACE) return false

    const ints = records.ints
    const numbers = records.numbers
    const view = records.view
    const base = records.count * INTS
    const numbersBase = records.count * NUMBERS
    // Control characters anywhere send the line to the text parser: each part of the line is checked for
    // them where it is read (the numbers and names by what they may hold, the words and quoted strings by
    // their scans). The quotes and backslashes of the whole line only count for `event.original`.
    const lineEscapes = records.original ? escapesIn(view, source, lineStart, lineEnd) : 0
    if (lineEscapes < 0) return false
    setText(ints, base + LINE_START, lineStart, lineEnd, lineEscapes)
    let holes = ALWAYS

    // The DocID: eight upper-case hexadecimal digits (the text parser upper-cases others).
    for (let i = at; i < at + 8; i++) {
      const byte = source[i]!
      if (!((byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 70))) return false
    }
    setText(ints, base + DOC_ID, at, at + 8, 0)
    at += 8
    if (source[at++] !== SPACE) return false
    let direction: 'SEND' | 'GET'
    if (matches(source, at, 'SEND ')) {
      direction = 'SEND'
      at += 5
    } else if (matches(source, at, 'GET ')) {
      direction = 'GET'
      at += 4
    } else {
      return false
    }
    // Two or three words before the path: [client] user encryption, each ended by one space.
    let words = 0
    const wordStart = tokenStarts
    const wordEnd = tokenEnds
    while (source[at] !== QUOTE) {
      if (words === 3) return false
      const start = at
      let stop = 0
      while (at < lineEnd && (stop = WORD_STOPS[source[at]!]!) === 0) at++
      if (stop === STOP_BAD || at === start || at >= lineEnd) return false
      wordStart[words] = start
      wordEnd[words++] = at++
    }
    if (words < 2) return false
    const first = words - 2
    if (words === 3) {
      // The client: address and port, the address maybe in brackets.
      const start = wordStart[0]!
      let colon = wordEnd[0]! - 1
      while (colon > start && source[colon] !== COLON) colon--
      if (colon <= start) return false
      const port = digits(source, colon + 1, wordEnd[0]!, 5)
      if (port < 0 || port > 65535) return false
      let ipStart = start
      let ipEnd = colon
      if (source[ipStart] === 91 && source[ipEnd - 1] === 93 && ipEnd - ipStart >= 2) {
        ipStart++
        ipEnd--
      }
      if (ipEnd === ipStart || !addresses.test(source, ipStart, ipEnd)) return false
      setText(ints, base + CLIENT_IP, ipStart, ipEnd, 0)
      ints[base + CLIENT_PORT] = port
      holes |= (1 << IP_HOLE) | (1 << PORT_HOLE)
    }
    const userStart = wordStart[first]!
    const userEnd = wordEnd[first]!
    if (userEnd - userStart !== 1 || source[userStart] !== DASH) {
      let escapes = 0
      for (let i = userStart; i < userEnd; i++) if (source[i] === BACKSLASH) escapes++
      setText(ints, base + USER, userStart, userEnd, escapes)
      holes |= 1 << USER_HOLE
    }
    const encryptionStart = wordStart[first + 1]!
    const encryptionEnd = wordEnd[first + 1]!

    // The path and the action, quoted.
    const pathStart = at + 1
    if (!quoted(view, source, at, lineEnd)) return false
    const pathEnd = scanEnd - 1
    const pathEscapes = scanEscapes
    at = scanEnd
    if (source[at] !== SPACE) return false
    const actionStart = at + 2
    if (!quoted(view, source, at + 1, lineEnd) || scanEscapes !== 0) return false
    const actionEnd = scanEnd - 1
    at = scanEnd
    // A path of nothing or `-` is left out; an escaped `-` is left to the text parser.
    if (pathEnd > pathStart && !(pathEnd - pathStart === 1 && source[pathStart] === DASH)) {
      if (pathEnd - pathStart === 2 && source[pathStart] === BACKSLASH && source[pathStart + 1] === DASH) return false
      setText(ints, base + PATH, pathStart, pathEnd, pathEscapes)
      holes |= 1 << PATH_HOLE
    }

    // What follows the action: by type.
    let errorClassStart = 0
    let errorClassEnd = 0
    let errorNumberEnd = 0
    let errorClass: number | undefined
    let errorNumber: number | undefined
    let timed = false
    if (type === TYPE_I) {
      // Any text after a space is the message.
      if (at < lineEnd) {
        if (source[at] !== SPACE) return false
        const start = at + 1
        if (start < lineEnd) {
          if (lineEnd - start === 1 && source[start] === DASH) return false
          let escapes = 0
          for (let i = start; i < lineEnd; i++) {
            const byte = source[i]!
            if (byte < SPACE) return false
            if (byte === QUOTE || byte === BACKSLASH) escapes++
          }
          // A message is text as the line has it: quoted holes unescape, so one with escapes is left alone.
          if (escapes > 0) return false
          setText(ints, base + MESSAGE, start, lineEnd, 0)
          holes |= 1 << MESSAGE_HOLE
        }
      }
    } else if (type === TYPE_P) {
      // ` Progress Size "Duration (Speed)" Load`
      if (source[at] !== SPACE) return false
      let end = ++at
      while (end < lineEnd && source[end] !== SPACE) end++
      const progress = digits(source, at, end, 15)
      at = end + 1
      end = at
      while (end < lineEnd && source[end] !== SPACE) end++
      const size = digits(source, at, end, 15)
      if (progress < 0 || size < 0 || source[end] !== SPACE) return false
      if (!quoted(view, source, end + 1, lineEnd) || scanEscapes !== 0) return false
      const commentStart = end + 2
      const commentEnd = scanEnd - 1
      at = scanEnd
      if (source[at] !== SPACE) return false
      const load = digits(source, at + 1, lineEnd, 9)
      if (load < 0) return false
      if (!elapsed(source, commentStart, commentEnd, numbers, numbersBase)) return false
      timed = true
      numbers[numbersBase + BYTES] = progress
      numbers[numbersBase + SIZE] = size
      ints[base + LOAD] = load
      holes |= (1 << BYTES_HOLE) | (1 << LOAD_HOLE) | (size === 0 ? 0 : 1 << SIZE_HOLE)
    } else {
      // ` Transfer (Class,Error)[ "Comment"]`
      if (source[at] !== SPACE) return false
      let end = ++at
      while (end < lineEnd && source[end] !== SPACE) end++
      if (!(end - at === 1 && source[at] === DASH)) {
        const transferred = digits(source, at, end, 15)
        if (transferred < 0) return false
        numbers[numbersBase + BYTES] = transferred
        holes |= 1 << BYTES_HOLE
      }
      if (source[end] !== SPACE || source[end + 1] !== 40) return false
      errorClassStart = end + 2
      let comma = errorClassStart
      while (comma < lineEnd && source[comma] !== 44) comma++
      errorNumberEnd = comma + 1
      while (errorNumberEnd < lineEnd && source[errorNumberEnd] !== 41) errorNumberEnd++
      errorClassEnd = comma
      errorClass = signed(source, errorClassStart, comma)
      errorNumber = signed(source, comma + 1, errorNumberEnd)
      if (Number.isNaN(errorClass) || Number.isNaN(errorNumber) || errorNumberEnd >= lineEnd) return false
      at = errorNumberEnd + 1
      if (at < lineEnd) {
        if (source[at] !== SPACE || !quoted(view, source, at + 1, lineEnd) || scanEnd !== lineEnd) return false
        const commentStart = at + 2
        const commentEnd = lineEnd - 1
        if (commentEnd > commentStart) {
          // `-` as a message is left out of `message`, not out of `error.message`: left to the text parser.
          if (commentEnd - commentStart === 1 && source[commentStart] === DASH) return false
          if (commentEnd - commentStart === 2 && source[commentStart] === BACKSLASH && source[commentStart + 1] === DASH) return false
          setText(ints, base + MESSAGE, commentStart, commentEnd, scanEscapes)
          holes |= 1 << MESSAGE_HOLE
          if (errorClass === 0 && errorNumber === 0) {
            // A success's comment is its duration and speed.
            if (scanEscapes !== 0 || !elapsed(source, commentStart, commentEnd, numbers, numbersBase)) return false
            timed = true
          }
        }
      }
    }
    // Progress lines, and successes with a comment, carry a duration and a speed.
    if (timed) {
      const duration = nanoseconds(numbers[numbersBase + DURATION])
      if (duration !== undefined && Number.isSafeInteger(duration)) {
        numbers[numbersBase + DURATION] = duration
        holes |= 1 << DURATION_HOLE
      }
      if (Number.isSafeInteger(numbers[numbersBase + RATE])) holes |= 1 << RATE_HOLE
    }
    // The template: what decides the words, and which holes the record has.
    holes = beginKey(records, holes, type)
    templates.addByte(direction === 'SEND' ? 1 : 0)
    templates.addBytes(source, encryptionStart, encryptionEnd)
    templates.addBytes(source, actionStart, actionEnd)
    templates.addBytes(source, errorClassStart, errorClassEnd)
    templates.addBytes(source, errorClassEnd, errorNumberEnd)
    let template = templates.find()
    if (template === undefined) {
      const encryption = encryptionEnd - encryptionStart === 1 && source[encryptionStart] === DASH ? undefined : source.toString('latin1', encryptionStart, encryptionEnd)
      const action = actionEnd === actionStart ? undefined : source.toString('latin1', actionStart, actionEnd)
      template = templateFor(holes, type, direction, encryption, action, errorClass, errorNumber)
      templates.store(template)
    }
    return file(template, year, month, day, hour, minute, second, millisecond, lineNumber, context, records)
  }

  /**
   * The line's text is its message (E, W, M, T), or its counters (S); `at` is just past its time. The key
   * of its template is its type and holes (and, for M and T lines, whether their words make a warning).
   */
  function readMessage (source: Buffer, lineStart: number, lineEnd: number, at: number, type: number, year: number, month: number, day: number,
    hour: number, minute: number, second: number, millisecond: number, lineNumber: number, context: ParseContext, records: PackedRecords): boolean {
    const ints = records.ints
    const numbers = records.numbers
    const base = records.count * INTS
    const numbersBase = records.count * NUMBERS
    const lineEscapes = escapesIn(records.view, source, lineStart, lineEnd)
    if (lineEscapes < 0) return false
    setText(ints, base + LINE_START, lineStart, lineEnd, records.original ? lineEscapes : 0)
    let holes = (1 << TIMESTAMP_HOLE) | (1 << LINE_HOLE)
    // Nothing after the time, or a space and the text (none when it is empty).
    if (at < lineEnd) {
      if (source[at] !== SPACE) return false
      const start = at + 1
      if (start < lineEnd) {
        // The layout leaves out a message of `-`: left to the text parser, as in I lines.
        if (lineEnd - start === 1 && source[start] === DASH) return false
        if (type === TYPE_S) {
          // Counters, and a status line's text is its message too; other S lines are the text parser's.
          if (lineEscapes !== 0 || !statusCounters(source, start, lineEnd, numbers, numbersBase)) return false
          holes |= ((1 << STATUS_FORM.length) - 1) << STATUS_HOLE
        }
        const troubled = (type === TYPE_M || type === TYPE_T) && parts.troubled(source.toString('latin1', start, lineEnd))
        // The line's quotes and backslashes are all in its text.
        setText(ints, base + MESSAGE, start, lineEnd, lineEscapes)
        holes |= 1 << (troubled ? TROUBLE_TEXT_HOLE : LINE_TEXT_HOLE)
      }
    }
    if (type === TYPE_S && (holes & (1 << STATUS_HOLE)) === 0) return false
    holes = beginKey(records, holes, type)
    let template = templates.find()
    if (template === undefined) {
      template = templateFor(holes, type, undefined, undefined, undefined, undefined, undefined)
      templates.store(template)
    }
    return file(template, year, month, day, hour, minute, second, millisecond, lineNumber, context, records)
  }

  /**
   * Begins the key of a record's template with the holes it has (adding those the batch's options make)
   * and its type; returns the holes.
   */
  function beginKey (records: PackedRecords, holes: number, type: number): number {
    if (records.original) holes |= 1 << ORIGINAL_HOLE
    if (fileText.written(records.filePath)) holes |= 1 << FILE_HOLE
    templates.begin()
    templates.addByte(holes & 0xff)
    templates.addByte((holes >> 8) & 0xff)
    templates.addByte((holes >> 16) & 0xff)
    templates.addByte(holes >>> 24)
    templates.addByte(type)
    return holes
  }

  /** An S line's text in `STATUS_FORM`, its counters put in `numbers`; false for any other text. */
  function statusCounters (source: Uint8Array, at: number, end: number, numbers: Float64Array, numbersBase: number): boolean {
    for (let k = 0; k < STATUS_FORM.length; k++) {
      const label = STATUS_FORM[k]!
      if (!matches(source, at, label)) return false
      at += label.length
      let digitsEnd = at
      while (digitsEnd < end && source[digitsEnd]! >= 48 && source[digitsEnd]! <= 57) digitsEnd++
      const value = digits(source, at, digitsEnd, 15)
      if (value < 0) return false
      numbers[numbersBase + STATUS + k] = value
      at = digitsEnd
    }
    return at === end
  }

  /**
   * Files the record read with its template, unless there is none. The instant comes last, and nothing
   * after it declines the line: in a repeated hour the zone clock reads a line by the lines before it, so
   * the text parser must not read a line this reader has read.
   */
  function file (template: Template | false, year: number, month: number, day: number, hour: number, minute: number, second: number, millisecond: number,
    lineNumber: number, context: ParseContext, records: PackedRecords): boolean {
    if (template === false) return false
    const instant = wallInstant(context.clock, year, month, day, hour, minute, second)
    if (Number.isNaN(instant)) return false
    const numbersBase = records.count * NUMBERS
    records.objects[records.count] = template
    records.numbers[numbersBase + INSTANT] = instant + millisecond
    records.numbers[numbersBase + LINE_NUMBER] = lineNumber
    records.count++
    return true
  }

  /** `-?\d{1,9}` as a number, NaN otherwise. */
  function signed (source: Uint8Array, start: number, end: number): number {
    const negative = source[start] === DASH
    const value = digits(source, negative ? start + 1 : start, end, 9)
    return value < 0 ? NaN : negative ? -value : value
  }

  return templateCodec(INTS, NUMBERS, LINE_NUMBER, fileText, read, (records: PackedRecords, index: number): E => {
    const lineNumber = records.numbers[index * NUMBERS + LINE_NUMBER]!
    const line = records.lines[lineNumber - records.firstLine] as string
    return parts.entryOf(line, lineNumber, records.original, records.filePath, records.numbers[index * NUMBERS + INSTANT]!)
  })
}

/** Word bounds of the line being read (reading is synchronous). */
const tokenStarts = new Int32Array(3)
const tokenEnds = new Int32Array(3)
