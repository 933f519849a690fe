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

/** A batch as NDJSON text, each record newline-terminated; also counts parsed and rejected records. */
export function serializeBatch (batch: RecordBatch, counts?: { parsed: number }): string {
  const entries = batch.entries
  let out = ''
  let parsed = 0
  if (entries !== undefined) {
    const dialect = batch.dialect!
    const write = dialect.layout.writer(batch.enriched)
    const clean = batch.clean
    for (let i = 0; i < entries.length; i++) {
      const item = entries[i]
      if (dialect.isEntry(item)) {
        out += write(item, clean) + '\n'
        parsed++
      } else {
        out += JSON.stringify(item) + '\n'
      }
    }
  } else {
    const records = batch.records
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!
      out += JSON.stringify(record) + '\n'
      if (!isRejected(record)) parsed++
    }
  }
  if (counts !== undefined) counts.parsed += parsed
  return out
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
            const text = serializeBatch(chunk, counts)
            stats.records += counts.parsed
            this.push(text)
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
