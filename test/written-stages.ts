import t from 'tap'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable, Transform, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createSplit, createDetect, createParse, createEnrich, createFilter, createSerialize, normalizeOptions, readingFields, RecordBatch, Stats } from '../lib/index.js'
import { compileExpression } from '../lib/expression.js'
import { allOf, timeRange, type Predicate } from '../lib/filter.js'
import { readingOnly } from '../lib/written.js'
import type { LogRecord } from '../lib/record.js'
import type { OutputFormat } from '../lib/serialize.js'
import { projectRoot } from '../scripts/mutate.js'
import { shellEnv } from './helpers/command.js'

// Records read from bytes are filtered, projected and given `_bulk` action lines from the JSON their codec
// writes (lib/written.ts); made into objects, they would be read again by the text parser. Both must write
// the same bytes and count the same: each case runs twice, the second time with a stage that makes every
// batch's records objects before the filter.

const DIALECTS = ['xferlog', 'eft-client', 'proftpd', 'transfer-cft', 'expedat']

/** The dialect's test fixtures and 2,000 lines of its benchmark generator, rejected lines among them. */
function inputOf (dialect: string): string {
  const fixtures = join(projectRoot, 'test', 'fixtures', dialect)
  const logs = readdirSync(fixtures).filter((name) => name.endsWith('.log') && !name.includes('crlf')).map((name) => readFileSync(join(fixtures, name), 'latin1'))
  const generated = spawnSync(process.execPath, [join(projectRoot, 'benchmarks', `generate-${dialect}.js`), '2000'], { encoding: 'latin1', maxBuffer: 1 << 26, env: shellEnv })
  if (generated.status !== 0) throw new Error(`generate-${dialect}.js: ${generated.stderr}`)
  // The generated lines twice: proftpd and transfer-cft make a template on a shape's second sighting.
  return [generated.stdout, ...logs, generated.stdout].map((text) => text.endsWith('\n') ? text : text + '\n').join('')
}

interface Case {
  where?: string
  since?: string
  until?: string
  fields?: string[]
  format?: OutputFormat
  id?: boolean
  original?: boolean
  fail?: boolean
  /** The filter drops some records and keeps others, in every dialect's input. */
  drops?: boolean
  /** Without the enrich stage: codes stay codes (records read from bytes are then made objects). */
  raw?: boolean
  /** `log.file.path` (and the ids' file name). */
  file?: string
  /** A predicate function of a user's, which names the fields it reads (`readingFields`). */
  reads?: { fields: string[], keep: Predicate }
}

const CASES: Case[] = [
  { where: 'event.outcome == "failure"', drops: true },
  { where: 'exists user.name and not (source.ip =~ /^10\\./)', since: '2001-01-01', until: '2030-01-01T12:00Z' },
  { where: 'file.size > 1000 or event.action in ["login", "logout", "download"] or exists cft.idf' },
  { where: 'event.original =~ /[13579] /', original: true, drops: true },
  { fields: ['@timestamp', 'event.action', 'user.name', 'file'] },
  { fields: ['event', 'event.action', 'logjson'], where: 'log.level != "info"' },
  { format: 'es-bulk' },
  { format: 'es-bulk', file: 'logs/x.log' },
  { format: 'es-bulk', file: '-' },
  { format: 'es-bulk', original: true, where: 'event.outcome == "success"', file: 'x' },
  { format: 'es-bulk', id: false },
  { format: 'es-bulk', fields: ['event.original', 'source', '@timestamp'], file: 'logs/x.log' },
  { format: 'es-bulk', fields: ['log'], file: '-' },
  { format: 'es-bulk', fields: ['event'], original: true },
  { format: 'es-bulk', fail: true },
  { fields: ['message'], fail: true },
  { where: 'event.outcome == "failure" or exists user.name', fields: ['event', 'log.level'], raw: true },
  { reads: { fields: ['event.outcome', 'user'], keep: (record) => record.event?.outcome === 'failure' || record.user?.name !== undefined }, drops: true },
  { reads: { fields: ['file', 'source.ip'], keep: (record) => (record.file?.size ?? 0) > 1000 || record.source?.ip?.includes(':') === true }, format: 'es-bulk', file: 'x' },
  { reads: { fields: ['cft', 'event'], keep: (record) => record.cft == null || Object.keys(record.cft).length > 3 }, since: '2001-01-01', fields: ['cft', '@timestamp'] }
]

/** A sink keeping what it is given. */
function sinkInto (chunks: Buffer[]): Writable {
  return new Writable({
    write (chunk: Buffer, _encoding, callback) {
      chunks.push(chunk)
      callback()
    }
  })
}

/** Makes every batch's records objects: what a user's stage that reads them does. */
function materialize (): Transform {
  return new Transform({
    objectMode: true,
    transform (chunk: unknown, _encoding, callback) {
      if (chunk instanceof RecordBatch) void chunk.records
      callback(null, chunk)
    }
  })
}

