/**
 * The stage protocol. Between the library's own stages, data moves as batches: one stream chunk carries all
 * the lines (or records) of one input chunk, so the pipeline pays for a stream hop once per chunk instead of
 * once per line. Every stage also accepts single items, so each works on its own in a user's pipeline:
 * give `createParse` strings from any line splitter and it emits single records.
 */
import type { Dialect, ParseContext } from './dialects/types.js'
import type { LogRecord } from './record.js'

/**
 * How many chunks a stage buffers on each side. A batch holds a whole input chunk, so the stream default
 * for object mode (16) would let every stage hold a megabyte or more. One is enough to keep the pipeline
 * busy, and it keeps batches short-lived: when the reader of the output sets the pace (a pipe into `jq`),
 * every batch a stage holds waits, and with two a side, batches lived long enough for the young generation
 * to promote them, input and output buffers with them, into a heap that is rarely collected (peaks of
 * 119–148 MiB into a pipe against 78–90 with one, and up to 16% more time).
 */
export const BATCH_HIGH_WATER_MARK = 1

/** A line longer than the split limit: its start, and how long it was when it was cut off. */
export class OverlongLine {
  /** The line's start as kept (see `keptStart`). */
  readonly start: string
  constructor (start: string, readonly length: number) {
    this.start = keptStart(start)
  }
}

/**
 * The start of a line cut at a length limit, less the first half of a character the cut went through (a
 * high surrogate whose low one was cut off): alone, it is no character, and JSON writes it as an escape
 * that stands for no bytes of the input.
 */
export function keptStart (start: string): string {
  const last = start.charCodeAt(start.length - 1)
  return last >= 0xd800 && last <= 0xdbff ? start.slice(0, -1) : start
}

export type Line = string | OverlongLine

/**
 * Whether some text holds no character JSON must escape, found out the first time anyone asks. The
 * splitter knows how to tell for each chunk, but the byte readers that check their lines themselves never
 * ask, and scanning a whole chunk for control characters cost Transfer CFT some 4% of a conversion.
 */
export class CleanCheck {
  #check: (() => boolean) | undefined
  #value = false

  constructor (check: () => boolean) {
    this.#check = check
  }

  get value (): boolean {
    const check = this.#check
    if (check !== undefined) {
      this.#value = check()
      this.#check = undefined
    }
    return this.#value
  }
}

/** Known to be clean or not, or to be found out (see `CleanCheck`). */
export type Cleanness = boolean | CleanCheck

export function isCleanNow (cleanness: Cleanness): boolean {
  return typeof cleanness === 'boolean' ? cleanness : cleanness.value
}

/** Clean when both are, still without asking either until then. */
export function bothClean (a: Cleanness, b: Cleanness): Cleanness {
  if (a === false || b === false) return false
  if (a === true || a === b) return b
  if (b === true) return a
  return new CleanCheck(() => a.value && b.value)
}

/**
 * Where the lines of a batch lie in the bytes they were read from, for parsers that read bytes directly.
 * Only plain-ASCII chunks carry it (a character is a byte there); `bounds` holds a start and an end offset
 * into `source` per line, or -1 as the start of a line that is not wholly in `source` (one that began in an
 * earlier chunk, or was cut as over-long).
 */
export class LineBytes {
  /**
   * @param before the length of the line before the batch's first, when `source` starts with it (and a
   *        line feed): the splitter copies it ahead of the next chunk, so that a record the batch before left
   *        open can be read from bytes once this batch shows it ended (-1 when `source` does not hold it)
   */
  constructor (readonly source: Buffer, readonly bounds: Int32Array, readonly before = -1) {}

  /** The bounds of lines [from, to) of the batch. */
  slice (from: number, to: number): LineBytes {
    return new LineBytes(this.source, this.bounds.subarray(2 * from, 2 * to), from === 0 ? this.before : -1)
  }
}

export class LineBatch {
  /**
   * @param lines the lines of one input chunk, in order, without their line endings
   * @param firstLine 1-based number of `lines[0]` in its input
   * @param cleanness whether no line holds a character JSON must escape (`"`, `\`, control, surrogate),
   *        which lets the serializer skip the per-string escape check (`clean` says which)
   * @param dialect set by the detect stage: the dialect every line of this batch is to be read with
   * @param ascii true when every line is plain ASCII, so text made from them can be encoded byte for byte
   * @param detected true once a detect stage has chosen for the batch (`dialect` undefined then means
   *        that no dialect reads these lines)
   * @param bytes where the lines lie in the chunk they were cut from, when the splitter kept it
   */
  constructor (
    readonly lines: Line[],
    readonly firstLine: number,
    readonly cleanness: Cleanness,
    readonly dialect: Dialect | undefined = undefined,
    readonly ascii = false,
    readonly detected = dialect !== undefined,
    readonly bytes: LineBytes | undefined = undefined
  ) {}

