#!/usr/bin/env node
// What each library stage costs, in ns per line, measured in-process: `node benchmarks/stages.js
// [--lines N] [--runs K]`. Pipelines grow one stage at a time (read, + split, + detect, + parse, + enrich,
// + serialize) over the same file into a sink that discards; a stage's cost is its pipeline's median minus
// the previous one's. Differences of noisy medians: a small stage can come out slightly negative.
import { createReadStream } from 'node:fs'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { cpus } from 'node:os'
import { relative } from 'node:path'
import { parseArgs } from 'node:util'
import { rootDir, ensureInput, positiveInteger, median, markdownTable } from './input.js'
import { createSplit, createDetect, createParse, createEnrich, createSerialize, normalizeOptions } from '../dist/index.js'

const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' }
  }
})
const lines = positiveInteger('lines', args.lines)
const runs = positiveInteger('runs', args.runs)
const input = ensureInput(lines)

// Detect and parse share one normalised options object, as the command's pipeline does; a fresh one per
// run so that no run inherits another's counters.
const stages = [
  { name: 'read', make: () => [] },
  { name: '+ split', make: () => [createSplit()] },
  { name: '+ detect', make: (o) => [createSplit(), createDetect(o)] },
  { name: '+ parse', make: (o) => [createSplit(), createDetect(o), createParse(o)] },
  { name: '+ enrich', make: (o) => [createSplit(), createDetect(o), createParse(o), createEnrich()] },
  { name: '+ serialize', make: (o) => [createSplit(), createDetect(o), createParse(o), createEnrich(), createSerialize({ stats: o.stats })] }
]

async function timeOnce (stage) {
  const options = normalizeOptions({ tz: 'UTC' })
  // objectMode so the same sink takes bytes, line batches and record batches alike.
  const sink = new Writable({ objectMode: true, write (c, e, cb) { cb() } })
  const start = process.hrtime.bigint()
  // Same chunk size as the command reads with.
  await pipeline([createReadStream(input.path, { highWaterMark: 64 * 1024 }), ...stage.make(options), sink])
  return Number(process.hrtime.bigint() - start)
}

process.stdout.write(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ` +
  `input ${relative(rootDir, input.path)}: ${lines.toLocaleString('en-US')} lines, ${(input.bytes / 1e6).toFixed(1)} MB; ` +
  `median of ${runs} run${runs > 1 ? 's' : ''} per pipeline, alternating, after 1 untimed round\n\n`)
// One untimed round so that every pipeline runs with warm JIT code and page cache; then rounds that
// alternate the pipelines, so that machine noise spreads across all of them rather than hitting one.
for (const stage of stages) await timeOnce(stage)
for (const stage of stages) stage.times = []
for (let round = 0; round < runs; round++) {
  for (const stage of stages) stage.times.push(await timeOnce(stage))
  if (process.stderr.isTTY) process.stderr.write(`\rround ${round + 1}/${runs}`)
}
if (process.stderr.isTTY) process.stderr.write('\n')

const fmt = (n) => n.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 })
let previous = 0
const rows = stages.map((stage) => {
  const perLine = median(stage.times) / lines
  const added = perLine - previous
  previous = perLine
  return [stage.name, fmt(added), fmt(perLine), fmt(1e9 / perLine)]
})
process.stdout.write(markdownTable(['stage', 'adds ns/line', 'cumulative ns/line', 'lines/s'], rows) + '\n')
