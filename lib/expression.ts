/**
 * The `--where` filter language. An expression is compiled once into a tree of closures and never run as
 * JavaScript, so a filter typed on the command line cannot execute anything.
 *
 *   expr     = or
 *   or       = and { "or" and }
 *   and      = not { "and" not }
 *   not      = "not" not | primary
 *   primary  = "(" expr ")"
 *            | "exists" path                       present and not null
 *            | path ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) value
 *            | path "in" "[" value { "," value } "]"
 *            | path ( "=~" | "!~" ) ( /pattern/flags | string )     flags: i m s u
 *   path     = segment { "." segment }             segment: [A-Za-z_@][A-Za-z0-9_-]*
 *   value    = string | number | "true" | "false" | "null"
 *
 * Keywords are case-insensitive and cannot stand alone as a field name (`not.x` is fine, `not` is not).
 * Strings take either quote and the JSON escapes plus `\'`; numbers are JSON numbers.
 *
 * Semantics worth knowing before reading the code:
 * - a field that is missing makes every test false, and its negations (`!=`, `!~`, `not`) true, so
 *   `x == null` is false for a missing `x`: `exists` is the presence test;
 * - equality is strict: the string "5" never equals the number 5;
 * - `<` and friends compare two numbers or two strings (ISO timestamps order as strings), nothing else;
 * - on an array field, `==`, `in` and `=~` hold when any element does; a path does not walk into arrays.
 *
 * Errors are `ExpressionError`s whose message ends with the 1-based column (in characters) of the token at
 * fault, or of the end of the expression when it stopped too early.
 */
import { LogjsonError } from './errors.js'
import type { LogRecord } from './record.js'
import { schema } from './schema.js'
import { YEAR_0, YEAR_10000, isoInstant, isoString } from './time.js'
import { readingOnly } from './written.js'

export class ExpressionError extends LogjsonError {
  /** 1-based column of the offending token, counted in characters (code points). */
  readonly column: number

  constructor (message: string, column: number) {
    super('INVALID_OPTION', `${message} at column ${column}`, { option: 'where' })
    this.name = 'ExpressionError'
    this.column = column
  }
}

/** Nesting beyond this is certainly a generated or hostile expression; refusing it bounds the recursion. */
const MAX_NESTING = 100

type Test = (record: LogRecord) => boolean
type Literal = string | number | boolean | null
type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>='
type Punct = Comparison | '=~' | '!~' | '(' | ')' | '[' | ']' | ','

type Token =
  | { kind: 'path', index: number, text: string, segments: string[] }
  | { kind: 'string', index: number, value: string }
  | { kind: 'number', index: number, value: number, text: string }
  | { kind: 'regex', index: number, pattern: string, flags: string }
  | { kind: 'symbol', index: number, text: Punct }
  | { kind: 'end', index: number }

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'exists', 'true', 'false', 'null'])
const COMPARISONS = new Set<string>(['==', '!=', '<', '<=', '>', '>='])
const REGEX_FLAGS = 'imsu'

export function compileExpression (source: string): (record: LogRecord) => boolean {
  if (typeof source !== 'string') {
    throw new LogjsonError('INVALID_OPTION', 'the --where expression must be a string', { option: 'where' })
  }
  const parser = new Parser(source)
  // Every field the expression names, and no other, is what it reads.
  return readingOnly(parser.parse(), parser.fields)
}

// ---------------------------------------------------------------------------------------------- tokens

/** Columns count code points, not UTF-16 units, so they match what a terminal shows for non-ASCII text. */
function columnAt (source: string, index: number): number {
  let column = 1
  for (let i = 0; i < index; i++) {
    const code = source.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < index) {
      const next = source.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
    }
    column++
  }
  return column
}

