// Preloaded into a benchmarked child with `node --import <this file> script ...`: when the child exits,
// writes its peak resident set size as `{"maxRssKiB": N}` to the file named by LOGJSON_BENCH_RSS_FILE.
// A file rather than stdout/stderr, because stdout is the data being measured and stderr is the user's.
// Synchronous on purpose: 'exit' listeners cannot wait for asynchronous work.
import { writeFileSync } from 'node:fs'

const target = process.env.LOGJSON_BENCH_RSS_FILE
if (target) {
  process.on('exit', () => {
    // maxRSS is getrusage()'s ru_maxrss, in KiB on Linux (libuv normalises it elsewhere).
    writeFileSync(target, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }) + '\n')
  })
}
