import t from 'tap'
import { Stats } from '../lib/index.js'

t.test('counts start at zero, balance, and serialise as plain JSON', async (t) => {
  const stats = new Stats()
  t.ok(stats.balanced())
  stats.lines = 12
  stats.records = 6
  stats.joined = 2
  stats.filtered = 3
  stats.blank = 2
  stats.rejected = 1
  stats.dialects.xferlog = 6
  t.ok(stats.balanced())
  t.same(JSON.parse(JSON.stringify(stats)), { lines: 12, records: 6, joined: 2, filtered: 3, blank: 2, rejected: 1, dialects: { xferlog: 6 } })
  stats.rejected = 0
  t.notOk(stats.balanced())
})

t.test('dialect counts have no prototype to collide with', async (t) => {
  const stats = new Stats()
  t.equal(Object.getPrototypeOf(stats.dialects), null)
  t.equal(stats.dialects.constructor, undefined)
})
