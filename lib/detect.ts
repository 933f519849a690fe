/**
 * Which dialect reads which lines. The core (`DialectDetector`) is stream-free; `createDetect` wraps it.
 *
 * Modelled on delimiter discovery in CSV parsers: the first non-blank lines of an input are held back and
 * every dialect scores them; the best total wins (ties go to the registry's order). From then on each line
 * gets the current dialect's quick `fits` test; a line that fails it is scored against every dialect whose
 * own `fits` takes it, and the best one that scores above zero takes over. Lines no dialect claims stay with
 * the current dialect, whose parser rejects them with its reason.
 *
 * Output is line batches tagged with a dialect; a batch is cut where the dialect changes.
 */
import { Transform } from 'node:stream'
import { BATCH_HIGH_WATER_MARK, LineBatch, type Line } from './batch.js'
import { dialects as registry, type Dialect } from './dialects/index.js'
import { LogjsonError } from './errors.js'
import { describe } from './stage.js'
import { normalizeOptions, type NormalizedOptions, type Options } from './options.js'

/**
 * The dialect scoring highest on one line, if any scores above zero. A dialect whose quick `fits` test
 * refuses the line is not scored: it could not score above zero (see `Dialect.fits`), and wrapped lines
 * that no dialect claims, a tenth of a Transfer CFT log, would otherwise pay for every dialect's patterns.
 */
export function bestDialectForLine (line: string, candidates: readonly Dialect[] = registry): Dialect | undefined {
  let best: Dialect | undefined
  let bestScore = 0
  for (const dialect of candidates) {
    if (!dialect.fits(line)) continue
    const score = dialect.sniff(line)
    if (score > bestScore) {
      best = dialect
      bestScore = score
    }
  }
  return best
}

/** The dialect scoring highest over a sample of lines, if any scores above zero. */
export function detectDialect (lines: Iterable<Line>, candidates: readonly Dialect[] = registry): Dialect | undefined {
  const totals = new Array<number>(candidates.length).fill(0)
  for (const line of lines) {
    if (typeof line !== 'string' || line.length === 0) continue
    for (let i = 0; i < candidates.length; i++) totals[i]! += candidates[i]!.sniff(line)
  }
  let best: Dialect | undefined
  let bestTotal = 0
  for (let i = 0; i < candidates.length; i++) {
    if (totals[i]! > bestTotal) {
      best = candidates[i]
      bestTotal = totals[i]!
    }
  }
  return best
}

/** Most lines held back while waiting for enough non-blank ones to detect with. */
const MAX_HELD_LINES = 100_000

export class DialectDetector {
  readonly #fixed: Dialect | undefined
  readonly #sampleLines: number
  readonly #candidates: readonly Dialect[]
  #current: Dialect | undefined
  #settled: boolean
  #held: LineBatch[] = []
  #heldLines = 0
  #heldTotal = 0

  constructor (options: Options | NormalizedOptions = {}, candidates: readonly Dialect[] = registry) {
    const normalized = normalizeOptions(options)
    this.#fixed = normalized.dialect
    this.#current = normalized.dialect
    this.#settled = normalized.dialect !== undefined
    this.#sampleLines = normalized.sampleLines
    this.#candidates = candidates
  }

  /** The dialect lines are currently read with. */
  get current (): Dialect | undefined {
    return this.#current
  }

  /** Tags a batch (cutting it where the dialect changes); holds it back while the sample is incomplete. */
  push (batch: LineBatch, emit: (batch: LineBatch) => void): void {
    if (this.#fixed !== undefined) {
      emit(batch.dialect === this.#fixed ? batch : batch.tagged(this.#fixed))
      return
    }
    if (!this.#settled) {
      this.#held.push(batch)
      this.#heldTotal += batch.lines.length
      for (const line of batch.lines) if (typeof line === 'string' && line.length > 0) this.#heldLines++
      // An input of blank lines must not be held without end: past a bound, settle on what is there.
      if (this.#heldLines < this.#sampleLines && this.#heldTotal < MAX_HELD_LINES) return
      this.#settle(emit)
      return
    }
    this.#tag(batch, emit)
  }

  /** Releases whatever is held back, at the end of the input. */
  end (emit: (batch: LineBatch) => void): void {
    if (!this.#settled) this.#settle(emit)
  }

  #settle (emit: (batch: LineBatch) => void): void {
    const held = this.#held
    this.#held = []
    this.#settled = true
    // From the first MAX_HELD_LINES lines only, however many the last batch held brought: the sample, and
    // so the dialect, must not depend on where the input's chunks end.
    const sample = held.flatMap((batch) => batch.lines).slice(0, MAX_HELD_LINES)
      .filter((line) => typeof line === 'string' && line.length > 0).slice(0, this.#sampleLines)
    this.#current = detectDialect(sample, this.#candidates)
    for (const batch of held) this.#tag(batch, emit)
  }

  #tag (batch: LineBatch, emit: (batch: LineBatch) => void): void {
    const lines = batch.lines
    let current = this.#current
    let runStart = 0
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!
      if (typeof line !== 'string' || line.length === 0) continue
      if (current !== undefined && current.fits(line)) continue
      const better = bestDialectForLine(line, this.#candidates)
      if (better === undefined || better === current) continue
      if (i > runStart) emit(batch.slice(runStart, i, current))
      runStart = i
      current = better
    }
    this.#current = current
    emit(batch.slice(runStart, lines.length, current))
  }
}

/**
 * A Transform from `LineBatch` to `LineBatch`, each tagged with the dialect to read it with. With a fixed
 * `dialect` option it only tags.
 */
export function createDetect (options: Options | NormalizedOptions = {}): Transform {
  const detector = new DialectDetector(options)
  return new Transform({
    objectMode: true,
    highWaterMark: BATCH_HIGH_WATER_MARK,
    transform (batch: unknown, _encoding, callback) {
      if (!(batch instanceof LineBatch)) {
        callback(new LogjsonError('INVALID_CHUNK', `createDetect expects LineBatch chunks (from createSplit), got ${describe(batch)}`))
        return
      }
      detector.push(batch, (tagged) => this.push(tagged))
      callback()
    },
    flush (callback) {
      detector.end((tagged) => this.push(tagged))
      callback()
    }
  })
}
