/**
 * Records → NDJSON bytes, one write per batch.
 *
 * A batch still holding its parser's entries is written by the dialect's generated writer, without
 * building record objects. Record objects (a batch someone read, single records, rejected records) are
 * written with JSON.stringify, which is faster on arbitrary objects than any walker written in JavaScript.
 */
import { Transform } from 'node:stream'
import { BATCH_HIGH_WATER_MARK, PACKED, RecordBatch } from './batch.js'
import { LogjsonError } from './errors.js'
import { isRejected, type LogRecord } from './record.js'
import type { Stats } from './stats.js'
import { describe, isRecord } from './stage.js'
import { documentId, documentIdOfBytes, indexNamer } from './elasticsearch.js'
import { assertOptionsObject, fieldsOption, invalidOption, statsOption } from './options.js'
import { isWrittenText, type EntryWriter } from './layout.js'
import { PathTree, Projection, RecordWriter, originalMember, readFields, setOwn, type FieldPaths } from './written.js'

/** One record as one line of JSON, without the newline. */
export function serializeRecord (record: LogRecord): string {
  return JSON.stringify(record)
}

/**
 * Text is encoded in pieces of about this many characters. Concatenated strings are trees that V8 copies
 * into one flat string before encoding; a flat string past 128 KiB lives in the large-object space, where
 * making it costs several times more than the copy itself.
 */
const PIECE = 16 * 1024

/**
 * Writes a batch as NDJSON, each record newline-terminated, handing each piece of text to `emit`; counts
 * parsed records (rejected ones are not counted).
 */
function writeBatch (batch: RecordBatch, emit: (text: string) => void, counts?: { parsed: number }, stopAtRejected = false): void {
  const entries = batch.entries
  let out = ''
  let parsed = 0
  if (entries !== undefined) {
    const dialect = batch.dialect!
    const write = dialect.layout.writer(batch.enriched, batch.clean)
    for (let i = 0; i < entries.length; i++) {
      const item = entries[i]
      if (dialect.isEntry(item)) {
        out += write(item) + '\n'
        parsed++
      } else {
        if (stopAtRejected) stop(item as LogRecord, out, emit, counts, parsed)
        out += JSON.stringify(item) + '\n'
      }
      if (out.length > PIECE) {
        emit(out)
        out = ''
      }
    }
  } else {
    const records = batch.records
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!
      const rejected = isRejected(record)
      if (rejected && stopAtRejected) stop(record, out, emit, counts, parsed)
      out += JSON.stringify(record) + '\n'
      if (!rejected) parsed++
      if (out.length > PIECE) {
        emit(out)
        out = ''
      }
    }
  }
  if (out !== '') emit(out)
  if (counts !== undefined) counts.parsed += parsed
}

/**
 * Writes what came before a rejected record and raises the failure `--on-error fail` asks for: since the
 * serializer writes in order, every record before the rejected line is out before the error.
 */
function stop (record: LogRecord, out: string, emit: (text: string) => void, counts: { parsed: number } | undefined, parsed: number): never {
  if (out !== '') emit(out)
  if (counts !== undefined) counts.parsed += parsed
  const file = record.log?.file?.path
  const line = record.logjson?.line ?? 0
  throw new LogjsonError('REJECTED_LINE', `${file ?? 'standard input'}, line ${line}: ${record.error?.message ?? 'rejected'}`, { line, file })
}

/** A batch as NDJSON text, each record newline-terminated; also counts parsed records into `counts`. */
export function serializeBatch (batch: RecordBatch, counts?: { parsed: number }): string {
  let text = ''
  writeBatch(batch, (piece) => { text += piece }, counts)
  return text
}

/**
 * Output buffers are allocated in whole multiples of 64 KiB. Sized to each batch, they came in a new size
 * almost every time, and glibc's malloc (which serves buffers this large from its heap once one has been
 * freed) kept ever more of its heap split into pieces no later buffer fitted: a 4M-line ProFTPD log
 * peaked at some 104 MiB against 94 for 1M lines; in few sizes, 96 against 94.
 */
const sizeClass = (bytes: number): number => (bytes + 0xffff) & ~0xffff

/** Room left after a record for what its codec may store past its end (see `PackedCodec.write`). */
const STORE_PAST_END = 8

const QUOTE = 34
const LINE_FEED = 10

