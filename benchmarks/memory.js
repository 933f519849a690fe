#!/usr/bin/env node
// Peak memory of the command where it could grow: `node benchmarks/memory.js [--lines N] [--rate MiB/s]`.
//   1. growth: 1M and 4M lines of each dialect converted to /dev/null; peak RSS should not grow with the
//      input (within 10%);
//   2. a large input (default 9.5M xferlog lines, about 1 GiB) converted to /dev/null;
//   3. the 1M-line input converted into a reader that takes its output slowly (default 16 MiB/s), so
//      that the command spends the whole run held back by backpressure.
// Each prints the command's peak RSS (ru_maxrss, through rss-probe.js); 2 and 3 against the 150 MiB bound.
// Figures, not a test: the exit status is non-zero only when a run itself fails.
import { spawn } from 'node:child_process'
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { benchDir, rootDir, benchDialects, ensureInput, positiveInteger } from './input.js'

const { values: args } = parseArgs({ options: { lines: { type: 'string', default: '9500000' }, rate: { type: 'string', default: '16' }, growth: { type: 'boolean', default: true } }, allowNegative: true })
const BOUND_MIB = 150
const bin = join(rootDir, 'bin', 'logjson.js')
const probe = pathToFileURL(join(benchDir, 'rss-probe.js')).href
const scratch = mkdtempSync(join(tmpdir(), 'logjson-memory-'))

/** Runs the command on `path`; `consume` gets its stdout stream, or null to send it to /dev/null. */
function convert (path, consume) {
  const rssFile = join(scratch, `rss-${Date.now()}.json`)
  const devNull = consume === null ? openSync('/dev/null', 'w') : undefined
  const started = process.hrtime.bigint()
  const child = spawn(bin, ['--tz', 'UTC', path], {
    stdio: ['ignore', devNull ?? 'pipe', 'inherit'],
    env: { ...process.env, LOGJSON_BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `--import=${probe}` }
  })
  const consumed = consume === null ? Promise.resolve(0) : consume(child.stdout)
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', async (code, signal) => {
      if (devNull !== undefined) closeSync(devNull)
      if (code !== 0) return reject(new Error(`logjson failed (${signal ?? `exit ${code}`})`))
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      const { maxRssKiB } = JSON.parse(readFileSync(rssFile, 'utf8'))
      resolve({ seconds, peakMiB: maxRssKiB / 1024, outputBytes: await consumed })
    })
  })
}

/** Reads a stream at no more than `mibPerSecond`, pausing between reads; resolves to the bytes read. */
function slowReader (mibPerSecond) {
  return (stream) => new Promise((resolve, reject) => {
    const started = Date.now()
    let bytes = 0
    stream.on('data', (chunk) => {
      bytes += chunk.length
      const due = (bytes / (mibPerSecond * 1024 * 1024)) * 1000 - (Date.now() - started)
      if (due > 0) {
        stream.pause()
        setTimeout(() => stream.resume(), due)
      }
    })
    stream.on('end', () => resolve(bytes))
    stream.on('error', reject)
  })
}

const fmt = (n, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const verdict = (mib) => mib < BOUND_MIB ? 'PASS' : 'MISS'
try {
  if (args.growth) {
    for (const dialect of benchDialects) {
      const small = await convert(ensureInput(1_000_000, dialect).path, null)
      const large = await convert(ensureInput(4_000_000, dialect).path, null)
      const growth = large.peakMiB / small.peakMiB - 1
      process.stdout.write(`growth, ${dialect}: 1M lines ${fmt(small.peakMiB)} MiB, 4M lines ${fmt(large.peakMiB)} MiB, ` +
        `${growth >= 0 ? '+' : ''}${fmt(growth * 100)}% (within 10%: ${Math.abs(growth) <= 0.1 ? 'PASS' : 'MISS'})\n`)
    }
  }
  const big = ensureInput(positiveInteger('lines', args.lines))
  const large = await convert(big.path, null)
  process.stdout.write(`large input: ${fmt(big.bytes / 2 ** 30, 2)} GiB in ${fmt(large.seconds)} s, peak RSS ${fmt(large.peakMiB)} MiB ` +
    `(bound ${BOUND_MIB} MiB: ${verdict(large.peakMiB)})\n`)
  const rate = Number(args.rate)
  const small = ensureInput(1_000_000)
  const slow = await convert(small.path, slowReader(rate))
  process.stdout.write(`slow reader (${rate} MiB/s): ${fmt(slow.outputBytes / 2 ** 20, 0)} MiB of output in ${fmt(slow.seconds)} s, ` +
    `peak RSS ${fmt(slow.peakMiB)} MiB (bound ${BOUND_MIB} MiB: ${verdict(slow.peakMiB)})\n`)
} catch (err) {
  process.stderr.write(`memory benchmark failed: ${err.message}\n`)
  process.exitCode = 1
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
