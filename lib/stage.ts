/**
 * The thin stream around a record stage's pure function. Batches in give batches out (the pipeline's
 * fast path); single records in give single records out (a stage used on its own).
 */
import { Transform } from 'node:stream'
import { BATCH_HIGH_WATER_MARK, RecordBatch } from './batch.js'
import { LogjsonError } from './errors.js'
import type { LogRecord } from './record.js'

export interface RecordStage {
  batch (batch: RecordBatch): RecordBatch | undefined
  record (record: LogRecord): LogRecord | undefined
}

export function recordTransform (name: string, stage: RecordStage): Transform {
  return new Transform({
    objectMode: true,
    highWaterMark: BATCH_HIGH_WATER_MARK,
    transform (chunk: unknown, _encoding, callback) {
      try {
        if (chunk instanceof RecordBatch) {
          const out = stage.batch(chunk)
          if (out !== undefined && out.length > 0) this.push(out)
        } else if (isRecord(chunk)) {
          const out = stage.record(chunk)
          if (out !== undefined) this.push(out)
        } else {
          throw new LogjsonError('INVALID_CHUNK', `${name} expects records (objects) or RecordBatch chunks, got ${describe(chunk)}`)
        }
        callback()
      } catch (err) {
        callback(err as Error)
      }
    }
  })
}

/**
 * Whether a chunk can be a record: a plain object (as parsers and `JSON.parse` make them). Bytes, line
 * batches, dates, maps and the like are objects too, but written as records they would come out as
 * something else (a Uint8Array as an object of numbered bytes, a Map as `{}`).
 */
export function isRecord (chunk: unknown): chunk is LogRecord {
  if (typeof chunk !== 'object' || chunk === null) return false
  const prototype = Object.getPrototypeOf(chunk) as unknown
  return prototype === Object.prototype || prototype === null
}

export function describe (chunk: unknown): string {
  if (chunk === null) return 'null'
  if (Array.isArray(chunk)) return 'an array'
  if (Buffer.isBuffer(chunk)) return 'a Buffer'
  if (typeof chunk === 'object') {
    const name = (chunk as { constructor?: { name?: unknown } }).constructor?.name
    if (typeof name === 'string' && name !== '' && name !== 'Object') return `a ${name}`
  }
  return typeof chunk
}
