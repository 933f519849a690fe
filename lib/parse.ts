/**
 * Lines → records. The core (`LineParser`) is stream-free; `createParse` wraps it and `parseLine` is the
 * same parse and enrich as a plain function.
 *
 * Every line ends as exactly one of: a record, a rejected record (or, with `onError: 'skip'`, a count), or a
 * blank line counted as filtered. Parsers never throw on input; only `onError: 'fail'` turns a rejected line
 * into an error.
 */
import { Transform } from 'node:stream'
import { BATCH_HIGH_WATER_MARK, LineBatch, OverlongLine, PACKED, PackedRecords, RecordBatch, keptStart, type Line } from './batch.js'
import { ASCII_ONLY, OVERLONG_START, isCleanText } from './split.js'
import { DialectDetector, bestDialectForLine } from './detect.js'
import { LogjsonError } from './errors.js'
import { assertOptionsObject, booleanOption, normalizeOptions, type NormalizedOptions, type Options } from './options.js'
import { rejectedRecord, type LogRecord } from './record.js'
import { ZoneClock, yearInference } from './time.js'
import { describe } from './stage.js'
import { JOIN_CONTINUE, JOIN_PREFIX, type Dialect, type PackedCodec, type ParseContext } from './dialects/index.js'

function isBlank (line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i)
    if (code !== 32 && code !== 9 && code !== 13) return false
  }
  return true
}

/** How many lines a group holds, the ones dropped past the length limit included (0 for none). */
function heldLines (group: LineGroup | undefined): number {
  return group === undefined ? 0 : group.lines.length + group.dropped
}

/**
 * Lines gathered for one record of a dialect whose records span lines, kept across batches until a line
 * that does not continue them shows up.
 */
class LineGroup {
  /** The first line that is not a prefix; undefined while the group holds prefixes only. */
  head: string | undefined
  /** Characters of the record so far, with a line feed between lines. */
  length: number
  /**
   * Lines past `maxLine` characters of record, counted and not kept: the record is rejected, with its
   * start, as a line that long is (so that an endless record cannot exhaust memory either).
   */
  dropped = 0
  constructor (
    readonly dialect: Dialect,
    readonly lines: string[],
    readonly firstLine: number,
    /** Whether every line is clean (see `linesClean`) / came from an ASCII batch (see `LineBatch`). */
    public clean: boolean,
    public ascii: boolean,
    /** The batch the lines came from (see `LineParser.#batch`), -1 once they come from more than one. */
    public batch: number,
    /** The first line's index in that batch. */
    readonly index: number
  ) {
    this.length = recordLength(lines)
  }

  add (line: string, batch: LineBatch, serial: number, maxLine: number): void {
    this.ascii &&= batch.ascii
    if (serial !== this.batch) this.batch = -1
    if (!this.#keep(line, maxLine)) return
    this.clean &&= linesClean([line], batch)
  }

  /** Adds the lines of another group after these. */
  absorb (other: LineGroup, maxLine: number): void {
    const length = this.length + 1 + other.length
    for (const line of other.lines) this.#keep(line, maxLine)
    this.dropped += other.dropped
    this.length = length
    this.clean &&= other.clean
    this.ascii &&= other.ascii
    this.batch = -1
  }

  #keep (line: string, maxLine: number): boolean {
    // Past the limit, lines are kept only while they are needed for the rejected record's start.
    const kept = this.length
    this.length += 1 + line.length
    if (this.length > maxLine && (kept >= OVERLONG_START || this.dropped > 0)) {
      this.dropped++
      return false
    }
    this.lines.push(line)
    return true
  }
}

/** Whether `source` starts with the ASCII `line`, `length` bytes long. */
function startsWithLine (source: Buffer, line: string, length: number): boolean {
  if (line.length !== length) return false
  for (let i = 0; i < length; i++) if (source[i] !== line.charCodeAt(i)) return false
  return true
}

/** Characters of the record made of `lines[from, to)`, with a line feed between lines. */
function recordLength (lines: readonly string[], from = 0, to = lines.length): number {
  let length = to - from - 1
  for (let i = from; i < to; i++) length += lines[i]!.length
  return length
}

/**
 * Whether some lines of a batch are clean, asked of them alone unless the batch already knows: its own
 * answer means scanning its whole chunk, and the record a batch leaves open is read as text with the next
 * one (see `CleanCheck`). A few lines, scanned at once: a check kept for later per record would nest one
 * in another, record after record.
 */
