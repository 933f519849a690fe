// Shared by run.js and check.js: timing whole child processes, alternating variants, with peak RSS.
import { spawn } from 'node:child_process'
import { openSync, closeSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { benchDir, rootDir, median } from './input.js'

/**
 * A variant is `{ name, kind, exec?, args }`: kind `script` (a Node script run under this Node), `command`
 * (the logjson binary, run through its #! line as a shell runs it) or `native` (any other program, no RSS).
 */
export function createRunner ({ runs, warmup, output = 'null' }) {
  const probe = pathToFileURL(join(benchDir, 'rss-probe.js')).href
  const scratch = mkdtempSync(join(tmpdir(), 'logjson-bench-'))
  const devNull = openSync('/dev/null', 'w')
  let runId = 0

  /**
   * One child run: wall seconds from spawn to exit, and its peak RSS in KiB (Node children only: the probe
   * is preloaded into them; mawk has none). Rejects on any failure.
   */
  function runOnce (variant) {
    const rssFile = join(scratch, `rss-${runId++}.json`)
    const isNode = variant.kind !== 'native'
    // Scripts run under this Node with the probe preloaded; the command gets it through NODE_OPTIONS, since
    // it runs as a shell runs it, through its #! line (which carries its Node options).
    const command = variant.kind === 'script' ? process.execPath : variant.exec
    const argv = variant.kind === 'script' ? ['--import', probe, ...variant.args] : variant.args
    const env = { ...process.env, LOGJSON_BENCH_RSS_FILE: rssFile }
    if (variant.kind === 'command') env.NODE_OPTIONS = `--import=${probe} ${process.env.NODE_OPTIONS ?? ''}`.trim()
    return new Promise((resolve, reject) => {
      const start = process.hrtime.bigint()
      // Into a pipe, the runner is the reader: it takes each chunk as it comes and drops it, as `| cat` would.
      const child = spawn(command, argv, { cwd: rootDir, stdio: ['ignore', output === 'pipe' ? 'pipe' : devNull, 'inherit'], env })
      child.stdout?.resume()
      child.on('error', reject)
      child.on('exit', (code, signal) => {
        const seconds = Number(process.hrtime.bigint() - start) / 1e9
        if (code !== 0) return reject(new Error(`${variant.name} failed (${signal ?? `exit ${code}`}): ${command} ${argv.join(' ')}`))
        if (!isNode) return resolve({ seconds, maxRssKiB: undefined })
        try {
          const { maxRssKiB } = JSON.parse(readFileSync(rssFile, 'utf8'))
          rmSync(rssFile, { force: true })
          resolve({ seconds, maxRssKiB })
        } catch (err) {
          reject(new Error(`${variant.name}: no peak RSS from rss-probe.js (${err.message})`))
        }
      })
    })
  }

  /** Untimed rounds, then `runs` rounds alternating the variants; fills in medians and peaks. */
  async function measure (variants) {
    for (let round = 0; round < warmup; round++) for (const variant of variants) await runOnce(variant)
    for (const variant of variants) variant.results = []
    for (let round = 0; round < runs; round++) {
      for (const variant of variants) variant.results.push(await runOnce(variant))
    }
    for (const variant of variants) {
      const times = variant.results.map((r) => r.seconds)
      variant.median = median(times)
      variant.min = Math.min(...times)
      variant.max = Math.max(...times)
      const rss = variant.results.map((r) => r.maxRssKiB).filter((kib) => kib !== undefined)
      variant.peakRssMiB = rss.length === 0 ? undefined : Math.max(...rss) / 1024
    }
  }

  return {
    runOnce,
    measure,
    close () {
      closeSync(devNull)
      rmSync(scratch, { recursive: true, force: true })
    }
  }
}
