/**
 * What the dialects' byte codecs (see `PackedCodec`) share: writing constant text, input bytes, integers
 * and timestamps into an output buffer four or eight bytes at a time, caches keyed by input bytes, and
 * templates: the layout writer's own JSON for one combination of codes, cut where the line's values go.
 */
import type { PackedRecords } from '../batch.js'
import { isWrittenText, type EntryBase } from '../layout.js'
import type { PackedCodec } from './types.js'
import { isoString } from '../time.js'
import { LONGEST_KEY } from '../recent.js'

/**
 * Constant text kept as little-endian 32-bit words, the last one padded: a DataView store of four bytes is
 * a few times cheaper than four element stores. Each store may run up to three bytes past the end of what
 * it writes (a template's, seven); the next store overwrites them, and the caller leaves room after the
 * last record.
 */
export class Piece {
  readonly words: Int32Array
  /** The text as bytes, for long pieces: one native copy beats many stores past some fifty bytes. */
  readonly bytes: Uint8Array | undefined
  constructor (readonly text: string) {
    this.words = new Int32Array(Math.ceil(text.length / 4))
    for (let i = 0; i < text.length; i++) this.words[i >> 2]! |= text.charCodeAt(i) << (8 * (i & 3))
    this.bytes = text.length > LONG_PIECE ? Buffer.from(text, 'latin1') : undefined
  }

  get length (): number {
    return this.text.length
  }
}

const LONG_PIECE = 48
/**
 * Template pieces up to this length are copied eight bytes at a time: measured on Node 20, the native
 * copy costs about 20 ns whatever the length, the loop 12 ns at 50 bytes and as much as the native copy
 * only at about 120.
 */
const LONG_TEMPLATE_PIECE = 120
let outView: DataView | undefined
let outBytes: Uint8Array = new Uint8Array(0)

/** Copies `bytes` with one native call. */
export function putBytes (out: DataView, at: number, bytes: Uint8Array): number {
  if (out !== outView) {
    outView = out
    outBytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
  }
  outBytes.set(bytes, at)
  return at + bytes.length
}

export function put (out: DataView, at: number, piece: Piece): number {
  const bytes = piece.bytes
  if (bytes !== undefined) return putBytes(out, at, bytes)
  const words = piece.words
  for (let i = 0; i < words.length; i++) out.setInt32(at + 4 * i, words[i]!, true)
  return at + piece.text.length
}

let lengthView: DataView | undefined
let lengthOfView = 0

/**
 * `view.byteLength`, remembered for the last view asked about: the getter is a call into the runtime that
 * Node 20's optimizing compiler does not inline, and a batch's copies all read from one view.
 */
function byteLengthOf (view: DataView): number {
  if (view !== lengthView) {
    lengthView = view
    lengthOfView = view.byteLength
  }
  return lengthOfView
}

/**
 * Copies `source[start, end)`, eight bytes at a time where the source has them (as doubles: the byte
 * readers read ASCII chunks only, and eight bytes below 0x80 never make a NaN, whose bits V8 may change),
 * else four at a time.
 */
export function copy (out: DataView, at: number, source: DataView, start: number, end: number): number {
  const length = end - start
  const sourceLength = byteLengthOf(source)
  if (start + length + 7 <= sourceLength) {
    for (let i = 0; i < length; i += 8) out.setFloat64(at + i, source.getFloat64(start + i, true), true)
  } else if (start + length + 3 <= sourceLength) {
    for (let i = 0; i < length; i += 4) out.setInt32(at + i, source.getInt32(start + i, true), true)
  } else {
    for (let i = 0; i < length; i++) out.setUint8(at + i, source.getUint8(start + i))
  }
  return at + length
}

/** Whether a byte is an ASCII digit. */
export const isDigit = (byte: number): boolean => byte >= 48 && byte <= 57
/** Whether a byte is an ASCII letter. */
export const isLetter = (byte: number): boolean => (byte | 0x20) >= 97 && (byte | 0x20) <= 122

/** The two digits at `at` as a number, or -1 when they are not two digits. */
export function twoDigits (source: Uint8Array, at: number): number {
  const high = source[at]! - 48
  const low = source[at + 1]! - 48
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1
}

