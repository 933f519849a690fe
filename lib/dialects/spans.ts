/**
 * Byte codecs for dialects whose records are free text (see `PackedCodec`). The dialect's scanner cuts a
 * record's bytes into literal text and value spans: host names, ids, paths, numbers, addresses, dates. The
 * literal text and the kind of each span are the key of a template; the template is made by handing the
 * dialect's own text parser the record with marks in place of its values, and cutting the layout writer's
 * JSON where the marks come out. The text parser stays the one place that knows what a record means: a
 * scanner only has to know which spans the parser takes as they are, whatever they hold.
 *
 * Each template is proved twice over: with two sets of marks (its constant text must not depend on them),
 * and by the test suites, which read every kind of input both ways and compare (test/helpers/both-ways.ts).
 */
import type { PackedRecords } from '../batch.js'
import type { EntryBase } from '../layout.js'
import type { PackedCodec, ParseContext, ParseResult } from './types.js'
import { ZoneClock, isoString, wallInstant } from '../time.js'
import { FileText, HOLE_FILE, HOLE_INSTANT, HOLE_NUMBER, HOLE_TEXT, Template, escapesIn, templateCodec, type Hole, type MarkSet } from './bytes.js'

// Kinds of spans: what the text parser does with the text, and so what stands in its place in a probe.
/** Text the parser copies as it is wherever it puts it. Probed with `«k»`. */
export const SPAN_TEXT = 0
/** Decimal digits (the value in `values[k]`) the parser writes as a number. Probed with ten digits. */
export const SPAN_NUMBER = 1
/** An IPv4 address, copied as it is; probed with another IPv4 address. */
export const SPAN_IPV4 = 2
/** An IPv6 address, copied as it is; probed with another IPv6 address. */
export const SPAN_IPV6 = 3
/** `::ffff:` and an IPv4 address, which the parser writes as the IPv4 address alone. */
export const SPAN_IPV4_MAPPED = 4
/** Text the same as that of span `values[k]`; probed with the same text (the parser may compare them). */
export const SPAN_SAME = 5
/** Text the parser does not write (a date the byte reader reads itself); probed with `skipTexts[values[k]]`. */
export const SPAN_SKIP = 6
/**
 * Decimal seconds the parser copies as they are and also writes as nanoseconds (`values[k]`). One per
 * record (its marks do not depend on the span).
 */
export const SPAN_SECONDS = 7
/** Decimal digits the parser copies as they are (it may test that they are digits); probed with other digits. */
export const SPAN_DIGITS = 8
export type SpanKind = typeof SPAN_TEXT | typeof SPAN_NUMBER | typeof SPAN_IPV4 | typeof SPAN_IPV6 | typeof SPAN_IPV4_MAPPED | typeof SPAN_SAME |
  typeof SPAN_SKIP | typeof SPAN_SECONDS | typeof SPAN_DIGITS

/** Most value spans a record may have; a record with more is left to the text parser. */
export const MAX_SPANS = 20

/** One record as a scanner cut it: spans in order of position, and the wall time it read, if any. */
export class SpanRecord {
  count = 0
  readonly starts = new Int32Array(MAX_SPANS)
  readonly ends = new Int32Array(MAX_SPANS)
  readonly kinds = new Uint8Array(MAX_SPANS)
  /** Quotes and backslashes in each text span (what JSON escapes). */
  readonly escapes = new Int32Array(MAX_SPANS)
  readonly values = new Float64Array(MAX_SPANS)
  /** How many lines the record has. */
  lines = 1
  /** The record's wall time; `year` 0 when it has none. */
  year = 0
  month = 0
  day = 0
  hour = 0
  minute = 0
  second = 0
  millisecond = 0

  reset (): void {
    this.count = 0
    this.year = 0
  }

  /** Adds a span after the last one; false when the record has too many. */
  add (kind: SpanKind, start: number, end: number, escapes: number, value: number): boolean {
    const k = this.count
    if (k === MAX_SPANS) return false
    this.kinds[k] = kind
    this.starts[k] = start
    this.ends[k] = end
    this.escapes[k] = escapes
    this.values[k] = value
    this.count = k + 1
    return true
  }

