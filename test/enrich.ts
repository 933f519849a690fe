import t from 'tap'
import { Readable } from 'node:stream'
import { createEnrich, enrichBatch, enrichRecord, LineParser, LineBatch, findDialect, type LogRecord, RecordBatch } from '../lib/index.js'
import { assertSchema, collect } from './helpers/records.js'

const LINE = 'Tue Feb 14 23:59:59 2023 7 203.0.113.4 1048576 /incoming/archive.tar.Z b CT o g partner ftp 0 * i'
const xferlog = findDialect('xferlog')!

function parsed (): RecordBatch {
  return new LineParser({ tz: 'UTC' }).parseBatch(new LineBatch([LINE, 'junk'], 1, true, xferlog))
}

const words = {
  action: 'download',
  outcome: 'failure',
  xferlog: { transfer_type: 'binary', special_action: ['compressed', 'tar'], access_mode: 'guest', authentication_method: 'none' }
}

t.test('a batch of entries is marked, and its records carry the words', async (t) => {
  const batch = enrichBatch(parsed())
  t.equal(batch.enriched, true)
  const [record, rejected] = batch.records
  t.equal(record!.event?.action, words.action)
  t.equal(record!.event?.outcome, words.outcome)
  t.same(record!.xferlog, words.xferlog)
  t.equal(rejected!.logjson?.unparsed, true)
  t.equal(rejected!.event?.action, undefined)
  assertSchema(t, batch.records)
})

t.test('a batch of record objects is enriched in place', async (t) => {
  const batch = parsed()
  const records = batch.records
  t.equal(records[0]!.event?.action, undefined)
  enrichBatch(batch)
  t.equal(records[0]!.event?.action, words.action)
  t.same(records[0]!.xferlog, words.xferlog)
})

t.test('a single record is enriched by its dataset; others pass untouched', async (t) => {
  const record = parsed().records[0]!
  enrichRecord(record)
  enrichRecord(record)
  t.same(record.xferlog, words.xferlog)
  const foreign: LogRecord = { event: { dataset: 'elsewhere' }, message: 'x' }
  t.same(enrichRecord(foreign), { event: { dataset: 'elsewhere' }, message: 'x' })
})

t.test('createEnrich handles batches and single records', async (t) => {
  const [batch] = await collect<RecordBatch>(Readable.from([parsed()]).pipe(createEnrich()))
  t.equal(batch!.enriched, true)
  const [record] = await collect<LogRecord>(Readable.from([parsed().records[0]!]).pipe(createEnrich()))
  t.equal(record!.event?.outcome, 'failure')
  const stream = createEnrich()
  const failed = new Promise((resolve) => stream.once('error', resolve))
  stream.write('text')
  t.match(await failed, { code: 'INVALID_CHUNK' })
})
