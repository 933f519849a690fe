#!/usr/bin/env node
// The floor every conversion is measured against: the most naive line-to-NDJSON wrapper, split2 → one
// objectMode Transform writing JSON.stringify({ line }) per line → stdout.
import { createReadStream } from 'node:fs'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import split2 from 'split2'

const wrap = new Transform({
  writableObjectMode: true,
  transform (line, _encoding, callback) {
    callback(null, JSON.stringify({ line }) + '\n')
  }
})
await pipeline(process.argv[2] ? createReadStream(process.argv[2]) : process.stdin, split2(), wrap, process.stdout)
