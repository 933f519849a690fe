import type { ZoneClock } from '../time.js'
import type { EntryBase, Layout } from '../layout.js'

/** What a dialect's parser may read besides the line: the caller's options and per-input state. */
export interface ParseContext {
  /** Turns wall times of the `--tz` zone into instants; one per input. */
  readonly clock: ZoneClock
  /** `--year`, for dialects whose timestamps carry none. */
  readonly year: number | undefined
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