async function convert (input: string, dialect: string, options: Case, objects: boolean): Promise<{ out: string, stats: Stats, error: string | undefined }> {
  const stats = new Stats()
  const bulk = options.format === 'es-bulk'
  const parse = normalizeOptions({ tz: 'UTC', dialect, stats, original: options.original === true || (bulk && options.id !== false), onError: 'emit', filePath: options.file })
  const predicates: Predicate[] = []
  if (options.where !== undefined) predicates.push(compileExpression(options.where))
  if (options.since !== undefined || options.until !== undefined) predicates.push(timeRange(options.since && new Date(options.since).toISOString(), options.until && new Date(options.until).toISOString()))
  // Given whole records, the user's predicate must judge as it does given the fields it names.
  if (options.reads !== undefined) predicates.push(objects ? options.reads.keep : readingFields(options.reads.fields, options.reads.keep))
  const stages: NodeJS.ReadWriteStream[] = [createSplit(), createDetect(parse), createParse(parse, { stopAtRejected: options.fail === true })]
  if (options.raw !== true) stages.push(createEnrich())
  if (objects) stages.push(materialize())
  if (predicates.length > 0) stages.push(createFilter(allOf(predicates), { stats }))
  let error: string | undefined
  stages.push(createSerialize({
    stats,
    format: options.format,
    index: bulk ? 'ftp-{yyyy.MM.dd-HH}' : undefined,
    id: options.id,
    fields: options.fields,
    keepOriginal: options.original === true,
    stopAtRejected: options.fail === true,
    onStop: (failure) => { error = failure.message }
  }))
  const chunks: Buffer[] = []
  // Chunks of 7,919 bytes: lines cut by chunk boundaries, and many batches.
  const bytes = Buffer.from(input, 'latin1')
  const pieces = Array.from({ length: Math.ceil(bytes.length / 7919) }, (_, k) => bytes.subarray(7919 * k, 7919 * (k + 1)))
  try {
    await pipeline([Readable.from(pieces), ...stages, sinkInto(chunks)])
  } catch (err) {
    // Stopped at a rejected line: the serializer ends its output, and the stages before it are cut off.
    if (error === undefined) throw err
  }
  return { out: Buffer.concat(chunks).toString('latin1'), stats, error }
}

// Counts the batches someone made into objects: none, when they are read from bytes all the way.
const recordsGetter = Object.getOwnPropertyDescriptor(RecordBatch.prototype, 'records')!
let madeObjects = 0
Object.defineProperty(RecordBatch.prototype, 'records', {
  ...recordsGetter,
  get (this: RecordBatch) {
    madeObjects++
    return recordsGetter.get!.call(this) as unknown
  }
})
t.teardown(() => { Object.defineProperty(RecordBatch.prototype, 'records', recordsGetter) })

t.test('a predicate that says what it reads is given only that', async (t) => {
  const seen: string[][] = []
  const predicate = readingOnly((record: LogRecord) => { seen.push(Object.keys(record)); return record.event?.action !== 'login' }, [['event', 'action']])
  const input = inputOf('proftpd')
  const before = madeObjects
  const stats = new Stats()
  const options = normalizeOptions({ tz: 'UTC', dialect: 'proftpd', stats })
  const out: Buffer[] = []
  await pipeline([Readable.from([Buffer.from(input, 'latin1')]), createSplit(), createDetect(options), createParse(options), createEnrich(),
    createFilter(predicate, { stats }), createSerialize({ stats }), sinkInto(out)])
  t.equal(madeObjects, before, 'no batch made into objects')
  t.ok(seen.filter((keys) => keys.length === 1 && keys[0] === 'event').length > 1000, 'records read from bytes: their event alone')
  t.ok(stats.filtered > 0)
})

for (const dialect of DIALECTS) {
  t.test(`${dialect}: filters, projections and action lines read from the written JSON, as from objects`, async (t) => {
    const input = inputOf(dialect)
    for (const options of CASES) {
      const label = JSON.stringify(options)
      const before = madeObjects
      const fromBytes = await convert(input, dialect, options, false)
      // (Stopped at a rejected line, the stages may have read a batch or two past it, as objects or not.)
      if (options.fail !== true && options.raw !== true) t.equal(madeObjects, before, `${label}: no batch made into objects`)
      const fromObjects = await convert(input, dialect, options, true)
      t.ok(fromBytes.out.length > 0, `${label}: writes something`)
      t.equal(fromBytes.out, fromObjects.out, `${label}: the same output`)
      t.strictSame(fromBytes.stats, fromObjects.stats, `${label}: the same counts`)
      t.equal(fromBytes.error, fromObjects.error, `${label}: the same stop`)
      const { lines, records, joined, filtered, rejected } = fromBytes.stats
      if (options.fail !== true) t.equal(lines, records + joined + filtered + rejected, `${label}: every line counted`)
      if (options.drops === true) t.ok(filtered > 0 && records > 0, `${label}: keeps some records and drops others`)
    }
  })
}
