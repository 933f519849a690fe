// Shared by the benchmark scripts: the synthetic input files, generated on first use, and small helpers.
import { existsSync, mkdirSync, openSync, closeSync, renameSync, rmSync, statSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

export const benchDir = dirname(fileURLToPath(import.meta.url))
export const rootDir = dirname(benchDir)
export const dataDir = join(benchDir, 'data')

/** The dialects with a generator (`generate-<id>.js`), in the registry's order. */
export const benchDialects = ['xferlog', 'eft-client', 'proftpd', 'transfer-cft', 'expedat']

/** 1000000 → "1m", 200000 → "200k": file names people can read. */
function label (lines) {
  if (lines % 1_000_000 === 0) return `${lines / 1_000_000}m`
  if (lines % 1_000 === 0) return `${lines / 1_000}k`
  return String(lines)
}

/** Path and size of benchmarks/data/<dialect>-<lines>.log, generating it if missing. */
export function ensureInput (lines, dialect = 'xferlog') {
  if (!benchDialects.includes(dialect)) throw new Error(`no generator for dialect ${JSON.stringify(dialect)} (choose ${benchDialects.join(', ')})`)
  const generator = `generate-${dialect}.js`
  const path = join(dataDir, `${dialect}-${label(lines)}.log`)
  if (!existsSync(path)) {
    process.stderr.write(`generating ${path} (${lines} lines)...\n`)
    mkdirSync(dataDir, { recursive: true })
    // Write to a temporary name and rename at the end, so an interrupted run leaves no truncated input
    // that a later run would silently reuse.
    const partial = `${path}.partial`
    const fd = openSync(partial, 'w')
    let result
    try {
      result = spawnSync(process.execPath, [join(benchDir, generator), String(lines)], { stdio: ['ignore', fd, 'inherit'] })
    } finally {
      closeSync(fd)
    }
    if (result.status !== 0) {
      rmSync(partial, { force: true })
      throw new Error(`${generator} failed (${result.error?.message ?? result.signal ?? `exit ${result.status}`})`)
    }
    renameSync(partial, path)
  }
  return { path, bytes: statSync(path).size }
}

/** A positive integer option, or a clear error naming it. */
export function positiveInteger (name, value) {
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name}: expected a positive integer, got ${JSON.stringify(value)}`)
  return n
}

export function median (values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** A Markdown table; numbers are already formatted, columns after the first are right-aligned. */
export function markdownTable (header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
  const line = (cells) => '| ' + cells.map((cell, i) => i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])).join(' | ') + ' |'
  const rule = '|' + widths.map((w, i) => i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':').join('|') + '|'
  return [line(header), rule, ...rows.map(line)].join('\n')
}
