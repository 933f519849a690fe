#!/usr/bin/env node
import { main } from '../dist/cli.js'

// A closed stdout (`logjson big.log | head -1`) is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})

process.exitCode = await main(process.argv.slice(2))
