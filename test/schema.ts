import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { schema, generatedDocs, validateRecord, dialects } from '../lib/index.js'
import { projectRoot } from './helpers/records.js'

t.test('the documents under docs/ are generated from the code and up to date', async (t) => {
  for (const [name, render] of Object.entries(generatedDocs)) {
    t.equal(readFileSync(join(projectRoot, 'docs', name), 'utf8'), render(), `docs/${name}: run \`npm run docs\` after changing its source`)
  }
})

t.test('field names are unique, dotted, and each dialect namespace belongs to a dialect', async (t) => {
  const names = schema.map((f) => f.name)
  t.equal(new Set(names).size, names.length)
  const ids = new Set(dialects.map((d) => d.id))
  for (const field of schema) {
    t.match(field.name, /^(@timestamp|[a-z_]+(\.[a-z_]+)*)$/)
    const namespace = field.name.split('.')[0]!
    if (ids.has(namespace)) t.same(field.dialects, [namespace], `${field.name} is written only by ${namespace}`)
  }
})

t.test('validateRecord finds every kind of problem', async (t) => {
  t.same(validateRecord({ '@timestamp': '2026-11-21T10:00:00.000Z', event: { dataset: 'xferlog', outcome: 'success' }, logjson: { line: 1 } }), [])
  t.same(validateRecord('text'), ['a record must be an object'])
  t.match(validateRecord({ surprise: 1 }), ['surprise: not in the schema'])
  t.match(validateRecord({ event: { duration: '5' } }), [/event.duration: expected long/])
  t.match(validateRecord({ event: { duration: 1.5 } }), [/event.duration: expected long/])
  t.match(validateRecord({ user: { name: '' } }), [/placeholder/])
  t.match(validateRecord({ user: { name: '-' } }), [/placeholder/])
  t.match(validateRecord({ event: { outcome: 'maybe' } }), [/is not one of/])
  t.match(validateRecord({ '@timestamp': '2026-11-21 10:00' }), [/not an ISO-8601 UTC time/])
  t.match(validateRecord({ xferlog: { special_action: 'tar' } }), [/expected a list/])
  t.match(validateRecord({ event: { dataset: 'other' }, xferlog: { access_mode: 'real' } }), [/not a field of dialect other/])
})
