#!/usr/bin/env node
// Line splitting, against named competitors: `node benchmarks/split.js [--lines N] [--runs K]`.
// Each variant reads the same file and hands the lines to a downstream objectMode stage that only counts
// them, the way the next stage of a pipeline would receive them:
//   split2              one string per line, one stream hop per line (split2's own design)
//   split2 re-batched   split2, then a stage that gathers its lines back into one array per input chunk
//   createSplit         logjson's splitter: one LineBatch per input chunk
// This is the measurement behind using createSplit instead of split2 in the pipeline (see README.md).
import { createReadStream } from 'node:fs'
import { Transform, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import split2 from 'split2'
import { ensureInput, positiveInteger, median, markdownTable } from './input.js'
import { createSplit, LineBatch } from '../dist/index.js'

const { values: args } = parseArgs({ options: { lines: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } } })
const lines = positiveInteger('lines', args.lines)
const runs = positiveInteger('runs', args.runs)
const input = ensureInput(lines)

function counter () {
  let count = 0
  const sink = new Writable({
    objectMode: true,
    write (chunk, _encoding, callback) {
      count += chunk instanceof LineBatch ? chunk.lines.length : Array.isArray(chunk) ? chunk.length : 1
      callback()
    }
  })
  return { sink, count: () => count }
}

/** Gathers single lines into arrays, flushing whenever the source stream goes quiet for a tick. */
function rebatch () {
  let pending = []
  let scheduled = false
  return new Transform({
    objectMode: true,
    transform (line, _encoding, callback) {
      pending.push(line)
      if (!scheduled) {
        scheduled = true
        setImmediate(() => {
          scheduled = false
          if (pending.length > 0) { this.push(pending); pending = [] }
        })
      }
      callback()
    },
    flush (callback) {
      if (pending.length > 0) this.push(pending)
      callback()
    }
  })
}

const variants = [
  { name: 'split2', make: () => [split2()] },
  { name: 'split2 re-batched', make: () => [split2(), rebatch()] },
  { name: 'createSplit', make: () => [createSplit()] }
]

const times = new Map(variants.map((v) => [v.name, []]))
for (let run = 0; run <= runs; run++) {
  for (const variant of variants) {
    const { sink, count } = counter()
    const start = process.hrtime.bigint()
    await pipeline(createReadStream(input.path, { highWaterMark: 64 * 1024 }), ...variant.make(), sink)
    const ns = Number(process.hrtime.bigint() - start)
    if (count() !== lines) throw new Error(`${variant.name} saw ${count()} lines, expected ${lines}`)
    if (run > 0) times.get(variant.name).push(ns) // the first round only warms up
  }
}
console.log(`node ${process.version}, ${lines.toLocaleString('en-US')} lines, median of ${runs}`)
console.log(markdownTable(['splitter', 'ns/line', 'lines/s'], variants.map((v) => {
  const ns = median(times.get(v.name)) / lines
  return [v.name, ns.toFixed(0), Math.round(1e9 / ns).toLocaleString('en-US')]
})))
