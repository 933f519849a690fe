import t from 'tap'
import { putInteger } from '../lib/dialects/bytes.js'

// putInteger writes into a DataView at an offset and returns where it stopped; what it wrote must read as
// String(value) would, with nothing written around it.
const out = new DataView(new ArrayBuffer(64))
const bytes = new Uint8Array(out.buffer)
function written (value: number): string {
  bytes.fill(0x2a)
  const end = putInteger(out, 3, value)
  const around = bytes.subarray(0, 3).every((b) => b === 0x2a) && bytes.subarray(end).every((b) => b === 0x2a)
  return around ? Buffer.from(bytes.subarray(3, end)).toString('latin1') : `wrote outside [3, ${end})`
}

t.test('every power of ten and its neighbours, up to the largest safe integer', async (t) => {
  const values = new Set<number>([0, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53 - 2])
  for (let power = 1; power < 2 ** 53; power *= 10) for (const v of [power - 1, power, power + 1]) values.add(v)
  for (const k of [1, 99, 12345, 90071992]) for (const v of [k * 1e8 - 1, k * 1e8, k * 1e8 + 1]) if (v < 2 ** 53) values.add(v)
  let wrong = 0
  for (const value of values) {
    if (written(value) === String(value)) continue
    t.equal(written(value), String(value), `${value}`)
    wrong++
  }
  t.equal(wrong, 0, `${values.size} values`)
})

t.test('random values of every length', async (t) => {
  // A fixed sequence (a linear congruential generator), so that a failure can be replayed.
  let seed = 12345
  const next = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32 }
  let wrong = 0
  for (let i = 0; i < 20000; i++) {
    const digits = 1 + Math.floor(next() * 16)
    const value = Math.min(Math.floor(next() * 10 ** digits), 2 ** 53 - 1)
    if (written(value) !== String(value)) {
      t.equal(written(value), String(value), `${value}`)
      if (++wrong > 5) break
    }
  }
  t.equal(wrong, 0)
})
