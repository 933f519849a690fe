/**
 * Elasticsearch output: the `_bulk` action line for each record, and an index template whose mappings
 * are generated from the record schema, so that every field any dialect writes is mapped with its type.
 */
import { schema, type FieldType } from './schema.js'
import { LogjsonError } from './errors.js'
import type { LogRecord } from './record.js'

const MAPPINGS: Readonly<Record<FieldType, Record<string, unknown>>> = {
  date: { type: 'date' },
  keyword: { type: 'keyword', ignore_above: 1024 },
  // Free text is searched by words; the keyword copy keeps exact matches and aggregations possible.
  text: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 1024 } } },
  long: { type: 'long' },
  ip: { type: 'ip' },
  boolean: { type: 'boolean' },
  flattened: { type: 'flattened' }
}

/** The `properties` tree of every schema field. */
export function esMappings (): Record<string, unknown> {
  const properties: Record<string, unknown> = {}
  for (const field of schema) {
    const parts = field.name.split('.')
    let level = properties
    for (const part of parts.slice(0, -1)) {
      const existing = level[part] as { properties: Record<string, unknown> } | undefined
      const node = existing ?? { properties: {} }
      level[part] = node
      level = node.properties
    }
    level[parts[parts.length - 1]!] = { ...MAPPINGS[field.type] }
  }
  return properties
}

export interface TemplateOptions {
  /** Index names the template applies to (default `logjson-*`). */
  indexPattern?: string
}

/** A composable index template (`PUT _index_template/<name>`). */
export function esTemplate (options: TemplateOptions = {}): Record<string, unknown> {
  const pattern = options.indexPattern ?? 'logjson-*'
  if (pattern.trim() === '' || /[\s"\\,]/.test(pattern)) {
    throw new LogjsonError('INVALID_OPTION', `option indexPattern: "${pattern}" is not an index pattern`, { option: 'indexPattern' })
  }
  return {
    index_patterns: [pattern],
    priority: 200,
    template: {
      mappings: {
        // Fields the schema does not know are kept in the document but not indexed.
        dynamic: false,
        properties: esMappings()
      }
    },
    _meta: { description: 'Records written by logjson; mappings generated from its record schema.' }
  }
}

const DATE_TOKENS = /yyyy|MM|dd|HH/g

/**
 * Checks an index name: lower case, no characters Elasticsearch refuses, and `{…}` date patterns made of
 * yyyy, MM, dd, HH and separators. Returns a function giving the name for a record.
 */
export function indexNamer (index: string): (record: LogRecord) => string {
  const invalid = (why: string): LogjsonError => new LogjsonError('INVALID_OPTION', `option index: "${index}" ${why}`, { option: 'index' })
  if (index === '' || index.startsWith('-') || index.startsWith('_') || index.startsWith('+')) throw invalid('must start with a letter or digit')
  const literal = index.replace(/\{[^{}]*\}/g, '')
  if (/[A-Z\\/*?"<>| ,#:{}]/.test(literal)) throw invalid('may only hold lower-case letters, digits and - _ . outside {date} patterns')
  const patterns = [...index.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!)
  for (const pattern of patterns) {
    if (!/^(?:yyyy|MM|dd|HH|[.\-_])+$/.test(pattern)) throw invalid(`has an unknown date pattern {${pattern}} (use yyyy, MM, dd, HH)`)
  }
  if (patterns.length === 0) return () => index
  // Records come in time order, mostly: the name made for the last hour is kept.
  let hour = ''
  let name = ''
  return (record) => {
    // Records without a time (rejected lines) are filed under the time they were converted.
    const time = typeof record['@timestamp'] === 'string' ? record['@timestamp'] : new Date().toISOString()
    if (hour !== '' && time.startsWith(hour)) return name
    const parts: Record<string, string> = { yyyy: time.slice(0, 4), MM: time.slice(5, 7), dd: time.slice(8, 10), HH: time.slice(11, 13) }
    name = index.replace(/\{([^{}]*)\}/g, (_, pattern: string) => pattern.replace(DATE_TOKENS, (token) => parts[token]!))
    hour = time.length >= 13 ? time.slice(0, 13) : ''
    return name
  }
}

// node:crypto takes some 6 ms to load, paid by every start of the command: it is loaded by the first id.
let cryptoModule: typeof import('node:crypto') | undefined
const crypto = (): typeof import('node:crypto') => (cryptoModule ??= process.getBuiltinModule('node:crypto'))

/**
 * A document id that stays the same when the same input is loaded again: a hash of the input's name,
 * the line number and the line itself.
 */
export function documentId (input: string, line: number, text: string): string {
  // One call instead of a Hash object and five updates: the same bytes hashed (strings as UTF-8), in about
  // half the time.
  return crypto().hash('sha256', input + '\u0000' + line + '\u0000' + text, 'base64url').slice(0, 32)
}

/** Where `documentIdOfBytes` puts what it hashes. */
let idInput = Buffer.allocUnsafe(1024)

/** `documentId` of the line whose UTF-8 bytes are `text`, without making them a string. */
export function documentIdOfBytes (input: string, line: number, text: Uint8Array): string {
  const prefix = input + '\u0000' + line + '\u0000'
  const length = Buffer.byteLength(prefix, 'utf8') + text.length
  if (length > idInput.length) idInput = Buffer.allocUnsafe(Math.max(length, 2 * idInput.length))
  const at = idInput.write(prefix, 0, 'utf8')
  idInput.set(text, at)
  return crypto().hash('sha256', idInput.subarray(0, at + text.length), 'base64url').slice(0, 32)
}
