import t from 'tap'
import { Readable } from 'node:stream'
import { assertSchema } from './helpers/records.js'
import { serializeBatchToBuffer, createSerialize, serializeBatch, serializeRecord, enrichBatch, LineParser, LineBatch, RecordBatch, Stats, findDialect, type LogRecord } from '../lib/index.js'

const xferlog = findDialect('xferlog')!
const LINES = [
  'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ o r suporte ftp 0 * c',
  'junk "with quotes"',
  'Fri Nov 20 10:11:12 1998 2 oldhost 1000 /pub/legacy.tgz b CT i a ftp@ ftps 1 id'
]

function batchOf (lines: string[], clean: boolean): RecordBatch {
  return enrichBatch(new LineParser({ tz: 'UTC' }).parseBatch(new LineBatch(lines, 1, clean, xferlog)))
}

t.test('a batch of entries is written as its records would be', async (t) => {
  const fast = serializeBatch(batchOf(LINES, false))
  const records = batchOf(LINES, false).records
  assertSchema(t, records)
  const slow = records.map((r) => JSON.stringify(r) + '\n').join('')
  t.equal(fast, slow)
  t.equal(fast.split('\n').length, 4)
})

t.test('bytes: latin1 for ASCII entries, UTF-8 otherwise, the same text either way', async (t) => {
  const ascii = enrichBatch(new LineParser({ tz: 'UTC' }).parseBatch(new LineBatch([LINES[0]!], 1, true, xferlog, true)))
  t.equal(serializeBatchToBuffer(ascii).toString('utf8'), serializeBatch(batchOf([LINES[0]!], true)))
  const accented = LINES[0]!.replace('file1', 'fiché')
  const utf8 = enrichBatch(new LineParser({ tz: 'UTC' }).parseBatch(new LineBatch([accented], 1, true, xferlog, false)))
  const bytes = serializeBatchToBuffer(utf8)
  t.equal((JSON.parse(bytes.toString('utf8')) as { file: { path: string } }).file.path, '/home/test/fiché.tgz')
  // Many records: the text is encoded in pieces and joined.
  const many = enrichBatch(new LineParser({ tz: 'UTC' }).parseBatch(new LineBatch(Array(500).fill(LINES[0]), 1, true, xferlog, true)))
  t.equal(serializeBatchToBuffer(many).toString().split('\n').length, 501)
})

t.test('counts parsed records, not rejected ones', async (t) => {
  const counts = { parsed: 0 }
  serializeBatch(batchOf(LINES, false), counts)
  t.equal(counts.parsed, 2)
  const objects = batchOf(LINES, false)
  void objects.records
  counts.parsed = 0
  serializeBatch(objects, counts)
  t.equal(counts.parsed, 2)
})

t.test('records changed by a user stage are written as changed', async (t) => {
  const batch = batchOf([LINES[0]!], true)
  const record = batch.records[0]!
  record.message = 'added "later"'
  delete record.xferlog
  const text = serializeBatch(batch)
  t.same(JSON.parse(text), JSON.parse(JSON.stringify(record)))
})

t.test('single records', async (t) => {
  const record: LogRecord = { message: 'x"y', logjson: { line: 1 } }
  t.equal(serializeRecord(record), JSON.stringify(record))
})

t.test('createSerialize writes one chunk per batch and counts records', async (t) => {
  const stats = new Stats()
  const serialize = createSerialize({ stats })
  const chunks: Buffer[] = []
  serialize.on('data', (chunk: Buffer) => chunks.push(chunk))
  await new Promise((resolve) => { serialize.on('end', resolve); Readable.from([batchOf(LINES, false), { message: 'one' }]).pipe(serialize) })
  t.equal(chunks.length, 2)
  t.equal(stats.records, 3)
  t.equal(chunks[1]!.toString(), '{"message":"one"}\n')
  const stream = createSerialize()
  const failed = new Promise((resolve) => stream.once('error', resolve))
  stream.write('text')
  t.match(await failed, { code: 'INVALID_CHUNK' })
})

t.test('objects that are not records are refused, by the serializer and the record stages alike', async (t) => {
  const { createEnrich, createFilter } = await import('../lib/index.js')
  const stages = { createSerialize: () => createSerialize(), createEnrich, createFilter: () => createFilter(() => true) }
  const notRecords = [new Uint8Array([104, 105]), Buffer.from('hi'), new Date(0), new Map(), new LineBatch(['x'], 1, false), ['a']]
  for (const [name, make] of Object.entries(stages)) {
    for (const chunk of notRecords) {
      const stream = make()
      const failed = new Promise<unknown>((resolve) => stream.once('error', resolve))
      stream.write(chunk)
      t.match(await failed, { code: 'INVALID_CHUNK', message: new RegExp(`^${name} expects records`) }, `${name}: ${Object.prototype.toString.call(chunk)}`)
    }
    // A record made without a prototype is still a record.
    const bare = Object.assign(Object.create(null) as LogRecord, { message: 'bare' })
    const out = await new Promise<unknown>((resolve, reject) => { const stream = make(); stream.once('data', resolve); stream.once('error', reject); stream.write(bare) })
    t.ok(out !== undefined, `${name}: a record without a prototype passes`)
  }
})
