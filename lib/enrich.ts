/**
 * Codes and flags → words. What the words are is each dialect's layout (its `enriched` fields, read from
 * code tables); this stage marks a batch of entries as enriched, so that the words are written with it, or
 * adds them to record objects. Rejected records are left alone.
 */
import { RecordBatch } from './batch.js'
import { findDialect, type Dialect } from './dialects/index.js'
import { isRejected, type LogRecord } from './record.js'
import { recordTransform } from './stage.js'
import type { Transform } from 'node:stream'

export function enrichRecord (record: LogRecord, dialect?: Dialect): LogRecord {
  if (isRejected(record)) return record
  const owner = dialect ?? findDialect(record.event?.dataset ?? '')
  owner?.layout.enrichRecord(record)
  return record
}

export function enrichBatch (batch: RecordBatch): RecordBatch {
  if (batch.enriched) return batch
  if (!batch.hasEntries) {
    const records = batch.records
    const dialect = batch.dialect
    for (let i = 0; i < records.length; i++) enrichRecord(records[i]!, dialect)
  }
  batch.enriched = true
  return batch
}

/** A Transform that translates codes in place: `RecordBatch` → `RecordBatch`, or record → record. */
export function createEnrich (): Transform {
  return recordTransform('createEnrich', { batch: enrichBatch, record: enrichRecord })
}
