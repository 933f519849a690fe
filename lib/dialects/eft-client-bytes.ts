/**
 * eft-client read and written as bytes (see `PackedCodec`): the lines of plain-ASCII chunks go from the
 * input's bytes to slots of a `PackedRecords` and from there into the output through a template, the
 * layout writer's own JSON for the line's protocol, operation and codes cut where the line's values go.
 *
 * Its paths are Windows paths, so unlike xferlog's reader it takes chunks with backslashes and doubles
 * them as it copies; a line holding a quote or a control character is left to the text parser, as is any
 * line it would not read exactly as `parse` in eft-client.ts does (test/eft-client-bytes.ts compares both).
 */
import type { PackedRecords } from '../batch.js'
import type { EntryBase } from '../layout.js'
import type { PackedCodec, ParseContext } from './types.js'
import { wallInstant, wholeSecondIso } from '../time.js'
import { AddressCache, FileText, templateCodec, HOLE_FILE, HOLE_INSTANT, HOLE_INT, HOLE_NUMBER, HOLE_TEXT, KeyTable, Template, holeMark, type Hole, type MarkSet } from './bytes.js'

/** What the codec needs from the text dialect (passed in, so that the two modules do not import each other). */
export interface EftClientParts<E> {
  isAddress (host: string): boolean
  /** The entry the text parser makes of a line's trimmed fields once they have passed its checks. */
  entryOf (lineNumber: number, original: string | undefined, filePath: string | undefined, timestamp: string, fields: readonly string[]): E
  /** An entry of the given values as they are (for probes: marks stand where a line's values go). */
  probeOf (values: ProbeValues): E
  /** The enriched JSON of an entry, as the layout writes it for a clean chunk. */
  writeJSON (entry: E): string
}

export interface ProbeValues {
  line: number
  original: string | undefined
  filePath: string | undefined
  timestamp: string
  /** The fields as the line has them, trimmed; marks in place of host, user and paths when present. */
  fields: readonly string[]
  port: number | undefined
  hostIsIp: boolean
}

// Slots of one record in `PackedRecords.ints`: the line, then a start, an end and a count of backslashes
// for each of the ten fields (trimmed).
const LINE_START = 0
const FIELDS = 3
const FIELD_SLOTS = 3
const FIELD_COUNT = FIELDS + 10 * FIELD_SLOTS
const PORT = FIELD_COUNT + 1
const INTS = PORT + 1
// … and in `numbers`:
const INSTANT = 0
const LINE_NUMBER = 1
const NUMBERS = 2

const TIME = 0
const PROTOCOL = 1
const HOST = 2
const PORT_FIELD = 3
const USER = 4
const LOCAL_PATH = 5
const REMOTE_PATH = 6
const OPERATION = 7
const CODE = 8
const ACTION_RESULT = 9

const SPACE = 32
const QUOTE = 34
const DASH = 45
const SEMICOLON = 59
const BACKSLASH = 92

/** Where each value of a record goes: holes in the order of `ProbeValues`' marks. */
const HOLES: readonly Hole[] = [
  { kind: HOLE_INSTANT, at: INSTANT },
  { kind: HOLE_TEXT, at: LINE_START },
  { kind: HOLE_FILE, at: 0 },
  { kind: HOLE_TEXT, at: FIELDS + HOST * FIELD_SLOTS },
  { kind: HOLE_INT, at: PORT },
  { kind: HOLE_TEXT, at: FIELDS + USER * FIELD_SLOTS },
  { kind: HOLE_TEXT, at: FIELDS + LOCAL_PATH * FIELD_SLOTS },
  { kind: HOLE_TEXT, at: FIELDS + REMOTE_PATH * FIELD_SLOTS },
  { kind: HOLE_NUMBER, at: LINE_NUMBER }
]
const [TIMESTAMP_HOLE, ORIGINAL_HOLE, FILE_HOLE, HOST_HOLE, PORT_HOLE, USER_HOLE, LOCAL_HOLE, REMOTE_HOLE, LINE_HOLE] = HOLES.map((_, i) => i) as number[] as [number, number, number, number, number, number, number, number, number]