  /** True when no line holds a character JSON must escape. */
  get clean (): boolean {
    return isCleanNow(this.cleanness)
  }

  /** The same lines, to be read with `dialect`. */
  tagged (dialect: Dialect | undefined): LineBatch {
    return new LineBatch(this.lines, this.firstLine, this.cleanness, dialect, this.ascii, true, this.bytes)
  }

  /** Lines [from, to) to be read with `dialect`. */
  slice (from: number, to: number, dialect: Dialect | undefined): LineBatch {
    if (from === 0 && to === this.lines.length) return this.tagged(dialect)
    return new LineBatch(this.lines.slice(from, to), this.firstLine + from, this.cleanness, dialect, this.ascii, true, this.bytes?.slice(from, to))
  }
}

/**
 * The records of a batch a dialect read straight from bytes (see `PackedCodec`): per record, `ints`,
 * `numbers` and `objects` slots whose meaning the codec defines. Typed arrays instead of one object per
 * record keep the garbage collector out of the hottest path.
 */
export class PackedRecords {
  count = 0
  readonly ints: Int32Array
  readonly numbers: Float64Array
  readonly objects: unknown[]
  /** `source`, to be read four or eight bytes at a time. */
  readonly view: DataView

  /**
   * @param lines the batch's lines (their text, for records made from packed ones)
   * @param firstLine the number of `lines[0]`
   * @param filePath `log.file.path` of every record
   * @param original whether records keep their line in `event.original`
   * @param context the parse options and state the records were read with
   */
  constructor (
    readonly lines: readonly Line[],
    readonly firstLine: number,
    readonly source: Buffer,
    capacity: number,
    readonly intsPerRecord: number,
    readonly numbersPerRecord: number,
    readonly objectsPerRecord: number,
    readonly filePath: string | undefined,
    readonly original: boolean,
    readonly context: ParseContext
  ) {
    this.ints = new Int32Array(capacity * intsPerRecord)
    this.numbers = new Float64Array(capacity * numbersPerRecord)
    // Filled, so that every batch's array holds any value from the start: a new array holds small integers
    // only, and the first object stored in it changed its kind, which sent the byte readers' optimised
    // code back to the interpreter once per run (a "wrong map" deoptimisation) to be compiled again.
    this.objects = new Array<unknown>(capacity * objectsPerRecord).fill(undefined)
    this.view = new DataView(source.buffer, source.byteOffset, source.byteLength)
  }

  /**
   * The records whose flag in `keep` is set (one flag per record), in order, in records of their own: a
   * record's slots say all there is to know about it (its line number among them), so they move as they are.
   */
  kept (keep: Uint8Array, count: number): PackedRecords {
    const kept = new PackedRecords(this.lines, this.firstLine, this.source, count, this.intsPerRecord, this.numbersPerRecord,
      this.objectsPerRecord, this.filePath, this.original, this.context)
    const ints = this.intsPerRecord
    const numbers = this.numbersPerRecord
    const objects = this.objectsPerRecord
    let to = 0
    for (let from = 0; from < this.count; from++) {
      if (keep[from] === 0) continue
      kept.ints.set(this.ints.subarray(from * ints, (from + 1) * ints), to * ints)
      kept.numbers.set(this.numbers.subarray(from * numbers, (from + 1) * numbers), to * numbers)
      for (let k = 0; k < objects; k++) kept.objects[to * objects + k] = this.objects[from * objects + k]
      to++
    }
    kept.count = to
    return kept
  }
}

/** Stands in a batch's items for the next record of its `PackedRecords`. */
export const PACKED: unique symbol = Symbol('logjson.packed')

/**
 * The records of one chunk. Parsers fill a batch with their compact entries (and rejected records as plain
 * objects); reading `records` turns the entries into record objects once, after which the objects are the
 * batch's truth, so whatever a user stage does to them is what gets written. As long as nobody reads
 * `records`, the serializer writes JSON straight from the entries.
 */