function linesClean (lines: readonly string[], batch: LineBatch): boolean {
  const chunk = batch.cleanness
  if (typeof chunk === 'boolean') return chunk
  return lines.every((line) => isCleanText(line, batch.ascii))
}

/** What became of a line of a batch. */
const BLANK = 0
const PARSED = 1
const REJECTED = 2
type Fate = typeof BLANK | typeof PARSED | typeof REJECTED

/** How a parse stage ends at a rejected line, beside what `onError` says of the line itself. */
export interface ParseStageOptions {
  /**
   * Pass on the first rejected record (made as `onError: 'emit'` makes it) and read nothing after it: the
   * stage ends there without an error, its counts stopping at that record. With
   * `createSerialize({ stopAtRejected: true })` after it, the output and the counts end at the same line.
   */
  stopAtRejected?: boolean
}

export class LineParser {
  readonly options: NormalizedOptions
  /**
   * Set when `onError: 'fail'` met a rejected line; `push` raises it after passing on the lines before it.
   * Under `stopAtRejected` it is set once the first rejected record has been passed on.
   */
  failure: LogjsonError | undefined
  /** See `ParseStageOptions`. */
  readonly stopAtRejected: boolean
  readonly context: ParseContext
  readonly #detector: DialectDetector | undefined
  /** The file name goes into every record; latin1 output needs it to be ASCII like the lines. */
  readonly #filePathAscii: boolean
  /** Dialect of the last single line, for inputs given line by line in auto mode. */
  #itemDialect: Dialect | undefined
  #nextItemLine = 1
  /** The record being put together, for dialects whose records span lines. */
  #group: LineGroup | undefined
  /** Prefix lines waiting for the line after them. */
  #prefixes: LineGroup | undefined
  /** Whether the records of the batch being parsed may skip JSON escaping / encode as latin1. */
  #batchClean = true
  #batchAscii = true
  /** Counts the batches of joined lines parsed, so that a record can tell whether its lines are all in this one. */
  #batch = 0
  /** This batch's records read from bytes, and where its lines lie in them (joined dialects). */
  #packed: PackedRecords | undefined
  #bounds: Int32Array | undefined
  /**
   * The one-line record the batch before left open, when this batch's bytes start with its line (see
   * `LineBytes.before`): read from them if it ends here.
   */
  #heldOver: LineGroup | undefined
  /**
   * Whether the text of this batch's records read from bytes may be clean as its chunk is (see
   * `RecordBatch.fromEntries`): not once a record joins lines (line feeds) or is the held-over line of a
   * chunk that was not.
   */
  #packedClean = true

  constructor (options: Options | NormalizedOptions = {}, stage: ParseStageOptions = {}) {
    this.options = normalizeOptions(options)
    assertOptionsObject(stage)
    this.stopAtRejected = booleanOption('stopAtRejected', stage.stopAtRejected, false) && this.options.onError === 'emit'
    const clock = new ZoneClock(this.options.tz)
    this.context = {
      clock,
      year: this.options.year,
      cftDateOrder: this.options.cftDateOrder,
      yearOf: yearInference(this.options.year, clock, this.options.referenceTime),
      original: this.options.original,
      filePath: this.options.filePath
    }
    this.#detector = this.options.dialect === undefined ? new DialectDetector(this.options) : undefined
    this.#filePathAscii = this.options.filePath === undefined || ASCII_ONLY.test(this.options.filePath)
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
    this.#emit(batch.dialect === dialect ? batch : batch.tagged(dialect), emit)
  }

  end (emit: (records: RecordBatch) => void): void {
    this.#detector?.end((tagged) => this.#emit(tagged, emit))
    this.#emitOpenRecord(emit)
  }

