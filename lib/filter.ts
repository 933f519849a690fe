/**
 * Keeps the records a predicate accepts and counts the rest as filtered. Rejected records always pass:
 * what happens to them is `onError`'s decision, not the filter's.
 */
import { PACKED, RecordBatch } from './batch.js'
import { LogjsonError } from './errors.js'
import { isRejected, type LogRecord } from './record.js'
import type { Stats } from './stats.js'
import { recordTransform } from './stage.js'
import { YEAR_10000, isoInstant, utcTime } from './time.js'
import { compileExpression } from './expression.js'
import { assertOptionsObject, fieldsOption, statsOption } from './options.js'
import { projectRecord } from './serialize.js'
import type { Transform } from 'node:stream'
import { PathTree, RecordWriter, fieldsRead, readFields, readingOnly, type FieldPaths } from './written.js'

export type Predicate = (record: LogRecord) => boolean

export interface FilterOptions {
  /** Counters to add filtered records to. */
  stats?: Stats
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/**
 * A `--since`/`--until` bound as ISO text: an ISO-8601 time (a date alone is midnight UTC; a time without
 * an offset is read as UTC) or a duration back from `now`: `90s`, `30m`, `2h`, `7d`, `1w`.
 */
export function timeBound (text: string, option: string, now = Date.now()): string {
  const invalid = (): LogjsonError => new LogjsonError('INVALID_OPTION', `option ${option}: "${text}" is neither an ISO-8601 time between the years 1 and 9999 nor a duration like 2h or 7d`, { option })
  const trimmed = text.trim()
  // `2h` or `-2h`: two hours back.
  const relative = /^-?(\d{1,9})([smhdw])$/.exec(trimmed)
  let instant: number
  if (relative !== null) {
    instant = now - Number(relative[1]) * UNIT_MS[relative[2]!]!
  } else {
    const iso = isoInstant(trimmed)
    // Rounded up: record times are whole milliseconds, and both bounds are kept by what is at or after them.
    instant = iso === undefined ? NaN : iso.at + (iso.finer ? 1 : 0)
  }
  if (!Number.isFinite(instant) || instant < MIN_INSTANT || instant > MAX_INSTANT) throw invalid()
  return new Date(instant).toISOString()
}

/** The range where ISO text compares in time order (four-digit years). */
const MIN_INSTANT = utcTime(1, 1, 1, 0, 0, 0)
const MAX_INSTANT = YEAR_10000 - 1

/** Keeps records whose `@timestamp` lies in [since, until); records without a time fail it. */
export function timeRange (since: string | undefined, until: string | undefined): Predicate {
  return readingOnly((record: LogRecord) => {
    const time = record['@timestamp']
    if (typeof time !== 'string') return false
    return (since === undefined || time >= since) && (until === undefined || time < until)
  }, [['@timestamp']])
}

/**
 * A predicate of your own that says which fields it reads (names as `createSerialize`'s `fields` takes
 * them): it is given a record holding those fields alone, as `projectRecord` makes it. Records read from
 * bytes are then not made into objects to be judged (see "Batches" in README.md): a filter several times
 * cheaper for proftpd and transfer-cft. A field the predicate reads but does not name is missing, whichever
 * way the record was read. It must not change what it is given: the values inside the fields it names may
 * be the record's own (when the record is an object) or copies (when it was read from its JSON).
 */
export function readingFields (fields: readonly string[], predicate: Predicate): Predicate {
  const paths = fieldsOption('fields', fields)
  if (typeof predicate !== 'function') throw new LogjsonError('INVALID_OPTION', 'readingFields expects a predicate function (record) => boolean', { option: 'predicate' })
  // Records read from bytes come with those fields alone, as an object made for the predicate; projecting
  // that object again costs little, and every other record is projected the same way.
  return readingOnly((record: LogRecord) => predicate(projectRecord(record, paths)), paths)
}

/** All of the predicates hold (none: everything is kept). */
export function allOf (predicates: readonly Predicate[]): Predicate {
  if (predicates.length === 1) return predicates[0]!
  const all = (record: LogRecord): boolean => {
    for (const predicate of predicates) if (!predicate(record)) return false
    return true
  }
  // Reading only what they all read, together.
  const paths: Array<readonly string[]> = []
  for (const predicate of predicates) {
    const read = fieldsRead(predicate)
    if (read === undefined) return all
    paths.push(...read)
  }
  return readingOnly(all, paths)
}

/** Path trees of the predicates that say what they read, made once each. */
const treesOf = new WeakMap<Predicate, PathTree>()

/** The fields a predicate reads as a tree, if it says. */
function treeOf (predicate: Predicate): PathTree | undefined {
  let tree = treesOf.get(predicate)
  if (tree === undefined) {
    const paths: FieldPaths | undefined = fieldsRead(predicate)
    if (paths === undefined) return undefined
    tree = PathTree.of(paths)
    treesOf.set(predicate, tree)
  }
  return tree
}

/**
 * `filterBatch` for a batch still holding its parser's entries, with a predicate that says which fields it
 * reads: records read from bytes are given those fields, read back from the JSON their codec writes, and
 * what the predicate keeps stays as it was, to be written by the codec or the layout. (Made into objects,
 * records read from bytes would be read again by the text parser: for proftpd and transfer-cft, several
 * times what converting them costs.)
 */
function filterEntries (batch: RecordBatch, predicate: Predicate, tree: PathTree, stats: Stats, writer: RecordWriter): RecordBatch {
  const packed = batch.packed
  const items = packed?.items ?? batch.entries!
  const records = packed?.records
  const dialect = batch.dialect!
  const codec = dialect.packed!
  const keep = new Uint8Array(items.length)
  let dropped = 0
  let next = 0
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    let kept: boolean
    if (item === PACKED) {
      writer.write(codec, records!, next++)
      kept = predicate(readFields(writer.bytes, 0, tree) as LogRecord)
    } else if (dialect.isEntry(item)) {
      kept = predicate(dialect.layout.toRecord(item, batch.enriched))
    } else {
      kept = isRejected(item as LogRecord) || predicate(item as LogRecord)
    }
    if (kept) keep[i] = 1
    else dropped++
  }
  if (dropped === 0) return batch
  stats.filtered += dropped
  return batch.keeping(keep)
}

