#!/usr/bin/env node
// The performance guard CI runs (`npm run bench:check`): a short run of every dialect (200k lines) that
// fails when a dialect's time ratio to the floor, measured in this same run, is more than 25% worse than the
// ratio recorded in benchmarks/baseline.json. Ratios, not times, because a shared machine's speed drifts;
// medians of several alternating runs, and a dialect over the limit is measured once more before it counts
// as a failure, because one noisy neighbour should not fail a build.
//   node benchmarks/check.js [--lines N] [--runs K] [--update]   (--update records this run's ratios)
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { benchDir, rootDir, benchDialects, ensureInput, positiveInteger, markdownTable } from './input.js'
import { createRunner } from './measure.js'

const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '5' },
    update: { type: 'boolean', default: false }
  }
})
const TOLERANCE = 1.25
const lines = positiveInteger('lines', args.lines)
const baselinePath = join(benchDir, 'baseline.json')
const baseline = args.update ? undefined : JSON.parse(readFileSync(baselinePath, 'utf8'))
if (baseline !== undefined && baseline.lines !== lines) throw new Error(`baseline.json was recorded with --lines ${baseline.lines}; run with the same count`)
const { measure, close } = createRunner({ runs: positiveInteger('runs', args.runs), warmup: 1 })
const bin = join(rootDir, 'bin', 'logjson.js')

async function ratioOf (dialect) {
  const input = ensureInput(lines, dialect)
  const floor = { name: 'floor', kind: 'script', args: [join(benchDir, 'floor.js'), input.path] }
  const logjson = { name: 'logjson', kind: 'command', exec: bin, args: ['--tz', 'UTC', input.path] }
  await measure([floor, logjson])
  return logjson.median / floor.median
}

const fmt = (n) => n.toFixed(2)
const rows = []
const measured = {}
let failed = false
try {
  for (const dialect of benchDialects) {
    let ratio = await ratioOf(dialect)
    const recorded = baseline?.ratios[dialect]
    if (recorded === undefined && baseline !== undefined) throw new Error(`baseline.json has no ratio for ${dialect}; record one with --update`)
    const limit = recorded === undefined ? undefined : recorded * TOLERANCE
    let note = ''
    if (limit !== undefined && ratio > limit) {
      const again = await ratioOf(dialect)
      note = ` (measured twice: ${fmt(ratio)}, ${fmt(again)})`
      ratio = Math.min(ratio, again)
    }
    measured[dialect] = Number(ratio.toFixed(3))
    const pass = limit === undefined || ratio <= limit
    failed ||= !pass
    rows.push([dialect, fmt(ratio) + note, recorded === undefined ? '–' : fmt(recorded), limit === undefined ? '–' : fmt(limit), limit === undefined ? 'recorded' : pass ? 'ok' : 'SLOWER'])
  }
} finally {
  close()
}
process.stdout.write(`node ${process.version}, ${cpus().length} CPUs; ${lines.toLocaleString('en-US')} lines per dialect; time ÷ floor, medians\n\n`)
process.stdout.write(markdownTable(['dialect', 'ratio now', 'recorded', `limit (×${TOLERANCE})`, 'verdict'], rows) + '\n')
if (args.update) {
  writeFileSync(baselinePath, JSON.stringify({ lines, node: process.version, cpus: cpus().length, date: new Date().toISOString().slice(0, 10), ratios: measured }, null, 2) + '\n')
  process.stdout.write(`\nrecorded in ${baselinePath}\n`)
} else if (failed) {
  process.stdout.write('\nbench:check: a dialect got more than 25% slower relative to the floor\n')
  process.exitCode = 1
}
