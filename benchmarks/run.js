#!/usr/bin/env node
// End-to-end throughput and peak memory of the logjson command against the floor (floor.js), each run a
// fresh child process: `node benchmarks/run.js [--lines N] [--runs K] [--json PATH]`.
//
// Variants alternate run by run, so that a noisy neighbour slows all of them alike, and the ratio to the
// floor (medians of this invocation) is the figure to compare across machines; absolute times are not.
import { spawn } from 'node:child_process'
import { openSync, closeSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { isAbsolute, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { benchDir, rootDir, ensureInput, positiveInteger, median, markdownTable } from './input.js'

const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    json: { type: 'string' }
  }
})
const lines = positiveInteger('lines', args.lines)
const runs = positiveInteger('runs', args.runs)
const warmup = Number(args.warmup) === 0 ? 0 : positiveInteger('warmup', args.warmup)

// Targets for the auto-detecting command (the one users run).
const MAX_RATIO = 1.0
const MAX_RSS_MIB = 100

const input = ensureInput(lines)
const bin = join(rootDir, 'bin', 'logjson.js')
const variants = [
  { name: 'floor (split2 + JSON.stringify)', args: [join(benchDir, 'floor.js'), input.path] },
  // The command runs as a shell runs it, through its #! line (which carries its Node options).
  { name: 'logjson --tz UTC (auto)', exec: bin, args: ['--tz', 'UTC', input.path] },
  { name: 'logjson --dialect xferlog --tz UTC', exec: bin, args: ['--dialect', 'xferlog', '--tz', 'UTC', input.path] }
]
const [floor, auto] = variants

// A file URL rather than a bare path, so that a checkout path with spaces or '#' still loads.
const probe = pathToFileURL(join(benchDir, 'rss-probe.js')).href
const scratch = mkdtempSync(join(tmpdir(), 'logjson-bench-'))
// Output goes to /dev/null: the benchmark is about producing NDJSON, not about a terminal or pipe reader.
const devNull = openSync('/dev/null', 'w')
let runId = 0

/** One child run: wall seconds from spawn to exit, and its peak RSS in KiB. Rejects on any failure. */
function runOnce (variant) {
  const rssFile = join(scratch, `rss-${runId++}.json`)
  // Scripts run under this Node with the probe preloaded; executables get the probe through NODE_OPTIONS.
  const command = variant.exec ?? process.execPath
  const argv = variant.exec === undefined ? ['--import', probe, ...variant.args] : variant.args
  const nodeOptions = variant.exec === undefined ? process.env.NODE_OPTIONS : `--import=${probe} ${process.env.NODE_OPTIONS ?? ''}`.trim()
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(command, argv, {
      cwd: rootDir,
      stdio: ['ignore', devNull, 'inherit'],
      env: { ...process.env, LOGJSON_BENCH_RSS_FILE: rssFile, ...(nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions }) }
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      if (code !== 0) {
        reject(new Error(`${variant.name} failed (${signal ?? `exit ${code}`}): ${command} ${argv.join(' ')}`))
        return
      }
      let maxRssKiB
      try {
        maxRssKiB = JSON.parse(readFileSync(rssFile, 'utf8')).maxRssKiB
      } catch (err) {
        reject(new Error(`${variant.name}: no peak RSS from rss-probe.js (${err.message})`))
        return
      }
      rmSync(rssFile, { force: true })
      resolve({ seconds, maxRssKiB })
    })
  })
}

const host = cpus()
const mb = input.bytes / 1e6
process.stdout.write(`node ${process.version}, ${host.length} CPUs (${host[0]?.model.trim() ?? 'unknown'}), ` +
  `input ${relative(rootDir, input.path)}: ${lines.toLocaleString('en-US')} lines, ${mb.toFixed(1)} MB; ` +
  `${runs} run${runs > 1 ? 's' : ''} each, alternating${warmup > 0 ? `, after ${warmup} untimed round${warmup > 1 ? 's' : ''}` : ''}\n\n`)

let failure
try {
  // Untimed rounds first: the first read of the input pays for the page cache, and that is not what we
  // compare.
  for (let round = 0; round < warmup; round++) {
    for (const variant of variants) await runOnce(variant)
  }
  for (const variant of variants) variant.results = []
  for (let round = 0; round < runs; round++) {
    for (const variant of variants) variant.results.push(await runOnce(variant))
    if (process.stderr.isTTY) process.stderr.write(`\rround ${round + 1}/${runs}`)
  }
  if (process.stderr.isTTY) process.stderr.write('\n')
} catch (err) {
  failure = err
} finally {
  closeSync(devNull)
  rmSync(scratch, { recursive: true, force: true })
}
if (failure) {
  process.stderr.write(`\nbenchmark failed: ${failure.message}\n`)
  process.exit(1)
}

for (const variant of variants) {
  const times = variant.results.map((r) => r.seconds)
  variant.median = median(times)
  variant.min = Math.min(...times)
  variant.max = Math.max(...times)
  variant.peakRssMiB = Math.max(...variant.results.map((r) => r.maxRssKiB)) / 1024
}
for (const variant of variants) variant.ratio = variant.median / floor.median

const fmt = (n, digits) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
process.stdout.write(markdownTable(
  ['variant', 'median s', 'min–max s', 'lines/s', 'MB/s', 'peak RSS MiB', 'time / floor'],
  variants.map((v) => [
    v.name,
    fmt(v.median, 3),
    `${fmt(v.min, 2)}–${fmt(v.max, 2)}`,
    fmt(lines / v.median, 0),
    fmt(mb / v.median, 1),
    fmt(v.peakRssMiB, 1),
    fmt(v.ratio, 2)
  ])
) + '\n\n')

const targets = {
  ratio: { value: auto.ratio, limit: MAX_RATIO, pass: auto.ratio <= MAX_RATIO },
  peakRssMiB: { value: auto.peakRssMiB, limit: MAX_RSS_MIB, pass: auto.peakRssMiB < MAX_RSS_MIB }
}
const verdict = (pass) => pass ? 'PASS' : 'MISS'
// Figures, not a test: a MISS is reported, and the exit status stays 0.
process.stdout.write(`target: logjson (auto) time / floor ≤ ${MAX_RATIO.toFixed(2)}: ${fmt(auto.ratio, 2)} ${verdict(targets.ratio.pass)}\n`)
process.stdout.write(`target: logjson (auto) peak RSS < ${MAX_RSS_MIB} MiB: ${fmt(auto.peakRssMiB, 1)} MiB ${verdict(targets.peakRssMiB.pass)}\n`)

if (args.json) {
  writeFileSync(args.json, JSON.stringify({
    date: new Date().toISOString(),
    node: process.version,
    cpus: host.length,
    cpuModel: host[0]?.model.trim(),
    input: { path: relative(rootDir, input.path), lines, bytes: input.bytes },
    runs,
    warmup,
    variants: variants.map((v) => ({
      name: v.name,
      command: ['node', ...v.args.map((a) => isAbsolute(a) ? relative(rootDir, a) : a)].join(' '),
      seconds: v.results.map((r) => r.seconds),
      maxRssKiB: v.results.map((r) => r.maxRssKiB),
      medianSeconds: v.median,
      linesPerSecond: lines / v.median,
      mbPerSecond: mb / v.median,
      peakRssMiB: v.peakRssMiB,
      ratioToFloor: v.ratio
    })),
    targets
  }, null, 2) + '\n')
}