// Bits of a template's key: which holes a record has.
const HAS_ORIGINAL = 1
const HAS_FILE = 2
const HAS_HOST = 4
const HOST_IS_IP = 8
const HAS_PORT = 16
const HAS_USER = 32
const HAS_LOCAL = 64
const HAS_REMOTE = 128

/** How many templates are kept; past that the table starts over. */
const TEMPLATE_LIMIT = 4096

export function eftClientByteCodec<E extends EntryBase> (parts: EftClientParts<E>): PackedCodec<E> {
  const addresses = new AddressCache((host) => parts.isAddress(host) ? 1 : 0)
  /** Templates by protocol, operation, code, action result and the holes present; false where none can be cut. */
  const templates = new KeyTable<Template | false>(TEMPLATE_LIMIT)
  const fileText = new FileText()

  /** Whether field `k` holds a value the layout writes (not nothing, not the `-` placeholder). */
  const present = (source: Uint8Array, ints: Int32Array, base: number, k: number): boolean => {
    const start = ints[base + FIELDS + k * FIELD_SLOTS]!
    const end = ints[base + FIELDS + k * FIELD_SLOTS + 1]!
    return end > start && (end - start !== 1 || source[start] !== DASH)
  }

  /** The digits of `source[start, end)` as a number, -1 when there are none or one is not a digit. */
  function digits (source: Uint8Array, start: number, end: number): number {
    if (end === start) return -1
    let value = 0
    for (let i = start; i < end; i++) {
      const digit = source[i]! - 48
      if (digit < 0 || digit > 9) return -1
      value = value * 10 + digit
    }
    return value
  }

  function templateFor (source: Buffer, ints: Int32Array, base: number, bits: number, count: number): Template | false {
    const line: string[] = []
    for (let k = 0; k < count; k++) line.push(source.toString('latin1', ints[base + FIELDS + k * FIELD_SLOTS]!, ints[base + FIELDS + k * FIELD_SLOTS + 1]!))
    const probe = (set: MarkSet): string => {
      const mark = (hole: number): string => holeMark(HOLES[hole]!, hole, set) as string
      const holeOr = (bit: number, hole: number, k: number): string => (bits & bit) !== 0 ? mark(hole) : line[k] === '-' ? '-' : ''
      const fields = line.slice()
      fields[HOST] = holeOr(HAS_HOST, HOST_HOLE, HOST)
      fields[USER] = holeOr(HAS_USER, USER_HOLE, USER)
      fields[LOCAL_PATH] = holeOr(HAS_LOCAL, LOCAL_HOLE, LOCAL_PATH)
      fields[REMOTE_PATH] = holeOr(HAS_REMOTE, REMOTE_HOLE, REMOTE_PATH)
      return parts.writeJSON(parts.probeOf({
        line: holeMark(HOLES[LINE_HOLE]!, LINE_HOLE, set) as number,
        original: (bits & HAS_ORIGINAL) !== 0 ? mark(ORIGINAL_HOLE) : undefined,
        filePath: (bits & HAS_FILE) !== 0 ? mark(FILE_HOLE) : undefined,
        timestamp: mark(TIMESTAMP_HOLE),
        fields,
        port: (bits & HAS_PORT) !== 0 ? holeMark(HOLES[PORT_HOLE]!, PORT_HOLE, set) as number : undefined,
        hostIsIp: (bits & HOST_IS_IP) !== 0
      }))
    }
    const present = [true, (bits & HAS_ORIGINAL) !== 0, (bits & HAS_FILE) !== 0, (bits & HAS_HOST) !== 0, (bits & HAS_PORT) !== 0,
      (bits & HAS_USER) !== 0, (bits & HAS_LOCAL) !== 0, (bits & HAS_REMOTE) !== 0, true]
    return Template.cut(probe, HOLES.map((hole, i) => present[i] === true ? hole : undefined)) ?? false
  }

  function read (source: Buffer, lineStart: number, lineEnd: number, lineNumber: number, context: ParseContext, records: PackedRecords): boolean {
    // `YYYY-MM-DD HH:MM:SS;` and eight or nine more fields, each closed by a semicolon.
    if (lineEnd - lineStart < 28) return false
    let end = lineEnd
    while (source[end - 1] === SPACE) end--
    if (source[end - 1] !== SEMICOLON) return false
    const ints = records.ints
    const base = records.count * INTS
    // Each byte once: field bounds at the semicolons, backslashes counted, quotes and controls declined.
    let count = 0
    let start = lineStart
    let escapes = 0
    let lineEscapes = 0
    const view = records.view
    for (let at = lineStart; at < end; at++) {
      // Four bytes at a time while none is a semicolon, quote, backslash or control (ASCII only: every
      // byte is below 0x80, so each test below flags exactly the bytes it looks for, or more).
      while (at + 4 <= end) {
        const word = view.getInt32(at, true)
        const semicolons = word ^ 0x3b3b3b3b
        const quotes = word ^ 0x22222222
        const backslashes = word ^ 0x5c5c5c5c
        if ((((semicolons - 0x01010101) & ~semicolons) | ((quotes - 0x01010101) & ~quotes) | ((backslashes - 0x01010101) & ~backslashes) |
          ((word - 0x20202020) & ~word)) & 0x80808080) break
        at += 4
      }
      if (at >= end) break
      const byte = source[at]!
      if (byte === SEMICOLON) {
        if (count === 10) return false
        let from = start
        let to = at
        while (from < to && source[from] === SPACE) from++
        while (to > from && source[to - 1] === SPACE) to--
        const slot = base + FIELDS + count * FIELD_SLOTS
        ints[slot] = from
        ints[slot + 1] = to
        ints[slot + 2] = escapes
        lineEscapes += escapes
        escapes = 0
        count++
        start = at + 1
      } else if (byte < SPACE || byte === QUOTE) {
        return false
      } else if (byte === BACKSLASH) {
        escapes++
      }
    }
    if (count !== 9 && count !== 10) return false
    // Trailing spaces after the last semicolon: `source[end, lineEnd)`; nothing else may follow it.
    ints[base + FIELD_COUNT] = count

    // The port: nothing, or one to five digits up to 65535.
    let bits = 0
    const portStart = ints[base + FIELDS + PORT_FIELD * FIELD_SLOTS]!
    const portEnd = ints[base + FIELDS + PORT_FIELD * FIELD_SLOTS + 1]!
    if (portEnd > portStart) {
      const port = portEnd - portStart > 5 ? -1 : digits(source, portStart, portEnd)
      if (port < 0 || port > 65535) return false
      ints[base + PORT] = port
      bits |= HAS_PORT
    }
    // The code: nothing, or an optional minus and one to nine digits.
    const codeStart = ints[base + FIELDS + CODE * FIELD_SLOTS]!
    const codeEnd = ints[base + FIELDS + CODE * FIELD_SLOTS + 1]!
    if (codeEnd > codeStart) {
      const digitsStart = source[codeStart] === DASH ? codeStart + 1 : codeStart
      if (codeEnd - digitsStart > 9 || digits(source, digitsStart, codeEnd) < 0) return false
    }
    // The action result: absent, 0 or 1.
    if (count === 10) {
      const resultStart = ints[base + FIELDS + ACTION_RESULT * FIELD_SLOTS]!
      if (ints[base + FIELDS + ACTION_RESULT * FIELD_SLOTS + 1]! - resultStart !== 1 || (source[resultStart] !== 48 && source[resultStart] !== 49)) return false
    }
    // The protocol: nothing, or a letter followed by letters, digits, `+`, `.` or `-`.
    const protocolStart = ints[base + FIELDS + PROTOCOL * FIELD_SLOTS]!
    const protocolEnd = ints[base + FIELDS + PROTOCOL * FIELD_SLOTS + 1]!
    for (let i = protocolStart; i < protocolEnd; i++) {
      const byte = source[i]! | 0x20
      const letter = byte >= 97 && byte <= 122
      if (!letter && (i === protocolStart || !((source[i]! >= 48 && source[i]! <= 57) || source[i] === 43 || source[i] === 46 || source[i] === DASH))) return false
    }
    // The time, by position.
    const timeStart = ints[base + FIELDS + TIME * FIELD_SLOTS]!
    if (ints[base + FIELDS + TIME * FIELD_SLOTS + 1]! - timeStart !== 19 || source[timeStart + 4] !== DASH || source[timeStart + 7] !== DASH || source[timeStart + 10] !== SPACE ||
      source[timeStart + 13] !== 58 || source[timeStart + 16] !== 58) return false
    const year = digits(source, timeStart, timeStart + 4)
    const month = digits(source, timeStart + 5, timeStart + 7)
    const day = digits(source, timeStart + 8, timeStart + 10)
    const hour = digits(source, timeStart + 11, timeStart + 13)
    const minute = digits(source, timeStart + 14, timeStart + 16)
    const second = digits(source, timeStart + 17, timeStart + 19)
    // Years 1971–9998 put every instant between 1970 and 9999 whatever the zone.
    if (year < 1971 || year > 9998 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return false

    if (records.original) bits |= HAS_ORIGINAL
    if (fileText.written(records.filePath)) bits |= HAS_FILE
    if (present(source, ints, base, HOST)) {
      bits |= HAS_HOST
      if (addresses.test(source, ints[base + FIELDS + HOST * FIELD_SLOTS]!, ints[base + FIELDS + HOST * FIELD_SLOTS + 1]!)) bits |= HOST_IS_IP
    }
    if (present(source, ints, base, USER)) bits |= HAS_USER
    if (present(source, ints, base, LOCAL_PATH)) bits |= HAS_LOCAL
    if (present(source, ints, base, REMOTE_PATH)) bits |= HAS_REMOTE
    // The template: protocol, operation, code and action result make the words; the bits, the holes.
    templates.begin()
    templates.addByte(bits)
    templates.addBytes(source, protocolStart, protocolEnd)
    templates.addBytes(source, ints[base + FIELDS + OPERATION * FIELD_SLOTS]!, ints[base + FIELDS + OPERATION * FIELD_SLOTS + 1]!)
    templates.addBytes(source, codeStart, codeEnd)
    templates.addByte(count === 10 ? source[ints[base + FIELDS + ACTION_RESULT * FIELD_SLOTS]!]! : 0)
    let template = templates.find()
    if (template === undefined) {
      template = templateFor(source, ints, base, bits, count)
      templates.store(template)
    }
    if (template === false) return false

    // The instant comes last, and nothing after it declines the line: in a repeated hour the zone clock
    // reads a line by the lines before it, so the text parser must not read a line this one has read.
    const instant = wallInstant(context.clock, year, month, day, hour, minute, second)
    if (Number.isNaN(instant)) return false
    ints[base + LINE_START] = lineStart
    ints[base + LINE_START + 1] = lineEnd
    ints[base + LINE_START + 2] = lineEscapes
    records.objects[records.count] = template
    records.numbers[records.count * NUMBERS + INSTANT] = instant
    records.numbers[records.count * NUMBERS + LINE_NUMBER] = lineNumber
    records.count++
    return true
  }

  return templateCodec(INTS, NUMBERS, LINE_NUMBER, fileText, read, (records: PackedRecords, index: number): E => {
    const ints = records.ints
    const base = index * INTS
    const lineNumber = records.numbers[index * NUMBERS + LINE_NUMBER]!
    // The line as text is the batch's (cutting it is cheaper than decoding bytes again).
    const line = records.lines[lineNumber - records.firstLine] as string
    const lineStart = ints[base + LINE_START]!
    const fields: string[] = []
    for (let k = 0; k < ints[base + FIELD_COUNT]!; k++) {
      fields.push(line.slice(ints[base + FIELDS + k * FIELD_SLOTS]! - lineStart, ints[base + FIELDS + k * FIELD_SLOTS + 1]! - lineStart))
    }
    return parts.entryOf(lineNumber, records.original ? line : undefined, records.filePath, wholeSecondIso(records.numbers[index * NUMBERS + INSTANT]!), fields)
  })
}