/**
 * Nanoseconds of the decimal seconds `\d{1,9}(\.\d{1,9})?` that are all of `source[start, end)`, as the
 * parsers' `Math.round(Number(text) * 1e9)` makes them, for a duration; NaN when the text is something
 * else or has more digits than a double holds exactly (an exact integer over a power of ten is the same
 * correctly rounded double), and when the result is past what JSON readers get back exactly (the layout
 * leaves such a duration out).
 */
export function secondsToNanoseconds (source: Uint8Array, start: number, end: number): number {
  let i = start
  let value = 0
  while (i < end && isDigit(source[i]!)) value = value * 10 + source[i++]! - 48
  const whole = i - start
  let scale = 1
  let fraction = 0
  if (i < end && source[i] === DOT) {
    const from = ++i
    while (i < end && isDigit(source[i]!)) {
      value = value * 10 + source[i++]! - 48
      scale *= 10
    }
    fraction = i - from
    if (fraction === 0) return NaN
  }
  if (i !== end || whole === 0 || whole > 9 || fraction > 9 || whole + fraction > 15) return NaN
  const nanoseconds = Math.round((value / scale) * 1e9)
  return Number.isSafeInteger(nanoseconds) ? nanoseconds : NaN
}

const BACKSLASH = 92
const DOT = 46
const QUOTE = 34
const LINE_FEED = 10

/**
 * Copies `source[start, end)` as the inside of a JSON string, for text whose only characters JSON escapes
 * are quotes, backslashes and line feeds (the line feeds between the lines of a record; the readers
 * decline other control characters): `escapes` says how many of them it holds, so that text without any is
 * copied eight bytes at a time.
 */
export function copyEscaped (out: DataView, at: number, source: DataView, start: number, end: number, escapes: number): number {
  if (escapes === 0) return copy(out, at, source, start, end)
  if (end - start >= ESCAPED_RUNS) return copyEscapedRuns(out, at, source, start, end)
  for (let i = start; i < end; i++) {
    let byte = source.getUint8(i)
    if (byte === BACKSLASH || byte === QUOTE) {
      out.setUint8(at++, BACKSLASH)
    } else if (byte === LINE_FEED) {
      out.setUint8(at++, BACKSLASH)
      byte = 110
    }
    out.setUint8(at++, byte)
  }
  return at
}

/**
 * From how many bytes a value with characters to escape is copied in runs between them (a Windows path, a
 * backslash every few bytes) rather than byte by byte: the runs' copies cost more than they save in short
 * values.
 */
const ESCAPED_RUNS = 32

/** `copyEscaped` for longer values: the runs between the bytes to escape are copied as `copy` copies. */
function copyEscapedRuns (out: DataView, at: number, source: DataView, start: number, end: number): number {
  let from = start
  let i = start
  while (i < end) {
    i = passPlain(source, i, end, BELOW_SPACE)
    const stop = Math.min(i + 4, end)
    for (; i < stop; i++) {
      const byte = source.getUint8(i)
      if (byte !== BACKSLASH && byte !== QUOTE && byte !== LINE_FEED) continue
      at = copy(out, at, source, from, i)
      out.setUint8(at++, BACKSLASH)
      out.setUint8(at++, byte === LINE_FEED ? 110 : byte)
      from = i + 1
    }
  }
  return copy(out, at, source, from, end)
}

/**
 * Copies the inside of a quoted string whose backslash escapes any character (`\"`, `\\`, `\x` for x) as
 * the inside of a JSON string of its unescaped text: an escaped quote or backslash stays as it is, a
 * backslash before anything else is dropped. `escapes` counts the backslash pairs.
 */
export function copyUnquoted (out: DataView, at: number, source: DataView, start: number, end: number, escapes: number): number {
  if (escapes === 0) return copy(out, at, source, start, end)
  for (let i = start; i < end; i++) {
    let byte = source.getUint8(i)
    if (byte === BACKSLASH) {
      byte = source.getUint8(++i)
      if (byte === BACKSLASH || byte === QUOTE) out.setUint8(at++, BACKSLASH)
    }
    out.setUint8(at++, byte)
  }
  return at
}

/** Bytes below a space, for `passPlain`: the control characters. */
export const BELOW_SPACE = 0x20202020
/** Bytes below a space and the space itself, for `passPlain`. */
export const SPACE_OR_BELOW = 0x21212121

/**
 * Passes over the four-byte words of `view` from `at` (not past `end`) in which no byte is a quote, a
 * backslash or below the byte `below` repeats (`BELOW_SPACE` or `SPACE_OR_BELOW`): where the first word
 * that may hold one starts, or where fewer than four bytes are left. ASCII only: each test flags exactly
 * the bytes it looks for, or more, which the caller's byte loop then sorts out.
 */
