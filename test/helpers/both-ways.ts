import type { Test } from 'tap'
import fc from 'fast-check'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { mutate, mutationKinds, projectRoot, seedLines, vocabulary, type Mutation } from '../../scripts/mutate.js'
import { shellEnv } from './command.js'
import { createPipeline, parseLine } from '../../lib/index.js'
import { LineBatch, type RecordBatch } from '../../lib/batch.js'
import { LineSplitter } from '../../lib/split.js'
import { LineParser } from '../../lib/parse.js'
import { serializeBatchToBuffer } from '../../lib/serialize.js'
import { Stats } from '../../lib/stats.js'
import type { Dialect } from '../../lib/dialects/types.js'
import type { Options } from '../../lib/index.js'

// A dialect's byte codec (see `PackedCodec`) must give what its text parser and the layout's writer give,
// byte for byte, on every line it accepts, and leave the others to the text parser. `bothWays` sends an
// input through both: once with the bytes the splitter keeps, once as the same lines without them.

export interface BothWays {
  packed: string
  plain: string
  /** Lines the byte reader took. */
  taken: number
  recordsPacked: string
  recordsPlain: string
  statsPacked: unknown
  statsPlain: unknown
}

/** Cuts `text` into chunks at the given sizes (cycled), as a file read in pieces would be. */
export function chunksOf (text: string, sizes: readonly number[]): Buffer[] {
  const bytes = Buffer.from(text, 'utf8')
  const chunks: Buffer[] = []
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]!)
    chunks.push(bytes.subarray(at, at + size))
    at += size
  }
  return chunks
}

export function bothWays (dialect: Dialect, text: string, options: Options = {}, sizes: readonly number[] = [1 << 16]): BothWays {
  return bothWaysOf(dialect, text, options, sizes)
}

/**
 * For dialects whose templates are made on a shape's second sighting (proftpd, transfer-cft): the text read
 * once to make them, then again, and the second reading compared.
 */
export function bothWaysSeenBefore (dialect: Dialect, text: string, options: Options = {}, sizes: readonly number[] = [1 << 16]): BothWays {
  bothWaysOf(dialect, text, options, sizes)
  return bothWaysOf(dialect, text, options, sizes)
}

function bothWaysOf (dialect: Dialect, text: string, options: Options = {}, sizes: readonly number[] = [1 << 16]): BothWays {
  const statsPacked = new Stats()
  const statsPlain = new Stats()
  const packedParser = new LineParser({ tz: 'UTC', ...options, dialect: dialect.id, stats: statsPacked })
  const plainParser = new LineParser({ tz: 'UTC', ...options, dialect: dialect.id, stats: statsPlain })
  const splitter = new LineSplitter()
  const batches: LineBatch[] = []
  for (const chunk of chunksOf(text, sizes)) {
    const batch = splitter.push(chunk)
    if (batch !== undefined) batches.push(batch)
  }
  const last = splitter.end()
  if (last !== undefined) batches.push(last)
  let packed = ''
  let plain = ''
  let taken = 0
  let recordsPacked = ''
  let recordsPlain = ''
  const write = (withBytes: RecordBatch, withoutBytes: RecordBatch): void => {
    withBytes.enriched = true
    withoutBytes.enriched = true
    taken += withBytes.packed?.records.count ?? 0
    packed += serializeBatchToBuffer(withBytes).toString('latin1')
    plain += serializeBatchToBuffer(withoutBytes).toString('latin1')
    // The records made from packed lines are the text parser's records.
    recordsPacked += JSON.stringify(withBytes.records)
    recordsPlain += JSON.stringify(withoutBytes.records)
  }
  for (const batch of batches) {
    write(packedParser.parseBatch(batch.tagged(dialect)), plainParser.parseBatch(new LineBatch(batch.lines, batch.firstLine, batch.clean, dialect, batch.ascii, true)))
  }
  // The record still open at the end (dialects whose records span lines).
  const ends: RecordBatch[] = []
  packedParser.end((batch) => ends.push(batch))
  plainParser.end((batch) => ends.push(batch))
  if (ends.length === 2) write(ends[0]!, ends[1]!)
  return { packed, plain, taken, recordsPacked, recordsPlain, statsPacked: statsPacked.toJSON(), statsPlain: statsPlain.toJSON() }
}

export function same (t: Test, result: BothWays, what: string): void {
  t.equal(result.packed, result.plain, `${what}: the same JSON either way`)
  t.equal(result.recordsPacked, result.recordsPlain, `${what}: the same records either way`)
  t.same(result.statsPacked, result.statsPlain, `${what}: the same counts either way`)
}

