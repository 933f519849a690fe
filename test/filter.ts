import t from 'tap'
import { Readable } from 'node:stream'
import { createFilter, filterBatch, RecordBatch, Stats, type LogRecord } from '../lib/index.js'
import { collect } from './helpers/records.js'

const records: LogRecord[] = [
  { event: { dataset: 'xferlog', outcome: 'success' }, logjson: { line: 1 } },
  { event: { dataset: 'xferlog', outcome: 'failure' }, logjson: { line: 2 } },
  { logjson: { line: 3, unparsed: true }, error: { type: 'parse', message: 'why' }, event: { original: '?' } }
]
const failures = (record: LogRecord): boolean => record.event?.outcome === 'failure'

t.test('keeps what the predicate accepts, always keeps rejected records, counts the rest', async (t) => {
  const stats = new Stats()
  const out = filterBatch(new RecordBatch(records), failures, stats)
  t.same(out.records.map((r) => r.logjson?.line), [2, 3])
  t.equal(stats.filtered, 1)
})

t.test('a batch nothing is dropped from passes through as it is', async (t) => {
  const batch = new RecordBatch(records)
  t.equal(filterBatch(batch, () => true, new Stats()), batch)
})

t.test('createFilter on single records and on batches', async (t) => {
  const stats = new Stats()
  const kept = await collect<LogRecord>(Readable.from(records).pipe(createFilter(failures, { stats })))
  t.same(kept.map((r) => r.logjson?.line), [2, 3])
  t.equal(stats.filtered, 1)
  const batches = await collect<RecordBatch>(Readable.from([new RecordBatch(records)]).pipe(createFilter(() => false)))
  t.same(batches[0]!.records.map((r) => r.logjson?.line), [3])
})

t.test('a predicate is required', async (t) => {
  t.throws(() => createFilter('outcome == failure' as never), { code: 'INVALID_OPTION' })
})
