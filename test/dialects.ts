import t from 'tap'
import { dialects, dialectNames, findDialect, getDialect, codeTables } from '../lib/index.js'

t.test('the registry lists every dialect once, names resolve, unknown names are coded errors', async (t) => {
  const ids = dialects.map((d) => d.id)
  t.equal(new Set(ids).size, ids.length)
  const names = dialectNames()
  t.equal(new Set(names).size, names.length, 'no alias shadows an id or another alias')
  for (const name of names) t.ok(findDialect(name), name)
  t.equal(findDialect('nope'), undefined)
  t.equal(findDialect('__proto__'), undefined)
  t.throws(() => getDialect('nope'), { code: 'UNKNOWN_DIALECT', option: 'dialect' })
  t.ok(Object.isFrozen(dialects))
})

t.test('code tables have no prototype: input cannot look up __proto__ or constructor', async (t) => {
  for (const info of codeTables) {
    t.equal(Object.getPrototypeOf(info.table), null, info.name)
    t.equal(info.table.__proto__, undefined)
    t.equal(info.table.constructor, undefined)
    t.ok(Object.isFrozen(info.table))
    t.ok(Object.keys(info.table).length > 0)
  }
})
