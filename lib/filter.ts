/**
 * Keeps the records a predicate accepts and counts the rest as filtered. Rejected records always pass:
 * what happens to them is `onError`'s decision, not the filter's.
 */
import { RecordBatch } from './batch.js'
import { LogjsonError } from './errors.js'
import { isRejected, type LogRecord } from './record.js'
import { Stats } from './stats.js'
import { recordTransform } from './stage.js'
import type { Transform } from 'node:stream'

export type Predicate = (record: LogRecord) => boolean

export interface FilterOptions {
  /** Counters to add filtered records to. */
  stats?: Stats
}

export function filterBatch (batch: RecordBatch, predicate: Predicate, stats: Stats): RecordBatch {
  const records = batch.records
  let kept: LogRecord[] | undefined
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!
    const keep = isRejected(record) || predicate(record)
    if (keep) {
      kept?.push(record)
    } else if (kept === undefined) {
      // The first drop: copy what was kept so far; until then the batch passes through untouched.
      kept = records.slice(0, i)
    }
  }
  if (kept === undefined) return batch
  stats.filtered += records.length - kept.length
  const filtered = new RecordBatch(kept, batch.dialect)
  filtered.enriched = batch.enriched
  return filtered
}

export function createFilter (predicate: Predicate, options: FilterOptions = {}): Transform {
  if (typeof predicate !== 'function') {
    throw new LogjsonError('INVALID_OPTION', 'createFilter expects a predicate function (record) => boolean', { option: 'filter' })
  }
  const stats = options.stats ?? new Stats()
  return recordTransform('createFilter', {
    batch: (batch) => filterBatch(batch, predicate, stats),
    record: (record) => {
      if (isRejected(record) || predicate(record)) return record
      stats.filtered++
      return undefined
    }
  })
}
