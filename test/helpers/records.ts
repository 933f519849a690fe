/**
 * Shared test helpers: run text through the library, and check every record the tests produce against
 * the schema, so that no test can pass while emitting a record the schema does not allow.
 */
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { existsSync, readdirSync } from 'node:fs'
import { basename, join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import ndjson from 'ndjson'
import { createPipeline, validateRecord, Stats, type Options, type LogRecord } from '../../lib/index.js'

// The suite runs compiled, from .test-build/ (scripts/build-tests.js); the project is the folder holding it.
const testRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const projectRoot = basename(testRoot) === '.test-build' ? dirname(testRoot) : testRoot
export const fixturesDir = join(projectRoot, 'test', 'fixtures')
/** Real logs written by others, kept beside the project; tests that read them skip when it is absent. */
export const corpusDir = join(projectRoot, '..', 'shared', 'corpus')

export function corpusFiles (dialect: string): string[] {
  const dir = join(corpusDir, dialect)
  if (!existsSync(dir)) return []
  return readdirSync(dir).filter((name) => name.endsWith('.log')).sort().map((name) => join(dir, name))
}

interface Assert {
  fail (message: string): void
}

/** Fails the test for every schema problem of every record. */
export function assertSchema (t: Assert, records: Iterable<unknown>): void {
  for (const record of records) {
    const problems = validateRecord(record)
    if (problems.length > 0) t.fail(`record breaks the schema: ${problems.join('; ')}\n${JSON.stringify(record)}`)
  }
}

export interface Conversion {
  records: LogRecord[]
  text: string
  stats: Stats
}

/**
 * Converts input through `createPipeline`, reads the NDJSON back with the ndjson parser, and checks the
 * records against the schema.
 */
export async function convert (t: Assert, input: string | Buffer | Array<string | Buffer>, options: Options = {}): Promise<Conversion> {
  const stats = new Stats()
  const chunks = Array.isArray(input) ? input : [input]
  let text = ''
  const records: LogRecord[] = []
  await pipeline(
    Readable.from(chunks.map((chunk) => typeof chunk === 'string' ? Buffer.from(chunk) : chunk), { objectMode: false }),
    createPipeline({ tz: 'UTC', ...options, stats }),
    new Writable({
      write (chunk: Buffer, _encoding, callback) {
        text += chunk.toString()
        callback()
      }
    })
  )
  await pipeline(Readable.from([text]), ndjson.parse({ strict: true }), new Writable({
    objectMode: true,
    write (record: LogRecord, _encoding, callback) {
      records.push(record)
      callback()
    }
  }))
  assertSchema(t, records)
  return { records, text, stats }
}

/** Collects what a readable stream emits. */
export async function collect<T> (stream: NodeJS.ReadableStream): Promise<T[]> {
  const items: T[] = []
  for await (const item of stream as AsyncIterable<T>) items.push(item)
  return items
}

/** Converts one line and returns its one record (a test fails loudly when there is not exactly one). */
export async function convertOne (t: Assert, line: string, options: Options = {}): Promise<LogRecord> {
  const { records } = await convert(t, line + '\n', options)
  if (records.length !== 1) throw new Error(`expected one record, got ${records.length}`)
  return records[0]!
}