  setTime (year: number, month: number, day: number, hour: number, minute: number, second: number, millisecond: number): void {
    this.year = year
    this.month = month
    this.day = day
    this.hour = hour
    this.minute = minute
    this.second = second
    this.millisecond = millisecond
  }
}

/** The values only the byte reader knows, given to the entry the text parser made of a probe or a record. */
export interface RecordMeta {
  line: number
  original: string | undefined
  filePath: string | undefined
  timestamp: string | undefined
}

export interface SpanCodecParts<E extends EntryBase> {
  /**
   * Cuts the record `source[start, end)` (its `record.lines` lines joined by line feeds; `view` is `source`
   * as a DataView) into spans and reads its wall time; false leaves the record to the text parser. It must
   * not ask the zone clock: the codec does, once nothing can decline the record any more.
   */
  scan (source: Buffer, start: number, end: number, context: ParseContext, record: SpanRecord, view: DataView): boolean
  /** Texts that stand in probes for the spans the parser does not write (`SPAN_SKIP`). */
  readonly skipTexts: readonly string[]
  /** The text parser, on a record's lines. */
  parseLines (lines: readonly string[], lineNumber: number, context: ParseContext): ParseResult<E>
  /** A copy of an entry with these values in place of the parser's. */
  withMeta (entry: E, meta: RecordMeta): E
  /** The entry's `@timestamp` text. */
  timestampOf (entry: E): string | undefined
  /** The enriched JSON of an entry, as the layout writes it. */
  writeJSON (entry: E): string
}

// Slots of a record in `PackedRecords.ints`: the record's text (start, end, what JSON escapes in it), then
// the start, end and escapes of the text each span writes, then the number of lines.
const ORIGINAL = 0
const SPANS = 3
const LINE_COUNT = SPANS + 3 * MAX_SPANS
const INTS = LINE_COUNT + 1
// … and in `numbers`: the instant, the line number, then the value of each number span, in order.
const INSTANT = 0
const LINE_NUMBER = 1
const VALUES = 2
/** Most spans of a record whose value is a number (`SPAN_NUMBER`, `SPAN_SECONDS`); a record with more is left to the text parser. */
const MAX_NUMBER_SPANS = 6
const NUMBERS = VALUES + MAX_NUMBER_SPANS

// Bits of a template's key besides its text.
const HAS_ORIGINAL = 1
const HAS_FILE = 2
const HAS_TIME = 4

const LINE_FEED = 10
/** How many templates are kept (and keys seen once remembered); past that the table starts over. */
const TEMPLATE_LIMIT = 8192
/** Buckets of the template table, by the top bits of a key's hash. */
const BUCKET_BITS = 13
const BUCKETS = 1 << BUCKET_BITS
/** Most words a key may have (about a kilobyte of text); a record with a longer one is left to the text parser. */
const KEY_WORDS = 256
/** The bytes of a word that a run's last one, two or three bytes fill. */
const TAIL_MASKS = [0, 0xff, 0xffff, 0xffffff]

/** Multiplies each word into a key's hash (a rotation and an exclusive or alone left too many keys alike). */
const HASH_FACTOR = 0x9e3779b1

/** Words an entry of the template table takes: its hash, its key's length, where the key starts, the next entry. */
const ENTRY_WORDS = 4
const ENTRY_HASH = 0
const ENTRY_WORDS_AT = 1
const ENTRY_KEY = 2
const ENTRY_NEXT = 3
/** Words of the key pool at first (it doubles as needed, up to `TEMPLATE_LIMIT` keys of `KEY_WORDS`). */
const FIRST_POOL_WORDS = 1 << 14

/**
 * Templates by key (see `read`), compared word for word; keys seen once remembered by fingerprint.
 *
 * The table is flat: chains of entries in one Int32Array, the keys side by side in another. A line is
 * looked up in every record, and with a few thousand templates (proftpd's module messages) a table of
 * objects (bucket array, entry, key array, its bytes) cost a cache miss at each step; here a lookup
 * touches the bucket's head, the entry (hash, length and link in one cache line) and the key's words.
 */
