import t from 'tap'
import { LineBatch, RecordBatch, LineParser, findDialect, validateRecord, type LogRecord } from '../lib/index.js'

const xferlog = findDialect('xferlog')!
const LINE = 'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ o r suporte ftp 0 * c'

t.test('a batch of record objects is what it holds', async (t) => {
  const records: LogRecord[] = [{ message: 'a' }, { message: 'b' }]
  const batch = new RecordBatch(records)
  t.equal(batch.records, records)
  t.equal(batch.length, 2)
  t.equal(batch.entries, undefined)
  t.equal(batch.clean, false)
  t.equal(batch.ascii, false)
  t.equal(batch.enriched, false)
})

t.test('a batch of entries makes its records once, and then keeps only them', async (t) => {
  const parsed = new LineParser({ tz: 'UTC' }).parseBatch(new LineBatch([LINE, 'junk'], 5, true, xferlog, true))
  t.equal(parsed.length, 2)
  t.equal(parsed.clean, true)
  t.equal(parsed.ascii, true)
  t.ok(parsed.entries !== undefined && xferlog.isEntry(parsed.entries[0]))
  parsed.enriched = true
  const first = parsed.records
  t.equal(parsed.records, first, 'made once')
  t.equal(parsed.entries, undefined)
  t.same(first.map((r) => r.logjson), [{ line: 5 }, { line: 6, unparsed: true }])
  t.equal(first[0]!.event?.action, 'download')
  for (const record of first) t.same(validateRecord(record), [])
})

t.test('line batches carry their numbering, flags and dialect', async (t) => {
  const batch = new LineBatch(['a', 'b'], 10, false, xferlog, true)
  t.same([batch.firstLine, batch.clean, batch.dialect, batch.ascii], [10, false, xferlog, true])
  t.same([new LineBatch([], 1, true).dialect, new LineBatch([], 1, true).ascii], [undefined, false])
})