/** How long the records of the last batch written from bytes were, on average. */
let packedRecordLength = 512

/**
 * A batch with records read from bytes, as NDJSON bytes: those records are written by their codec straight
 * into the output, the others (rejected records, lines the codec left to the text parser) as text,
 * encoded byte for byte when the batch is all ASCII.
 */
function writePackedBatch (batch: RecordBatch, counts: { parsed: number } | undefined, stopAtRejected: boolean, emit: ((bytes: Buffer) => void) | undefined): Buffer {
  const { items, records } = batch.packed!
  const codec = batch.dialect!.packed!
  // Asked for when an entry needs it: whether the batch is clean is only worked out then.
  let write: EntryWriter<unknown> | undefined
  const latin1 = batch.ascii
  // A first guess at the size, from the length of the records of the last batch; room is checked again
  // before each item, and the buffer grown if need be. Eight bytes more than any item needs: the codec may
  // store up to seven past its end.
  let out = Buffer.allocUnsafe(sizeClass(Math.ceil(items.length * packedRecordLength * 1.25) + STORE_PAST_END))
  let view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  let at = 0
  const room = (length: number): void => {
    if (at + length + STORE_PAST_END <= out.length) return
    const grown = Buffer.allocUnsafe(sizeClass(Math.max(2 * out.length, at + length + STORE_PAST_END)))
    out.copy(grown, 0, 0, at)
    out = grown
    view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  }
  let next = 0
  let parsed = 0
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    if (item === PACKED) {
      room(codec.maxLength(records, next))
      at = codec.write(records, next++, view, at)
      parsed++
      continue
    }
    let text: string
    if (batch.dialect!.isEntry(item)) {
      write ??= batch.dialect!.layout.writer(true, batch.clean)
      text = write(item) + '\n'
      parsed++
    } else {
      if (stopAtRejected) {
        if (counts !== undefined) counts.parsed += parsed
        parsed = 0
        if (emit !== undefined && at > 0) emit(out.subarray(0, at))
        stop(item as LogRecord, '', () => {}, undefined, 0)
      }
      text = JSON.stringify(item) + '\n'
    }
    // Records read as text from lines that were not all ASCII (one carried from an earlier chunk, say)
    // make the batch's text UTF-8.
    if (latin1) {
      room(text.length)
      at += out.write(text, at, 'latin1')
    } else {
      room(Buffer.byteLength(text, 'utf8'))
      at += out.write(text, at, 'utf8')
    }
  }
  if (counts !== undefined) counts.parsed += parsed
  if (items.length > 0) packedRecordLength = Math.min(Math.max(at / items.length, 64), 4096)
  return out.subarray(0, at)
}

/** A batch as NDJSON bytes. Entries of an all-ASCII input are encoded byte for byte, faster than UTF-8. */
export function serializeBatchToBuffer (batch: RecordBatch, counts?: { parsed: number }, stopAtRejected = false, emit?: (bytes: Buffer) => void): Buffer {
  if (batch.enriched && batch.packed !== undefined) return writePackedBatch(batch, counts, stopAtRejected, emit)
  // Ask before writing: reading `records` would end the entries' fast path.
  const latin1 = batch.ascii && batch.entries !== undefined
  const pieces: string[] = []
  const bytes = (): Buffer => {
    if (!latin1) return pieces.length === 1 ? Buffer.from(pieces[0]!, 'utf8') : Buffer.concat(pieces.map((piece) => Buffer.from(piece, 'utf8')))
    // One character is one byte: the pieces go straight into one buffer, copied once.
    let total = 0
    for (const piece of pieces) total += piece.length
    const out = Buffer.allocUnsafe(total)
    let at = 0
    for (const piece of pieces) at += out.write(piece, at, 'latin1')
    return out
  }
  try {
    writeBatch(batch, (piece) => pieces.push(piece), counts, stopAtRejected)
  } catch (err) {
    // What was written before the failure still goes out.
    if (emit !== undefined && pieces.length > 0) emit(bytes())
    throw err
  }
  return bytes()
}

export type OutputFormat = 'ndjson' | 'es-bulk'
export const outputFormats: readonly OutputFormat[] = ['ndjson', 'es-bulk']

