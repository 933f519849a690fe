/**
 * Options as users give them, and the normalised form the stages use. Normalising never mutates the
 * caller's object; every bad value is reported with the option's name.
 */
import { LogjsonError } from './errors.js'
import { getDialect, type Dialect } from './dialects/index.js'
import { Stats } from './stats.js'
import { compileExpression } from './expression.js'
import { assertTimeZone, localTimeZone } from './time.js'
import type { LogRecord } from './record.js'
import { schema } from './schema.js'

export type OnError = 'emit' | 'skip' | 'fail'
export const cftDateOrders: ReadonlyArray<'ymd' | 'dmy' | 'mdy'> = ['ymd', 'dmy', 'mdy']
export const onErrorChoices: readonly OnError[] = ['emit', 'skip', 'fail']

/** Default longest line: 1 MiB. */
export const DEFAULT_MAX_LINE = 1024 * 1024

export interface Options {
  /** `auto` (default) or a dialect id or alias. */
  dialect?: string
  /** IANA zone of timestamps that carry no offset; default the machine's zone. */
  tz?: string
  /** Year for timestamps written without one. */
  year?: number
  /** What a line no dialect reads becomes: a rejected record (`emit`, default), nothing (`skip`), or an error (`fail`). */
  onError?: OnError
  /** Add `event.original` to every record. */
  original?: boolean
  /**
   * Longest line in characters, and longest record of several lines (ProFTPD, Transfer CFT); a longer one
   * becomes a rejected record carrying its start.
   */
  maxLine?: number
  /**
   * The date a year is inferred from for timestamps written without one (when `year` is not given): a
   * date after it by more than a day is taken to be from the year before. Default: now. The command passes
   * each file's modification time.
   */
  referenceTime?: Date | number
  /** Order of Transfer CFT's two-digit dates: `ymd` (default, as LISTLOG prints them), `dmy` or `mdy`. */
  cftDateOrder?: 'ymd' | 'dmy' | 'mdy'
  /** Written to `log.file.path` and named in errors. */
  filePath?: string
  /** Counters to update; pass one to read them after the conversion. */
  stats?: Stats
  /** Keep only the records this returns true for (a function, or a `--where` expression). Rejected records are not filtered. */
  filter?: ((record: LogRecord) => boolean) | string
  /** How many non-blank lines auto-detection scores before it settles (default 32). */
  sampleLines?: number
}

export interface NormalizedOptions {
  readonly dialect: Dialect | undefined
  readonly tz: string
  readonly year: number | undefined
  readonly onError: OnError
  readonly original: boolean
  readonly maxLine: number
  readonly referenceTime: number
  readonly cftDateOrder: 'ymd' | 'dmy' | 'mdy'
  readonly filePath: string | undefined
  readonly stats: Stats
  readonly filter: ((record: LogRecord) => boolean) | undefined
  readonly sampleLines: number
}

/** The error for a bad option value, for every function that takes options. */
export function invalidOption (option: string, message: string): LogjsonError {
  return new LogjsonError('INVALID_OPTION', `option ${option}: ${message}`, { option })
}

/** Options given as something other than an object (`null`, a string) are refused, not read as none. */
export function assertOptionsObject (options: unknown): void {
  if (typeof options !== 'object' || options === null) throw invalidOption('options', `expected an object, got ${String(options)}`)
}

/** The `stats` option: the `Stats` given, or a new one. */
export function statsOption (stats: unknown): Stats {
  if (stats === undefined) return new Stats()
  if (!(stats instanceof Stats)) throw invalidOption('stats', `expected a Stats instance, got ${String(stats)}`)
  return stats
}

/**
 * A list of fields (`fields` of `createSerialize`, `readingFields`) as paths of keys: each a field of the
 * schema, a group of them (`event`), or a key inside a field whose keys come from the input (`cft.part`);
 * anything else would silently stand for nothing.
 */
export function fieldsOption (option: string, fields: unknown): string[][] {
  if (!(Array.isArray(fields) && fields.every((field) => typeof field === 'string'))) throw invalidOption(option, `expected an array of field names, got ${JSON.stringify(fields)}`)
  if (fields.length === 0) throw invalidOption(option, 'no field named')
  for (const field of fields) {
    if (!schema.some((known) => known.name === field || known.name.startsWith(field + '.') || (known.type === 'flattened' && field.startsWith(known.name + '.') && field.length > known.name.length + 1))) {
      throw invalidOption(option, `"${field}" is not a field or group of the record schema (see docs/schema.md)`)
    }
  }
  return fields.map((field) => field.split('.'))
}

/** A value as a message shows it: JSON, but for the numbers JSON cannot write (NaN: not a number at all). */
function shown (value: unknown): string {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value)
}

/** An option that is true or false, `fallback` when left out. */
export function booleanOption (option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') throw invalidOption(option, `expected true or false, got ${shown(value)}`)
  return value
}

export function positiveInteger (option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw invalidOption(option, `expected a positive whole number, got ${shown(value)}`)
  }
  return value
}

export function normalizeOptions (options: Options | NormalizedOptions = {}): NormalizedOptions {
  if (isNormalized(options)) return options
  assertOptionsObject(options)

  const dialectName = options.dialect ?? 'auto'
  if (typeof dialectName !== 'string') throw invalidOption('dialect', 'expected a string')
  const dialect = dialectName === 'auto' ? undefined : getDialect(dialectName)

  const tz = options.tz ?? localTimeZone()
  if (typeof tz !== 'string') throw invalidOption('tz', 'expected an IANA zone name')
  assertTimeZone(tz)

  const year = options.year
  if (year !== undefined && (typeof year !== 'number' || !Number.isInteger(year) || year < 1 || year > 9999)) {
    throw invalidOption('year', `expected a year from 1 to 9999, got ${shown(year)}`)
  }

  const onError = options.onError ?? 'emit'
  if (!onErrorChoices.includes(onError)) {
    throw invalidOption('onError', `expected one of ${onErrorChoices.join(', ')}, got ${JSON.stringify(onError)}`)
  }

  const original = booleanOption('original', options.original, false)

  const reference = options.referenceTime ?? Date.now()
  const referenceTime = reference instanceof Date ? reference.getTime() : reference
  if (typeof referenceTime !== 'number' || !Number.isFinite(referenceTime)) throw invalidOption('referenceTime', 'expected a Date or a number of milliseconds')

  const cftDateOrder = options.cftDateOrder ?? 'ymd'
  if (!cftDateOrders.includes(cftDateOrder)) throw invalidOption('cftDateOrder', `expected one of ${cftDateOrders.join(', ')}, got ${JSON.stringify(cftDateOrder)}`)

  const filePath = options.filePath
  if (filePath !== undefined && (typeof filePath !== 'string' || filePath === '')) throw invalidOption('filePath', 'expected a non-empty string')

  const stats = statsOption(options.stats)

  const filter = typeof options.filter === 'string' ? compileExpression(options.filter) : options.filter
  if (filter !== undefined && typeof filter !== 'function') throw invalidOption('filter', 'expected a function or an expression')

  const normalized: NormalizedOptions = {
    dialect,
    tz,
    year,
    onError,
    original,
    maxLine: positiveInteger('maxLine', options.maxLine, DEFAULT_MAX_LINE),
    referenceTime,
    cftDateOrder,
    filePath,
    stats,
    filter,
    sampleLines: positiveInteger('sampleLines', options.sampleLines, 32)
  }
  normalizedObjects.add(normalized)
  return Object.freeze(normalized)
}

const normalizedObjects = new WeakSet<object>()

function isNormalized (options: object): options is NormalizedOptions {
  return normalizedObjects.has(options)
}
