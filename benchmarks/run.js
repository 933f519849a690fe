#!/usr/bin/env node
// End-to-end throughput and peak memory of the logjson command, for every dialect, against baselines
// measured in the same run, each run a fresh child process:
//   node benchmarks/run.js [--lines N] [--runs K] [--warmup W] [--dialects a,b] [--jobs-dialects a,b] [--no-jobs]
//                          [--output null|pipe] [--json PATH]
//
// Baselines: the floor (floor.js: split2 → JSON.stringify({ line }) per line), and for xferlog a
// hand-written mawk program (xferlog.awk) that parses the same lines into the same JSON. Variants alternate
// run by run, so that a noisy neighbour slows all of them alike; the ratios of medians from one invocation
// are the figures to compare across machines, absolute times are not. `--jobs` is measured on two input
// files (logjson --jobs 1 against --jobs 2) of every dialect: the fixed costs (start-up, a worker's own
// start and warm-up, the spool) weigh more the faster the conversion. Every variant writes to /dev/null, or
// with `--output pipe` into a pipe (a socket) that this runner reads and discards, as `| cat` would.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { benchDir, rootDir, benchDialects, ensureInput, positiveInteger, markdownTable } from './input.js'
import { createRunner } from './measure.js'

const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    dialects: { type: 'string', default: benchDialects.join(',') },
    jobs: { type: 'boolean', default: true },
    'jobs-dialects': { type: 'string', default: benchDialects.join(',') },
    output: { type: 'string', default: 'null' },
    json: { type: 'string' }
  },
  allowNegative: true
})
const lines = positiveInteger('lines', args.lines)
const runs = positiveInteger('runs', args.runs)
const warmup = Number(args.warmup) === 0 ? 0 : positiveInteger('warmup', args.warmup)
const chosen = args.dialects.split(',').map((d) => d.trim()).filter((d) => d !== '')
for (const dialect of chosen) if (!benchDialects.includes(dialect)) throw new Error(`--dialects: unknown ${dialect} (choose ${benchDialects.join(', ')})`)
if (args.output !== 'null' && args.output !== 'pipe') throw new Error(`--output: ${args.output} (choose null or pipe)`)
const jobsDialects = args['jobs-dialects'].split(',').map((d) => d.trim()).filter((d) => d !== '')
for (const dialect of jobsDialects) if (!benchDialects.includes(dialect)) throw new Error(`--jobs-dialects: unknown ${dialect} (choose ${benchDialects.join(', ')})`)

// The targets (issue "per-line throughput"): every dialect at most 0.8 × the floor, xferlog no slower than
// mawk, peak RSS at most 100 MiB, and two files converted with --jobs 2 at least 1.6 × faster than --jobs 1.
const MAX_RATIO = 0.8
const MAX_MAWK_RATIO = 1.0
const MAX_RSS_MIB = 100
const MIN_JOBS_SPEEDUP = 1.6

const bin = join(rootDir, 'bin', 'logjson.js')
const { measure, close } = createRunner({ runs, warmup, output: args.output })

/** mawk for the xferlog baseline, installed by setup-mawk.sh when missing; undefined when that fails. */
function findMawk () {
  const setup = spawnSync('bash', [join(benchDir, 'setup-mawk.sh')], { stdio: ['ignore', 'inherit', 'inherit'] })
  if (setup.status !== 0) return undefined
  const version = spawnSync('mawk', ['-W', 'version'], { encoding: 'utf8' })
  return (version.stdout || version.stderr).split('\n')[0]?.trim() || 'mawk'
}

const host = cpus()
const fmt = (n, digits) => n === undefined ? '–' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const verdict = (pass) => pass ? 'PASS' : 'MISS'
const mawkVersion = chosen.includes('xferlog') ? findMawk() : undefined
process.stdout.write(`node ${process.version}, ${host.length} CPUs (${host[0]?.model.trim() ?? 'unknown'})` +
  `${mawkVersion === undefined ? '' : `, ${mawkVersion}`}; ${lines.toLocaleString('en-US')} lines per dialect, ` +
  `median of ${runs} run${runs > 1 ? 's' : ''} each, alternating${warmup > 0 ? `, after ${warmup} untimed round${warmup > 1 ? 's' : ''}` : ''}` +
  `, output ${args.output === 'pipe' ? 'into a pipe read by the runner' : 'to /dev/null'}\n\n`)

