import type { ZoneClock } from '../time.js'
import type { EntryBase, Layout } from '../layout.js'

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
  /** Reads the lines of one record (one or more, in input order; never throws). */
  parseLines (lines: readonly string[], lineNumber: number, context: ParseContext): ParseResult<E>
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
   * detect stage score the line against every dialect. Must be cheap; false positives are fine (the parser
   * still rejects what it cannot read), false negatives only cost a re-score.
   */
  fits (line: string): boolean
  /** Reads one non-empty line. Never throws: unreadable input yields a string reason. */
  parse (line: string, lineNumber: number, context: ParseContext): ParseResult<E>
  /** Present when records may span lines; `parse` then reads a record of one line. */
  readonly join?: RecordJoin<E>
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