  #emit (batch: LineBatch, emit: (records: RecordBatch) => void): void {
    if (this.failure !== undefined) return
    // A record still open belongs to the lines before this batch; another dialect's lines close it.
    const open = this.#group ?? this.#prefixes
    if (open !== undefined && open.dialect !== batch.dialect) this.#emitOpenRecord(emit)
    if (this.failure === undefined) emit(this.parseBatch(batch))
    if (this.failure !== undefined) throw this.failure
  }

  /** Closes the open record (and any prefixes waiting) into a batch of its own. */
  #emitOpenRecord (emit: (records: RecordBatch) => void): void {
    const open = this.#group ?? this.#prefixes
    if (open === undefined || this.failure !== undefined) return
    const records: unknown[] = []
    this.#batchClean = true
    this.#batchAscii = true
    try {
      this.#closeRecord(records)
    } catch (err) {
      if (!(err instanceof LogjsonError)) throw err
      this.failure = err
      // Prefix lines still waiting came after the failing record: counted when read, not read into anything.
      this.options.stats.lines -= heldLines(this.#group) + heldLines(this.#prefixes)
    }
    emit(RecordBatch.fromEntries(records, open.dialect, this.#batchClean, this.#batchAscii && this.#filePathAscii))
  }

  /**
   * Parses every line of a batch with the batch's dialect. For dialects whose records span lines, the last
   * record stays open for the next batch unless `final` is set (or `end` is called).
   */
  parseBatch (batch: LineBatch, final = false): RecordBatch {
    const dialect = batch.dialect
    if (dialect?.join !== undefined) return this.#parseJoined(batch, dialect, final)
    const records: unknown[] = []
    const lines = batch.lines
    const stats = this.options.stats
    let rejected = 0
    let parsed = 0
    let read = 0
    // Lines of plain-ASCII chunks (with nothing to escape, unless the reader checks) go to the dialect's byte
    // reader first, if it has one.
    const bytes = batch.bytes
    const codec = dialect?.packed
    const packed = this.#packedFor(batch, codec)
    const source = bytes?.source
    const bounds = bytes?.bounds
    try {
      for (; read < lines.length; read++) {
        if (packed !== undefined) {
          const start = bounds![2 * read]!
          if (start >= 0 && codec!.read(source!, start, bounds![2 * read + 1]!, batch.firstLine + read, this.context, packed, 1)) {
            records.push(PACKED)
            parsed++
            continue
          }
        }
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
    return RecordBatch.fromEntries(records, dialect, batch.cleanness, batch.ascii && this.#filePathAscii, packed)
  }

  /**
   * Records for the dialect's byte reader, when it has one and the batch's lines may be read from bytes.
   * @param heldOver the line of a record the batch before left open, which may be read with this batch's
   */
  #packedFor (batch: LineBatch, codec: PackedCodec | undefined, heldOver?: string): PackedRecords | undefined {
    const bytes = batch.bytes
    if (codec === undefined || bytes === undefined || !(codec.checksEscapes === true || batch.clean) || !batch.ascii || !this.#filePathAscii) return undefined
    const lines = heldOver === undefined ? batch.lines : [heldOver, ...batch.lines]
    return new PackedRecords(lines, batch.firstLine - (heldOver === undefined ? 0 : 1), bytes.source, lines.length, codec.intsPerRecord,
      codec.numbersPerRecord, codec.objectsPerRecord, this.context.filePath, this.context.original, this.context)
  }

  /** `parseBatch` for dialects whose records may span lines. */
  #parseJoined (batch: LineBatch, dialect: Dialect, final: boolean): RecordBatch {
    const join = dialect.join!
    const records: unknown[] = []
    const lines = batch.lines
    const stats = this.options.stats
    // Clean until a record is read as text from lines that are not (records read from bytes are escaped
    // by their reader; they count only if they are made entries, see `RecordBatch.entries`).
    this.#batchClean = true
    this.#packedClean = true
    this.#batchAscii = batch.ascii
    const serial = ++this.#batch
    const bytes = batch.ascii ? batch.bytes : undefined
    const held = this.#group
    const heldOver = held !== undefined && bytes !== undefined && bytes.before >= 0 && held.lines.length === 1 && held.dropped === 0 &&
      held.batch === serial - 1 && held.ascii && held.firstLine === batch.firstLine - 1 && startsWithLine(bytes.source, held.lines[0]!, bytes.before)
      ? held
      : undefined
    const packed = this.#packedFor(batch, dialect.packed, heldOver?.lines[0])
    this.#packed = packed
    this.#heldOver = packed === undefined ? undefined : heldOver
    const bounds = bytes?.bounds
    this.#bounds = bounds
    const classifyBytes = bounds === undefined ? undefined : join.classifyBytes
    // The open record while all its lines are in this batch and none is a prefix: where its lines are, with
    // no LineGroup made for it (most records); it becomes one when that no longer holds.
    let spanStart = -1
    let spanCount = 0
    const toGroup = (): void => {
      if (spanStart < 0) return
      const groupLines = lines.slice(spanStart, spanStart + spanCount) as string[]
      const group = new LineGroup(dialect, groupLines, batch.firstLine + spanStart, linesClean(groupLines, batch), batch.ascii, serial, spanStart)
      group.head = group.lines[0]
      this.#group = group
      spanStart = -1
    }
    let read = 0
    try {
      for (; read < lines.length; read++) {
        const line = lines[read]!
        const lineNumber = batch.firstLine + read
        if (typeof line !== 'string' || isBlank(line)) {
          toGroup()
          this.#closeRecord(records)
          let fate: Fate
          try {
            fate = this.#parseInto(records, line, lineNumber, dialect)
          } catch (err) {
            // onError 'fail' on this very line (one over the length limit): it was read, and rejected.
            read++
            stats.rejected++
            throw err
          }
          if (fate === REJECTED) stats.rejected++
          continue
        }
        const group = this.#group
        const lineStart = bounds?.[2 * read] ?? -1
        const kind = (lineStart >= 0 ? classifyBytes?.(bytes!.source, lineStart, bounds![2 * read + 1]!) : undefined) ??
          join.classify(line, spanStart >= 0 ? lines[spanStart] as string : group?.head)
        if (kind === JOIN_PREFIX) {
          toGroup()
          if (this.#prefixes === undefined) this.#prefixes = new LineGroup(dialect, [line], lineNumber, linesClean([line], batch), batch.ascii, -1, read)
          else this.#prefixes.add(line, batch, serial, this.options.maxLine)
          continue
        }
        if (kind === JOIN_CONTINUE && spanStart >= 0) {
          spanCount++
          continue
        }
        if (kind === JOIN_CONTINUE && group !== undefined) {
          const prefixes = this.#prefixes
          if (prefixes !== undefined) {
            group.absorb(prefixes, this.options.maxLine)
            this.#prefixes = undefined
          }
          group.add(line, batch, serial, this.options.maxLine)
          continue
        }
        if (spanStart >= 0) {
          this.#readSpan(records, dialect, batch, spanStart, spanCount)
          spanStart = -1
        } else {
          this.#closeGroup(records)
        }
        const prefixes = this.#prefixes
        if (prefixes === undefined) {
          spanStart = read
          spanCount = 1
        } else {
          prefixes.add(line, batch, serial, this.options.maxLine)
          prefixes.head = line
          this.#group = prefixes
          this.#prefixes = undefined
        }
      }
      // A record open at the end of the batch may go on in the next one.
      toGroup()
      if (final) this.#closeRecord(records)
    } catch (err) {
      // onError 'fail' on a record that ended before line `read` (or, at the end, on the last one): its
      // lines were read and counted; line `read`, which closed it, was not read into anything, nor were
      // lines held for a record after it (they may have come in an earlier batch, and counted there).
      if (!(err instanceof LogjsonError)) throw err
      this.failure = err
      read -= heldLines(this.#group) + heldLines(this.#prefixes)
    }
    stats.lines += read
    this.#packed = undefined
    this.#bounds = undefined
    this.#heldOver = undefined
    // Records read from bytes keep their lines' line feeds in `event.original` when made entries.
    return RecordBatch.fromEntries(records, dialect, this.#batchClean, this.#batchAscii && this.#filePathAscii, packed,
      this.#packedClean ? batch.cleanness : false)
  }

  /** Closes the open record, then reads any prefix lines left waiting as a record of their own. */
  #closeRecord (records: unknown[]): void {
    this.#closeGroup(records)
    const prefixes = this.#prefixes
    if (prefixes !== undefined) {
      this.#prefixes = undefined
      this.#readGroup(records, prefixes)
    }
  }

  #closeGroup (records: unknown[]): void {
    const group = this.#group
    if (group === undefined) return
    this.#group = undefined
    this.#readGroup(records, group)
  }

  /** Reads the record of lines [first, first + count) of this batch: from bytes when it can, else as text. */
  #readSpan (records: unknown[], dialect: Dialect, batch: LineBatch, first: number, count: number): void {
    const stats = this.options.stats
    stats.joined += count - 1
    const firstLine = batch.firstLine + first
    if (count > 1) {
      const length = recordLength(batch.lines as string[], first, first + count)
      if (length > this.options.maxLine) {
        this.#rejectLong(records, firstLine, batch.lines.slice(first, first + count) as string[], count, length, batch.ascii)
        return
      }
    }
    if (this.#packed !== undefined && this.#readPacked(records, dialect, first, count, firstLine)) return
    const lines = batch.lines.slice(first, first + count) as string[]
    this.#readLines(records, dialect, lines, firstLine, linesClean(lines, batch), batch.ascii)
  }

  /** Rejects a record of several lines longer than `maxLine` characters, with its start. */
  #rejectLong (records: unknown[], firstLine: number, lines: readonly string[], count: number, length: number, ascii: boolean): void {
    if (!ascii) this.#batchAscii = false
    this.options.stats.rejected++
    const start = keptStart(lines.join('\n').slice(0, OVERLONG_START))
    this.#reject(records, firstLine, `record of ${count} lines is ${length} characters long, over the limit of ${this.options.maxLine}; it starts with the text kept here`, start)
  }

  #readGroup (records: unknown[], group: LineGroup): void {
    const stats = this.options.stats
    const lines = group.lines
    const dialect = group.dialect
    stats.joined += lines.length + group.dropped - 1
    if (group.length > this.options.maxLine) {
      this.#rejectLong(records, group.firstLine, lines, lines.length + group.dropped, group.length, group.ascii)
      return
    }
    if (group.batch === this.#batch && this.#packed !== undefined && this.#readPacked(records, dialect, group.index, lines.length, group.firstLine)) return
    // Still the one line it was when this batch came: its bytes start this batch's (`LineBytes.before`).
    if (group === this.#heldOver && lines.length === 1 && this.#readBytes(records, dialect, 0, group.length, 1, group.firstLine)) {
      if (!group.clean) this.#packedClean = false
      return
    }
    this.#readLines(records, dialect, lines, group.firstLine, group.clean, group.ascii)
  }

  /** Reads a record's lines with the text parser. */
  #readLines (records: unknown[], dialect: Dialect, lines: readonly string[], firstLine: number, clean: boolean, ascii: boolean): void {
    const stats = this.options.stats
    // Lines joined into one record put line breaks into its text, which JSON must escape.
    if (lines.length > 1 || !clean) this.#batchClean = false
    if (!ascii) this.#batchAscii = false
    const result = dialect.join!.parseLines(lines, firstLine, this.context)
    if (typeof result !== 'string') {
      records.push(result)
      stats.dialects[dialect.id] = (stats.dialects[dialect.id] ?? 0) + 1
      return
    }
    stats.rejected++
    this.#reject(records, firstLine, `${dialect.id}: ${result}`, lines.join('\n'))
  }

  /**
   * Offers the record of lines [first, first + count) of this batch to the dialect's byte reader, when they
   * lie one after the other in the chunk, each ended by a single line feed (the record's text is then its
   * lines joined by line feeds, as the text parser would join them); true when it took the record.
   */
  #readPacked (records: unknown[], dialect: Dialect, first: number, count: number, firstLine: number): boolean {
    const packed = this.#packed!
    const bounds = this.#bounds!
    const source = packed.source
    const last = first + count - 1
    const start = bounds[2 * first]!
    if (start < 0) return false
    for (let i = first + 1; i <= last; i++) {
      const end = bounds[2 * i - 1]!
      if (bounds[2 * i] !== end + 1 || source[end] !== 10) return false
    }
    return this.#readBytes(records, dialect, start, bounds[2 * last + 1]!, count, firstLine)
  }

  /** Offers the record of `count` lines at bytes [start, end) of this batch's chunk to the dialect's byte reader. */
  #readBytes (records: unknown[], dialect: Dialect, start: number, end: number, count: number, firstLine: number): boolean {
    const packed = this.#packed!
    if (!dialect.packed!.read(packed.source, start, end, firstLine, this.context, packed, count)) return false
    if (count > 1) this.#packedClean = false
    records.push(PACKED)
    const stats = this.options.stats
    stats.dialects[dialect.id] = (stats.dialects[dialect.id] ?? 0) + 1
    return true
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

  /**
   * Parses one line given on its own (lines are numbered in the order they come). Returns the records it
   * completes: none for a blank line or while a record spanning lines is still open, and on a dialect's
   * first line after another's, the other's open record too.
   */
  parseItem (item: Line): LogRecord[] {
    const line = typeof item === 'string' ? bounded(withoutLineBreak(item), this.options.maxLine) : item
    const lineNumber = this.#nextItemLine++
    let dialect = this.#itemDialect
    if (typeof line === 'string' && this.options.dialect === undefined && !isBlank(line) && (dialect === undefined || !dialect.fits(line))) {
      dialect = bestDialectForLine(line) ?? dialect
      this.#itemDialect = dialect
    }
    const out: LogRecord[] = []
    try {
      this.#emit(new LineBatch([line], lineNumber, false, dialect, false, true), (batch) => {
        for (const record of batch.records) out.push(record)
      })
    } catch (err) {
      // A failure (see `failure`) after the records before it: they are returned, the caller raises it.
      if (err !== this.failure) throw err
    }
    return out
  }

  /** The records still open at the end of single-line input (see `parseItem`). */
  endItems (): LogRecord[] {
    const out: LogRecord[] = []
    this.#emitOpenRecord((batch) => {
      for (const record of batch.records) out.push(record)
    })
    return out
  }

  #whyUnread (line: Line): string {
    if (line instanceof OverlongLine) return `line is ${line.length} characters long, over the limit of ${this.options.maxLine}; it starts with the text kept here`
    return 'no dialect recognizes this line'
  }

  #reject (records: unknown[], lineNumber: number, reason: string, line: Line): void {
    const record = this.#rejectOne(lineNumber, reason, line)
    if (record !== undefined) records.push(record)
    // Ends the parse as onError 'fail' does (the same counts), with the rejected record passed on.
    if (this.stopAtRejected) throw this.#failureAt(lineNumber, reason)
  }

  #failureAt (lineNumber: number, reason: string): LogjsonError {
    const { filePath } = this.options
    return new LogjsonError('REJECTED_LINE', `${filePath ?? 'standard input'}, line ${lineNumber}: ${reason}`, { line: lineNumber, file: filePath })
  }

  #rejectOne (lineNumber: number, reason: string, line: Line): LogRecord | undefined {
    const { onError, filePath } = this.options
    if (onError === 'skip') return undefined
    if (onError === 'fail') throw this.#failureAt(lineNumber, reason)
    return rejectedRecord(lineNumber, reason, typeof line === 'string' ? line : line.start, filePath)
  }
}