const report = { date: new Date().toISOString(), node: process.version, cpus: host.length, cpuModel: host[0]?.model.trim(), mawk: mawkVersion, lines, runs, warmup, output: args.output, dialects: [], targets: [] }
const rows = []
let failure
try {
  for (const dialect of chosen) {
    const input = ensureInput(lines, dialect)
    const floor = { name: 'floor', kind: 'script', args: [join(benchDir, 'floor.js'), input.path] }
    const logjson = { name: 'logjson', kind: 'command', exec: bin, args: ['--tz', 'UTC', input.path] }
    const variants = [floor, logjson]
    const mawk = dialect === 'xferlog' && mawkVersion !== undefined
      ? { name: 'mawk -f xferlog.awk', kind: 'native', exec: 'mawk', args: ['-f', join(benchDir, 'xferlog.awk'), input.path] }
      : undefined
    if (mawk !== undefined) variants.push(mawk)
    await measure(variants)
    const mb = input.bytes / 1e6
    for (const variant of variants) {
      variant.ratio = variant.median / floor.median
      variant.mawkRatio = mawk === undefined ? undefined : variant.median / mawk.median
      rows.push([dialect, variant.name, fmt(variant.median, 3), fmt(lines / variant.median, 0), fmt(mb / variant.median, 1),
        fmt(variant.peakRssMiB, 1), fmt(variant.ratio, 2), fmt(variant.mawkRatio, 2)])
    }
    report.dialects.push({
      dialect,
      input: { path: relative(rootDir, input.path), bytes: input.bytes },
      variants: variants.map((v) => ({ name: v.name, seconds: v.results.map((r) => r.seconds), medianSeconds: v.median, linesPerSecond: lines / v.median, mbPerSecond: mb / v.median, peakRssMiB: v.peakRssMiB, ratioToFloor: v.ratio, ratioToMawk: v.mawkRatio }))
    })
    report.targets.push({ target: `${dialect}: logjson time / floor ≤ ${MAX_RATIO}`, value: logjson.ratio, pass: logjson.ratio <= MAX_RATIO })
    report.targets.push({ target: `${dialect}: logjson peak RSS ≤ ${MAX_RSS_MIB} MiB`, value: logjson.peakRssMiB, pass: logjson.peakRssMiB <= MAX_RSS_MIB })
    if (mawk !== undefined) report.targets.push({ target: `${dialect}: logjson time / mawk ≤ ${MAX_MAWK_RATIO}`, value: logjson.mawkRatio, pass: logjson.mawkRatio <= MAX_MAWK_RATIO })
    if (process.stderr.isTTY) process.stderr.write(`${dialect} done\n`)
  }
  report.jobs = []
  for (const dialect of args.jobs ? jobsDialects : []) {
    // The same file twice: two inputs of equal work, so that the figure is the speed-up itself and not
    // the imbalance of two inputs (both are in the page cache after the untimed round).
    const input = ensureInput(lines, dialect)
    const one = { name: '--jobs 1', kind: 'command', exec: bin, args: ['--tz', 'UTC', '--jobs', '1', input.path, input.path] }
    const two = { name: '--jobs 2', kind: 'command', exec: bin, args: ['--tz', 'UTC', '--jobs', '2', input.path, input.path] }
    await measure([one, two])
    const speedup = one.median / two.median
    for (const variant of [one, two]) rows.push([`two ${dialect} files`, variant.name, fmt(variant.median, 3), fmt(2 * lines / variant.median, 0), fmt(2 * input.bytes / 1e6 / variant.median, 1), fmt(variant.peakRssMiB, 1), '', ''])
    report.jobs.push({ dialect, file: relative(rootDir, input.path), jobs1: one.results, jobs2: two.results, speedup, peakRssMiB: two.peakRssMiB })
    report.targets.push({ target: `--jobs 2 on two ${dialect} files ≥ ${MIN_JOBS_SPEEDUP} × the throughput of --jobs 1`, value: speedup, pass: speedup >= MIN_JOBS_SPEEDUP })
  }
} catch (err) {
  failure = err
} finally {
  close()
}
if (failure) {
  process.stderr.write(`\nbenchmark failed: ${failure.message}\n`)
  process.exit(1)
}

process.stdout.write(markdownTable(['dialect', 'variant', 'median s', 'lines/s', 'MB/s', 'peak RSS MiB', '÷ floor', '÷ mawk'], rows) + '\n\n')
// Figures, not a test: a MISS is reported, and the exit status stays 0.
for (const target of report.targets) process.stdout.write(`target: ${target.target}: ${fmt(target.value, 2)} ${verdict(target.pass)}\n`)
if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2) + '\n')
