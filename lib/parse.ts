/**
 * Lines → records. The core (`LineParser`) is stream-free; `createParse` wraps it and `parseLine` is the
 * same parse and enrich as a plain function.
 *
 * Every line ends as exactly one of: a record, a rejected record (or, with `onError: 'skip'`, a count), or a
 * blank line counted as filtered. Parsers never throw on input; only `onError: 'fail'` turns a rejected line
 * into an error.
 */
import { Transform } from 'node:stream'
import { BATCH_HIGH_WATER_MARK, LineBatch, OverlongLine, RecordBatch, type Line } from './batch.js'
import { DialectDetector, bestDialectForLine } from './detect.js'
import { LogjsonError } from './errors.js'
import { normalizeOptions, type NormalizedOptions, type Options } from './options.js'
import { rejectedRecord, type LogRecord } from './record.js'
import { ZoneClock } from './time.js'
import { describe } from './stage.js'
import type { Dialect, ParseContext } from './dialects/index.js'

function isBlank (line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i)
    if (code !== 32 && code !== 9 && code !== 13) return false
  }
  return true
}

/** What became of a line of a batch. */
const BLANK = 0
const PARSED = 1
const REJECTED = 2
type Fate = typeof BLANK | typeof PARSED | typeof REJECTED

export class LineParser {
  readonly options: NormalizedOptions
  /** Set when `onError: 'fail'` met a rejected line; `push` raises it after passing on the lines before it. */
  failure: LogjsonError | undefined
  readonly context: ParseContext
  readonly #detector: DialectDetector | undefined
  /** The file name goes into every record; latin1 output needs it to be ASCII like the lines. */
  readonly #filePathAscii: boolean
  /** Dialect of the last single line, for inputs given line by line in auto mode. */
  #itemDialect: Dialect | undefined
  #nextItemLine = 1

  constructor (options: Options | NormalizedOptions = {}) {
    this.options = normalizeOptions(options)
    this.context = {
      clock: new ZoneClock(this.options.tz),
      year: this.options.year,
      original: this.options.original,
      filePath: this.options.filePath
    }
    this.#detector = this.options.dialect === undefined ? new DialectDetector(this.options) : undefined
    this.#filePathAscii = this.options.filePath === undefined || /^[\u0000-\u007f]*$/.test(this.options.filePath)
    this.#itemDialect = this.options.dialect
  }

  /** Parses a batch; untagged batches go through auto-detection first (which may hold them back). */
  push (batch: LineBatch, emit: (records: RecordBatch) => void): void {
    const dialect = batch.dialect ?? this.options.dialect
    // A batch a detect stage has seen keeps its verdict, even "none"; only raw batches are detected here.
    if (dialect === undefined && !batch.detected && this.#detector !== undefined) {
      this.#detector.push(batch, (tagged) => this.#emit(tagged, emit))
      return
    }
    this.#emit(batch.dialect === dialect ? batch : new LineBatch(batch.lines, batch.firstLine, batch.clean, dialect, batch.ascii, true), emit)
  }

  end (emit: (records: RecordBatch) => void): void {
    this.#detector?.end((tagged) => this.#emit(tagged, emit))
  }

