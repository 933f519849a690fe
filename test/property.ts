import t, { type Test } from 'tap'
import fc from 'fast-check'
import { dialects, parseLine, validateRecord, type LogRecord } from '../lib/index.js'
import { mutate, mutationKinds, seedLines, vocabulary, type Mutation } from '../scripts/mutate.js'
import { convert } from './helpers/records.js'

// Property-based checks of the promise every dialect makes: whatever the input, parsing never throws, each
// line ends as exactly one record (or part of one), one rejected record or one counted filter drop, and
// every record fits the schema. fast-check draws the inputs and shrinks a failure to a small example.

const RUNS = 60
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...mutationKinds),
  at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  length: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  piece: fc.oneof(fc.constantFrom(...vocabulary), fc.string({ unit: 'binary', maxLength: 8 }))
})

/** A real line of the dialect with one to four mutations applied. */
function mutatedLine (seeds: string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([line, mutations]) => mutations.reduce(mutate, line))
}

/** Text as the splitter will cut it: LF, CRLF and a lone CR each end a line. */
const linesOf = (text: string): number => text === '' ? 0 : text.replace(/(?:\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/).length

/** Keeps every other record, so that filter drops are counted too. */
const everyOther = (record: LogRecord): boolean => (record.logjson?.line ?? 0) % 2 === 1

/**
 * Runs lines through the whole pipeline and checks the accounting against what went in and what came out.
 * `convert` already parses the NDJSON strictly and checks every record against the schema.
 */
async function checkConversion (t: Test, lines: string[], dialect: string): Promise<boolean> {
  const text = lines.join('\n') + '\n'
  const { records, stats } = await convert(t, text, { dialect, filter: everyOther, original: true })
  const rejected = records.filter((record) => (record.logjson as { unparsed?: boolean }).unparsed === true).length
  const expectedLines = linesOf(text)
  const fine = stats.balanced() &&
    stats.lines === expectedLines &&
    records.length === stats.records + rejected &&
    rejected === stats.rejected &&
    records.every((record) => validateRecord(record).length === 0)
  if (!fine) t.fail('counts do not add up', { lines: expectedLines, stats: stats.toJSON(), written: records.length, rejected })
  return fine
}

for (const dialect of [...dialects.map((d) => d.id), 'auto']) {
  const seeds = dialect === 'auto' ? dialects.flatMap((d) => seedLines(d.id)) : seedLines(dialect)

  t.test(`${dialect}: parseLine never throws, on any string`, async (t) => {
    const options = { dialect, tz: 'UTC' }
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), mutatedLine(seeds)), (line) => {
      const result = parseLine(line, options)
      // Only a blank line gives no record at all.
      return result === undefined ? /^[ \t\r\n]*$/.test(line) : validateRecord(result).length === 0
    }), { numRuns: RUNS * 5 })
    t.pass('checked')
  })

  t.test(`${dialect}: mutated real lines through the pipeline, every line accounted for`, async (t) => {
    await fc.assert(fc.asyncProperty(fc.array(mutatedLine(seeds), { minLength: 1, maxLength: 12 }), (lines) => checkConversion(t, lines, dialect)), { numRuns: RUNS })
    t.pass('checked')
  })

  t.test(`${dialect}: arbitrary text through the pipeline, every line accounted for`, async (t) => {
    const anyLine = fc.string({ unit: fc.constantFrom(...'ab :;=<>[]()+"\\\r\t\u0000é😀'.split('')), maxLength: 60 })
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(anyLine, fc.string({ unit: 'binary', maxLength: 80 })), { minLength: 1, maxLength: 8 }), (lines) => checkConversion(t, lines, dialect)), { numRuns: RUNS })
    t.pass('checked')
  })
}

t.test('no input reached a prototype', async (t) => {
  t.same(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys)
  t.equal(({} as Record<string, unknown>).x, undefined)
})
