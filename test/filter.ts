import t from 'tap'
import { Readable } from 'node:stream'
import { createFilter, filterBatch, readingFields, timeBound, timeRange, allOf, RecordBatch, Stats, type LogRecord } from '../lib/index.js'
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

t.test('an expression string works as the predicate', async (t) => {
  const kept = await collect<LogRecord>(Readable.from(records).pipe(createFilter('event.outcome == "success"')))
  t.same(kept.map((r) => r.logjson?.line), [1, 3])
  t.throws(() => createFilter('event.outcome = "x"'), { code: 'INVALID_OPTION', column: 15 })
})

t.test('time ranges and combinations', async (t) => {
  const range = timeRange('2026-11-21T00:00:00.000Z', '2026-11-22T00:00:00.000Z')
  t.equal(range({ '@timestamp': '2026-11-21T10:00:00.000Z' }), true)
  t.equal(range({ '@timestamp': '2026-11-22T00:00:00.000Z' }), false, 'until is exclusive')
  t.equal(range({ '@timestamp': '2026-11-20T23:59:59.999Z' }), false)
  t.equal(range({}), false)
  t.equal(timeBound('2h', 'since', Date.UTC(2026, 10, 21, 12)), '2026-11-21T10:00:00.000Z')
  t.equal(timeBound('-2h', 'since', Date.UTC(2026, 10, 21, 12)), '2026-11-21T10:00:00.000Z', 'a minus says ago too')
  t.equal(timeBound('2026-11-21', 'since'), '2026-11-21T00:00:00.000Z')
  t.equal(timeBound('2026-11-21T10:00:00+02:00', 'since'), '2026-11-21T08:00:00.000Z')
  t.throws(() => timeBound('soon', 'until'), { code: 'INVALID_OPTION', option: 'until' })
  // Record times are whole milliseconds: a finer bound is rounded up, so that it keeps what it should.
  t.equal(timeBound('2026-11-21T10:00:00.0005Z', 'until'), '2026-11-21T10:00:00.001Z')
  t.equal(timeBound('2026-11-21T10:00:00.999999Z', 'since'), '2026-11-21T10:00:01.000Z')
  t.equal(timeBound('2026-11-21T10:00:00.1230+0130', 'since'), '2026-11-21T08:30:00.123Z')
  t.throws(() => timeBound('2026-11-21T10:00:60Z', 'since'), { code: 'INVALID_OPTION' })
  t.throws(() => timeBound('2026-11-21T10:00+99:99', 'since'), { code: 'INVALID_OPTION' }, 'no such offset')
  const both = allOf([(r) => r.message === 'a', (r) => r.logjson?.line === 1])
  t.equal(both({ message: 'a', logjson: { line: 1 } }), true)
  t.equal(both({ message: 'a', logjson: { line: 2 } }), false)
})

t.test('a predicate is required', async (t) => {
  t.throws(() => createFilter('outcome == failure' as never), { code: 'INVALID_OPTION' })
})

t.test('readingFields: the predicate is given the fields it names alone, whichever way the record comes', async (t) => {
  const seen: LogRecord[] = []
  const outcome = readingFields(['event.outcome', 'user'], (record) => {
    seen.push(record)
    // A field it does not name is missing, even where the whole record exists.
    t.equal(record.logjson, undefined)
    return record.event?.outcome === 'failure'
  })
  const whole: LogRecord = { event: { dataset: 'xferlog', outcome: 'failure', action: 'login' }, user: { name: 'u' }, logjson: { line: 9 } }
  t.equal(outcome(whole), true)
  t.strictSame(seen[0], { event: { outcome: 'failure' }, user: { name: 'u' } })
  const kept = await collect<LogRecord>(Readable.from(records).pipe(createFilter(outcome)))
  t.same(kept.map((r) => r.logjson?.line), [2, 3], 'what passes is the whole record')
  // In `--where`, `allOf` and time ranges alike.
  const both = allOf([outcome, timeRange('2020-01-01T00:00:00.000Z', undefined)])
  t.equal(both({ ...whole, '@timestamp': '2021-01-01T00:00:00.000Z' }), true)
  t.equal(both(whole), false)
})

t.test('readingFields refuses names that are not fields of the schema, and a predicate that is not a function', async (t) => {
  t.throws(() => readingFields(['event.nothing'], () => true), { code: 'INVALID_OPTION', option: 'fields' })
  t.throws(() => readingFields([], () => true), { code: 'INVALID_OPTION', option: 'fields' })
  t.throws(() => readingFields('event' as never, () => true), { code: 'INVALID_OPTION', option: 'fields' })
  t.throws(() => readingFields(['event'], 'event.outcome == "x"' as never), { code: 'INVALID_OPTION', option: 'predicate' })
  t.ok(readingFields(['cft.anything', 'event'], () => true), 'a key of a field the input names, and a group')
})
