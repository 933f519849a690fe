import t from 'tap'
import fc from 'fast-check'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { schema, createSerialize, RecordBatch, Stats, type LogRecord } from '../lib/index.js'
import { esMappings, esTemplate, indexNamer, documentId, documentIdOfBytes } from '../lib/elasticsearch.js'
import { projectRecord } from '../lib/serialize.js'
import { fixturesDir } from './helpers/records.js'

type Mapping = { type?: string, properties?: Record<string, Mapping> }

function mappingAt (mappings: Record<string, Mapping>, path: string[]): Mapping | undefined {
  let level: Record<string, Mapping> | undefined = mappings
  let found: Mapping | undefined
  for (const key of path) {
    found = level?.[key]
    level = found?.properties
  }
  return found
}

/** The fields of a record; a `flattened` field (an object of keys from input) is one leaf. */
function leaves (value: unknown, path: string[] = [], flattened: (path: string[]) => boolean = () => false): Array<[string[], unknown]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || (path.length > 0 && flattened(path))) return [[path, value]]
  return Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key], flattened))
}

const compatible: Record<string, (value: unknown) => boolean> = {
  keyword: (v) => typeof v === 'string',
  text: (v) => typeof v === 'string',
  ip: (v) => typeof v === 'string',
  date: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  long: (v) => Number.isSafeInteger(v),
  boolean: (v) => typeof v === 'boolean',
  flattened: (v) => typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number')
}

t.test('the template maps every schema field with its type', async (t) => {
  const mappings = esMappings() as Record<string, Mapping>
  for (const field of schema) t.equal(mappingAt(mappings, field.name.split('.'))?.type, field.type, field.name)
  const template = esTemplate({ indexPattern: 'ftp-*' }) as { index_patterns: string[], template: { mappings: { dynamic: boolean } } }
  t.same(template.index_patterns, ['ftp-*'])
  t.equal(template.template.mappings.dynamic, false)
  t.throws(() => esTemplate({ indexPattern: 'a b' }), { code: 'INVALID_OPTION' })
})

t.test('every field of every golden record is covered by the template with a compatible type', async (t) => {
  const mappings = esMappings() as Record<string, Mapping>
  let checked = 0
  for (const dialect of readdirSync(fixturesDir)) {
    for (const name of readdirSync(join(fixturesDir, dialect)).filter((n) => n.endsWith('.ndjson'))) {
      for (const line of readFileSync(join(fixturesDir, dialect, name), 'utf8').split('\n').filter(Boolean)) {
        for (const [path, value] of leaves(JSON.parse(line), [], (p) => mappingAt(mappings, p)?.type === 'flattened')) {
          const type = mappingAt(mappings, path)?.type
          const values = Array.isArray(value) ? value : [value]
          if (type === undefined || !values.every((v) => compatible[type]!(v))) t.fail(`${dialect}/${name}: ${path.join('.')} = ${JSON.stringify(value)} is not mapped as ${type ?? 'anything'}`)
          checked++
        }
      }
    }
  }
  t.ok(checked > 500, `${checked} fields checked`)
})

t.test('index names: date patterns from the record, invalid names refused', async (t) => {
  const record: LogRecord = { '@timestamp': '2026-11-21T10:00:00.000Z' }
  t.equal(indexNamer('ftp')(record), 'ftp')
  t.equal(indexNamer('ftp-{yyyy.MM.dd}')(record), 'ftp-2026.11.21')
  t.equal(indexNamer('ftp-{yyyy-MM}-x-{HH}')(record), 'ftp-2026-11-x-10')
  t.match(indexNamer('ftp-{yyyy}')({}), /^ftp-\d{4}$/)
  for (const bad of ['', 'FTP', 'a b', '_x', 'ftp-{yy}', 'a/b', 'a*']) t.throws(() => indexNamer(bad), { code: 'INVALID_OPTION', option: 'index' }, bad)
})

t.test('document ids depend on input, line number and line only', async (t) => {
  const id = documentId('a.log', 3, 'text')
  t.equal(id, documentId('a.log', 3, 'text'))
  t.not(id, documentId('b.log', 3, 'text'))
  t.not(id, documentId('a.log', 4, 'text'))
  t.not(id, documentId('a.log', 3, 'text!'))
  t.match(id, /^[A-Za-z0-9_-]{32}$/)
})

async function serialize (records: LogRecord[], options: Parameters<typeof createSerialize>[0]): Promise<string[]> {
  let text = ''
  for await (const chunk of Readable.from([new RecordBatch(records)]).pipe(createSerialize(options))) text += String(chunk)
  return text.split('\n').filter(Boolean)
}