export interface SerializeOptions {
  /** Counters: parsed records written are added to `records`. */
  stats?: Stats
  /** `ndjson` (default): one record per line. `es-bulk`: an action line before each record, for `_bulk`. */
  format?: OutputFormat
  /** es-bulk: the index, which may hold date patterns such as `ftp-{yyyy.MM.dd}`. */
  index?: string
  /** es-bulk: give each document an id made from its input, line number and line (default true). */
  id?: boolean
  /** Keep only these dotted fields (and their sub-fields) in each record; rejected records stay whole. */
  fields?: readonly string[]
  /**
   * es-bulk ids need the raw line, so the parse stage is asked to keep it in `event.original`; this says
   * whether the documents keep it too (default true).
   */
  keepOriginal?: boolean
  /**
   * Stop at the first rejected record, after writing every record before it (`--on-error fail` through
   * the command, whose parse stage then emits rejected records): the output ends there, later chunks are
   * ignored, and the `REJECTED_LINE` error goes to `onStop` (or, without one, fails the stream).
   */
  stopAtRejected?: boolean
  onStop?: (failure: LogjsonError) => void
}

/** A record with only the given dotted paths, read through own properties only. */
export function projectRecord (record: LogRecord, paths: ReadonlyArray<readonly string[]>): LogRecord {
  const out: Record<string, unknown> = {}
  for (const path of paths) {
    let value: unknown = record
    for (const key of path) {
      value = typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined
      if (value === undefined) break
    }
    if (value === undefined) continue
    let target = out
    for (const key of path.slice(0, -1)) {
      const next = Object.hasOwn(target, key) ? target[key] : undefined
      if (typeof next === 'object' && next !== null) {
        target = next as Record<string, unknown>
      } else {
        const inner = {}
        setOwn(target, key, inner)
        target = inner
      }
    }
    // (Keys come from the lines too: `cft.__proto__` is a field like any other.)
    setOwn(target, path[path.length - 1]!, value)
  }
  return out as LogRecord
}

interface RecordWriterOptions {
  stopAtRejected: boolean
  format: OutputFormat
  index: ((record: LogRecord) => string) | undefined
  id: boolean
  fields: ReadonlyArray<readonly string[]> | undefined
  keepOriginal: boolean
}

/** NDJSON text for record objects, in the requested format and projection. */
function writeRecords (records: LogRecord[], options: RecordWriterOptions, counts: { parsed: number }, emit: (text: string) => void): string {
  let out = ''
  for (const record of records) {
    const rejected = isRejected(record)
    if (rejected && options.stopAtRejected) stop(record, out, emit, undefined, 0)
    if (!rejected) counts.parsed++
    let document = record
    if (options.format === 'es-bulk') {
      const original = record.event?.original
      if (!rejected) document = bulkDocument(record, original, options)
      const id = options.id ? documentId(record.log?.file?.path ?? '-', record.logjson?.line ?? 0, original ?? JSON.stringify(record)) : undefined
      out += actionLine(record, id, options)
    }
    if (options.fields !== undefined && !rejected) document = projectRecord(document, options.fields)
    out += JSON.stringify(document) + '\n'
  }
  return out
}

/** The record as `_bulk` gets it: without `event.original` unless it is kept (`--original`). */
function bulkDocument (record: LogRecord, original: string | undefined, options: RecordWriterOptions): LogRecord {
  if (options.keepOriginal || record.event === undefined || original === undefined) return record
  const { original: _, ...event } = record.event
  const document = { ...record }
  if (Object.keys(event).length > 0) document.event = event
  else delete document.event
  return document
}

/** The `_bulk` action line before a record, with its id (undefined: none), and its newline. */
function actionLine (record: LogRecord, id: string | undefined, options: RecordWriterOptions): string {
  // As JSON.stringify writes `{ index: { _index, _id } }`: the id is base64url, which needs no escapes.
  const index = JSON.stringify(options.index!(record))
  return id === undefined ? `{"index":{"_index":${index}}}\n` : `{"index":{"_index":${index},"_id":"${id}"}}\n`
}

/**
 * What the action line reads of a record read from bytes: its time (for the index) and its text (for the
 * id). The other two parts of the id are the codec's line number (`logjson.line` is the record's last
 * member: reading it would mean passing over all of it) and the file name, which the records of a batch
 * share (`log.file.path`, the layout's text: left out when empty or `-`).
 */
