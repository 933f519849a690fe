import t from 'tap'
import fc from 'fast-check'
import { PathTree, readFields, originalMember, fieldsRead, readingOnly, valueEnd, Projection, type FieldPaths } from '../lib/written.js'
import { projectRecord } from '../lib/serialize.js'
import type { LogRecord } from '../lib/record.js'
import { compileExpression } from '../lib/expression.js'
import { allOf, timeRange } from '../lib/filter.js'

/** What `readFields` must give: the fields at `paths` of the parsed record, and the objects on their way. */
function expected (record: unknown, paths: FieldPaths): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const ends = paths.filter((path) => path.length > 0)
  for (const path of ends) {
    let from: unknown = record
    let into = out
    for (let k = 0; k < path.length; k++) {
      const key = path[k]!
      if (typeof from !== 'object' || from === null || Array.isArray(from) || !Object.hasOwn(from, key)) break
      from = (from as Record<string, unknown>)[key]
      // A path that is the start of another whole one: that one's value is taken whole.
      const whole = k === path.length - 1 || ends.some((other) => other.length === k + 1 && other.every((part, i) => part === path[i]))
      if (whole) {
        Object.defineProperty(into, key, { value: from, enumerable: true, writable: true, configurable: true })
        break
      }
      if (typeof from !== 'object' || from === null || Array.isArray(from)) break
      if (!Object.hasOwn(into, key)) Object.defineProperty(into, key, { value: {}, enumerable: true, writable: true, configurable: true })
      into = into[key] as Record<string, unknown>
    }
  }
  return out
}

const record = {
  '@timestamp': '2026-10-24T22:00:01.000Z',
  event: { dataset: 'proftpd', action: 'login', original: 'a "quoted" \\ line\twith {braces} and [brackets]' },
  log: { level: 'info', file: { path: 'x.log' } },
  source: { ip: '2001:db8::77' },
  list: [1, { a: '}' }, ['"]']],
  __proto__x: 1,
  'we"ird\\key': { 'in\nner': true },
  nothing: null,
  no: false,
  size: -1.5e-7,
  empty: {},
  logjson: { line: 12 }
}
const json = Buffer.from(JSON.stringify(record) + '\n', 'latin1')

t.test('reads the fields asked for, and nothing else', async (t) => {
  const cases: FieldPaths[] = [
    [['event', 'action']],
    [['@timestamp'], ['logjson', 'line']],
    [['event']],
    [['event', 'original'], ['event']],
    [['log', 'file', 'path'], ['log', 'level']],
    [['list'], ['nothing'], ['no'], ['size'], ['empty']],
    [['we"ird\\key', 'in\nner']],
    [['missing'], ['event', 'missing'], ['source', 'ip', 'deeper'], ['list', '0']],
    [['empty', 'x']],
    []
  ]
  for (const paths of cases) {
    t.strictSame(readFields(json, 0, PathTree.of(paths)), expected(record, paths), JSON.stringify(paths))
  }
  const read = readFields(json, 0, PathTree.of([['source', 'ip', 'deeper']]))
  t.strictSame(read, { source: {} }, 'a path through a value that is no object finds nothing below it')
})

t.test('a key named __proto__ is an own property, as JSON.parse makes it', async (t) => {
  const text = Buffer.from('{"a":1,"__proto__":{"polluted":true},"b":{"__proto__":"x"}}', 'latin1')
  const read = readFields(text, 0, PathTree.of([['a'], ['__proto__'], ['b', '__proto__']]))
  t.strictSame(read, JSON.parse(text.toString('latin1')))
  t.strictSame(Object.keys(read), ['a', '__proto__', 'b'])
  t.equal(Object.getPrototypeOf(read), Object.prototype)
  t.equal(({} as Record<string, unknown>)['polluted'], undefined)
})

t.test('reads what JSON.parse reads, on the JSON.stringify text of any ASCII object, for any paths', async (t) => {
  const key = fc.constantFrom('a', 'b', 'event', 'original', '__proto__', 'x"y', 'k\\', '', 'c\u0001')
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true },
      fc.string({ unit: 'binary-ascii' }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
      fc.array(tie('node'), { maxLength: 3 }), tie('object')),
    object: fc.dictionary(key, tie('node'), { maxKeys: 4 })
  }))
  const paths = fc.array(fc.array(key, { minLength: 1, maxLength: 3 }), { maxLength: 4 })
  fc.assert(fc.property(value.object, paths, (object, wanted) => {
    const text = Buffer.from(JSON.stringify(object), 'latin1')
    const parsed = JSON.parse(text.toString('latin1')) as unknown
    t.strictSame(readFields(text, 0, PathTree.of(wanted)), expected(parsed, wanted))
    return true
  }), { numRuns: 500 })
})

/** `text` projected on `paths` by `Projection`, written between bytes that must stay as they are. */
function projected (text: string, paths: FieldPaths): string {
  const bytes = Buffer.from(text, 'latin1')
  const projection = new Projection(paths)
  readFields(bytes, 0, projection.tree)
  const out = Buffer.alloc(projection.maxLength(bytes.length) + 2, 0x2a)
  const end = projection.write(bytes, out, 1)
  if (out[0] !== 0x2a || out.subarray(end).some((byte) => byte !== 0x2a)) throw new Error('wrote outside its room')
  return out.toString('latin1', 1, end)
}