export class RecordBatch {
  readonly dialect: Dialect | undefined
  #cleanness: Cleanness = false
  /** Whether the text of the records read from bytes is clean: it counts once they are made entries. */
  #packedCleanness: Cleanness = false
  /**
   * True when every string the entries hold is plain ASCII (as are the library's own words), so their
   * JSON can be encoded one byte per character, which is much faster than UTF-8 encoding.
   */
  readonly ascii: boolean
  /** Set by the enrich stage: codes are to be written as words. */
  enriched = false
  #entries: unknown[] | undefined
  #records: LogRecord[] | undefined
  #packed: PackedRecords | undefined

  /** A batch of record objects. */
  constructor (records: LogRecord[], dialect: Dialect | undefined = undefined) {
    this.dialect = dialect
    this.ascii = false
    this.#records = records
  }

  /**
   * True when every string the entries hold came from a chunk without characters JSON must escape, which
   * lets the serializer skip the check for them.
   */
  get clean (): boolean {
    return isCleanNow(this.#cleanness)
  }

  /**
   * A batch of a dialect's entries, mixed with rejected records (plain objects); with `packed`, items that
   * are `PACKED` stand for its records, in order. `clean` is for the entries; `packedClean` for the records
   * read from bytes, which their codec escapes as it writes them, and which count only once they are made
   * entries.
   */
  static fromEntries (items: unknown[], dialect: Dialect, clean: Cleanness, ascii = false, packed: PackedRecords | undefined = undefined,
    packedClean: Cleanness = clean): RecordBatch {
    const batch = new RecordBatch([], dialect)
    batch.#cleanness = clean
    batch.#packedCleanness = packedClean
    ;(batch as { ascii: boolean }).ascii = ascii
    batch.#records = undefined
    batch.#entries = items
    batch.#packed = packed !== undefined && packed.count > 0 ? packed : undefined
    return batch
  }

  /** Number of records. */
  get length (): number {
    return (this.#records ?? this.#entries!).length
  }

  /** The records as objects (made from the entries on first use). */
  get records (): LogRecord[] {
    if (this.#records === undefined) {
      const entries = this.entries!
      const dialect = this.dialect!
      const layout = dialect.layout
      const records = new Array<LogRecord>(entries.length)
      for (let i = 0; i < entries.length; i++) {
        const item = entries[i]
        records[i] = dialect.isEntry(item) ? layout.toRecord(item, this.enriched) : item as LogRecord
      }
      this.#records = records
      this.#entries = undefined
    }
    return this.#records
  }

  /**
   * The entries, while no one has asked for the records; undefined after. Packed records become entries
   * here, on first use.
   */
  get entries (): readonly unknown[] | undefined {
    const packed = this.#packed
    if (packed !== undefined) {
      this.#packed = undefined
      this.#cleanness = bothClean(this.#cleanness, this.#packedCleanness)
      const items = this.#entries!
      const codec = this.dialect!.packed!
      let next = 0
      for (let i = 0; i < items.length; i++) if (items[i] === PACKED) items[i] = codec.entry(packed, next++)
    }
    return this.#entries
  }

  /**
   * The batch without the items whose flag in `keep` is 0 (one flag per item), while it holds entries:
   * records read from bytes stay so, and are still written by their codec.
   */
  keeping (keep: Uint8Array): RecordBatch {
    const items = this.#entries!
    const packed = this.#packed
    const kept: unknown[] = []
    let packedKept: Uint8Array | undefined
    let next = 0
    let packedCount = 0
    if (packed !== undefined) packedKept = new Uint8Array(packed.count)
    for (let i = 0; i < items.length; i++) {
      const item = items[i]
      if (item === PACKED) {
        if (keep[i] !== 0) {
          packedKept![next] = 1
          packedCount++
          kept.push(item)
        }
        next++
      } else if (keep[i] !== 0) {
        kept.push(item)
      }
    }
    const batch = RecordBatch.fromEntries(kept, this.dialect!, this.#cleanness, this.ascii,
      packed === undefined ? undefined : packed.kept(packedKept!, packedCount), this.#packedCleanness)
    batch.enriched = this.enriched
    return batch
  }

  /** Whether the batch holds entries (packed or not) rather than record objects; reads nothing. */
  get hasEntries (): boolean {
    return this.#entries !== undefined
  }

  /**
   * The items and the records they stand for when some were read from bytes and nobody has asked for
   * entries or records since; undefined otherwise.
   */
  get packed (): { items: readonly unknown[], records: PackedRecords } | undefined {
    return this.#packed === undefined ? undefined : { items: this.#entries!, records: this.#packed }
  }
}
