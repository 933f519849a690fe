#!/usr/bin/env -S node --max-semi-space-size=2 --single-threaded-gc
// The young generation is capped at 2 MiB per semi-space: reading bytes, a conversion makes little garbage
// and keeps less, and a larger one only grows the heap (4 MiB: 6-14 MiB more, the same speed; see README.md).
// Garbage is collected on the thread that makes it: the same speed for one conversion, and `--jobs`
// workers do not compete with each other's GC helper threads on a few cores.
// One bundled file (scripts/bundle.js): Node loads it faster than the modules it is made of.
import { main, cannotWriteOutput } from '../dist/command.js'

// A closed stdout (`logjson big.log | head -1`) is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0)
  // Any other failure to write the output (a full disk, /dev/full) ends the run: said on one line.
  process.stderr.write(`logjson: ${cannotWriteOutput(err)}\n`)
  process.exit(1)
})
// Nor is a closed stderr (`logjson --stats log 2>&1 | head -1`): what it would have said is lost, and the
// status is still the conversion's.
process.stderr.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err
})

process.exitCode = await main(process.argv.slice(2))
