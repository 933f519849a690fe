/**
 * xferlog read and written as bytes: the fast path for the lines of plain-ASCII chunks that need no JSON
 * escaping, which is nearly every line of a real xferlog. It reads the fields of a line into slots of a
 * `PackedRecords` and writes the record's JSON from those slots and the input bytes, so a line costs no
 * strings, no match arrays and no entry object, and the output is never a string to be encoded.
 *
 * It accepts only what the text parser (`LINE` in xferlog.ts) accepts, and declines anything it is not sure
 * of: the text parser then reads the line and gives the verdict. The text it writes is the layout writer's,
 * byte for byte: the words and numbers that depend on codes come from that writer itself (`eventTextOf`,
 * `flagsTextOf`), and test/xferlog-bytes.ts compares both paths on fixtures, corpus, generated, edge and
 * mutated lines.
 */
import type { PackedRecords } from '../batch.js'
import type { PackedCodec, ParseContext } from './types.js'
import { wallInstant, wholeSecondIso } from '../time.js'
import { AddressCache, DAY, Piece, copy, put, putInteger, putTimeOfDay, isLetter, twoDigits } from './bytes.js'
import { LONGEST_KEY } from '../recent.js'

/** What the codec needs from the text dialect (passed in, so that the two modules do not import each other). */
export interface XferlogParts<E> {
  /** Month number by its three letters packed as in xferlog.ts, undefined when not a month. */
  month (packed: number): number | undefined
  /** Whether a remote-host field is an IP address. */
  isAddress (host: string): boolean
  maxTransferSeconds: number
  makeEntry (fields: XferlogFields): E
  /** The enriched, clean JSON of an entry, as the layout writes it. */
  writeJSON (entry: E): string
}

/** An xferlog line's fields, as the text parser reads them. */
export interface XferlogFields {
  line: number
  original: string | undefined
  filePath: string | undefined
  timestamp: string
  seconds: number
  host: string
  hostIsIp: boolean
  size: number
  path: string
  transferType: string
  specialAction: string
  direction: string
  accessMode: string
  user: string
  service: string
  authenticationMethod: string
  authenticatedUser: string
  completionStatus: string | undefined
}

// Slots of one record in `PackedRecords.ints`.
const LINE_START = 0
const LINE_END = 1
const SECONDS = 3
const HOST_START = 4
const HOST_END = 5
const HOST_IS_IP = 6
const PATH_START = 7
const PATH_END = 8
const TYPE_AT = 9
const SPECIAL_START = 10
const SPECIAL_END = 11
const DIRECTION_AT = 12
const ACCESS_AT = 13
const USER_START = 14
const USER_END = 15
const SERVICE_START = 16
const SERVICE_END = 17
const AUTH_AT = 18
const AUTH_USER_START = 19
const AUTH_USER_END = 20
/** -1 on a 13-field line. */
const STATUS_AT = 21
const EVENT_MEMO = 22
const INTS = 23
// … and in `numbers`:
const SIZE = 0
const INSTANT = 1
/** Past 2³¹ lines a line number would not fit the ints. */
const LINE_NUMBER = 2
const NUMBERS = 3

const SPACE = 32
const DASH = 45
const STAR = 42
const UNDERSCORE = 95