/** Whether both ways agree (for property tests). */
export function agrees (result: BothWays): boolean {
  return result.packed === result.plain && result.recordsPacked === result.recordsPlain && JSON.stringify(result.statsPacked) === JSON.stringify(result.statsPlain)
}

export interface ByteCodecSuite {
  dialect: Dialect
  /** Fixture and corpus folders whose `.log` files are read (a missing folder is skipped). */
  folders: readonly string[]
  /** The benchmark generator of this dialect's synthetic lines. */
  generator: string
  /** Lines at the edges of what the reader takes. */
  edgeLines: readonly string[]
  /** Characters mutations may insert besides the vocabulary. */
  alphabet: string
  /** Option sets every fixture, corpus file and the edge lines are read with. */
  optionSets: ReadonlyArray<[string, Options]>
  /**
   * Least number of lines the reader must take of the fixtures and corpus, the edge lines, 3000 generated
   * lines (however the chunks cut them) and the mutated ones.
   */
  least: { files: number, edges: number, generated: number, mutated: number }
  /** A well-formed line written at a wall time (`HH:MM:SS`). */
  lineAt (year: number, month: number, day: number, time: string): string
  /** A fixture the pipeline must convert as `parseLine` does, line by line, besides the edge lines. */
  pipelineFixture: string
  /**
   * The codec makes a template for a shape of record the second time it sees it (see `KeyTable.sighted`):
   * each input is then read once before the reading that is compared, so that its shapes are known.
   */
  secondSight?: boolean
}

