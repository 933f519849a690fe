#!/usr/bin/env node
// What each library stage costs, in ns per line, measured in-process, for every dialect:
// `node benchmarks/stages.js [--lines N] [--runs K] [--dialects a,b]`. Pipelines grow one stage at a time
// (read, + split, + detect, + parse, + enrich, + serialize) over the same file into a sink that discards;
// a stage's cost is its pipeline's median minus the previous one's. Differences of noisy medians: a small
// stage can come out slightly negative. Three more pipelines measure what the whole conversion costs more
// with a filter, a projection and Elasticsearch's bulk format (see `stages` below).
import { createReadStream } from 'node:fs'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { cpus } from 'node:os'
import { relative } from 'node:path'
import { parseArgs } from 'node:util'
import { rootDir, benchDialects, ensureInput, positiveInteger, median, markdownTable } from './input.js'
import { createSplit, createDetect, createParse, createEnrich, createFilter, createSerialize, normalizeOptions } from '../dist/index.js'

const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    dialects: { type: 'string', default: benchDialects.join(',') }
  }
})
const lines = positiveInteger('lines', args.lines)
const runs = positiveInteger('runs', args.runs)

// Detect and parse share one normalised options object, as the command's pipeline does; a fresh one per
// run so that no run inherits another's counters. The last three pipelines are each the full conversion
// and one thing more, and are compared with it: a `--where` filter that keeps every record
// (`event.dataset != "x"`, which has to read each one), `--fields` with three fields, and `--format es-bulk`
// (the parse stage keeps each line for the ids, and the documents are written without it, as the command does).
const KEEP_ALL = 'event.dataset != "x"'
const FIELDS = ['@timestamp', 'event.action', 'user.name']
const convert = (o) => [createSplit(), createDetect(o), createParse(o), createEnrich()]
const stages = [
  { name: 'read', make: () => [] },
  { name: '+ split', make: () => [createSplit()] },
  { name: '+ detect', make: (o) => [createSplit(), createDetect(o)] },
  { name: '+ parse', make: (o) => [createSplit(), createDetect(o), createParse(o)] },
  { name: '+ enrich', make: (o) => [...convert(o)] },
  { name: '+ serialize', make: (o) => [...convert(o), createSerialize({ stats: o.stats })] },
  { name: 'filter', than: '+ serialize', make: (o) => [...convert(o), createFilter(KEEP_ALL, { stats: o.stats }), createSerialize({ stats: o.stats })] },
  { name: 'fields', than: '+ serialize', make: (o) => [...convert(o), createSerialize({ stats: o.stats, fields: FIELDS })] },
  {
    name: 'es-bulk',
    than: '+ serialize',
    original: true,
    make: (o) => [...convert(o), createSerialize({ stats: o.stats, format: 'es-bulk', index: 'ftp-{yyyy.MM.dd}', keepOriginal: false })]
  }
]

async function timeOnce (stage, input) {
  const options = normalizeOptions({ tz: 'UTC', original: stage.original === true })
  // objectMode so the same sink takes bytes, line batches and record batches alike.
  const sink = new Writable({ objectMode: true, write (c, e, cb) { cb() } })
  const start = process.hrtime.bigint()
  // Same chunk size as the command reads with.
  await pipeline([createReadStream(input.path, { highWaterMark: 64 * 1024 }), ...stage.make(options), sink])
  return Number(process.hrtime.bigint() - start)
}

process.stdout.write(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ` +
  `${lines.toLocaleString('en-US')} lines per dialect; median of ${runs} run${runs > 1 ? 's' : ''} per pipeline, alternating, after 1 untimed round\n\n`)
const fmt = (n) => n.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 })
const table = []
for (const dialect of args.dialects.split(',')) {
  const input = ensureInput(lines, dialect)
  // One untimed round so that every pipeline runs with warm JIT code and page cache; then rounds that
  // alternate the pipelines, so that machine noise spreads across all of them rather than hitting one.
  for (const stage of stages) await timeOnce(stage, input)
  for (const stage of stages) stage.times = []
  for (let round = 0; round < runs; round++) {
    for (const stage of stages) stage.times.push(await timeOnce(stage, input))
  }
  let previous = 0
  const row = [dialect]
  const perLine = (stage) => median(stage.times) / lines
  for (const stage of stages) {
    const than = stage.than === undefined ? previous : perLine(stages.find((other) => other.name === stage.than))
    row.push(fmt(perLine(stage) - than))
    if (stage.than === undefined) previous = perLine(stage)
  }
  row.push(fmt(previous), fmt(1e9 / previous))
  table.push(row)
  if (process.stderr.isTTY) process.stderr.write(`${dialect} (${relative(rootDir, input.path)}) done\n`)
}
process.stdout.write('ns per line each stage adds (filter, fields and es-bulk: to the whole conversion, + serialize; total: the whole conversion):\n\n')
process.stdout.write(markdownTable(['dialect', ...stages.map((s) => s.name), 'total ns/line', 'lines/s'], table) + '\n')
