/**
 * Golden fixtures: `test/fixtures/<dialect>/NAME.log` converts to `NAME.ndjson`, with the options in
 * `NAME.options.json` when there is one.
 */
import type { Test } from 'tap'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Options } from '../../lib/index.js'
import { convert, fixturesDir } from './records.js'

export function goldenFixtures (t: Test, dialect: string, minimum: number): void {
  t.test(`${dialect} golden fixtures: each .log converts to its .ndjson`, async (t) => {
    const dir = join(fixturesDir, dialect)
    const logs = readdirSync(dir).filter((name) => name.endsWith('.log'))
    t.ok(logs.length >= minimum, `${logs.length} fixtures`)
    for (const name of logs) {
      const stem = join(dir, basename(name, '.log'))
      const optionsFile = stem + '.options.json'
      const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) as Options : {}
      const { text, stats } = await convert(t, readFileSync(join(dir, name)), options)
      t.equal(text, readFileSync(stem + '.ndjson', 'utf8'), name)
      t.ok(stats.balanced(), `${name}: counts add up`)
    }
  })
}
