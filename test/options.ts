import t from 'tap'
import { normalizeOptions, Stats, LogjsonError, DEFAULT_MAX_LINE } from '../lib/index.js'

t.test('defaults', async (t) => {
  const options = normalizeOptions()
  t.equal(options.dialect, undefined)
  t.equal(options.onError, 'emit')
  t.equal(options.original, false)
  t.equal(options.maxLine, DEFAULT_MAX_LINE)
  t.equal(options.tz, Intl.DateTimeFormat().resolvedOptions().timeZone)
  t.ok(options.stats instanceof Stats)
  t.ok(Object.isFrozen(options))
})

t.test('the caller\'s object is never changed, and normalising twice is a no-op', async (t) => {
  const given = { dialect: 'wu-ftpd', tz: 'Europe/Paris', onError: 'skip' as const }
  const copy = { ...given }
  const options = normalizeOptions(given)
  t.same(given, copy)
  t.equal(options.dialect?.id, 'xferlog')
  t.equal(normalizeOptions(options), options)
})

t.test('bad values are refused with a code and the option name', async (t) => {
  const cases: Array<[Record<string, unknown>, string, string]> = [
    [{ dialect: 'nope' }, 'UNKNOWN_DIALECT', 'dialect'],
    [{ dialect: 3 }, 'INVALID_OPTION', 'dialect'],
    [{ tz: 'Nowhere/Land' }, 'UNKNOWN_TIMEZONE', 'tz'],
    [{ year: 20261 }, 'INVALID_OPTION', 'year'],
    [{ year: 2026.5 }, 'INVALID_OPTION', 'year'],
    [{ onError: 'ignore' }, 'INVALID_OPTION', 'onError'],
    [{ original: 'yes' }, 'INVALID_OPTION', 'original'],
    [{ maxLine: -1 }, 'INVALID_OPTION', 'maxLine'],
    [{ filePath: '' }, 'INVALID_OPTION', 'filePath'],
    [{ stats: {} }, 'INVALID_OPTION', 'stats'],
    [{ filter: 42 }, 'INVALID_OPTION', 'filter'],
    [{ sampleLines: 0 }, 'INVALID_OPTION', 'sampleLines']
  ]
  for (const [given, code, option] of cases) {
    let caught: unknown
    try {
      normalizeOptions(given as never)
    } catch (err) {
      caught = err
    }
    t.ok(caught instanceof LogjsonError, JSON.stringify(given))
    t.match(caught, { code, option }, JSON.stringify(given))
  }
  t.throws(() => normalizeOptions(null as never), { code: 'INVALID_OPTION' })
  t.throws(() => normalizeOptions({ filter: 'event.outcome ==' }), { code: 'INVALID_OPTION', column: 17 })
  t.equal(typeof normalizeOptions({ filter: 'event.outcome == "failure"' }).filter, 'function')
})

t.test('the stages built without normalizeOptions check their options the same way', async (t) => {
  const { createSerialize, createFilter, createSplit } = await import('../lib/index.js')
  const cases: Array<[string, () => unknown, string]> = [
    ['createSerialize index 5', () => createSerialize({ format: 'es-bulk', index: 5 as unknown as string }), 'index'],
    ['createSerialize fields null', () => createSerialize({ fields: null as unknown as string[] }), 'fields'],
    ['createSerialize fields as one string', () => createSerialize({ fields: 'event' as unknown as string[] }), 'fields'],
    ['createSerialize stats {}', () => createSerialize({ stats: {} as Stats }), 'stats'],
    ['createSerialize null', () => createSerialize(null as unknown as object), 'options'],
    ['createFilter stats 5', () => createFilter(() => true, { stats: 5 as unknown as Stats }), 'stats'],
    ['createFilter null', () => createFilter(() => true, null as unknown as object), 'options'],
    ['createSplit signal', () => createSplit({ signal: 'now' as unknown as AbortSignal }), 'signal'],
    ['createSplit null', () => createSplit(null as unknown as object), 'options']
  ]
  for (const [name, make, option] of cases) t.throws(make, { code: 'INVALID_OPTION', option }, name)
  t.doesNotThrow(() => createSerialize({ fields: ['event', 'source.ip'] }), 'an array of fields')
})