  #emit (batch: LineBatch, emit: (records: RecordBatch) => void): void {
    if (this.failure !== undefined) return
    emit(this.parseBatch(batch))
    if (this.failure !== undefined) throw this.failure
  }

  /** Parses every line of a batch with the batch's dialect. */
  parseBatch (batch: LineBatch): RecordBatch {
    const records: unknown[] = []
    const dialect = batch.dialect
    const lines = batch.lines
    const stats = this.options.stats
    let rejected = 0
    let parsed = 0
    let read = 0
    try {
      for (; read < lines.length; read++) {
        const fate = this.#parseInto(records, lines[read]!, batch.firstLine + read, dialect)
        if (fate === PARSED) parsed++
        else if (fate === REJECTED) rejected++
      }
    } catch (err) {
      // onError 'fail': the lines before the failing one are still converted and counted, and the error
      // is raised once they have been passed on (see `push`).
      if (!(err instanceof LogjsonError)) throw err
      this.failure = err
      read++
      rejected++
    }
    stats.lines += read
    stats.rejected += rejected
    if (dialect === undefined) return new RecordBatch(records as LogRecord[])
    if (parsed > 0) stats.dialects[dialect.id] = (stats.dialects[dialect.id] ?? 0) + parsed
    // Catalog words and meanings are ASCII (the catalog tests check it), so ASCII lines and an ASCII
    // file name make ASCII output.
    return RecordBatch.fromEntries(records, dialect, batch.clean, batch.ascii && this.#filePathAscii)
  }

  /** Reads one line of a batch into `records` (blank lines add nothing and are counted as filtered). */
  #parseInto (records: unknown[], line: Line, lineNumber: number, dialect: Dialect | undefined): Fate {
    const stats = this.options.stats
    if (typeof line === 'string') {
      if (line.length === 0 || isBlank(line)) {
        stats.blank++
        stats.filtered++
        return BLANK
      }
      if (dialect !== undefined) {
        const result = dialect.parse(line, lineNumber, this.context)
        if (typeof result !== 'string') {
          records.push(result)
          return PARSED
        }
        this.#reject(records, lineNumber, `${dialect.id}: ${result}`, line)
        return REJECTED
      }
    }
    this.#reject(records, lineNumber, this.#whyUnread(line), line)
    return REJECTED
  }

  /** Parses one line given on its own; numbers lines in the order they come. */
  parseItem (line: Line): LogRecord | undefined {
    const lineNumber = this.#nextItemLine++
    const stats = this.options.stats
    stats.lines++
    if (typeof line === 'string') {
      if (line.length === 0 || isBlank(line)) {
        stats.blank++
        stats.filtered++
        return undefined
      }
      let dialect = this.#itemDialect
      if (this.options.dialect === undefined && (dialect === undefined || !dialect.fits(line))) {
        dialect = bestDialectForLine(line) ?? dialect
        this.#itemDialect = dialect
      }
      if (dialect !== undefined) {
        const result = dialect.parse(line, lineNumber, this.context)
        if (typeof result !== 'string') {
          stats.dialects[dialect.id] = (stats.dialects[dialect.id] ?? 0) + 1
          return dialect.layout.toRecord(result, false)
        }
        stats.rejected++
        return this.#rejectOne(lineNumber, `${dialect.id}: ${result}`, line)
      }
    }
    stats.rejected++
    return this.#rejectOne(lineNumber, this.#whyUnread(line), line)
  }

  #whyUnread (line: Line): string {
    if (line instanceof OverlongLine) return `line is ${line.length} characters long, over the limit of ${this.options.maxLine}; it starts with the text kept here`
    return 'no dialect recognizes this line'
  }

  #reject (records: unknown[], lineNumber: number, reason: string, line: Line): void {
    const record = this.#rejectOne(lineNumber, reason, line)
    if (record !== undefined) records.push(record)
  }

  #rejectOne (lineNumber: number, reason: string, line: Line): LogRecord | undefined {
    const { onError, filePath } = this.options
    if (onError === 'skip') return undefined
    if (onError === 'fail') {
      throw new LogjsonError('REJECTED_LINE', `${filePath ?? 'standard input'}, line ${lineNumber}: ${reason}`, { line: lineNumber, file: filePath })
    }
    return rejectedRecord(lineNumber, reason, typeof line === 'string' ? line : line.start, filePath)
  }
}

/**
 * A Transform from lines to records. Accepts `LineBatch` chunks (from `createSplit` or `createDetect`),
 * emitting `RecordBatch` chunks; or single lines as strings (from any line splitter), emitting single records.
 */
export function createParse (options: Options | NormalizedOptions = {}): Transform {
  const parser = new LineParser(options)
  return new Transform({
    objectMode: true,
    highWaterMark: BATCH_HIGH_WATER_MARK,
    transform (chunk: unknown, _encoding, callback) {
      // onError 'fail': the records before the rejected line have been passed on; the error is raised on
      // the next chunk (or at the end), by when the reader has taken them.
      if (parser.failure !== undefined) {
        callback(parser.failure)
        return
      }
      try {
        if (chunk instanceof LineBatch) {
          parser.push(chunk, (records) => { if (records.length > 0) this.push(records) })
        } else if (typeof chunk === 'string' || chunk instanceof OverlongLine) {
          const record = parser.parseItem(chunk)
          if (record !== undefined) this.push(record)
        } else if (Buffer.isBuffer(chunk)) {
          const record = parser.parseItem(chunk.toString('utf8'))
          if (record !== undefined) this.push(record)
        } else {
          throw new LogjsonError('INVALID_CHUNK', `createParse expects lines (strings) or LineBatch chunks, got ${describe(chunk)}`)
        }
        callback()
      } catch (err) {
        callback(err === parser.failure ? undefined : err as Error)
      }
    },
    flush (callback) {
      // A failure found in the last chunk waits a turn of the event loop, so that the records before it
      // reach the reader first.
      const fail = (failure: Error): void => { setImmediate(() => callback(failure)) }
      if (parser.failure !== undefined) {
        fail(parser.failure)
        return
      }
      try {
        parser.end((records) => { if (records.length > 0) this.push(records) })
        if (parser.failure !== undefined) fail(parser.failure)
        else callback()
      } catch (err) {
        callback(err as Error)
      }
    }
  })
}

const lineParsers = new WeakMap<object, LineParser>()
const defaultParsers = new Map<string, LineParser>()

/**
 * Parses and enriches one line: the record, a rejected record when no dialect reads it (an error with
 * `onError: 'fail'`, undefined with `'skip'`), or undefined for a blank line. Options objects are
 * normalised once and reused, so pass the same object for a run of lines.
 */
export function parseLine (line: string, options?: Options, lineNumber = 1): LogRecord | undefined {
  let parser: LineParser | undefined
  if (options === undefined) {
    const key = 'default'
    parser = defaultParsers.get(key)
    if (parser === undefined) defaultParsers.set(key, parser = new LineParser({}))
  } else {
    parser = lineParsers.get(options)
    if (parser === undefined) lineParsers.set(options, parser = new LineParser(options))
  }
  const batch = parser.parseBatch(new LineBatch([line], lineNumber, false, parser.options.dialect ?? bestDialectForLine(line), false, true))
  if (parser.failure !== undefined) {
    const failure = parser.failure
    parser.failure = undefined
    throw failure
  }
  batch.enriched = true
  return batch.records[0]
}