/**
 * A Transform from lines to records. Accepts `LineBatch` chunks (from `createSplit` or `createDetect`),
 * emitting `RecordBatch` chunks; or single lines as strings (from any line splitter), emitting single records.
 */
export function createParse (options: Options | NormalizedOptions = {}, stage: ParseStageOptions = {}): Transform {
  const parser = new LineParser(options, stage)
  // Under stopAtRejected the failure is where the input stops being read, not an error.
  const raise = (failure: LogjsonError): LogjsonError | undefined => parser.stopAtRejected ? undefined : failure
  /** Lines came one by one: what is still open at the end goes out as single records too. */
  let singleLines = false
  return new Transform({
    objectMode: true,
    highWaterMark: BATCH_HIGH_WATER_MARK,
    transform (chunk: unknown, _encoding, callback) {
      // onError 'fail': the records before the rejected line have been passed on; the error is raised a
      // turn after them (below), or with this chunk if it comes first.
      if (parser.failure !== undefined) {
        callback(raise(parser.failure))
        return
      }
      try {
        if (chunk instanceof LineBatch) {
          parser.push(chunk, (records) => { if (records.length > 0) this.push(records) })
        } else if (typeof chunk === 'string' || chunk instanceof OverlongLine) {
          singleLines = true
          for (const record of parser.parseItem(chunk)) this.push(record)
        } else if (Buffer.isBuffer(chunk)) {
          singleLines = true
          for (const record of parser.parseItem(chunk.toString('utf8'))) this.push(record)
        } else {
          throw new LogjsonError('INVALID_CHUNK', `createParse expects lines (strings) or LineBatch chunks, got ${describe(chunk)}`)
        }
      } catch (err) {
        if (err !== parser.failure) {
          callback(err as Error)
          return
        }
      }
      callback()
      // Raised once the reader has taken the records before the line, rather than with a next chunk,
      // which a followed input may never send.
      const failure = parser.failure
      if (failure !== undefined && raise(failure) !== undefined) whenTaken(this, () => { if (!this.destroyed) this.destroy(failure) })
    },
    flush (callback) {
      // A failure found in the last chunk waits until the reader has taken the records before it.
      const fail = (failure: LogjsonError): void => { whenTaken(this, () => callback(raise(failure))) }
      if (parser.failure !== undefined) {
        fail(parser.failure)
        return
      }
      try {
        parser.end((batch) => {
          if (batch.length === 0) return
          if (!singleLines) this.push(batch)
          else for (const record of batch.records) this.push(record)
        })
        for (const record of parser.endItems()) this.push(record)
        if (parser.failure !== undefined) fail(parser.failure)
        else callback()
      } catch (err) {
        callback(err as Error)
      }
    }
  })
}

