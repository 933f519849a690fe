import type { ZoneClock } from '../time.js'
import type { EntryBase, Layout } from '../layout.js'
import type { PackedRecords } from '../batch.js'

/** What a dialect's parser may read besides the line: the caller's options and per-input state. */
export interface ParseContext {
  /** Turns wall times of the `--tz` zone into instants; one per input. */
  readonly clock: ZoneClock
  /** `--year`, for dialects whose timestamps carry none. */
  readonly year: number | undefined
  /**
   * The year for a month and day written without one: `--year` when given, else the year that puts the
   * date no more than a day after the reference time (the file's modification time, or now).
   */
  yearOf (month: number, day: number): number
  /** How Transfer CFT's two-digit dates are ordered (`ymd` unless the site prints them otherwise). */
  readonly cftDateOrder: 'ymd' | 'dmy' | 'mdy'
  /** Copy the raw line into `event.original`. */
  readonly original: boolean
  /** `log.file.path` for every record, when reading a file. */
  readonly filePath: string | undefined
}

/**
 * What a dialect's parser makes of a line: an entry (the dialect's own compact form of the record), or the
 * reason the line could not be read (kept short: it becomes `error.message`).
 */
export type ParseResult<E extends EntryBase = EntryBase> = E | string

/** How a line stands to the record being put together (see `RecordJoin`). */
export const JOIN_START = 0
export const JOIN_CONTINUE = 1
export const JOIN_PREFIX = 2
export type JoinKind = typeof JOIN_START | typeof JOIN_CONTINUE | typeof JOIN_PREFIX

/**
 * For dialects whose records may span lines. The parse stage asks `classify` about every non-blank line:
 * `JOIN_START` opens a record, `JOIN_CONTINUE` adds the line to the open one, `JOIN_PREFIX` holds the line
 * for whatever comes next (a header line that belongs to the following message, or to the open record if
 * the next line continues it). A blank line, an over-long line or the end of the input closes the record.
 * Records are read whole by `parseLines`, so a record cut by a chunk boundary is read once it is complete.
 */
export interface RecordJoin<E extends EntryBase = EntryBase> {
  /**
   * @param line a non-blank line
   * @param head the first line of the open record that is not a prefix, undefined when none is open
   */
  classify (line: string, head: string | undefined): JoinKind
  /**
   * The same verdict from the line's bytes (`source[start, end)`, plain ASCII), for the lines whose
   * verdict does not depend on the head; undefined sends the line to `classify`.
   */
  classifyBytes? (source: Uint8Array, start: number, end: number): JoinKind | undefined
  /** Reads the lines of one record (one or more, in input order; never throws). */
  parseLines (lines: readonly string[], lineNumber: number, context: ParseContext): ParseResult<E>
}

/**
 * A dialect's second reader, for its commonest lines: straight from the bytes of a plain-ASCII chunk (free of
 * characters JSON must escape, unless the codec says it checks them itself), to slots of a `PackedRecords`, and from there to JSON bytes, with no string
 * or object made per line. It may decline any line (the text parser then reads it, and decides), but what it
 * accepts must come out byte for byte as the text parser and the layout's writer would write it.
 */
export interface PackedCodec<E extends EntryBase = EntryBase> {
  /** Slots per record in `ints`, `numbers` and `objects`. */
  readonly intsPerRecord: number
  readonly numbersPerRecord: number
  readonly objectsPerRecord: number
  /**
   * The reader checks each line for characters JSON must escape itself and the writer escapes them, so its
   * lines may come from chunks that are not clean (by default only clean chunks are offered).
   */
  readonly checksEscapes?: boolean
  /**
   * Reads the line `source[start, end)` into record `records.count` and counts it; false (nothing counted)
   * leaves the line to `Dialect.parse`. For dialects whose records span lines, `source[start, end)` holds
   * the `lines` lines of one record joined by line feeds.
   */
  read (source: Buffer, start: number, end: number, lineNumber: number, context: ParseContext, records: PackedRecords, lines: number): boolean
  /** Most bytes `write` may need for record `index` (with the words the enrich stage adds). */
  maxLength (records: PackedRecords, index: number): number
  /**
   * Writes record `index` as enriched JSON and a newline into `out` at `at`; returns the end. May store up to
   * seven bytes past the end (overwritten by whatever comes next); `out` must have room for them.
   */
  write (records: PackedRecords, index: number, out: DataView, at: number): number
  /** Record `index` as the entry `Dialect.parse` would have made of its line. */
  entry (records: PackedRecords, index: number): E
  /** The number of record `index`'s (first) line: its `logjson.line`. */
  lineNumber (records: PackedRecords, index: number): number
}

/**
 * A dialect is data plus pure functions. The registry (`dialects/index.ts`) lists them; the detect stage
 * scores them; the parse stage calls `parse`; the layout turns entries into records and JSON text, with
 * or without the words the enrich stage adds.
 */
export interface Dialect<E extends EntryBase = EntryBase> {
  /** The id users type (`--dialect`) and `event.dataset` in every record. */
  readonly id: string
  /** Other names accepted for `--dialect`. */
  readonly aliases: readonly string[]
  /** One line for `--list-dialects`. */
  readonly description: string
  /**
   * How well a line matches the dialect, 0 (not at all) to 1 (certainly). Used on the first lines of an
   * input and when a line stops fitting; may be thorough.
   */
  sniff (line: string): number
  /**
   * A quick test run on every line in auto mode: false means "this line is not mine", which makes the
   * detect stage score the line against the dialects whose own `fits` takes it. Must be cheap, and false
   * only where `sniff` scores 0: a dialect that does not fit a line is not scored on it. True for a line of
   * another dialect keeps that line from being scored while this dialect is the current one (its parser
   * then rejects it), so the fewer of those the better.
   */
  fits (line: string): boolean
  /** Reads one non-empty line. Never throws: unreadable input yields a string reason. */
  parse (line: string, lineNumber: number, context: ParseContext): ParseResult<E>
  /** Present when records may span lines; `parse` then reads a record of one line. */
  readonly join?: RecordJoin<E>
  /** Present when the dialect can read lines straight from bytes. */
  readonly packed?: PackedCodec<E>
  /** How entries become records and JSON. */
  readonly layout: Layout<E>
  /** True for the entries this dialect's parser makes. */
  isEntry (value: unknown): value is E
}

/**
 * Where a materialised record keeps the entry it was made from, so that the enrich stage can still read
 * the codes. A symbol key keeps it out of the JSON output and out of reach of any key from input.
 */
export const rawCodes: unique symbol = Symbol('logjson.rawCodes')