/** Quotes a piece of the expression for a message, escaping whatever would break it across lines. */
function quote (text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

/** A single character as it can be shown inside quotes in a one-line message. */
function visible (char: string): string {
  const code = char.charCodeAt(0)
  return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? `\\u${code.toString(16).padStart(4, '0')}` : char
}

function oneLine (text: string): string {
  return text.replace(/\r\n?|\n|\u2028|\u2029/g, ' ')
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9'
const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
const isSegmentStart = (c: string): boolean => isLetter(c) || c === '_' || c === '@'
const isSegmentChar = (c: string): boolean => isLetter(c) || isDigit(c) || c === '_' || c === '-'
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r'
const isLineBreak = (c: string): boolean => c === '\n' || c === '\r'

class Tokenizer {
  private readonly source: string
  private i = 0

  constructor (source: string) {
    this.source = source
  }

  fail (message: string, index: number): never {
    throw new ExpressionError(message, columnAt(this.source, index))
  }

  tokenize (): Token[] {
    const source = this.source
    const tokens: Token[] = []
    for (;;) {
      while (this.i < source.length && isSpace(source[this.i]!)) this.i++
      const start = this.i
      if (start >= source.length) {
        tokens.push({ kind: 'end', index: start })
        return tokens
      }
      const c = source[start]!
      const next = source[start + 1] ?? ''
      const previous = tokens[tokens.length - 1]
      if (isSegmentStart(c)) {
        tokens.push(this.path())
      } else if (c === '"' || c === '\'') {
        tokens.push(this.string(c))
      } else if (isDigit(c) || c === '-') {
        tokens.push(this.number())
      } else if (c === '/' && previous?.kind === 'symbol' && (previous.text === '=~' || previous.text === '!~')) {
        // A slash means a regex only right after a match operator; anywhere else it is a mistake, which
        // keeps the tokenizer free of the guessing JavaScript needs for `/`.
        tokens.push(this.regex())
      } else if ('()[],'.includes(c)) {
        this.i++
        tokens.push({ kind: 'symbol', index: start, text: c as Punct })
      } else if ((c === '=' || c === '!') && (next === '=' || next === '~')) {
        this.i += 2
        tokens.push({ kind: 'symbol', index: start, text: (c + next) as Punct })
      } else if (c === '<' || c === '>') {
        const text = next === '=' ? c + next : c
        this.i += text.length
        tokens.push({ kind: 'symbol', index: start, text: text as Punct })
      } else if (c === '=') {
        this.fail('unexpected "=" (equality is "==")', start)
      } else if (c === '/') {
        this.fail('unexpected "/" (a regular expression can only follow "=~" or "!~")', start)
      } else {
        this.fail(`unexpected character ${quote(String.fromCodePoint(source.codePointAt(start)!))}`, start)
      }
    }
  }

  private path (): Token {
    const source = this.source
    const start = this.i
    const segments: string[] = []
    for (;;) {
      const segmentStart = this.i
      this.i++
      while (this.i < source.length && isSegmentChar(source[this.i]!)) this.i++
      segments.push(source.slice(segmentStart, this.i))
      if (source[this.i] !== '.') break
      this.i++
      if (this.i >= source.length || !isSegmentStart(source[this.i]!)) {
        this.fail('expected a field name after "."', this.i)
      }
    }
    return { kind: 'path', index: start, text: source.slice(start, this.i), segments }
  }

  private string (q: string): Token {
    const source = this.source
    const start = this.i
    let value = ''
    this.i++
    for (;;) {
      // A raw line break is refused like in JSON: it almost always means a quote was forgotten.
      if (this.i >= source.length || isLineBreak(source[this.i]!)) this.fail('unterminated string', start)
      const c = source[this.i]!
      if (c === q) {
        this.i++
        return { kind: 'string', index: start, value }
      }
      if (c !== '\\') {
        value += c
        this.i++
        continue
      }
      const escape = source[this.i + 1] ?? ''
      switch (escape) {
        case '"': case '\'': case '\\': case '/': value += escape; break
        case 'b': value += '\b'; break
        case 'f': value += '\f'; break
        case 'n': value += '\n'; break
        case 'r': value += '\r'; break
        case 't': value += '\t'; break
        case 'u': {
          const hex = source.slice(this.i + 2, this.i + 6)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('expected four hex digits after "\\u"', this.i)
          value += String.fromCharCode(parseInt(hex, 16))
          this.i += 4
          break
        }
        default:
          if (escape === '' || isLineBreak(escape)) this.fail('unterminated string', start)
          this.fail(`unknown escape "\\${visible(escape)}" in a string`, this.i)
      }
      this.i += 2
    }
  }

  private number (): Token {
    const source = this.source
    const start = this.i
    const digits = (): number => {
      const from = this.i
      while (this.i < source.length && isDigit(source[this.i]!)) this.i++
      return this.i - from
    }
    if (source[this.i] === '-') this.i++
    const intStart = this.i
    if (digits() === 0) this.fail('expected a digit after "-"', this.i)
    if (source[intStart] === '0' && this.i - intStart > 1) this.fail('a number cannot start with 0', start)
    if (source[this.i] === '.') {
      this.i++
      if (digits() === 0) this.fail('expected a digit after the decimal point', this.i)
    }
    if (source[this.i] === 'e' || source[this.i] === 'E') {
      this.i++
      if (source[this.i] === '+' || source[this.i] === '-') this.i++
      if (digits() === 0) this.fail('expected a digit in the exponent', this.i)
    }
    const text = source.slice(start, this.i)
    // `12abc` or `1.2.3` would otherwise split into two tokens and fail with a less useful message.
    let end = this.i
    while (end < source.length && (isSegmentChar(source[end]!) || source[end] === '.' || source[end] === '@')) end++
    if (end > this.i) this.fail(`invalid number ${quote(source.slice(start, end))}`, start)
    return { kind: 'number', index: start, value: Number(text), text }
  }

  private regex (): Token {
    const source = this.source
    const start = this.i
    let inClass = false
    this.i++
    for (;;) {
      if (this.i >= source.length || isLineBreak(source[this.i]!)) this.fail('unterminated regular expression', start)
      const c = source[this.i]!
      if (c === '\\') {
        const escaped = source[this.i + 1]
        if (escaped === undefined || isLineBreak(escaped)) this.fail('unterminated regular expression', start)
        this.i += 2
        continue
      }
      this.i++
      // As in JavaScript, a "/" inside [...] does not end the pattern.
      if (c === '[') inClass = true
      else if (c === ']') inClass = false
      else if (c === '/' && !inClass) break
    }
    const pattern = source.slice(start + 1, this.i - 1)
    let flags = ''
    while (this.i < source.length && isLetter(source[this.i]!)) {
      const flag = source[this.i]!
      // g and y make test() stateful between records, which would make the filter skip matches.
      if (!REGEX_FLAGS.includes(flag)) this.fail(`unsupported regular expression flag ${quote(flag)} (use i, m, s or u)`, this.i)
      if (flags.includes(flag)) this.fail(`repeated regular expression flag ${quote(flag)}`, this.i)
      flags += flag
      this.i++
    }
    return { kind: 'regex', index: start, pattern, flags }
  }
}

// ------------------------------------------------------------------------------------------- evaluation

/** Own properties only: a path must never reach Object.prototype, whatever the record's keys are called. */
function lookup (record: LogRecord, segments: readonly string[]): unknown {
  let value: unknown = record
  for (const segment of segments) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, segment)) {
      return undefined
    }
    value = (value as Record<string, unknown>)[segment]
  }
  return value
}

