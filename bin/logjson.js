#!/usr/bin/env -S node --max-semi-space-size=4 --single-threaded-gc
// The young generation is capped at 4 MiB per semi-space: a conversion allocates fast but keeps little,
// and V8's default (16 MiB) grows the heap by some 30 MiB for about 1% of speed (see README.md).
// Garbage is collected on the thread that makes it: the same speed for one conversion, and `--jobs`
// workers do not compete with each other's GC helper threads on a few cores.
// One bundled file (scripts/bundle.js): Node loads it faster than the modules it is made of.
import { main } from '../dist/command.js'

// A closed stdout (`logjson big.log | head -1`) is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})

process.exitCode = await main(process.argv.slice(2))