const records: LogRecord[] = [
  { '@timestamp': '2026-11-21T10:00:00.000Z', event: { dataset: 'xferlog', outcome: 'success', original: 'line one' }, log: { file: { path: 'x.log' } }, logjson: { line: 1 } },
  { logjson: { line: 2, unparsed: true }, error: { type: 'parse', message: 'why' }, event: { original: 'bad line' } }
]

t.test('es-bulk: an action line before each document, stable ids, original dropped unless asked for', async (t) => {
  const stats = new Stats()
  const lines = await serialize(records, { format: 'es-bulk', index: 'ftp-{yyyy.MM.dd}', keepOriginal: false, stats })
  t.equal(lines.length, 4)
  const action = JSON.parse(lines[0]!) as { index: { _index: string, _id: string } }
  t.equal(action.index._index, 'ftp-2026.11.21')
  t.equal(action.index._id, documentId('x.log', 1, 'line one'))
  t.same(JSON.parse(lines[1]!), { '@timestamp': '2026-11-21T10:00:00.000Z', event: { dataset: 'xferlog', outcome: 'success' }, log: { file: { path: 'x.log' } }, logjson: { line: 1 } })
  t.same(JSON.parse(lines[3]!), records[1], 'rejected records keep the line')
  t.equal(stats.records, 1)
  const again = await serialize(records, { format: 'es-bulk', index: 'ftp-{yyyy.MM.dd}', keepOriginal: false })
  t.same(again, lines, 'the same input gives the same ids')
  const noId = await serialize(records, { format: 'es-bulk', index: 'ftp', id: false })
  t.same(JSON.parse(noId[0]!), { index: { _index: 'ftp' } })
  t.throws(() => createSerialize({ format: 'es-bulk' }), { code: 'INVALID_OPTION', option: 'index' })
  t.throws(() => createSerialize({ format: 'xml' as never }), { code: 'INVALID_OPTION', option: 'format' })
})

t.test('an id made from the bytes of a line is the id made from its text', async (t) => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.nat(), (input, line, number) => {
    t.equal(documentIdOfBytes(input, number, Buffer.from(line, 'utf8')), documentId(input, number, line))
    return true
  }), { numRuns: 300 })
  // Longer than the buffer it is put in at first.
  const long = 'x'.repeat(5000)
  t.equal(documentIdOfBytes('f.log', 7, Buffer.from(long)), documentId('f.log', 7, long))
})

t.test('--fields projection keeps the listed paths and their sub-fields', async (t) => {
  const record: LogRecord = { '@timestamp': 'x', event: { dataset: 'd', outcome: 'success', code: '1' }, file: { path: '/p', size: 1 } }
  t.same(projectRecord(record, [['@timestamp'], ['event', 'outcome'], ['file']]), { '@timestamp': 'x', event: { outcome: 'success' }, file: { path: '/p', size: 1 } })
  t.same(projectRecord(record, [['nope'], ['event', 'nope'], ['__proto__']]), {})
  const lines = await serialize(records, { fields: ['event.outcome'] })
  t.same(lines.map((line) => JSON.parse(line) as unknown), [{ event: { outcome: 'success' } }, records[1]])
  t.throws(() => createSerialize({ fields: ['a..b'] }), { code: 'INVALID_OPTION', option: 'fields' })
  t.throws(() => createSerialize({ fields: ['event.outcom'] }), { code: 'INVALID_OPTION', option: 'fields' })
  t.throws(() => createSerialize({ fields: [] }), { code: 'INVALID_OPTION', option: 'fields' })
  t.doesNotThrow(() => createSerialize({ fields: ['event', 'xferlog.access_mode', '@timestamp'] }))
  // Keys inside a field whose keys come from the input, as --where reads them.
  const cft: LogRecord = { event: { dataset: 'transfer-cft' }, cft: { part: 'PARIS', idf: 'BIN', idt: 'A1' } }
  t.same(JSON.parse((await serialize([cft], { fields: ['cft.part', 'cft.idf'] }))[0]!), { cft: { part: 'PARIS', idf: 'BIN' } })
  // A key of the line named `__proto__` is projected as any other, as an own property.
  const proto = JSON.parse('{"event":{"dataset":"transfer-cft"},"cft":{"__proto__":"x1","idf":"STOCK"}}') as LogRecord
  t.equal((await serialize([proto], { fields: ['cft.__proto__', 'cft.idf'] }))[0], '{"cft":{"__proto__":"x1","idf":"STOCK"}}')
  t.equal((await serialize([proto], { fields: ['cft.__proto__'] }))[0], '{"cft":{"__proto__":"x1"}}')
  t.throws(() => createSerialize({ fields: ['xferlog.access_mode.x'] }), { code: 'INVALID_OPTION', option: 'fields' }, 'below a field that is no object: no')
  t.throws(() => createSerialize({ fields: ['cft.'] }), { code: 'INVALID_OPTION', option: 'fields' }, 'nor an empty key')
})