/** The JSON around the fields, in the layout's order (the schema's); the tests hold it to the layout. */
const OPEN = '{"@timestamp":"'
/** What follows the time of day: every timestamp the byte reader accepts is a whole second. */
const EVENT = '.000Z","event":{"dataset":"xferlog"'
// Constant text between two values is one piece, whichever optional fields lie between them.
const ORIGINAL = new Piece(',"original":"')
const ORIGINAL_END = '"'
const SOURCE_IP = ',"source":{"ip":"'
const SOURCE_DOMAIN = ',"source":{"domain":"'
const HOST_CLOSE = '"}'
const USER = ',"user":{"name":"'
const USER_CLOSE = '"}'
const FILE = ',"file":{"path":"'
const TO_USER = new Piece(HOST_CLOSE + USER)
const TO_FILE = new Piece(HOST_CLOSE + FILE)
const USER_ALONE = new Piece(USER)
const FILE_ALONE = new Piece(FILE)
const SIZE_KEY = new Piece('","size":')
const NETWORK = '},"network":{'
const DURATION_KEY = '"duration":'
const NINE_ZEROS = new Piece('000000000')
const AUTH_USER = new Piece(',"authenticated_user_id":"')
const LINE_KEY = '},"logjson":{"line":'
const AUTH_USER_CLOSE = new Piece('"' + LINE_KEY)
const CLOSE = new Piece('}}\n')
const FIXED_LENGTH = [OPEN, EVENT, NETWORK, ORIGINAL.text, ORIGINAL_END, SOURCE_DOMAIN, HOST_CLOSE, USER, USER_CLOSE, FILE, SIZE_KEY.text, AUTH_USER.text, AUTH_USER_CLOSE.text, CLOSE.text]
  .reduce((sum, text) => sum + text.length, 0)
/** Room for the date and time of day (19), the duration in nanoseconds, the size and the line number (16 each). */
const NUMBERS_LENGTH = 19 + 16 + 16 + 16

/** Index of a code among the letters a field allows, or -1. */
function codeIndex (letters: string): Int8Array {
  const index = new Int8Array(128).fill(-1)
  for (let i = 0; i < letters.length; i++) index[letters.charCodeAt(i)] = i
  return index
}
// The letters `LINE` allows in each flag field.
const TRANSFER_TYPE = codeIndex('ab')
const DIRECTION = codeIndex('oid')
const ACCESS_MODE = codeIndex('agr')
const AUTHENTICATION = codeIndex('01')
/** 0 stands for a line without a status. */
const STATUS = codeIndex('-ci01')
const SPECIAL = codeIndex('CUT')

/**
 * The network and xferlog fields' text for one combination of service, special-action flags, transfer
 * type, access mode and authentication method, with the key it was made for (service, a space, the flags,
 * a space, the three letters).
 */
class FlagsText {
  constructor (readonly key: Uint8Array, readonly plain: Piece, readonly toLine: Piece) {}

  /** Whether this text was made for the fields of a line. */
  fits (source: Uint8Array, serviceStart: number, serviceEnd: number, specialStart: number, specialEnd: number, letters: number): boolean {
    const key = this.key
    const serviceLength = serviceEnd - serviceStart
    const specialLength = specialEnd - specialStart
    if (key.length !== serviceLength + specialLength + 5 || ((key[key.length - 3]! << 16) | (key[key.length - 2]! << 8) | key[key.length - 1]!) !== letters) return false
    for (let i = 0; i < serviceLength; i++) if (key[i] !== source[serviceStart + i]) return false
    for (let i = 0; i < specialLength; i++) if (key[serviceLength + 1 + i] !== source[specialStart + i]) return false
    return true
  }
}

/** How many network and xferlog texts are kept; past that the table starts over. */
const FLAGS_LIMIT = 4096