const LINE_BREAK = /\r?\n/

/**
 * Calls `then` once nothing is left in the stream's readable buffer: everything pushed has gone to the
 * reader (an error raised earlier would destroy the stream and drop what it still held).
 */
function whenTaken (stream: Transform, then: () => void): void {
  const check = (): void => {
    if (stream.destroyed || stream.readableLength === 0) then()
    else setTimeout(check, 5)
  }
  setImmediate(check)
}

/** A line given on its own, over `maxLine`, made what the splitter makes of such a line. */
function bounded (line: string, maxLine: number): Line {
  return line.length > maxLine ? new OverlongLine(line.slice(0, OVERLONG_START), line.length) : line
}

/** A line as a reader may give it, with its line break (LF, CRLF or a lone CR), without it. */
function withoutLineBreak (line: string): string {
  const last = line.charCodeAt(line.length - 1)
  if (last === 10) return line.slice(0, line.charCodeAt(line.length - 2) === 13 ? -2 : -1)
  if (last === 13) return line.slice(0, -1)
  return line
}

/** A parser kept for an options object, with the options' values it was made from. */
interface KeptParser { parser: LineParser, keys: string[], values: unknown[] }
const lineParsers = new WeakMap<object, KeptParser>()
let defaultParser: LineParser | undefined