export function filterBatch (batch: RecordBatch, predicate: Predicate, stats: Stats, writer?: RecordWriter): RecordBatch {
  // (A codec writes records enriched: its records are read back only once they are.)
  if (batch.hasEntries && (batch.enriched || batch.packed === undefined)) {
    const tree = treeOf(predicate)
    if (tree !== undefined) return filterEntries(batch, predicate, tree, stats, writer ?? new RecordWriter())
  }
  const records = batch.records
  let kept: LogRecord[] | undefined
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!
    const keep = isRejected(record) || predicate(record)
    if (keep) {
      kept?.push(record)
    } else if (kept === undefined) {
      // The first drop: copy what was kept so far; until then the batch passes through untouched.
      kept = records.slice(0, i)
    }
  }
  if (kept === undefined) return batch
  stats.filtered += records.length - kept.length
  const filtered = new RecordBatch(kept, batch.dialect)
  filtered.enriched = batch.enriched
  return filtered
}

/**
 * A Transform keeping the records a predicate accepts. The predicate is a function, or an expression in
 * the `--where` language (`'event.outcome == "failure" and file.size > 1e6'`), compiled once.
 */
export function createFilter (filter: Predicate | string, options: FilterOptions = {}): Transform {
  const predicate = typeof filter === 'string' ? compileExpression(filter) : filter
  if (typeof predicate !== 'function') {
    throw new LogjsonError('INVALID_OPTION', 'createFilter expects a predicate function (record) => boolean or an expression string', { option: 'filter' })
  }
  assertOptionsObject(options)
  const stats = statsOption(options.stats)
  const writer = new RecordWriter()
  return recordTransform('createFilter', {
    batch: (batch) => filterBatch(batch, predicate, stats, writer),
    record: (record) => {
      if (isRejected(record) || predicate(record)) return record
      stats.filtered++
      return undefined
    }
  })
}