export function passPlain (view: DataView, at: number, end: number, below: number): number {
  while (at + 4 <= end) {
    const word = view.getInt32(at, true)
    const quotes = word ^ 0x22222222
    const backslashes = word ^ 0x5c5c5c5c
    if ((((quotes - 0x01010101) & ~quotes) | ((backslashes - 0x01010101) & ~backslashes) | ((word - below) & ~word)) & 0x80808080) break
    at += 4
  }
  return at
}

/**
 * How many quotes and backslashes `source[start, end)` holds (what JSON escapes), or -1 when it holds a
 * control character; four bytes at a time while none is one of those.
 */
export function escapesIn (view: DataView, source: Uint8Array, start: number, end: number): number {
  let escapes = 0
  let at = start
  while (at < end) {
    at = passPlain(view, at, end, BELOW_SPACE)
    const stop = Math.min(at + 4, end)
    for (; at < stop; at++) {
      const byte = source[at]!
      if (byte < 32) return -1
      if (byte === QUOTE || byte === BACKSLASH) escapes++
    }
  }
  return escapes
}

/** `00` … `99` as two bytes in one little-endian 16-bit word. */
export const PAIRS = Uint16Array.from({ length: 100 }, (_, n) => (48 + Math.floor(n / 10)) | ((48 + n % 10) << 8))

/** How many decimal digits a 31-bit non-negative integer has. */
function digitCount (value: number): number {
  if (value < 100_000) return value < 100 ? (value < 10 ? 1 : 2) : value < 1000 ? 3 : value < 10_000 ? 4 : 5
  return value < 10_000_000 ? (value < 1_000_000 ? 6 : 7) : value < 100_000_000 ? 8 : value < 1_000_000_000 ? 9 : 10
}

/**
 * Writes a 31-bit non-negative integer as `count` digits, zero-padded, from the right two at a time: half
 * the divisions of one digit at a time, and no scratch to reverse.
 */
function putDigits (out: DataView, at: number, value: number, count: number): number {
  const end = at + count
  let rest = value | 0
  let p = end
  while (p - at >= 2) {
    const next = (rest / 100) | 0
    p -= 2
    out.setUint16(p, PAIRS[rest - next * 100]!, true)
    rest = next
  }
  if (p > at) out.setUint8(at, 48 + rest)
  return end
}

/** A non-negative safe integer in decimal, as JSON writes it. */
export function putInteger (out: DataView, at: number, value: number): number {
  if (value <= 0x7fffffff) return putDigits(out, at, value, digitCount(value))
  // Past 31 bits (a duration in nanoseconds, a size in bytes), one division splits off the last eight
  // digits and both parts are integer work again. The floor is exact below 2^53: a quotient short of a
  // whole number falls short by at least 1e-8, more than half the spacing of doubles under 2^27.
  const high = Math.floor(value / 1e8)
  const low = value - high * 1e8
  return putDigits(out, putInteger(out, at, high), low, 8)
}

export const DAY = 86_400_000

/** Writes the time of day of a whole-second instant as `HH:MM:SS`, given the start of its day. */
export function putTimeOfDay (out: DataView, at: number, instant: number, day: number): number {
  const seconds = (instant - day * DAY) / 1000
  const hour = Math.floor(seconds / 3600)
  const minute = Math.floor((seconds - hour * 3600) / 60)
  out.setUint16(at, PAIRS[hour]!, true)
  out.setUint8(at + 2, 58)
  out.setUint16(at + 3, PAIRS[minute]!, true)
  out.setUint8(at + 5, 58)
  out.setUint16(at + 6, PAIRS[seconds - hour * 3600 - minute * 60]!, true)
  return at + 8
}

let isoMinute = NaN
/** `YYYY-MM-DDTHH:MM:` of the minute `isoMinute` as four words and a byte. */
const isoMinuteWords = new Int32Array(4)
let isoMinuteLast = 0
/** `.mmm` as a little-endian word, for each millisecond. */
const MILLISECOND_WORDS = Int32Array.from({ length: 1000 }, (_, n) => 46 | ((48 + Math.floor(n / 100)) << 8) | ((48 + Math.floor(n / 10) % 10) << 16) | ((48 + n % 10) << 24))
const MINUTE = 60_000