export function xferlogByteCodec<E> (parts: XferlogParts<E>): PackedCodec<E & { line: number, original: string | undefined, filePath: string | undefined }> {
  const addresses = new AddressCache((host) => parts.isAddress(host) ? 1 : 0)
  /** JSON text made once per key: the event fields, and the network and xferlog fields. */
  /**
   * The event's text up to `"duration":`, by direction and status (the duration is written apart, so
   * that these stay 15 texts), and the network and xferlog texts by a hash of what they depend on (a
   * list per hash, for the rare collision). Records keep the texts they were read with, so the table may
   * start over at any time.
   */
  const eventTexts: Array<Piece | undefined> = new Array(15).fill(undefined)
  const flagsTexts = new Map<number, FlagsText[]>()
  let flagsCount = 0
  /** For the last file: the end of `event` and `log.file.path`, followed by each way `source` may start. */
  let fileKey: string | undefined
  let fileNoSource = new Piece('')
  let fileSourceIp = fileNoSource
  let fileSourceDomain = fileNoSource
  /** The opening text up to the time of day, for the last day written. */
  let openingDay = NaN
  let opening = new Piece('')

  /**
   * The text the layout writes for a run of memo fields, cut out of the layout writer's JSON for an entry
   * holding the codes of this line (the other fields do not change it): the same words and numbers, made
   * by the same code, once per combination of codes.
   */
  function eventTextOf (fields: XferlogFields): Piece {
    const json = parts.writeJSON(parts.makeEntry(fields))
    const after = '"dataset":"xferlog"'
    const from = json.indexOf(after) + after.length
    const to = json.indexOf(DURATION_KEY, from)
    if (from < after.length || to < 0) throw new Error('xferlog layout: the event fields are not where the byte writer expects them')
    return new Piece(EVENT + json.slice(from, to + DURATION_KEY.length))
  }

  function flagsTextOf (source: Uint8Array, fields: XferlogFields, serviceStart: number, serviceEnd: number, specialStart: number, specialEnd: number, letters: number): FlagsText {
    const json = parts.writeJSON(parts.makeEntry(fields))
    const after = '"network":{'
    const from = json.indexOf(after) + after.length
    const to = json.indexOf('},"logjson"', from)
    if (from < after.length || to < 0) throw new Error('xferlog layout: the network and xferlog fields are not where the byte writer expects them')
    const text = NETWORK + json.slice(from, to)
    const serviceLength = serviceEnd - serviceStart
    const specialLength = specialEnd - specialStart
    // A copy of the bytes: the caller may reuse its buffer, and a view would keep the whole chunk alive.
    const key = new Uint8Array(serviceLength + specialLength + 5)
    key.set(source.subarray(serviceStart, serviceEnd), 0)
    key[serviceLength] = SPACE
    key.set(source.subarray(specialStart, specialEnd), serviceLength + 1)
    key[serviceLength + 1 + specialLength] = SPACE
    key[key.length - 3] = letters >> 16
    key[key.length - 2] = (letters >> 8) & 0xff
    key[key.length - 1] = letters & 0xff
    return new FlagsText(key, new Piece(text), new Piece(text + LINE_KEY))
  }

  const probe = (source: Buffer, ints: Int32Array, base: number, seconds: number): XferlogFields => {
    const text = (start: number, end: number): string => source.toString('latin1', ints[base + start]!, ints[base + end]!)
    const letter = (at: number): string => String.fromCharCode(source[ints[base + at]!]!)
    return {
      line: 1,
      original: undefined,
      filePath: undefined,
      timestamp: '1970-01-01T00:00:00.000Z',
      seconds,
      host: 'localhost',
      hostIsIp: false,
      size: 0,
      path: '/',
      transferType: letter(TYPE_AT),
      specialAction: text(SPECIAL_START, SPECIAL_END),
      direction: letter(DIRECTION_AT),
      accessMode: letter(ACCESS_AT),
      user: 'user',
      service: text(SERVICE_START, SERVICE_END),
      authenticationMethod: letter(AUTH_AT),
      authenticatedUser: '*',
      completionStatus: ints[base + STATUS_AT]! < 0 ? undefined : letter(STATUS_AT)
    }
  }

  function read (source: Buffer, lineStart: number, lineEnd: number, lineNumber: number, context: ParseContext, records: PackedRecords): boolean {
    // `Www Mmm`, then the day: one or two spaces, one or two digits, as `LINE` allows.
    if (lineEnd - lineStart < 30) return false
    if (!isLetter(source[lineStart]!) || !isLetter(source[lineStart + 1]!) || !isLetter(source[lineStart + 2]!) || source[lineStart + 3] !== SPACE) return false
    const m0 = source[lineStart + 4]!
    const m1 = source[lineStart + 5]!
    const m2 = source[lineStart + 6]!
    if (m0 < 65 || m0 > 90 || m1 < 97 || m1 > 122 || m2 < 97 || m2 > 122 || source[lineStart + 7] !== SPACE) return false
    const month = parts.month((m0 << 16) | (m1 << 8) | m2)
    if (month === undefined) return false
    let at = lineStart + 8
    if (source[at] === SPACE) at++
    let day = source[at]! - 48
    if (day < 0 || day > 9) return false
    const second = source[++at]! - 48
    if (second >= 0 && second <= 9) {
      day = day * 10 + second
      at++
    }
    // ` hh:mm:ss yyyy`
    if (source[at] !== SPACE || source[at + 3] !== 58 || source[at + 6] !== 58 || source[at + 9] !== SPACE) return false
    const hour = twoDigits(source, at + 1)
    const minute = twoDigits(source, at + 4)
    const sec = twoDigits(source, at + 7)
    const century = twoDigits(source, at + 10)
    const yy = twoDigits(source, at + 12)
    if (hour < 0 || minute < 0 || sec < 0 || century < 0 || yy < 0 || source[at + 14] !== SPACE) return false
    at += 15
    while (source[at] === SPACE) at++
    // The transfer time: 1 to 12 digits.
    let seconds = 0
    const timeStart = at
    for (let code = source[at]!; code >= 48 && code <= 57 && at < lineEnd; code = source[++at]!) seconds = seconds * 10 + code - 48
    if (at === timeStart || at - timeStart > 12 || source[at] !== SPACE || seconds > parts.maxTransferSeconds) return false
    while (source[at] === SPACE) at++
    const hostStart = at
    while (at < lineEnd && source[at] !== SPACE) at++
    const hostEnd = at
    if (hostEnd === hostStart || at >= lineEnd) return false
    while (source[at] === SPACE) at++
    // The byte count: up to 15 digits stays exact without a check.
    let size = 0
    const sizeStart = at
    for (let code = source[at]!; code >= 48 && code <= 57 && at < lineEnd; code = source[++at]!) size = size * 10 + code - 48
    if (at === sizeStart || at - sizeStart > 15 || source[at] !== SPACE) return false
    while (at < lineEnd && source[at] === SPACE) at++
    const pathStart = at
    if (pathStart >= lineEnd) return false

    // The flag fields from the right: nine with a completion status, else eight.
    const ints = records.ints
    const base = records.count * INTS
    let end = lineEnd
    while (end > pathStart && source[end - 1] === SPACE) end--
    let tokens = 0
    /** Start and end of the tokens found, last first. */
    const starts = tokenStarts
    const ends = tokenEnds
    while (tokens < 9) {
      let start = end
      while (start > pathStart && source[start - 1] !== SPACE) start--
      if (start === pathStart) break
      starts[tokens] = start
      ends[tokens] = end
      tokens++
      end = start
      while (end > pathStart && source[end - 1] === SPACE) end--
    }
    // With nine tokens, try them as the 14-field line (status last); else the last eight as the 13-field one.
    let first: number
    if (tokens === 9 && flagsFit(source, 8)) {
      const status = STATUS[source[starts[0]!]!]!
      if (ends[0]! - starts[0]! !== 1 || status <= 0) {
        if (!flagsFit(source, 7)) return false
        first = 7
      } else {
        first = 8
      }
    } else if (tokens >= 8 && flagsFit(source, 7)) {
      first = 7
    } else {
      return false
    }
    // The 14-field reading wins when it fits (as the shortest file name does in `LINE`).
    const status = first === 8 ? starts[0]! : -1
    const k = first
    const pathEnd = lastNonSpace(source, pathStart, starts[k]!)
    // The service: `-` is rejected by the text parser, with its reason.
    const serviceStart = starts[k - 5]!
    const serviceEnd = ends[k - 5]!
    if (serviceEnd - serviceStart === 1 && source[serviceStart] === DASH) return false

    // The instant comes last, and nothing after it declines the line: in a repeated hour the zone clock
    // reads a line by the lines before it, so the text parser must not read a line this one has read.
    // Years 1971–9998 put every instant between 1970 and 9999 whatever the zone.
    const year = century * 100 + yy
    if (year < 1971 || year > 9998) return false
    const instant = wallInstant(context.clock, year, month, day, hour, minute, sec)
    if (Number.isNaN(instant)) return false

    ints[base + LINE_START] = lineStart
    ints[base + LINE_END] = lineEnd
    ints[base + SECONDS] = seconds
    ints[base + HOST_START] = hostStart
    ints[base + HOST_END] = hostEnd
    ints[base + PATH_START] = pathStart
    ints[base + PATH_END] = pathEnd
    ints[base + TYPE_AT] = starts[k]!
    ints[base + SPECIAL_START] = starts[k - 1]!
    ints[base + SPECIAL_END] = ends[k - 1]!
    ints[base + DIRECTION_AT] = starts[k - 2]!
    ints[base + ACCESS_AT] = starts[k - 3]!
    ints[base + USER_START] = starts[k - 4]!
    ints[base + USER_END] = ends[k - 4]!
    ints[base + SERVICE_START] = serviceStart
    ints[base + SERVICE_END] = serviceEnd
    ints[base + AUTH_AT] = starts[k - 6]!
    ints[base + AUTH_USER_START] = starts[k - 7]!
    ints[base + AUTH_USER_END] = ends[k - 7]!
    ints[base + STATUS_AT] = status

    // The memo texts for this line's codes.
    const eventKey = DIRECTION[source[starts[k - 2]!]!]! * 5 + (status < 0 ? 0 : STATUS[source[status]!]!)
    if (eventTexts[eventKey] === undefined) eventTexts[eventKey] = eventTextOf(probe(source, ints, base, seconds))
    const specialStart = starts[k - 1]!
    const specialEnd = ends[k - 1]!
    const letters = (source[starts[k]!]! << 16) | (source[starts[k - 3]!]! << 8) | source[starts[k - 6]!]!
    let hash = letters
    for (let i = serviceStart; i < serviceEnd; i++) hash = Math.imul(hash ^ source[i]!, 0x01000193)
    for (let i = specialStart; i < specialEnd; i++) hash = Math.imul(hash ^ source[i]!, 0x01000193)
    hash &= 0x3fffffff // a small integer: the cheapest key for a Map
    let bucket = flagsTexts.get(hash)
    let flags: FlagsText | undefined
    if (bucket !== undefined) {
      for (let i = 0; i < bucket.length; i++) {
        if (bucket[i]!.fits(source, serviceStart, serviceEnd, specialStart, specialEnd, letters)) {
          flags = bucket[i]!
          break
        }
      }
    }
    if (flags === undefined) {
      flags = flagsTextOf(source, probe(source, ints, base, seconds), serviceStart, serviceEnd, specialStart, specialEnd, letters)
      // Not kept past a length no service name and action letters reach (see `Recent`).
      if (serviceEnd - serviceStart + specialEnd - specialStart <= LONGEST_KEY) {
        if (++flagsCount > FLAGS_LIMIT) {
          flagsTexts.clear()
          flagsCount = 1
          bucket = undefined
        }
        if (bucket === undefined) flagsTexts.set(hash, [flags])
        else bucket.push(flags)
      }
    }
    records.objects[records.count] = flags
    ints[base + EVENT_MEMO] = eventKey
    ints[base + HOST_IS_IP] = addresses.test(source, hostStart, hostEnd) ? 1 : 0
    records.numbers[records.count * NUMBERS + SIZE] = size
    records.numbers[records.count * NUMBERS + INSTANT] = instant
    records.numbers[records.count * NUMBERS + LINE_NUMBER] = lineNumber
    records.count++
    return true
  }

  /**
   * Whether the eight tokens from index `last` down (last first: `tokens[last]` is the transfer type) are
   * well-formed flag fields: `[ab] (_|[CUT]+) [oid] [agr] \S+ \S+ [01] \S+`.
   */
  function flagsFit (source: Uint8Array, last: number): boolean {
    const starts = tokenStarts
    const ends = tokenEnds
    const one = (k: number, index: Int8Array): boolean => ends[k]! - starts[k]! === 1 && index[source[starts[k]!]!]! >= 0
    if (!one(last, TRANSFER_TYPE) || !one(last - 2, DIRECTION) || !one(last - 3, ACCESS_MODE) || !one(last - 6, AUTHENTICATION)) return false
    const start = starts[last - 1]!
    const end = ends[last - 1]!
    if (end - start === 1 && source[start] === UNDERSCORE) return true
    for (let i = start; i < end; i++) if (SPECIAL[source[i]!]! < 0) return false
    return true
  }

  function lastNonSpace (source: Uint8Array, from: number, to: number): number {
    while (to > from && source[to - 1] === SPACE) to--
    return to
  }

  /** The texts after the event for records of `filePath`. */
  function useFile (filePath: string | undefined): void {
    if (filePath === fileKey && fileNoSource.length > 0) return
    fileKey = filePath
    // The layout quotes the file name with JSON's rules (the parse stage only packs ASCII file names), and
    // leaves out a name of nothing or `-`, placeholders as for any text.
    const text = filePath === undefined || filePath === '' || filePath === '-' ? '}' : '},"log":{"file":{"path":' + JSON.stringify(filePath) + '}}'
    fileNoSource = new Piece(text)
    fileSourceIp = new Piece(text + SOURCE_IP)
    fileSourceDomain = new Piece(text + SOURCE_DOMAIN)
  }

  return {
    intsPerRecord: INTS,
    numbersPerRecord: NUMBERS,
    objectsPerRecord: 1,
    read,
    maxLength (records: PackedRecords, index: number): number {
      const ints = records.ints
      const base = index * INTS
      useFile(records.filePath)
      return FIXED_LENGTH + fileNoSource.length + NUMBERS_LENGTH + 2 * (ints[base + LINE_END]! - ints[base + LINE_START]!) +
        eventTexts[ints[base + EVENT_MEMO]!]!.length + (records.objects[index] as FlagsText).toLine.length
    },
    write (records: PackedRecords, index: number, out: DataView, at: number): number {
      const source = records.source
      const view = records.view
      const ints = records.ints
      const base = index * INTS
      // The timestamp: its date from the day's text, the time of day in digits, `.000Z` from the memo text.
      const instant = records.numbers[index * NUMBERS + INSTANT]!
      const day = Math.floor(instant / DAY)
      if (day !== openingDay) {
        openingDay = day
        opening = new Piece(OPEN + wholeSecondIso(day * DAY).slice(0, 11))
      }
      at = put(out, at, opening)
      at = putTimeOfDay(out, at, instant, day)
      at = put(out, at, eventTexts[ints[base + EVENT_MEMO]!]!)
      // event.duration in nanoseconds: the seconds and nine zeros (the layout writes the same digits).
      const duration = ints[base + SECONDS]!
      if (duration === 0) {
        out.setUint8(at++, 48)
      } else {
        at = putInteger(out, at, duration)
        at = put(out, at, NINE_ZEROS)
      }
      if (records.original) {
        at = put(out, at, ORIGINAL)
        at = copy(out, at, view, ints[base + LINE_START]!, ints[base + LINE_END]!)
        out.setUint8(at++, 34)
      }
      useFile(records.filePath)
      const hostStart = ints[base + HOST_START]!
      const hostEnd = ints[base + HOST_END]!
      const hasHost = hostEnd - hostStart !== 1 || source[hostStart] !== DASH
      const userStart = ints[base + USER_START]!
      const userEnd = ints[base + USER_END]!
      const hasUser = userEnd - userStart !== 1 || source[userStart] !== DASH
      if (hasHost) {
        at = put(out, at, ints[base + HOST_IS_IP] === 1 ? fileSourceIp : fileSourceDomain)
        at = copy(out, at, view, hostStart, hostEnd)
        at = put(out, at, hasUser ? TO_USER : TO_FILE)
      } else {
        at = put(out, at, fileNoSource)
        at = put(out, at, hasUser ? USER_ALONE : FILE_ALONE)
      }
      if (hasUser) {
        at = copy(out, at, view, userStart, userEnd)
        at = put(out, at, TO_FILE)
      }
      at = copy(out, at, view, ints[base + PATH_START]!, ints[base + PATH_END]!)
      at = put(out, at, SIZE_KEY)
      at = putInteger(out, at, records.numbers[index * NUMBERS + SIZE]!)
      const authStart = ints[base + AUTH_USER_START]!
      const authEnd = ints[base + AUTH_USER_END]!
      // `*` means none; `-` is a placeholder the layout leaves out.
      if (authEnd - authStart !== 1 || (source[authStart] !== STAR && source[authStart] !== DASH)) {
        at = put(out, at, (records.objects[index] as FlagsText).plain)
        at = put(out, at, AUTH_USER)
        at = copy(out, at, view, authStart, authEnd)
        at = put(out, at, AUTH_USER_CLOSE)
      } else {
        at = put(out, at, (records.objects[index] as FlagsText).toLine)
      }
      at = putInteger(out, at, records.numbers[index * NUMBERS + LINE_NUMBER]!)
      return put(out, at, CLOSE)
    },
    lineNumber (records: PackedRecords, index: number): number {
      return records.numbers[index * NUMBERS + LINE_NUMBER]!
    },
    entry (records: PackedRecords, index: number) {
      const ints = records.ints
      const base = index * INTS
      const lineNumber = records.numbers[index * NUMBERS + LINE_NUMBER]!
      // The line as text is the batch's (cutting it is cheaper than decoding bytes again).
      const line = records.lines[lineNumber - records.firstLine] as string
      const lineStart = ints[base + LINE_START]!
      const text = (start: number, end: number): string => line.slice(ints[base + start]! - lineStart, ints[base + end]! - lineStart)
      const letter = (at: number): string => line.charAt(ints[base + at]! - lineStart)
      return parts.makeEntry({
        line: lineNumber,
        original: records.original ? line : undefined,
        filePath: records.filePath,
        timestamp: wholeSecondIso(records.numbers[index * NUMBERS + INSTANT]!),
        seconds: ints[base + SECONDS]!,
        host: text(HOST_START, HOST_END),
        hostIsIp: ints[base + HOST_IS_IP] === 1,
        size: records.numbers[index * NUMBERS + SIZE]!,
        path: text(PATH_START, PATH_END),
        transferType: letter(TYPE_AT),
        specialAction: text(SPECIAL_START, SPECIAL_END),
        direction: letter(DIRECTION_AT),
        accessMode: letter(ACCESS_AT),
        user: text(USER_START, USER_END),
        service: text(SERVICE_START, SERVICE_END),
        authenticationMethod: letter(AUTH_AT),
        authenticatedUser: text(AUTH_USER_START, AUTH_USER_END),
        completionStatus: ints[base + STATUS_AT]! < 0 ? undefined : letter(STATUS_AT)
      }) as E & { line: number, original: string | undefined, filePath: string | undefined }
    }
  }
}

/** Token bounds of the line being read (reading is synchronous). */
const tokenStarts = new Int32Array(9)
const tokenEnds = new Int32Array(9)
