#!/usr/bin/env node
// Fuzz run: `npm run fuzz [-- --lines N --seed S --dialect id]`. Feeds a million mutated real lines per
// dialect (each dialect forced, then all of them mixed under auto-detection) through the whole pipeline,
// and fails when a line is unaccounted for (lines read ≠ records + joined + filtered + rejected), when an
// output line is not JSON or breaks the schema, when anything throws, or when input reached a prototype.
// Runs on dist/: build first (`npm run build`).
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { createPipeline, dialects, validateRecord, Stats } from '../dist/index.js'
import { mutate, mutationKinds, seedLines, vocabulary } from './mutate.js'

const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '20261121' },
    dialect: { type: 'string' }
  }
})
const lineCount = Number(args.lines)
const firstSeed = Number(args.seed)
if (!Number.isSafeInteger(lineCount) || lineCount < 1) throw new Error(`--lines: expected a positive integer, got ${args.lines}`)

/** xorshift32: a run is repeatable from its seed. */
function generator (seed) {
  let state = seed >>> 0 || 1
  return () => {
    state ^= state << 13; state >>>= 0
    state ^= state >>> 17
    state ^= state << 5; state >>>= 0
    return state / 0x100000000
  }
}

/** Chunks of mutated lines (one to three mutations each), about 64 KiB apiece. */
function * mutatedText (seeds, lines, random) {
  const pick = (list) => list[Math.floor(random() * list.length)]
  let chunk = []
  let size = 0
  for (let i = 0; i < lines; i++) {
    let line = pick(seeds)
    const mutations = 1 + Math.floor(random() * 3)
    for (let m = 0; m < mutations; m++) {
      line = mutate(line, { kind: pick(mutationKinds), at: random(), length: random(), piece: pick(vocabulary) })
    }
    chunk.push(line)
    size += line.length
    if (size > 64 * 1024) {
      yield Buffer.from(chunk.join('\n') + '\n')
      chunk = []
      size = 0
    }
  }
  if (chunk.length > 0) yield Buffer.from(chunk.join('\n') + '\n')
}

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort().join()

async function fuzz (name, dialect, seeds, seed) {
  const started = Date.now()
  const stats = new Stats()
  let written = 0
  let unparsed = 0
  let pending = ''
  const problems = []
  const check = (text) => {
    let record
    try {
      record = JSON.parse(text)
    } catch (err) {
      problems.push(`not JSON (${err.message}): ${text.slice(0, 200)}`)
      return
    }
    written++
    if (record.logjson?.unparsed === true) unparsed++
    const broken = validateRecord(record)
    if (broken.length > 0) problems.push(`${broken.join('; ')}: ${text.slice(0, 200)}`)
  }
  const sink = new Writable({
    write (chunk, _encoding, callback) {
      const text = pending + chunk.toString('utf8')
      let start = 0
      let end = text.indexOf('\n')
      while (end !== -1) {
        check(text.slice(start, end))
        start = end + 1
        end = text.indexOf('\n', start)
      }
      pending = text.slice(start)
      callback()
    }
  })
  // Every other record is filtered out, so that filter drops are counted too.
  const filter = (record) => record.logjson.line % 2 === 1
  await pipeline(Readable.from(mutatedText(seeds, lineCount, generator(seed)), { objectMode: false }), createPipeline({ dialect, tz: 'UTC', stats, filter }), sink)
  if (pending !== '') problems.push(`output does not end with a line break: ${pending.slice(0, 200)}`)
  if (stats.lines !== lineCount) problems.push(`${stats.lines} lines read, ${lineCount} written in`)
  if (!stats.balanced()) problems.push(`counts do not add up: ${JSON.stringify(stats.toJSON())}`)
  if (written !== stats.records + stats.rejected) problems.push(`${written} records out, counts say ${stats.records} + ${stats.rejected} rejected`)
  if (unparsed !== stats.rejected) problems.push(`${unparsed} rejected records out, counts say ${stats.rejected}`)
  if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== prototypeKeys) problems.push('Object.prototype was changed')
  const seconds = (Date.now() - started) / 1000
  const { records, joined, filtered, rejected } = stats
  process.stdout.write(`${name.padEnd(13)} ${lineCount.toLocaleString('en-US')} lines, seed ${seed}: ` +
    `${records} records, ${joined} joined, ${filtered} filtered, ${rejected} rejected, ${seconds.toFixed(1)} s` +
    `${problems.length === 0 ? '' : `, ${problems.length} PROBLEMS`}\n`)
  for (const problem of problems.slice(0, 10)) process.stdout.write(`  ${problem}\n`)
  return problems.length === 0
}

const runs = dialects
  .filter((d) => args.dialect === undefined || d.id === args.dialect)
  .map((d, i) => ({ name: d.id, dialect: d.id, seeds: seedLines(d.id), seed: firstSeed + i }))
if (args.dialect === undefined || args.dialect === 'auto') {
  runs.push({ name: 'auto (mixed)', dialect: 'auto', seeds: dialects.flatMap((d) => seedLines(d.id)), seed: firstSeed + runs.length })
}
if (runs.length === 0) throw new Error(`--dialect: unknown dialect ${args.dialect}`)
let ok = true
for (const run of runs) {
  try {
    ok = await fuzz(run.name, run.dialect, run.seeds, run.seed) && ok
  } catch (err) {
    ok = false
    process.stdout.write(`${run.name}: threw ${err.stack}\n`)
  }
}
process.exitCode = ok ? 0 : 1