/**
 * An instant as `toISOString` writes it, for years 1970–9999 (the readers check the year): the text up to
 * the minute is made once per minute, and the rest is a few stores.
 */
export function putIso (out: DataView, at: number, instant: number): number {
  const minute = Math.floor(instant / MINUTE)
  if (minute !== isoMinute) {
    isoMinute = minute
    const text = isoString(minute * MINUTE)
    for (let i = 0; i < 4; i++) isoMinuteWords[i] = text.charCodeAt(4 * i) | (text.charCodeAt(4 * i + 1) << 8) | (text.charCodeAt(4 * i + 2) << 16) | (text.charCodeAt(4 * i + 3) << 24)
    isoMinuteLast = text.charCodeAt(16)
  }
  const rest = instant - minute * MINUTE
  const second = Math.floor(rest / 1000)
  out.setInt32(at, isoMinuteWords[0]!, true)
  out.setInt32(at + 4, isoMinuteWords[1]!, true)
  out.setInt32(at + 8, isoMinuteWords[2]!, true)
  out.setInt32(at + 12, isoMinuteWords[3]!, true)
  out.setUint8(at + 16, isoMinuteLast)
  out.setUint16(at + 17, PAIRS[second]!, true)
  out.setInt32(at + 19, MILLISECOND_WORDS[rest - second * 1000]!, true)
  out.setUint8(at + 23, 90)
  return at + 24
}

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
const ADDRESS_SLOTS = 1024

/**
 * What kind of address each recent host field is (0 for none, as `kindOf` says), in a direct-mapped table
 * by a hash of its bytes, so that the check (and the string it needs) runs once per client rather than
 * once per line.
 */
export class AddressCache {
  readonly #keys: Array<Uint8Array | undefined> = new Array(ADDRESS_SLOTS).fill(undefined)
  readonly #kinds = new Uint8Array(ADDRESS_SLOTS)
  /** @param kindOf a host's kind of address, 0 for none (at most 255) */
  constructor (readonly kindOf: (host: string) => number) {}

  /** Whether `source[start, end)` is an address. */
  test (source: Buffer, start: number, end: number): boolean {
    return this.kind(source, start, end) !== 0
  }

  kind (source: Buffer, start: number, end: number): number {
    // The slot from the length and a few bytes (the whole text is compared below): hosts are few, and a
    // hash of every byte costs a multiplication each.
    const length = end - start
    if (length === 0) return this.kindOf('')
    const hash = Math.imul(length ^ (source[start]! << 8) ^ (source[end - 1]! << 16) ^ (source[start + (length >> 1)]! << 24) ^ source[end - 2 < start ? start : end - 2]!, 0x9e3779b1)
    const slot = (hash >>> 22) & (ADDRESS_SLOTS - 1)
    const key = this.#keys[slot]
    if (key !== undefined && key.length === end - start) {
      let same = true
      for (let i = 0; i < key.length; i++) {
        if (key[i] !== source[start + i]) {
          same = false
          break
        }
      }
      if (same) return this.#kinds[slot]!
    }
    const kind = this.kindOf(source.toString('latin1', start, end))
    // Text too long to be a host name is not kept (see `Recent`).
    if (length > LONGEST_KEY) return kind
    // A copy of the bytes: the caller may reuse its buffer, and a view would keep the whole chunk alive.
    this.#keys[slot] = new Uint8Array(source.subarray(start, end))
    this.#kinds[slot] = kind
    return kind
  }
}

const KEY_LIMIT = 256

/**
 * Values keyed by a few runs of input bytes and small numbers, put together with `begin` / `addBytes` /
 * `addByte` and then looked up with `find` or filed with `store`. Each run is preceded by its length, so
 * two different lists of runs never make the same key. The table holds at most `limit` values and starts
 * over when full; a key longer than 256 bytes is never kept.
 */
export class KeyTable<V> {
  readonly #scratch = new Uint8Array(KEY_LIMIT)
  #length = 0
  #hash = FNV_OFFSET
  #tooLong = false
  readonly #buckets = new Map<number, Array<{ key: Uint8Array, value: V }>>()
  #count = 0
  constructor (readonly limit: number) {}

  begin (): void {
    this.#length = 0
    this.#hash = FNV_OFFSET
    this.#tooLong = false
  }