t.test('a projection made of the text of the values is the one projectRecord makes, on any ASCII object and any paths', async (t) => {
  const key = fc.constantFrom('a', 'b', 'event', 'original', '__proto__', 'x"y', 'k\\', '')
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true },
      fc.string({ unit: 'binary-ascii' }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('node'), { maxLength: 3 }), tie('object')),
    object: fc.dictionary(key, tie('node'), { maxKeys: 4 })
  }))
  // Few keys, so that paths often share a start, or are the start of one another.
  const paths = fc.array(fc.array(fc.constantFrom('a', 'b', '__proto__'), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 })
  fc.assert(fc.property(value.object, paths, (object, wanted) => {
    const text = JSON.stringify(object)
    t.equal(projected(text, wanted), JSON.stringify(projectRecord(JSON.parse(text) as LogRecord, wanted)), `${text} ${JSON.stringify(wanted)}`)
    return true
  }), { numRuns: 500 })
  // A path below one taken whole, before and after it; a path that repeats; one that is missing.
  for (const wanted of [[['event', 'action'], ['event']], [['event'], ['event', 'action'], ['log', 'level']], [['log', 'file'], ['nope'], ['log', 'file']],
    [['event', 'action'], ['log'], ['event']], [['log', 'file', 'path'], ['event', 'nope'], ['log'], ['event', 'dataset'], ['size', 'x']]]) {
    t.equal(projected(JSON.stringify(record), wanted), JSON.stringify(projectRecord(record as LogRecord, wanted)), JSON.stringify(wanted))
  }
})

t.test('valueEnd passes over values with brackets and quotes inside strings', async (t) => {
  const text = Buffer.from('[{"a":"]}"},"\\"]",[[]]],1', 'latin1')
  t.equal(valueEnd(text, 0), text.indexOf(',1'))
  t.equal(valueEnd(Buffer.from('123}', 'latin1'), 0), 3)
})

t.test('event.original is cut out as the record object path leaves it out', async (t) => {
  const tree = PathTree.of([['@timestamp'], ['event', 'original'], ['log', 'file', 'path'], ['logjson', 'line']])
  const records = [
    { '@timestamp': 't', event: { dataset: 'd', original: 'x,"y"' }, logjson: { line: 1 } },
    { event: { original: 'first', dataset: 'd' }, logjson: { line: 2 } },
    { event: { dataset: 'd', original: 'middle', action: 'a' } },
    { '@timestamp': 't', event: { original: 'alone' }, logjson: { line: 4 } },
    { event: { original: 'alone, first' }, logjson: { line: 5 } },
    { '@timestamp': 't', event: { original: 'alone, last' } },
    { event: { original: 'the only member' } },
    { event: { dataset: 'no original' } },
    { event: 'not an object' },
    { nothing: 'here' }
  ]
  for (const value of records) {
    const text = JSON.stringify(value)
    const bytes = Buffer.from(text + '\n', 'latin1')
    readFields(bytes, 0, tree)
    const [from, to] = originalMember(bytes, text.length, tree)
    const { event, ...rest } = value as { event?: unknown }
    let want: unknown = value
    if (typeof event === 'object' && event !== null && 'original' in event) {
      const { original: _, ...others } = event as Record<string, unknown>
      want = Object.keys(others).length > 0 ? { ...value, event: others } : rest
    }
    t.equal(text.slice(0, from) + text.slice(to), JSON.stringify(want), text)
  }
  // Read with `event` whole (a projection of it): the member is looked for in it.
  const whole = PathTree.of([['event'], ['event', 'original']])
  const text = JSON.stringify(records[0])
  const bytes = Buffer.from(text, 'latin1')
  readFields(bytes, 0, whole)
  const [from, to] = originalMember(bytes, text.length, whole)
  t.equal(text.slice(0, from) + text.slice(to), '{"@timestamp":"t","event":{"dataset":"d"},"logjson":{"line":1}}')
})

t.test('predicates say which fields they read', async (t) => {
  const where = compileExpression('event.outcome == "failure" and (exists user.name or not source.ip =~ /^10\\./) and file.size in [1, 2]')
  t.strictSame(fieldsRead(where), [['event', 'outcome'], ['user', 'name'], ['source', 'ip'], ['file', 'size']])
  const range = timeRange('2026-01-01T00:00:00.000Z', undefined)
  t.strictSame(fieldsRead(range), [['@timestamp']])
  t.strictSame(fieldsRead(allOf([where, range])), [...fieldsRead(where)!, ['@timestamp']])
  const opaque = (): boolean => true
  t.equal(fieldsRead(opaque), undefined)
  t.equal(fieldsRead(allOf([where, opaque])), undefined, 'one predicate that does not say makes the whole say nothing')
  t.equal(readingOnly(opaque, [['a']]), opaque)
  t.strictSame(fieldsRead(opaque), [['a']])
  readingOnly(opaque, [['b']])
  t.strictSame(fieldsRead(opaque), [['b']], 'said again, the last word holds')
})
