// What the generate-*.js scripts share: a seeded random source and a batched writer to stdout.
import { writeSync } from 'node:fs'

// A generator must write the same file on every run, so that timings of one version can be compared
// with another: the numbers come from xorshift32 started from a fixed seed, not from Math.random. Every
// helper draws exactly one number, so a generator's output depends only on the order of its calls.
export function randomSource (seed) {
  function random () {
    seed ^= seed << 13; seed >>>= 0
    seed ^= seed >>> 17
    seed ^= seed << 5; seed >>>= 0
    return seed / 0x100000000
  }
  return {
    random,
    pick: (list) => list[Math.floor(random() * list.length)],
    // a whole number from low to high, both included
    int: (low, high) => low + Math.floor(random() * (high - low + 1)),
    chance: (p) => random() < p
  }
}

// Lines go out in batches: one write per line would make the generators slow to produce millions of
// them, and holding the whole file would take as much memory as the file. writeSync on fd 1 rather than
// process.stdout, so nothing is left queued when the script ends.
export function lineWriter (batch = 4096) {
  let out = []
  let pending = 0
  const pause = new Int32Array(new SharedArrayBuffer(4))
  function flush () {
    // A pipe may take part of a write, or none of it for now (EAGAIN when its reader set it non-blocking).
    const bytes = Buffer.from(out.join(''))
    for (let at = 0; at < bytes.length;) {
      try {
        at += writeSync(1, bytes, at)
      } catch (err) {
        if (err.code !== 'EAGAIN') throw err
        Atomics.wait(pause, 0, 0, 5)
      }
    }
    out = []
    pending = 0
  }
  return {
    // one line, without its line end
    line (text) {
      out.push(text, '\n')
      if (++pending >= batch) flush()
    },
    // what is left at the end
    flush
  }
}