  addByte (byte: number): void {
    if (this.#length === KEY_LIMIT) {
      this.#tooLong = true
      return
    }
    this.#scratch[this.#length++] = byte
    this.#hash = Math.imul(this.#hash ^ byte, FNV_PRIME)
  }

  addBytes (source: Uint8Array, start: number, end: number): void {
    if (end - start > 255 || this.#length + 1 + end - start > KEY_LIMIT) {
      this.#tooLong = true
      return
    }
    const scratch = this.#scratch
    let length = this.#length
    let hash = Math.imul(this.#hash ^ (end - start), FNV_PRIME)
    scratch[length++] = end - start
    for (let i = start; i < end; i++) {
      const byte = source[i]!
      scratch[length++] = byte
      hash = Math.imul(hash ^ byte, FNV_PRIME)
    }
    this.#length = length
    this.#hash = hash
  }

  find (): V | undefined {
    if (this.#tooLong) return undefined
    const bucket = this.#buckets.get(this.#hash & 0x3fffffff)
    if (bucket === undefined) return undefined
    const length = this.#length
    const scratch = this.#scratch
    for (let b = 0; b < bucket.length; b++) {
      const key = bucket[b]!.key
      if (key.length !== length) continue
      let i = 0
      while (i < length && key[i] === scratch[i]) i++
      if (i === length) return bucket[b]!.value
    }
    return undefined
  }

  /** Files `value` under the key put together since `begin` (once `find` has said it is not there). */
  store (value: V): void {
    if (this.#tooLong) return
    if (++this.#count > this.limit) {
      this.#buckets.clear()
      this.#count = 1
    }
    const hash = this.#hash & 0x3fffffff
    const entry = { key: this.#scratch.slice(0, this.#length), value }
    const bucket = this.#buckets.get(hash)
    if (bucket === undefined) this.#buckets.set(hash, [entry])
    else bucket.push(entry)
  }
}

// Kinds of the holes of a template: where a record's value comes from, and how it is written.
/** `ints[at]`, `ints[at + 1]`: start and end of text in the source; `ints[at + 2]`: its quotes and backslashes. */
export const HOLE_TEXT = 0
/** `numbers[at]`: an instant, written as `@timestamp` text. */
export const HOLE_INSTANT = 1
/** `ints[at]`: a non-negative integer. */
export const HOLE_INT = 2
/** `numbers[at]`: a non-negative safe integer. */
export const HOLE_NUMBER = 3
/** The records' file name (`PackedRecords.filePath`), inside its quotes. */
export const HOLE_FILE = 4
/** As `HOLE_TEXT`, for the inside of a quoted string with backslash escapes (`copyUnquoted`); `ints[at + 2]` counts them. */
export const HOLE_QUOTED = 5
export type HoleKind = typeof HOLE_TEXT | typeof HOLE_INSTANT | typeof HOLE_INT | typeof HOLE_NUMBER | typeof HOLE_FILE | typeof HOLE_QUOTED

export interface Hole {
  readonly kind: HoleKind
  /** The slot in `ints` or `numbers` (by kind) of a record. */
  readonly at: number
  /**
   * What stands for it in the JSON of the two probes, when the default marks do not fit what the layout
   * does with the value (or what the parser made of the text that stood for it).
   */
  readonly marks?: readonly [string | number, string | number]
}

/** Most bytes each kind of hole writes (a text's bound is counted per record, from its length). */
const HOLE_LENGTH = [0, 24, 10, 16, 0, 0]

/** Which of a probe's two sets of marks. */
export type MarkSet = 0 | 1

/**
 * What stands in a probe entry for hole `index`: a string for text, time and file holes, a number for the
 * others. Strings are framed by `«»`, which JSON leaves as they are; numbers are 2⁵² and up. Two sets, so
 * that a word of the line that happens to hold a mark is caught (see `Template.cut`).
 */
export function holeMark (hole: Hole, index: number, set: MarkSet): string | number {
  if (hole.marks !== undefined) return hole.marks[set]
  if (hole.kind === HOLE_INT || hole.kind === HOLE_NUMBER) return 2 ** 52 + 64 * set + index
  return set === 0 ? `\u00ab${index}\u00bb` : `\u00ab${index}.\u00bb`
}

/**
 * A record's JSON cut into constant pieces around holes: made from the layout writer's JSON for a probe
 * entry, so that field order, keys and every word that depends on codes stay the layout's.
 *
 * A template is one array of 32-bit words (templates are many and long-lived, so few objects each): the
 * pieces and holes in order, a piece as its length in bytes (and a word of padding) and its text, a hole
 * as its kind and slot. Everything takes an even number of words, so that a piece's text starts on eight
 * bytes and is copied eight bytes at a time, as doubles: half the stores of four bytes at a time, and
 * fewer turns of a loop whose end the processor often mispredicts (some 25% less time per piece). Copying
 * text as doubles is exact because a template's text is printable ASCII: no eight bytes of it, padding
 * included, make a NaN, the one kind of double whose bits V8 may change.
 */
export class Template {
  readonly #code: Int32Array
  /** The same words, by twos. */
  readonly #text: Float64Array
  /**
   * Views of the text of the pieces past `LONG_TEMPLATE_PIECE` bytes, in order (copied with one native call
   * each).
   */
  readonly #long: readonly Uint8Array[]
  readonly #holes: number
  /** The slots of the text holes, whose length `maxLength` adds. */
  readonly #textSlots: Int32Array
  readonly #fileHoles: number
  /** The pieces' length plus the most each hole other than text and file names may write. */
  readonly fixedLength: number
  /** Whether it writes an instant (the record has a time). */
  readonly hasInstant: boolean

  private constructor (texts: readonly string[], found: ReadonlyArray<{ hole: Hole }>) {
    const words = texts.reduce((sum, text) => sum + 2 + 2 * Math.ceil(text.length / 8), 0) + 2 * found.length
    const code = new Int32Array(words)
    const bytes = new Uint8Array(code.buffer)
    const long: Uint8Array[] = []
    let p = 0
    for (let k = 0; k < texts.length; k++) {
      const text = texts[k]!
      code[p] = text.length
      p += 2
      for (let i = 0; i < text.length; i++) bytes[4 * p + i] = text.charCodeAt(i)
      if (text.length > LONG_TEMPLATE_PIECE) long.push(bytes.subarray(4 * p, 4 * p + text.length))
      p += 2 * Math.ceil(text.length / 8)
      if (k < found.length) {
        code[p++] = found[k]!.hole.kind
        code[p++] = found[k]!.hole.at
      }
    }
    this.#code = code
    this.#text = new Float64Array(code.buffer)
    this.#long = long
    this.#holes = found.length
    this.#textSlots = Int32Array.from(found.filter(({ hole }) => hole.kind === HOLE_TEXT || hole.kind === HOLE_QUOTED), ({ hole }) => hole.at)
    this.#fileHoles = found.filter(({ hole }) => hole.kind === HOLE_FILE).length
    this.fixedLength = texts.reduce((sum, text) => sum + text.length, 0) + found.reduce((sum, { hole }) => sum + HOLE_LENGTH[hole.kind]!, 0)
    this.hasInstant = found.some(({ hole }) => hole.kind === HOLE_INSTANT)
  }

  /**
   * The template of the JSON the layout writes for a probe entry holding `holeMark(holes[i], i, set)` for
   * each hole `i` that is present (a mark may appear more than once: a value the layout also writes inside
   * other text). `probe(set)` gives that JSON for either set of marks: the template is cut from the first
   * and must give the second when its holes are filled with the second set's marks, which proves that its
   * constant text does not depend on the values (a word of the line holding a mark would fail it).
   * Undefined when that fails, a present mark does not appear, or the text holds other characters than
   * ASCII: the lines it stands for are then left to the text parser.
   */
  static cut (probe: (set: MarkSet) => string, holes: ReadonlyArray<Hole | undefined>): Template | undefined {
    const json = probe(0)
    const found: Array<{ from: number, to: number, hole: Hole, index: number }> = []
    for (let i = 0; i < holes.length; i++) {
      const hole = holes[i]
      if (hole === undefined) continue
      const mark = String(holeMark(hole, i, 0))
      let from = json.indexOf(mark)
      if (from < 0) return undefined
      for (; from >= 0; from = json.indexOf(mark, from + mark.length)) found.push({ from, to: from + mark.length, hole, index: i })
    }
    found.sort((a, b) => a.from - b.from)
    const texts: string[] = []
    let last = 0
    for (const { from, to } of found) {
      if (from < last) return undefined
      texts.push(json.slice(last, from))
      last = to
    }
    texts.push(json.slice(last))
    let filled = texts[0]!
    for (let k = 0; k < found.length; k++) filled += String(holeMark(found[k]!.hole, found[k]!.index, 1)) + texts[k + 1]!
    if (filled !== probe(1)) return undefined
    texts[texts.length - 1] += '\n'
    if (texts.some((text) => !/^[\x20-\x7e\n]*$/.test(text))) return undefined
    return new Template(texts, found)
  }

  /** Most bytes `write` needs for a record, with `fileText` the records' file name as JSON. */
  maxLength (ints: Int32Array, intsBase: number, fileText: Piece): number {
    let length = this.fixedLength + this.#fileHoles * fileText.length
    const slots = this.#textSlots
    for (let k = 0; k < slots.length; k++) {
      const at = intsBase + slots[k]!
      length += ints[at + 1]! - ints[at]! + ints[at + 2]!
    }
    return length
  }

  /** Writes the record whose slots start at `intsBase` and `numbersBase`, and a newline. */
  write (records: PackedRecords, intsBase: number, numbersBase: number, fileText: Piece, out: DataView, at: number): number {
    const code = this.#code
    const text = this.#text
    const holes = this.#holes
    const ints = records.ints
    const numbers = records.numbers
    let p = 0
    let long = 0
    for (let k = 0; ; k++) {
      const length = code[p]!
      const doubles = (length + 7) >> 3
      if (length > LONG_TEMPLATE_PIECE) {
        at = putBytes(out, at, this.#long[long++]!)
      } else {
        const from = (p + 2) >> 1
        for (let i = 0; i < doubles; i++) out.setFloat64(at + 8 * i, text[from + i]!, true)
        at += length
      }
      p += 2 + 2 * doubles
      if (k === holes) return at
      const kind = code[p++]!
      const where = code[p++]!
      if (kind === HOLE_TEXT) {
        const slot = intsBase + where
        at = copyEscaped(out, at, records.view, ints[slot]!, ints[slot + 1]!, ints[slot + 2]!)
      } else if (kind === HOLE_NUMBER) {
        at = putInteger(out, at, numbers[numbersBase + where]!)
      } else if (kind === HOLE_INSTANT) {
        at = putIso(out, at, numbers[numbersBase + where]!)
      } else if (kind === HOLE_INT) {
        at = putInteger(out, at, ints[intsBase + where]!)
      } else if (kind === HOLE_QUOTED) {
        const slot = intsBase + where
        at = copyUnquoted(out, at, records.view, ints[slot]!, ints[slot + 1]!, ints[slot + 2]!)
      } else {
        at = put(out, at, fileText)
      }
    }
  }
}

/** The file name's JSON text inside its quotes, made once per file (only ASCII file names are packed). */
export class FileText {
  #path: string | undefined
  #text = new Piece('')
  #written = false

  of (path: string | undefined): Piece {
    if (path !== this.#path) this.#load(path)
    return this.#text
  }

  /** Whether records read with `path` have a `log.file.path` (the layout leaves out an empty path and `-`). */
  written (path: string | undefined): boolean {
    if (path !== this.#path) this.#load(path)
    return this.#written
  }

  #load (path: string | undefined): void {
    this.#path = path
    this.#text = new Piece(path === undefined ? '' : JSON.stringify(path).slice(1, -1))
    this.#written = isWrittenText(path)
  }
}

/**
 * A codec whose records each keep their `Template` in their one object slot: `read` files them, and
 * writing is the template's. Its readers check for what JSON escapes themselves.
 */
export function templateCodec<E extends EntryBase> (intsPerRecord: number, numbersPerRecord: number, lineSlot: number, fileText: FileText,
  read: PackedCodec<E>['read'], entry: PackedCodec<E>['entry']): PackedCodec<E> {
  return {
    intsPerRecord,
    numbersPerRecord,
    objectsPerRecord: 1,
    checksEscapes: true,
    read,
    maxLength (records: PackedRecords, index: number): number {
      return (records.objects[index] as Template).maxLength(records.ints, index * intsPerRecord, fileText.of(records.filePath))
    },
    write (records: PackedRecords, index: number, out: DataView, at: number): number {
      return (records.objects[index] as Template).write(records, index * intsPerRecord, index * numbersPerRecord, fileText.of(records.filePath), out, at)
    },
    entry,
    lineNumber (records: PackedRecords, index: number): number {
      return records.numbers[index * numbersPerRecord + lineSlot]!
    }
  }
}