/** The parser for `options`: the one made for the same object, unless a value of it has changed since. */
function lineParserFor (options: Options | undefined): LineParser {
  if (options === undefined) return (defaultParser ??= new LineParser({}))
  const keys = Object.keys(options)
  const kept = lineParsers.get(options)
  if (kept !== undefined && kept.keys.length === keys.length &&
    keys.every((key, i) => key === kept.keys[i] && Object.is((options as Record<string, unknown>)[key], kept.values[i]))) return kept.parser
  const parser = new LineParser(options)
  lineParsers.set(options, { parser, keys, values: keys.map((key) => (options as Record<string, unknown>)[key]) })
  return parser
}

function forgetLineParser (options: Options | undefined): void {
  if (options === undefined) defaultParser = undefined
  else lineParsers.delete(options)
}

/**
 * Parses and enriches one line (or one record whose lines are joined by line breaks): the record, a rejected record when no dialect reads it (an error with
 * `onError: 'fail'`, undefined with `'skip'`), or undefined for a blank line. An options object is
 * normalised once and reused while its values stay the same, so pass the same object for a run of lines;
 * each line is read on its own (nothing of one call changes the next one's record).
 */
export function parseLine (line: string, options?: Options, lineNumber = 1): LogRecord | undefined {
  if (typeof line !== 'string') throw new LogjsonError('INVALID_CHUNK', `parseLine expects a line (a string), got ${describe(line)}`)
  line = withoutLineBreak(line)
  const parser = lineParserFor(options)
  // Each call reads its line as if it were the first: a repeated hour is not told apart by an earlier call.
  parser.context.clock.forget()
  // A record that spans lines can be given whole, its lines joined by line breaks.
  const lines = line.includes('\n') ? line.split(LINE_BREAK) : [line]
  const dialect = parser.options.dialect ?? bestDialectForLine(lines[0]!)
  const batch = parser.parseBatch(new LineBatch(dialect?.join === undefined || lines.length === 1 ? [bounded(line, parser.options.maxLine)] : lines, lineNumber, false, dialect, false, true), true)
  if (parser.failure !== undefined) {
    // It stopped part-way through the line's record, which would otherwise open the next call's: the next
    // call gets a new parser.
    forgetLineParser(options)
    throw parser.failure
  }
  batch.enriched = true
  return batch.records[0]
}