const BULK_FIELDS: FieldPaths = [['@timestamp'], ['event', 'original']]

/**
 * `writeRecords` for a batch still holding its parser's entries. Records read from bytes are written by
 * their codec, and what the format and the projection need of them is read back from that JSON (made into
 * objects, such records are read again by the text parser, several times what converting them costs). The
 * others are written as objects, one by one.
 */
function writeEntries (batch: RecordBatch, options: RecordWriterOptions, tree: PathTree, projection: Projection | undefined,
  writer: RecordWriter, counts: { parsed: number }, emit: (bytes: Buffer) => void): Buffer {
  const packed = batch.packed
  const items = packed?.items ?? batch.entries!
  const records = packed?.records
  const dialect = batch.dialect!
  const codec = dialect.packed!
  const bulk = options.format === 'es-bulk'
  const encoding = batch.ascii ? 'latin1' : 'utf8'
  const idPath = isWrittenText(records?.filePath) ? records.filePath : '-'
  const originalNode = tree.children.find((child) => child.name === 'event')?.children.find((child) => child.name === 'original')
  let out = Buffer.allocUnsafe(sizeClass(Math.ceil(items.length * packedRecordLength * 1.25)))
  let at = 0
  const room = (length: number): void => {
    if (at + length <= out.length) return
    const grown = Buffer.allocUnsafe(sizeClass(Math.max(2 * out.length, at + length)))
    out.copy(grown, 0, 0, at)
    out = grown
  }
  const put = (text: string): void => {
    room(encoding === 'latin1' ? text.length : Buffer.byteLength(text, encoding))
    at += out.write(text, at, encoding)
  }
  let next = 0
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    if (item !== PACKED) {
      const record = dialect.isEntry(item) ? dialect.layout.toRecord(item, batch.enriched) : item as LogRecord
      if (options.stopAtRejected && isRejected(record) && at > 0) {
        // What came before the record that stops the output goes out first.
        emit(out.subarray(0, at))
        out = Buffer.allocUnsafe(out.length)
        at = 0
      }
      put(writeRecords([record], options, counts, () => {}))
      continue
    }
    const index = next++
    const end = writer.write(codec, records!, index)
    const json = writer.bytes
    counts.parsed++
    const fields = readFields(json, 0, tree) as LogRecord
    if (projection !== undefined) {
      // (Read with the projection's tree, which locates every field.)
      room(projection.maxLength(end) + 1)
      at = projection.write(json, out, at)
      out[at++] = LINE_FEED
      continue
    }
    if (options.fields !== undefined) {
      // (The tree reads `event.original` and every field.)
      const original = bulk ? fields.event?.original : undefined
      if (bulk) {
        const id = options.id ? documentId(idPath, codec.lineNumber(records!, index), original ?? json.toString('latin1', 0, end)) : undefined
        put(actionLine(fields, id, options))
      }
      put(JSON.stringify(projectRecord(bulk ? bulkDocument(fields, original, options) : fields, options.fields)) + '\n')
      continue
    }
    // es-bulk without a projection: the record as its codec wrote it, but for its line (unless kept); the
    // id hashed from the line's bytes in the JSON, when they hold no escape.
    const originalAt = originalNode!.valueStart()
    let id: string | undefined
    if (options.id) {
      const line = codec.lineNumber(records!, index)
      if (originalAt < 0) id = documentId(idPath, line, json.toString('latin1', 0, end))
      else if (json[originalAt] === QUOTE && !originalNode!.escaped) id = documentIdOfBytes(idPath, line, json.subarray(originalAt + 1, originalNode!.to - 1))
      else id = documentId(idPath, line, JSON.parse(json.toString('latin1', originalAt, originalNode!.to)) as string)
    }
    put(actionLine(fields, id, options))
    const [from, to] = !options.keepOriginal && originalAt >= 0 ? originalMember(json, end, tree) : [end, end]
    room(end - (to - from) + 1)
    out.set(json.subarray(0, from), at)
    out.set(json.subarray(to, end + 1), at + from)
    at += end - (to - from) + 1
  }
  // (The first guess at the next batch's size: a record and its action line take more than a record.)
  if (items.length > 0) packedRecordLength = Math.min(Math.max(at / items.length, 64), 4096)
  return out.subarray(0, at)
}

