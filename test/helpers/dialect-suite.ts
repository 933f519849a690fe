/**
 * What every dialect must do, run by each dialect's test file with lines of its own (sql-formatter's
 * `behavesLike…` suites are the model).
 */
import type { Test } from 'tap'
import { dialects, findDialect, ZoneClock, validateRecord, type Dialect, type ParseContext } from '../../lib/index.js'

export interface DialectSamples {
  /** Lines the dialect must read. */
  good: string[]
  /** Lines it must reject. */
  bad: string[]
}

function context (original: boolean): ParseContext {
  return { clock: new ZoneClock('UTC'), year: 2026, yearOf: () => 2026, cftDateOrder: 'ymd', original, filePath: original ? '/var/log/sample.log' : undefined }
}

/** Variations of a line that real damage produces: cut short, a character changed, doubled or dropped. */
export function* mutations (line: string): Generator<string> {
  for (let i = 0; i < line.length; i++) {
    yield line.slice(0, i)
    yield line.slice(0, i) + line.slice(i + 1)
    yield line.slice(0, i) + ' ' + line.slice(i)
  }
  for (const insert of ['"', '\\', '\u0000', '\t', '__proto__', '😀', '\uFFFD', '   ']) {
    yield line + insert
    yield insert + line
    const middle = Math.floor(line.length / 2)
    yield line.slice(0, middle) + insert + line.slice(middle)
  }
}

export function behavesLikeDialect (t: Test, dialect: Dialect, samples: DialectSamples): void {
  t.test(`${dialect.id}: is in the registry under its id and every alias`, async (t) => {
    t.ok(dialects.includes(dialect))
    t.equal(findDialect(dialect.id), dialect)
    for (const alias of dialect.aliases) t.equal(findDialect(alias), dialect, alias)
    t.ok(dialect.description.length > 10)
  })

  t.test(`${dialect.id}: reads its good lines, with records that fit the schema`, async (t) => {
    for (const [index, line] of samples.good.entries()) {
      const entry = dialect.parse(line, index + 1, context(false))
      if (typeof entry === 'string') {
        t.fail(`rejected: ${entry}\n${line}`)
        continue
      }
      t.ok(dialect.isEntry(entry))
      for (const enriched of [false, true]) {
        const record = dialect.layout.toRecord(entry, enriched)
        t.same(validateRecord(record), [], `schema, enriched=${enriched}: ${line}`)
        t.equal(record.event?.dataset, dialect.id)
        t.equal(record.logjson?.line, index + 1)
        t.equal(record.event?.original, undefined)
      }
      t.ok(dialect.sniff(line) > 0, `sniff > 0: ${line}`)
      t.ok(dialect.fits(line), `fits: ${line}`)
    }
  })

  t.test(`${dialect.id}: the JSON writer and the record builder agree`, async (t) => {
    for (const original of [false, true]) {
      for (const line of samples.good) {
        const entry = dialect.parse(line, 7, context(original))
        if (typeof entry === 'string') continue
        for (const enriched of [false, true]) {
          const expected = JSON.stringify(dialect.layout.toRecord(entry, enriched))
          t.equal(dialect.layout.writeJSON(entry, enriched, false), expected, `checked escaping: ${line}`)
          if (!/["\\\u0000-\u001f\ud800-\udfff]/.test(line)) {
            t.equal(dialect.layout.writeJSON(entry, enriched, true), expected, `trusted: ${line}`)
          }
        }
        if (original) t.equal(dialect.layout.toRecord(entry, true).event?.original, line)
      }
    }
  })

  t.test(`${dialect.id}: enriching a record later gives what enriching the entry gives`, async (t) => {
    for (const line of samples.good) {
      const entry = dialect.parse(line, 1, context(false))
      if (typeof entry === 'string') continue
      const late = dialect.layout.toRecord(entry, false)
      dialect.layout.enrichRecord(late)
      dialect.layout.enrichRecord(late)
      t.same(JSON.parse(JSON.stringify(late)), JSON.parse(JSON.stringify(dialect.layout.toRecord(entry, true))), line)
    }
  })

  t.test(`${dialect.id}: rejects its bad lines with a reason`, async (t) => {
    for (const line of samples.bad) {
      const result = dialect.parse(line, 1, context(false))
      t.type(result, 'string', line)
      if (typeof result === 'string') t.ok(result.length > 5, `reason: ${result}`)
      // Reasons about ASCII lines must be ASCII: such batches are encoded one byte per character.
      if (typeof result === 'string' && /^[\u0000-\u007f]*$/.test(line)) t.match(result, /^[\u0000-\u007f]*$/, `ASCII reason: ${result}`)
      // Lines a dialect claims in order to reject them with its own reason must reach it in detection.
      if (dialect.sniff(line) > 0) t.ok(dialect.fits(line), `fits what it scores: ${line}`)
    }
  })

  t.test(`${dialect.id}: never throws on damaged lines, and what it reads still fits the schema`, async (t) => {
    let read = 0
    let rejected = 0
    const ctx = context(true)
    for (const line of samples.good) {
      for (const mutated of mutations(line)) {
        let result: unknown
        try {
          result = dialect.parse(mutated, 1, ctx)
          // Detection scores a line only against the dialects that fit it.
          const fits = dialect.fits(mutated)
          if (dialect.sniff(mutated) > 0 && !fits) t.fail(`scores above zero but does not fit: ${JSON.stringify(mutated)}`)
        } catch (err) {
          t.fail(`threw on ${JSON.stringify(mutated)}: ${String(err)}`)
          continue
        }
        if (typeof result === 'string') {
          rejected++
          if (result.length === 0) t.fail(`empty reason for ${JSON.stringify(mutated)}`)
        } else {
          read++
          const record = dialect.layout.toRecord(result as never, true)
          const problems = validateRecord(record)
          if (problems.length > 0) t.fail(`${JSON.stringify(mutated)}: ${problems.join('; ')}`)
          const text = dialect.layout.writeJSON(result as never, true, false)
          if (text !== JSON.stringify(record)) t.fail(`writer and builder differ on ${JSON.stringify(mutated)}`)
        }
      }
    }
    t.ok(read > 0 && rejected > 0, `read ${read}, rejected ${rejected}`)
    t.equal(Object.getOwnPropertyNames(Object.prototype).includes('polluted'), false)
  })
}