class TemplateTable {
  /** Where `read` puts the key of the record in hand. */
  readonly key = new Int32Array(KEY_WORDS)
  #words = 0
  #bucket = 0
  #mixed = 0
  /** Per bucket, its first entry + 1 (0: none). */
  readonly #heads = new Int32Array(BUCKETS)
  readonly #entries = new Int32Array(ENTRY_WORDS * TEMPLATE_LIMIT)
  readonly #templates: Array<Template | false> = []
  #pool = new Int32Array(FIRST_POOL_WORDS)
  #poolUsed = 0
  #count = 0
  /**
   * Keys seen once, which have no template yet (see `sighted`), as 32-bit fingerprints in an open-addressed
   * table: two keys with one fingerprint only make a template one sighting early.
   */
  readonly #seen = new Int32Array(2 * TEMPLATE_LIMIT)
  #seenCount = 0
  #fingerprint = 0

  keyed (words: number, hash: number): void {
    const mixed = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d)
    this.#words = words
    this.#mixed = mixed
    this.#bucket = mixed >>> (32 - BUCKET_BITS)
    this.#fingerprint = (mixed ^ (mixed >>> 13)) | 1
  }

  find (): Template | false | undefined {
    const entries = this.#entries
    const words = this.#words
    const mixed = this.#mixed
    for (let entry = this.#heads[this.#bucket]! - 1; entry >= 0; entry = entries[entry * ENTRY_WORDS + ENTRY_NEXT]! - 1) {
      const at = entry * ENTRY_WORDS
      if (entries[at + ENTRY_HASH] !== mixed || entries[at + ENTRY_WORDS_AT] !== words) continue
      if (this.#matches(entries[at + ENTRY_KEY]!)) return this.#templates[entry]!
    }
    return undefined
  }

  #matches (from: number): boolean {
    const pool = this.#pool
    const key = this.key
    const words = this.#words
    for (let i = 0; i < words; i++) if (pool[from + i] !== key[i]) return false
    return true
  }

  store (template: Template | false): void {
    if (this.#count === TEMPLATE_LIMIT) {
      this.#heads.fill(0)
      this.#templates.length = 0
      this.#count = 0
      this.#poolUsed = 0
    }
    const words = this.#words
    if (this.#poolUsed + words > this.#pool.length) {
      const grown = new Int32Array(Math.max(2 * this.#pool.length, this.#poolUsed + words))
      grown.set(this.#pool.subarray(0, this.#poolUsed))
      this.#pool = grown
    }
    this.#pool.set(this.key.subarray(0, words), this.#poolUsed)
    const entry = this.#count++
    const at = entry * ENTRY_WORDS
    const entries = this.#entries
    entries[at + ENTRY_HASH] = this.#mixed
    entries[at + ENTRY_WORDS_AT] = words
    entries[at + ENTRY_KEY] = this.#poolUsed
    entries[at + ENTRY_NEXT] = this.#heads[this.#bucket]!
    this.#heads[this.#bucket] = entry + 1
    this.#templates[entry] = template
    this.#poolUsed += words
  }

  /**
   * For keys `find` did not know: whether this one was seen before, noting it if not. Templates are made
   * for keys that come back, and one-off keys churn this list, not the templates.
   */
  sighted (): boolean {
    const seen = this.#seen
    const fingerprint = this.#fingerprint
    const mask = seen.length - 1
    let slot = fingerprint & mask
    for (;;) {
      const held = seen[slot]!
      if (held === fingerprint) return true
      if (held === 0) break
      slot = (slot + 1) & mask
    }
    // Half full at most, so that probes stay short.
    if (++this.#seenCount > TEMPLATE_LIMIT) {
      seen.fill(0)
      this.#seenCount = 1
      slot = fingerprint & mask
    }
    seen[slot] = fingerprint
    return false
  }
}

const META_MARKS = {
  instant: ['\u00abT\u00bb', '\u00abT.\u00bb'],
  original: ['\u00abO\u00bb', '\u00abO.\u00bb'],
  file: ['\u00abF\u00bb', '\u00abF.\u00bb'],
  line: [2 ** 52, 2 ** 52 + 1]
} as const
const SECONDS_TEXT = ['4503598.5', '4503597.5'] as const
// Whole nanoseconds of the texts above, exact in a double.
const SECONDS_NANOS = [4_503_598_500_000_000, 4_503_597_500_000_000] as const

// Text marks hold letters of both cases, so that a parser that changes the case of a value it should have
// copied leaves a mark the template cannot find.
function textMark (set: MarkSet, k: number): string {
  return set === 0 ? `\u00ab${k}Qz\u00bb` : `\u00ab${k}Qz.\u00bb`
}
function numberMark (set: MarkSet, k: number): number {
  return 1_000_000_000 + 64 * set + k
}
function ipv4Mark (set: MarkSet, k: number): string {
  return `240.${10 + set}.${100 + k}.200`
}
function ipv6Mark (set: MarkSet, k: number): string {
  return `fd00::${1 + set}:${1000 + k}`
}

/** The text that stands for span `k` in a probe. */
function probeOf (record: SpanRecord, k: number, set: MarkSet, skipTexts: readonly string[]): string {
  switch (record.kinds[k]) {
    case SPAN_TEXT: return textMark(set, k)
    case SPAN_NUMBER: return String(numberMark(set, k))
    case SPAN_IPV4: return ipv4Mark(set, k)
    case SPAN_IPV6: return ipv6Mark(set, k)
    case SPAN_IPV4_MAPPED: return '::ffff:' + ipv4Mark(set, k)
    case SPAN_SAME: return probeOf(record, record.values[k]!, set, skipTexts)
    case SPAN_SKIP: return skipTexts[record.values[k]!]!
    case SPAN_DIGITS: return String(numberMark(set, k))
    default: return SECONDS_TEXT[set]
  }
}

/** Whether a span's value is a number, kept in `numbers` (the others are text in `ints`). */
function isNumberSpan (kind: number): boolean {
  return kind === SPAN_NUMBER || kind === SPAN_SECONDS
}

/** The holes span `k` makes in a template; `j` is its place among the record's number spans. */
function holesOf (record: SpanRecord, k: number, j: number, holes: Hole[]): void {
  const at = SPANS + 3 * k
  switch (record.kinds[k]) {
    case SPAN_TEXT:
      holes.push({ kind: HOLE_TEXT, at, marks: [textMark(0, k), textMark(1, k)] })
      break
    case SPAN_NUMBER:
      holes.push({ kind: HOLE_NUMBER, at: VALUES + j, marks: [numberMark(0, k), numberMark(1, k)] })
      break
    case SPAN_IPV4:
    case SPAN_IPV4_MAPPED:
      holes.push({ kind: HOLE_TEXT, at, marks: [ipv4Mark(0, k), ipv4Mark(1, k)] })
      break
    case SPAN_IPV6:
      holes.push({ kind: HOLE_TEXT, at, marks: [ipv6Mark(0, k), ipv6Mark(1, k)] })
      break
    case SPAN_DIGITS:
      holes.push({ kind: HOLE_TEXT, at, marks: [String(numberMark(0, k)), String(numberMark(1, k))] })
      break
    case SPAN_SECONDS:
      holes.push({ kind: HOLE_TEXT, at, marks: SECONDS_TEXT })
      holes.push({ kind: HOLE_NUMBER, at: VALUES + j, marks: SECONDS_NANOS })
      break
    default:
      // The same text as an earlier span (written through that span's hole), or text not written at all.
  }
}

export function spanCodec<E extends EntryBase> (parts: SpanCodecParts<E>): PackedCodec<E> {
  /** Templates by the records' literal text and span kinds; false where none can be made. */
  const templates = new TemplateTable()
  const fileText = new FileText()
  const record = new SpanRecord()
  // Probes and entries are read with a clock of their own: the input's zone clock must see each record's
  // time once, in order (the repeated hour), and the byte reader writes the time itself anyway. Dates
  // without a year are read in a leap year, so that every day the byte reader accepted is one.
  const probeClock = new ZoneClock('UTC')
  const probeContext = (context: ParseContext): ParseContext => ({
    clock: probeClock,
    year: 2000,
    yearOf: () => 2000,
    cftDateOrder: context.cftDateOrder,
    original: false,
    filePath: undefined
  })

  function templateFor (source: Buffer, start: number, end: number, bits: number, context: ParseContext): Template | false {
    const count = record.count
    const texts: string[] = []
    let at = start
    for (let k = 0; k < count; k++) {
      texts.push(source.toString('latin1', at, record.starts[k]!))
      at = record.ends[k]!
    }
    texts.push(source.toString('latin1', at, end))
    const probes = [probeOf, probeOf].map((of, set) => Array.from({ length: count }, (_, k) => of(record, k, set as MarkSet, parts.skipTexts)))
    const readContext = probeContext(context)
    const hasTime = (bits & HAS_TIME) !== 0
    const probe = (set: MarkSet): string => {
      let text = texts[0]!
      for (let k = 0; k < count; k++) text += probes[set]![k]! + texts[k + 1]!
      const entry = parts.parseLines(text.split('\n'), 1, readContext)
      if (typeof entry === 'string' || (parts.timestampOf(entry) !== undefined) !== hasTime) return ''
      return parts.writeJSON(parts.withMeta(entry, {
        line: META_MARKS.line[set],
        original: (bits & HAS_ORIGINAL) !== 0 ? META_MARKS.original[set] : undefined,
        filePath: (bits & HAS_FILE) !== 0 ? META_MARKS.file[set] : undefined,
        timestamp: hasTime ? META_MARKS.instant[set] : undefined
      }))
    }
    const holes: Hole[] = []
    if (hasTime) holes.push({ kind: HOLE_INSTANT, at: INSTANT, marks: META_MARKS.instant })
    if ((bits & HAS_ORIGINAL) !== 0) holes.push({ kind: HOLE_TEXT, at: ORIGINAL, marks: META_MARKS.original })
    if ((bits & HAS_FILE) !== 0) holes.push({ kind: HOLE_FILE, at: 0, marks: META_MARKS.file })
    holes.push({ kind: HOLE_NUMBER, at: LINE_NUMBER, marks: META_MARKS.line })
    for (let k = 0, j = 0; k < count; k++) {
      holesOf(record, k, j, holes)
      if (isNumberSpan(record.kinds[k]!)) j++
    }
    return Template.cut(probe, holes) ?? false
  }

  function read (source: Buffer, start: number, end: number, lineNumber: number, context: ParseContext, records: PackedRecords, lines: number): boolean {
    record.reset()
    record.lines = lines
    if (!parts.scan(source, start, end, context, record, records.view)) return false
    const ints = records.ints
    const base = records.count * INTS
    // The record's own text, for `event.original`: line feeds between its lines, quotes and backslashes.
    if (records.original) {
      let escapes = 0
      let from = start
      for (let i = start; i <= end; i++) {
        if (i < end && source[i] !== LINE_FEED) continue
        const inLine = escapesIn(records.view, source, from, i)
        if (inLine < 0) return false
        escapes += inLine + (i < end ? 1 : 0)
        from = i + 1
      }
      ints[base + ORIGINAL + 2] = escapes
    }
    let bits = record.year !== 0 ? HAS_TIME : 0
    if (records.original) bits |= HAS_ORIGINAL
    if (fileText.written(records.filePath)) bits |= HAS_FILE
    const count = record.count
    let numberSpans = 0
    for (let k = 0; k < count; k++) if (isNumberSpan(record.kinds[k]!)) numberSpans++
    if (numberSpans > MAX_NUMBER_SPANS) return false
    // The key: the bits, then the text between spans as words, each run followed by a word of its length
    // and the kind of the span after it (and which span a span the same as another repeats).
    const key = templates.key
    const view = records.view
    let words = 0
    let hash = bits
    key[words++] = bits
    let at = start
    for (let k = 0; k <= count; k++) {
      const runEnd = k < count ? record.starts[k]! : end
      if (words + ((runEnd - at) >> 2) + 2 >= KEY_WORDS) return false
      let i = at
      for (; i + 4 <= runEnd; i += 4) {
        const word = view.getInt32(i, true)
        key[words++] = word
        hash = Math.imul(hash ^ word, HASH_FACTOR)
      }
      if (i < runEnd) {
        // The run's last bytes, the others of their word zero.
        let word = 0
        if (i + 4 <= source.length) {
          word = view.getInt32(i, true) & TAIL_MASKS[runEnd - i]!
        } else {
          for (let b = 0; i + b < runEnd; b++) word |= source[i + b]! << (8 * b)
        }
        key[words++] = word
        hash = Math.imul(hash ^ word, HASH_FACTOR)
      }
      // The marker says which span a span the same as another repeats, and which text a skipped span is
      // probed with (records alike but for those differ).
      const kind = k < count ? record.kinds[k]! : 0xff
      const marker = ((runEnd - at) << 8) | kind | (kind === SPAN_SAME || kind === SPAN_SKIP ? record.values[k]! << 24 : 0)
      key[words++] = marker
      hash = Math.imul(hash ^ marker, HASH_FACTOR)
      if (k < count) at = record.ends[k]!
    }
    templates.keyed(words, hash)
    let template = templates.find()
    if (template === undefined) {
      // A template is made for keys that come back; a record seen once is read by the text parser.
      if (!templates.sighted()) return false
      template = templateFor(source, start, end, bits, context)
      templates.store(template)
    }
    if (template === false) return false

    // The instant comes last, and nothing after it declines the record: in a repeated hour the zone clock
    // reads a record by the records before it, so the text parser must not read one this reader has read.
    const numbers = records.numbers
    const numbersBase = records.count * NUMBERS
    if (record.year !== 0) {
      const instant = wallInstant(context.clock, record.year, record.month, record.day, record.hour, record.minute, record.second)
      if (Number.isNaN(instant)) return false
      numbers[numbersBase + INSTANT] = instant + record.millisecond
    }
    numbers[numbersBase + LINE_NUMBER] = lineNumber
    ints[base + ORIGINAL] = start
    ints[base + ORIGINAL + 1] = end
    ints[base + LINE_COUNT] = record.lines
    for (let k = 0, j = 0; k < count; k++) {
      const kind = record.kinds[k]!
      if (isNumberSpan(kind)) numbers[numbersBase + VALUES + j++] = record.values[k]!
      // Seconds are written as text too.
      if (kind !== SPAN_NUMBER) {
        const slot = base + SPANS + 3 * k
        ints[slot] = kind === SPAN_IPV4_MAPPED ? record.starts[k]! + 7 : record.starts[k]!
        ints[slot + 1] = record.ends[k]!
        ints[slot + 2] = record.escapes[k]!
      }
    }
    records.objects[records.count] = template
    records.count++
    return true
  }

  return templateCodec(INTS, NUMBERS, LINE_NUMBER, fileText, read, (records: PackedRecords, index: number): E => {
    const numbers = records.numbers
    const lineNumber = numbers[index * NUMBERS + LINE_NUMBER]!
    const from = lineNumber - records.firstLine
    const lines = records.lines.slice(from, from + records.ints[index * INTS + LINE_COUNT]!) as string[]
    // The text parser's entry, with the time the byte reader placed (the zone clock is not asked again).
    const entry = parts.parseLines(lines, lineNumber, probeContext(records.context))
    if (typeof entry === 'string') throw new Error(`a record the byte reader took is one the text parser rejects: ${entry}`)
    const template = records.objects[index] as Template
    return parts.withMeta(entry, {
      line: lineNumber,
      original: records.original ? lines.join('\n') : undefined,
      filePath: records.filePath,
      timestamp: template.hasInstant ? isoString(numbers[index * NUMBERS + INSTANT]!) : undefined
    })
  })
}
