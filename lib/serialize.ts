/**
 * Records → NDJSON bytes, one write per batch.
 *
 * A batch still holding its parser's entries is written by the dialect's generated writer, without
 * building record objects. Record objects (a batch someone read, single records, rejected records) are
 * written with JSON.stringify, which is faster on arbitrary objects than any walker written in JavaScript.
 */
import { Transform } from 'node:stream'
import { BATCH_HIGH_WATER_MARK, RecordBatch } from './batch.js'
import { LogjsonError } from './errors.js'
import { isRejected, type LogRecord } from './record.js'
import { Stats } from './stats.js'
import { describe } from './stage.js'

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
function writeBatch (batch: RecordBatch, emit: (text: string) => void, counts?: { parsed: number }): void {
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
      out += JSON.stringify(record) + '\n'
      if (!isRejected(record)) parsed++
      if (out.length > PIECE) {
        emit(out)
        out = ''
      }
    }
  }
  if (out !== '') emit(out)
  if (counts !== undefined) counts.parsed += parsed
}

/** A batch as NDJSON text, each record newline-terminated; also counts parsed records into `counts`. */
export function serializeBatch (batch: RecordBatch, counts?: { parsed: number }): string {
  let text = ''
  writeBatch(batch, (piece) => { text += piece }, counts)
  return text
}

/** A batch as NDJSON bytes. Entries of an all-ASCII input are encoded byte for byte, faster than UTF-8. */
export function serializeBatchToBuffer (batch: RecordBatch, counts?: { parsed: number }): Buffer {
  // Ask before writing: reading `records` would end the entries' fast path.
  const encoding = batch.ascii && batch.entries !== undefined ? 'latin1' : 'utf8'
  const pieces: Buffer[] = []
  writeBatch(batch, (piece) => pieces.push(Buffer.from(piece, encoding)), counts)
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces)
}

export interface SerializeOptions {
  /** Counters: parsed records written are added to `records`. */
  stats?: Stats
}

/**
 * A Transform from records (`RecordBatch` chunks or single records) to NDJSON bytes: one write per chunk.
 */
export function createSerialize (options: SerializeOptions = {}): Transform {
  const stats = options.stats ?? new Stats()
  const counts = { parsed: 0 }
  return new Transform({
    writableObjectMode: true,
    writableHighWaterMark: BATCH_HIGH_WATER_MARK,
    transform (chunk: unknown, _encoding, callback) {
      try {
        if (chunk instanceof RecordBatch) {
          if (chunk.length > 0) {
            counts.parsed = 0
            const bytes = serializeBatchToBuffer(chunk, counts)
            stats.records += counts.parsed
            this.push(bytes)
          }
        } else if (typeof chunk === 'object' && chunk !== null && !Array.isArray(chunk) && !Buffer.isBuffer(chunk)) {
          const text = JSON.stringify(chunk) + '\n'
          if (!isRejected(chunk as LogRecord)) stats.records++
          this.push(text)
        } else {
          throw new LogjsonError('INVALID_CHUNK', `createSerialize expects records (objects) or RecordBatch chunks, got ${describe(chunk)}`)
        }
        callback()
      } catch (err) {
        callback(err as Error)
      }
    }
  })
}