/** What every byte codec must do: the same output as the text parser on every kind of input. */
export function behavesLikeTheTextParser (t: Test, suite: ByteCodecSuite): void {
  const { dialect } = suite
  /** `bothWays`, after a first reading that shows the codec the input's shapes when it needs to see them twice. */
  const bothWays = suite.secondSight === true ? bothWaysSeenBefore : bothWaysOf

  t.test('every fixture and corpus file reads the same from bytes as from text', async (t) => {
    const files = suite.folders.filter((folder) => existsSync(folder))
      .flatMap((folder) => readdirSync(folder).filter((name) => name.endsWith('.log')).map((name) => join(folder, name)))
    let taken = 0
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      for (const [label, options] of suite.optionSets) {
        const result = bothWays(dialect, text, options)
        taken += result.taken
        same(t, result, `${file.slice(projectRoot.length + 1)}, ${label}`)
      }
    }
    t.ok(taken > suite.least.files, `the byte reader took ${taken} lines of them`)
  })

  t.test('generated lines, cut into chunks of many sizes', async (t) => {
    const generated = spawnSync(process.execPath, [join(projectRoot, 'benchmarks', suite.generator), '3000'], { encoding: 'utf8', env: shellEnv })
    t.equal(generated.status, 0, 'the generator ran')
    t.equal(generated.stdout.split('\n').length, 3001, 'it wrote 3000 lines')
    // A line cut by a chunk boundary is copied whole ahead of the next chunk, and a record left open at
    // the end of a batch with it (see `LineBytes`): however small the chunks, the byte reader reads as many.
    for (const sizes of [[1 << 16], [4096, 333, 17], [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233]]) {
      const result = bothWays(dialect, generated.stdout, { tz: 'Europe/Paris', original: true }, sizes)
      same(t, result, `chunks of ${sizes.join(', ')}`)
      t.ok(result.taken > suite.least.generated, `the byte reader took ${result.taken} of 3000 lines`)
    }
  })

  t.test('lines at the edges read the same from bytes as from text', async (t) => {
    for (const [label, options] of suite.optionSets) {
      const result = bothWays(dialect, suite.edgeLines.join('\n') + '\n', options)
      same(t, result, label)
      t.ok(result.taken > suite.least.edges, `the byte reader took ${result.taken} of the edge lines`)
    }
    // One at a time too, so that no line's fate hides behind its neighbours'.
    for (const line of suite.edgeLines) same(t, bothWays(dialect, line + '\r\n', { tz: 'Europe/Paris', original: true }), JSON.stringify(line))
  })

  t.test('mutated lines read the same from bytes as from text', async (t) => {
    const printable = (text: string): boolean => /^[\x20-\x7e]*$/.test(text)
    const seeds = [...seedLines(dialect.id), ...suite.edgeLines].filter(printable)
    t.ok(seeds.length > 5, `${seeds.length} seed lines`)
    const mutation: fc.Arbitrary<Mutation> = fc.record({
      kind: fc.constantFrom(...mutationKinds),
      at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      length: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      // Printable ASCII pieces: other characters keep a chunk off the byte path.
      piece: fc.oneof(fc.constantFrom(...vocabulary.filter(printable)), fc.string({ unit: fc.constantFrom(...suite.alphabet), maxLength: 8 }))
    })
    const line = fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([seed, mutations]) => mutations.reduce(mutate, seed))
    let taken = 0
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (lines) => {
      const result = bothWays(dialect, lines.join('\n') + '\n', { tz: 'Europe/Paris', original: true })
      taken += result.taken
      return agrees(result)
    }), { numRuns: 300 })
    // Most mutations break the line (the text parser rejects it); enough survive to exercise the reader.
    t.ok(taken > suite.least.mutated, `the byte reader took ${taken} mutated lines`)
  })

  t.test('the pipeline writes what parseLine makes of each line (of each record, for records spanning lines)', async (t) => {
    // parseLine reads each line alone, so lines that go back into a repeated hour are left out.
    const text = suite.edgeLines.filter((line) => !line.includes('again')).join('\n') + '\n' + readFileSync(suite.pipelineFixture, 'utf8')
    const options: Options = { dialect: dialect.id, tz: 'Europe/Paris' }
    // Records that span lines are not lines: they are compared with the text parser's reading of the input.
    const expected = dialect.join !== undefined
      ? bothWaysOf(dialect, text, { tz: 'Europe/Paris' }, [1 << 16]).plain
      : text.split('\n').slice(0, -1).map((line, index) => parseLine(line, { ...options }, index + 1))
        .filter((record) => record !== undefined).map((record) => JSON.stringify(record) + '\n').join('')
    for (const sizes of [[1 << 16], [1 << 16], [7, 100, 1000]]) {
      const pipeline = createPipeline(options)
      const out: Buffer[] = []
      pipeline.on('data', (chunk: Buffer) => out.push(chunk))
      const done = new Promise((resolve, reject) => { pipeline.on('end', resolve); pipeline.on('error', reject) })
      for (const chunk of chunksOf(text, sizes)) pipeline.write(chunk)
      pipeline.end()
      await done
      t.equal(Buffer.concat(out).toString('utf8'), expected, `chunks of ${sizes.join(', ')}`)
    }
  })

  t.test('lines sharing a minute of the repeated hour stay in its first pass until the log goes back', async (t) => {
    // Paris, 25 October 2026: 02:00–02:59 comes twice, first at UTC+2, then at UTC+1.
    const times = ['01:59:50', '02:00:13', '02:00:15', '02:59:15', '02:00:15', '02:00:16', '03:00:15']
    const text = times.map((time) => suite.lineAt(2026, 10, 25, time)).join('\n') + '\n'
    const result = bothWays(dialect, text, { tz: 'Europe/Paris' })
    same(t, result, 'a repeated hour')
    // (The record still open at the end of an input is closed by the text parser.)
    t.equal(result.taken, times.length - (dialect.join === undefined ? 0 : 1), 'all read from bytes')
    const stamps = result.plain.split('\n').slice(0, -1).map((line) => (JSON.parse(line) as { '@timestamp': string })['@timestamp'])
    t.same(stamps, ['2026-10-24T23:59:50.000Z', '2026-10-25T00:00:13.000Z', '2026-10-25T00:00:15.000Z', '2026-10-25T00:59:15.000Z',
      '2026-10-25T01:00:15.000Z', '2026-10-25T01:00:16.000Z', '2026-10-25T02:00:15.000Z'])
    // Impossible times are rejected whatever line came before: none may pass for the minute it would alias.
    type WallTime = [number, number, number, string]
    const pairs: Array<[WallTime, WallTime]> = [[[2006, 4, 1, '10:11:03'], [2006, 3, 33, '10:11:04']], [[2006, 3, 7, '00:11:03'], [2006, 3, 6, '24:11:04']],
      [[2006, 3, 7, '11:00:03'], [2006, 3, 7, '10:60:04']], [[2006, 3, 7, '11:39:00'], [2006, 3, 7, '10:99:04']]]
    for (const [before, after] of pairs) {
      const pair = bothWays(dialect, suite.lineAt(...before) + '\n' + suite.lineAt(...after) + '\n')
      same(t, pair, `${after.join(' ')} after ${before.join(' ')}`)
      t.equal((pair.statsPlain as { rejected: number }).rejected, 1, `${after.join(' ')} is rejected`)
    }
    // A line the reader declines (1969) is read by the text parser once, before the zone clock has seen it.
    const repeated = suite.lineAt(1969, 10, 26, '01:30:30') + '\n' + suite.lineAt(2023, 11, 5, '01:30:30') + '\n'
    same(t, bothWays(dialect, repeated, { tz: 'America/New_York' }), 'repeated hours of 1969 and 2023')
  })
}