function anyOf (value: unknown, test: (item: unknown) => boolean): boolean {
  return Array.isArray(value) ? value.some(test) : test(value)
}

function all (tests: Test[]): Test {
  if (tests.length === 1) return tests[0]!
  return (record) => {
    for (const test of tests) if (!test(record)) return false
    return true
  }
}

function any (tests: Test[]): Test {
  if (tests.length === 1) return tests[0]!
  return (record) => {
    for (const test of tests) if (test(record)) return true
    return false
  }
}

function ordering (op: '<' | '<=' | '>' | '>=', literal: Literal): (value: unknown) => boolean {
  // Only like with like: a number field never orders against a string, nor a missing field against anything.
  if (typeof literal === 'number') {
    switch (op) {
      case '<': return (v) => typeof v === 'number' && v < literal
      case '<=': return (v) => typeof v === 'number' && v <= literal
      case '>': return (v) => typeof v === 'number' && v > literal
      case '>=': return (v) => typeof v === 'number' && v >= literal
    }
  }
  if (typeof literal === 'string') {
    switch (op) {
      case '<': return (v) => typeof v === 'string' && v < literal
      case '<=': return (v) => typeof v === 'string' && v <= literal
      case '>': return (v) => typeof v === 'string' && v > literal
      case '>=': return (v) => typeof v === 'string' && v >= literal
    }
  }
  return () => false
}

