import t from 'tap'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { LineBatch, RecordBatch, LineParser, LineSplitter, createEnrich, createParse, createSerialize, createSplit, enrichBatch, findDialect, serializeBatchToBuffer, validateRecord, type LogRecord, type Options } from '../lib/index.js'
import { CleanCheck, bothClean, isCleanNow } from '../lib/batch.js'

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

t.test('whether a chunk is clean is worked out once, and only when asked', async (t) => {
  let asked = 0
  const yes = new CleanCheck(() => { asked++; return true })
  const no = new CleanCheck(() => { asked++; return false })
  t.equal(bothClean(false, yes), false)
  t.equal(bothClean(yes, true), yes)
  t.equal(bothClean(true, yes), yes)
  t.equal(bothClean(yes, yes), yes)
  const both = bothClean(yes, no)
  t.equal(asked, 0, 'combining asks nothing')
  t.equal(isCleanNow(both), false)
  t.equal(asked, 2)
  t.equal(yes.value, true)
  t.equal(new LineBatch(['x'], 1, no).clean, false)
  t.equal(asked, 2, 'each check runs once')
})

t.test('a batch its byte reader reads whole never scans its chunk for characters to escape', async (t) => {
  const cft = findDialect('transfer-cft')!
  const V24 = '<IDTU=A0000001 PART=USER1 IDF=FLOW01 IDT=C2610430 IDS=33000>'
  const chunk = (from: number): Buffer => Buffer.from([0, 1, 2].map((i) => `19/03/26 10:43:${String(from + i).padStart(2, '0')} CFTT57I Server transfer started ${V24}\n`).join(''))
  const run = (cleanness: (index: number) => boolean | CleanCheck): string[] => {
    const splitter = new LineSplitter()
    const parser = new LineParser({ tz: 'UTC' })
    return [0, 3, 6].map((from, index) => {
      const cut = splitter.push(chunk(from))!
      t.ok(cut.bytes !== undefined && cut.ascii)
      const batch = new LineBatch(cut.lines, cut.firstLine, cleanness(index), cft, cut.ascii, true, cut.bytes)
      return serializeBatchToBuffer(enrichBatch(parser.parseBatch(batch))).toString('latin1')
    })
  }
  let asked = 0
  // The first chunk teaches the reader its template; the record each chunk leaves open is read as text
  // with the next one.
  const lazily = run((index) => index === 0 ? true : new CleanCheck(() => { asked++; return true }))
  t.equal(asked, 0)
  t.same(lazily, run(() => true))
  t.equal(lazily[2]!.split('\n').length - 1, 3, 'the last chunk has the record the one before left open, and two of its own')
})

/** Runs chunks through the library's stages into bytes, enriched or not. */
async function convert (chunks: string[], options: Options, enrich = true): Promise<Buffer> {
  const stages: NodeJS.ReadWriteStream[] = [createSplit({ maxLine: options.maxLine }), createParse(options)]
  if (enrich) stages.push(createEnrich())
  const out: Buffer[] = []
  await pipeline(Readable.from(chunks.map((chunk) => Buffer.from(chunk, 'utf8'))), ...stages as [NodeJS.ReadWriteStream], createSerialize(),
    new Writable({ write (chunk: Buffer, _encoding, callback) { out.push(chunk); callback() } }))
  return Buffer.concat(out)
}

const validLines = (bytes: Buffer): unknown[] => {
  const text = bytes.toString('utf8')
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw new Error('not UTF-8')
  return text.trim().split('\n').map((line) => JSON.parse(line) as unknown)
}

t.test('records read from bytes, made entries again, are escaped as their text needs', async (t) => {
  // Without the enrich stage the serializer writes entries: those of records read from bytes carry the
  // quotes and backslashes of their lines in event.original.
  const quoted = '00 19/03/26 10:43:08 CFTT70I The user "us\\er1" is connecting with method Password\n'
  const plain = '00 19/03/26 10:43:08 CFTT70I The user user1 is connecting with method Password\n'
  const records = validLines(await convert([quoted + plain, quoted + plain], { dialect: 'transfer-cft', original: true, tz: 'UTC' }, false)) as Array<{ event: { original: string } }>
  t.same(records.map((record) => record.event.original), [quoted, plain, quoted, plain].map((line) => line.trimEnd()))
  // A record of several lines read from bytes has line feeds in event.original.
  const wrapped = '19/03/26 10:43:08 CFTT57I Server transfer started <IDTU=A0000001\n PART=USER1 IDF=FLOW01>\n'
  const joined = validLines(await convert([wrapped.repeat(3)], { dialect: 'transfer-cft', original: true, tz: 'UTC' }, false)) as Array<{ event: { original: string } }>
  t.same(joined.map((record) => record.event.original), Array(3).fill(wrapped.slice(0, -1)))
})

t.test('a batch of thousands of records read as text', async (t) => {
  // Each used to wrap the batch's check for characters to escape in one more, as deep as the records.
  const records = validLines(await convert(['CFTT57I PART=A IDF=B\n'.repeat(20_000)], { dialect: 'transfer-cft', tz: 'UTC' }))
  t.equal(records.length, 20_000)
})

t.test('a record carried from a chunk that is not ASCII stays UTF-8 in a batch read from bytes', async (t) => {
  const ascii = '00 19/03/26 10:43:08 CFTT70I The user user1 is connecting with method Password\n'
  const other = '00 19/03/26 10:43:08 CFTT70I The user usér2 is connecting with method Password\n'
  const records = validLines(await convert([ascii + ascii + other, ascii + ascii + ascii], { dialect: 'transfer-cft', tz: 'UTC' })) as Array<{ user: { name: string } }>
  t.same(records.map((record) => record.user.name), ['user1', 'user1', 'usér2', 'user1', 'user1', 'user1'])
})

t.test('the kept start of an over-long line that is not ASCII stays UTF-8', async (t) => {
  const start = 'I 20261121 09:01:00.000 é😀 ' + 'x'.repeat(40)
  const records = validLines(await convert([start, 'abc\n'], { dialect: 'expedat', maxLine: 30, tz: 'UTC' })) as Array<{ event: { original: string } }>
  t.equal(records.length, 1)
  t.equal(records[0]!.event.original, start + 'abc')
})