/**
 * A Transform from records (`RecordBatch` chunks or single records) to NDJSON bytes: one write per chunk.
 */
export function createSerialize (options: SerializeOptions = {}): Transform {
  // Checked as normalizeOptions checks the parse options: a value of the wrong type is named, rather than
  // failing later as a TypeError, or being taken apart letter by letter (`fields: 'event'`).
  assertOptionsObject(options)
  const stats = statsOption(options.stats)
  if (options.index !== undefined && typeof options.index !== 'string') throw invalidOption('index', `expected an index name (a string), got ${String(options.index)}`)
  const fields = options.fields === undefined ? undefined : fieldsOption('fields', options.fields)
  const counts = { parsed: 0 }
  const format = options.format ?? 'ndjson'
  if (!outputFormats.includes(format)) throw new LogjsonError('INVALID_OPTION', `option format: expected one of ${outputFormats.join(', ')}, got ${JSON.stringify(format)}`, { option: 'format' })
  if (format === 'es-bulk' && options.index === undefined) throw new LogjsonError('INVALID_OPTION', 'option index: es-bulk output needs an index name', { option: 'index' })
  // Record objects are needed for another format or a projection; otherwise entries are written directly.
  const byRecord: RecordWriterOptions | undefined = format === 'ndjson' && fields === undefined
    ? undefined
    : {
        stopAtRejected: options.stopAtRejected ?? false,
        format,
        index: options.index === undefined ? undefined : indexNamer(options.index),
        id: options.id ?? true,
        fields,
        keepOriginal: options.keepOriginal ?? true
      }
  // What is read back of records written from bytes (see `writeEntries`).
  // es-bulk alone only needs to know where `event.original` is (to hash it, and to leave it out), and a
  // projection where its fields are (their text is copied); es-bulk with a projection reads them all.
  const projection = byRecord?.fields !== undefined && format !== 'es-bulk' ? new Projection(byRecord.fields) : undefined
  const tree = byRecord === undefined
    ? undefined
    : projection?.tree ?? (byRecord.fields === undefined
      ? PathTree.of([BULK_FIELDS[0]!], [BULK_FIELDS[1]!])
      : PathTree.of([...byRecord.fields, ...BULK_FIELDS]))
  const writer = new RecordWriter()
  let stopped = false
  return new Transform({
    writableObjectMode: true,
    writableHighWaterMark: BATCH_HIGH_WATER_MARK,
    transform (chunk: unknown, _encoding, callback) {
      if (stopped) {
        callback()
        return
      }
      try {
        if (chunk instanceof RecordBatch) {
          if (chunk.length > 0) {
            counts.parsed = 0
            const emit = (text: Buffer | string): void => { stats.records += counts.parsed; counts.parsed = 0; this.push(text) }
            const bytes = byRecord === undefined
              ? serializeBatchToBuffer(chunk, counts, options.stopAtRejected === true, emit)
              : chunk.hasEntries && (chunk.enriched || chunk.packed === undefined)
                ? writeEntries(chunk, byRecord, tree!, projection, writer, counts, emit)
                : writeRecords(chunk.records, byRecord, counts, emit)
            stats.records += counts.parsed
            this.push(bytes)
          }
        } else if (isRecord(chunk)) {
          counts.parsed = 0
          if (byRecord === undefined && options.stopAtRejected === true && isRejected(chunk as LogRecord)) stop(chunk as LogRecord, '', () => {}, undefined, 0)
          const text = byRecord === undefined ? JSON.stringify(chunk) + '\n' : writeRecords([chunk as LogRecord], byRecord, counts, (t) => this.push(t))
          if (byRecord === undefined && !isRejected(chunk as LogRecord)) counts.parsed++
          stats.records += counts.parsed
          this.push(text)
        } else {
          throw new LogjsonError('INVALID_CHUNK', `createSerialize expects records (objects) or RecordBatch chunks, got ${describe(chunk)}`)
        }
        callback()
      } catch (err) {
        if (err instanceof LogjsonError && err.code === 'REJECTED_LINE') {
          stopped = true
          if (options.onStop !== undefined) {
            this.push(null)
            options.onStop(err)
            callback()
          } else {
            // A turn of the event loop lets the reader take the records written before the failure.
            setImmediate(() => callback(err))
          }
          return
        }
        callback(err as Error)
      }
    }
  })
}