/**
 * A time literal in the form records write times, for `op` to compare as the instant: rounded to whole
 * milliseconds the way that keeps each test exact (a record is below `…08.0005Z` when at or below
 * `…08.000Z`, at or above it when at or above `…08.001Z`; none is equal to it). Past the years records can
 * hold, a text every record time sorts before, or after. Text that is no ISO time is left as it is.
 */
function asRecordTime (text: string, op: Comparison): string {
  const iso = isoInstant(text)
  if (iso === undefined) return text
  if (iso.finer && (op === '==' || op === '!=')) return text
  const at = iso.at + (iso.finer && (op === '<' || op === '>=') ? 1 : 0)
  if (at < YEAR_0) return ''
  if (at >= YEAR_10000) return '~'
  return isoString(at)
}

/** Fields holding times, written as ISO-8601 UTC with milliseconds (`2023-02-14T23:59:59.000Z`). */
const TIME_FIELDS: ReadonlySet<string> = new Set(schema.filter((field) => field.type === 'date').map((field) => field.name))

function comparison (segments: string[], op: Comparison, literal: Literal): Test {
  // A time given in another ISO form (`…T23:59:59Z`, an offset, no seconds) is compared as the instant it
  // names: as text, `…59Z` would sort after `…59.000Z`, the same instant.
  if (typeof literal === 'string' && TIME_FIELDS.has(segments.join('.'))) literal = asRecordTime(literal, op)
  switch (op) {
    case '==': return (r) => anyOf(lookup(r, segments), (v) => v === literal)
    case '!=': return (r) => !anyOf(lookup(r, segments), (v) => v === literal)
    default: {
      const holds = ordering(op, literal)
      return (r) => holds(lookup(r, segments))
    }
  }
}

// ---------------------------------------------------------------------------------------------- parser

class Parser {
  /** The paths of the fields the expression looks up. */
  readonly fields: string[][] = []
  private readonly source: string
  private readonly tokens: Token[]
  private pos = 0
  private depth = 0

  constructor (source: string) {
    this.source = source
    this.tokens = new Tokenizer(source).tokenize()
  }

  parse (): Test {
    if (this.peek().kind === 'end') this.fail('the expression is empty', this.peek())
    const test = this.or()
    const rest = this.peek()
    if (rest.kind !== 'end') this.fail(`expected "and", "or" or the end of the expression but ${found(rest)}`, rest)
    return test
  }

  private fail (message: string, token: Token): never {
    throw new ExpressionError(message, columnAt(this.source, token.index))
  }

  private peek (): Token {
    return this.tokens[this.pos]!
  }

  private next (): Token {
    const token = this.tokens[this.pos]!
    if (token.kind !== 'end') this.pos++
    return token
  }

  private enter (token: Token): void {
    if (++this.depth > MAX_NESTING) this.fail(`nesting deeper than ${MAX_NESTING} levels`, token)
  }

  private or (): Test {
    const tests = [this.and()]
    while (isKeyword(this.peek(), 'or')) {
      this.next()
      tests.push(this.and())
    }
    return any(tests)
  }

  private and (): Test {
    const tests = [this.not()]
    while (isKeyword(this.peek(), 'and')) {
      this.next()
      tests.push(this.not())
    }
    return all(tests)
  }

  private not (): Test {
    const token = this.peek()
    if (!isKeyword(token, 'not')) return this.primary()
    this.enter(token)
    this.next()
    const inner = this.not()
    this.depth--
    return (r) => !inner(r)
  }

