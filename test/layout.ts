import t from 'tap'
import { compileLayout, quoteJSON } from '../lib/layout.js'

class Entry {
  constructor (
    readonly line: number,
    readonly original: string | undefined,
    readonly filePath: string | undefined,
    readonly fields: Record<string, unknown>
  ) {}
}

const layout = compileLayout<Entry>('xferlog', {
  fields: {
    '@timestamp': { get: (e) => e.fields.timestamp, always: true },
    'event.duration': (e) => e.fields.duration,
    'source.ip': (e) => e.fields.ip,
    'source.domain': (e) => e.fields.domain,
    'user.name': { get: (e) => e.fields.user, always: true },
    'message': (e) => e.fields.message,
    'logjson.unparsed': (e) => e.fields.flag
  },
  enriched: {
    'event.action': { get: (e) => e.fields.action, trusted: true },
    'xferlog.special_action': (e) => e.fields.specials
  }
})

const base = { timestamp: '2026-11-21T10:00:00.000Z', user: 'ann' }
const entry = (fields: Record<string, unknown>, original?: string, filePath?: string): Entry => new Entry(3, original, filePath, { ...base, ...fields })

t.test('the writer writes exactly what JSON.stringify writes of the built record', async (t) => {
  const cases: Array<Record<string, unknown>> = [
    {},
    { ip: '10.0.0.1' },
    { domain: 'host' },
    { ip: '::1', domain: 'both' },
    { duration: 0 },
    { duration: 1.5 },
    { duration: 2 ** 31 },
    { duration: 86400e9 },
    { duration: 9007199254740991 },
    { duration: 1234567891234 },
    { duration: -5 },
    { duration: -3e12 },
    { duration: NaN },
    { duration: Infinity },
    { message: 'with "quotes" and \\ and \n and \u0001 and \ud800 lone and 😀' },
    { user: 'q"uote' },
    { flag: true },
    { flag: false },
    { action: 'download', specials: ['tar', 'compressed'] },
    { action: 'upload', specials: [] },
    { specials: ['a"b'] }
  ]
  for (const fields of cases) {
    for (const original of [undefined, 'raw "line"']) {
      for (const filePath of [undefined, 'C:\\logs\\x.log']) {
        const e = entry(fields, original, filePath)
        for (const enriched of [false, true]) {
          const expected = JSON.stringify(layout.toRecord(e, enriched))
          t.equal(layout.writeJSON(e, enriched, false), expected, JSON.stringify({ fields, original, filePath, enriched }))
          t.equal(layout.writer(enriched, false)(e), expected)
        }
      }
    }
  }
})

t.test('fields come out in schema order, groups only when something is in them', async (t) => {
  const record = layout.toRecord(entry({ ip: '10.0.0.1', action: 'download' }), true)
  t.same(Object.keys(record), ['@timestamp', 'event', 'source', 'user', 'logjson'])
  t.same(record.event, { dataset: 'xferlog', action: 'download' })
  const plain = layout.toRecord(entry({}), false)
  t.same(Object.keys(plain), ['@timestamp', 'event', 'user', 'logjson'])
})

t.test('records own copies of lists, and keep their entry for later enrichment', async (t) => {
  const specials = ['tar']
  const e = entry({ specials, action: 'delete' })
  const record = layout.toRecord(e, true)
  t.not((record.xferlog as { special_action: string[] }).special_action, specials)
  const later = layout.toRecord(e, false)
  t.equal(later.event?.action, undefined)
  layout.enrichRecord(later)
  t.equal(later.event?.action, 'delete')
  t.same(later.xferlog, { special_action: ['tar'] })
  layout.enrichRecord({ message: 'not built by a layout' })
})

t.test('a layout is checked against the schema when it is compiled', async (t) => {
  t.throws(() => compileLayout<Entry>('xferlog', { fields: { 'event.nonsense': () => 1 } }), /not in the schema/)
  t.throws(() => compileLayout<Entry>('eft-client', { fields: { 'xferlog.access_mode': () => 'real' } }), /does not list eft-client/)
  t.throws(() => compileLayout<Entry>('xferlog', { fields: { message: () => 'a' }, enriched: { message: () => 'b' } }), /given twice/)
})

t.test('quoteJSON escapes only when it must', async (t) => {
  for (const text of ['plain', 'a"b', 'a\\b', 'tab\t', '\u007f', 'é😀', '\udc00']) t.equal(quoteJSON(text), JSON.stringify(text))
})

t.test('memo runs write what the getters would, once per key', async (t) => {
  let calls = 0
  const memoLayout = compileLayout<Entry>('xferlog', {
    fields: { '@timestamp': { get: (e) => e.fields.timestamp, always: true } },
    enriched: {
      'event.action': { get: (e) => { calls++; return e.fields.action }, always: true, memo: 'codes' },
      'event.outcome': { get: (e) => e.fields.outcome, always: true, memo: 'codes' },
      'xferlog.access_mode': { get: (e) => e.fields.mode, always: true, memo: 'mode' }
    },
    memos: { codes: (e) => `${String(e.fields.action)}/${String(e.fields.outcome)}`, mode: (e) => String(e.fields.mode) }
  })
  const entries = [
    entry({ action: 'download', outcome: 'success', mode: 'real' }),
    entry({ action: 'upload', outcome: 'failure', mode: 'guest' }),
    entry({ action: 'download', outcome: 'success', mode: 'real' })
  ]
  for (const e of entries) {
    for (const clean of [false, true]) t.equal(memoLayout.writeJSON(e, true, clean), JSON.stringify(memoLayout.toRecord(e, true)))
  }
  const before = calls
  memoLayout.writeJSON(entries[0]!, true, true)
  t.equal(calls, before, 'a known key does not call the getters again')
  t.throws(() => compileLayout<Entry>('xferlog', { fields: { message: { get: () => 'x', memo: 'none' } } }), /needs a key in memos/)
  t.throws(() => compileLayout<Entry>('xferlog', { fields: { message: { get: () => 'x', memo: 'm' } }, memos: { m: () => '' } }), /always/)
})