  private primary (): Test {
    const token = this.next()
    if (token.kind === 'symbol' && token.text === '(') {
      this.enter(token)
      const inner = this.or()
      const close = this.next()
      if (close.kind !== 'symbol' || close.text !== ')') {
        this.fail(`expected ")" to match the "(" opened at column ${columnAt(this.source, token.index)} but ${found(close)}`, close)
      }
      this.depth--
      return inner
    }
    if (isKeyword(token, 'exists')) {
      const field = this.next()
      if (field.kind !== 'path' || isReserved(field)) this.fail(`expected a field after "exists" but ${found(field)}`, field)
      const segments = field.segments
      this.fields.push(segments)
      return (r) => {
        const value = lookup(r, segments)
        return value !== undefined && value !== null
      }
    }
    if (token.kind !== 'path' || isReserved(token)) {
      this.fail(`expected a field, "not", "exists" or "(" but ${found(token)}`, token)
    }
    const segments = token.segments
    this.fields.push(segments)
    const op = this.next()
    if (op.kind === 'symbol' && COMPARISONS.has(op.text)) {
      return comparison(segments, op.text as Comparison, this.value(`after ${quote(op.text)}`))
    }
    if (op.kind === 'symbol' && (op.text === '=~' || op.text === '!~')) {
      const regex = this.regex(op.text)
      const matches = (r: LogRecord): boolean => anyOf(lookup(r, segments), (v) => typeof v === 'string' && regex.test(v))
      return op.text === '=~' ? matches : (r) => !matches(r)
    }
    if (isKeyword(op, 'in')) {
      const list = this.list()
      return (r) => anyOf(lookup(r, segments), (v) => list.has(v as Literal))
    }
    return this.fail(`expected an operator (==, !=, <, <=, >, >=, in, =~, !~) after ${quote(token.text)} but ${found(op)}`, op)
  }

  private value (where: string): Literal {
    const token = this.next()
    if (token.kind === 'string' || token.kind === 'number') return token.value
    if (isKeyword(token, 'true')) return true
    if (isKeyword(token, 'false')) return false
    if (isKeyword(token, 'null')) return null
    return this.fail(`expected a value ${where} but ${found(token)}`, token)
  }

  private list (): Set<Literal> {
    const open = this.next()
    if (open.kind !== 'symbol' || open.text !== '[') this.fail(`expected "[" after "in" but ${found(open)}`, open)
    const values = new Set<Literal>([this.value('in the list')])
    for (;;) {
      const token = this.next()
      if (token.kind === 'symbol' && token.text === ']') return values
      if (token.kind !== 'symbol' || token.text !== ',') {
        this.fail(`expected "," or "]" in the list opened at column ${columnAt(this.source, open.index)} but ${found(token)}`, token)
      }
      values.add(this.value('after ","'))
    }
  }

  private regex (op: string): RegExp {
    const token = this.next()
    let pattern: string
    let flags = ''
    if (token.kind === 'regex') {
      pattern = token.pattern
      flags = token.flags
    } else if (token.kind === 'string') {
      pattern = token.value
    } else {
      return this.fail(`expected a /regular expression/ or a string after ${quote(op)} but ${found(token)}`, token)
    }
    try {
      return new RegExp(pattern, flags)
    } catch (err) {
      const reason = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err)
      return this.fail(`invalid regular expression ${oneLine(reason)}`, token)
    }
  }
}

function isKeyword (token: Token, word: string): boolean {
  return token.kind === 'path' && token.segments.length === 1 && token.text.toLowerCase() === word
}

function isReserved (token: Token & { kind: 'path' }): boolean {
  return token.segments.length === 1 && KEYWORDS.has(token.text.toLowerCase())
}

function found (token: Token): string {
  switch (token.kind) {
    case 'end': return 'the expression ended'
    case 'string': return 'found a string'
    case 'regex': return 'found a regular expression'
    case 'number': return `found the number ${token.text}`
    default: return `found ${quote(token.text)}`
  }
}
