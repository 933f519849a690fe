/**
 * From a parsed entry to its record, and straight to its JSON text.
 *
 * A dialect's parser returns a compact entry (a small class, cheap to allocate). Its layout says, for every
 * schema field the dialect writes, how to read the value off an entry. From that one description this
 * module generates two functions: `toRecord` builds the nested ECS object users see, and `writeJSON`
 * writes the same object's JSON text without building it, which is where the pipeline spends its time.
 * Field order and JSON types come from the schema, so both outputs agree by construction; the test suite
 * checks that they do for every line it parses.
 *
 * Fields are split into those the parse stage fills and those the enrich stage adds (codes turned into
 * words). Materialised records keep their entry under the `rawCodes` symbol so that enriching a record
 * later still has the codes.
 */
import { schema, type FieldDefinition } from './schema.js'
import { rawCodes } from './dialects/types.js'
import type { LogRecord } from './record.js'
import { LONGEST_KEY, ownCopy } from './recent.js'

export type Getter<E> = (entry: E) => unknown

export interface FieldSpec<E> {
  /** Reads the value; not needed for a `constant`. */
  get?: Getter<E>
  /** The same value for every entry (written as text at generation time). */
  constant?: string
  /**
   * The value never holds a character JSON must escape (a constant, a table word, a number written as
   * text, a timestamp the library formatted), so it is written without the check.
   */
  trusted?: boolean
  /**
   * The value is text cut from the log line itself. Only such values may skip the escape check when the
   * splitter found the line's chunk free of characters JSON must escape; everything else (file names,
   * catalog meanings, composed messages) is always checked.
   */
  fromLine?: boolean
  /**
   * The getter never returns undefined. Lets the generated writer fold the field's key and separators
   * into constant text, which is most of what makes it fast.
   */
  always?: boolean
  /**
   * The name of a memo (see `LayoutSpec.memos`) whose key determines this field's value. The JSON text
   * of a run of such fields is then made once per key and reused: fewer pieces for every record.
   */
  memo?: string
}

export interface LayoutSpec<E> {
  /** Fields the parse stage fills. */
  fields: Record<string, Getter<E> | FieldSpec<E>>
  /** Fields the enrich stage adds: words for codes, outcomes, reasons. */
  enriched?: Record<string, Getter<E> | FieldSpec<E>>
  /**
   * Memo keys: for each memo name, a function of the entry that determines every field naming that memo
   * (typically the raw codes the words come from). Fields under a memo must be `always`.
   */
  memos?: Record<string, (entry: E) => string>
}

/** A writer for entries of one dialect (declared as a method type so dialects share one registry type). */
export type EntryWriter<E> = { write (entry: E): string }['write']

export interface Layout<E> {
  /** The record as a nested object. */
  toRecord (entry: E, enriched: boolean): LogRecord
  /** `JSON.stringify(toRecord(entry, enriched))`, without building the object. */
  writeJSON (entry: E, enriched: boolean, clean: boolean): string
  /**
   * The writer `writeJSON` uses for one setting of `enriched` and `clean`, for callers writing many
   * entries; call it as `writer(entry)`.
   */
  writer (enriched: boolean, clean: boolean): EntryWriter<E>
  /** Adds the enriched fields to a record `toRecord` made (a no-op on other records). */
  enrichRecord (record: LogRecord): void
}

/** Fields every dialect writes from the entry's common part. */
export interface EntryBase {
  line: number
  original: string | undefined
  filePath: string | undefined
}

const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/** A string as JSON, escaped exactly as JSON.stringify does when it has to be. */
export function quoteJSON (text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : '"' + text + '"'
}

const NINE_ZEROS = '000000000'

/**
 * A number as JSON. Integers past the small-integer range (nanosecond durations, byte counts) are written
 * as two small integers, which is several times faster than the general number-to-text conversion.
 */
function numberJSON (value: number): string {
  if ((value | 0) === value) return '' + value
  if (value > 0 && Number.isSafeInteger(value)) {
    const high = Math.floor(value / 1e9)
    const low = value - high * 1e9
    return '' + high + (low === 0 ? NINE_ZEROS : ('' + (low + 1e9)).slice(1))
  }
  return Number.isFinite(value) ? String(value) : 'null'
}

function stringListJSON (values: readonly string[], trusted: boolean): string {
  let out = '['
  for (let i = 0; i < values.length; i++) out += (i === 0 ? '' : ',') + (trusted ? '"' + values[i]! + '"' : quoteJSON(values[i]!))
  return out + ']'
}

interface Slot<E> {
  field: FieldDefinition
  key: string
  get: Getter<E>
  constant: string | undefined
  trusted: boolean
  fromLine: boolean
  always: boolean
  enriched: boolean
  memo: string | undefined
  guard: Guard
}

interface Group<E> {
  key: string
  children: Array<Group<E> | Slot<E>>
}

function isSlot<E> (node: Group<E> | Slot<E>): node is Slot<E> {
  return 'get' in node
}

const fieldIndex = new Map(schema.map((field, index) => [field.name, index]))

/**
 * The schema's promises kept whatever a damaged line holds, for every value read from input: a string the
 * log wrote as a placeholder (nothing, or `-`) is left out, and so is a number JSON readers could not get
 * back exactly. Values a dialect marks as always there or trusted (its own code words) skip the check. The
 * check is written into the generated code (`presentTest`), not wrapped around the getter, so it costs a
 * comparison or two rather than a call.
 */
type Guard = 'text' | 'number' | undefined

function guardOf (field: FieldDefinition, spec: { always?: boolean, trusted?: boolean, constant?: string }): Guard {
  if (spec.constant !== undefined || spec.always === true || spec.trusted === true) return undefined
  if (field.type === 'long') return 'number'
  if (field.array === true || field.verbatim === true || field.type === 'boolean' || field.type === 'flattened') return undefined
  return 'text'
}

/** JavaScript that is true when the value in variable `v` is to be written. */
function presentTest (guard: Guard, v: string): string {
  if (guard === 'number') return `(${v} !== undefined && Number.isSafeInteger(${v}))`
  if (guard === 'text') return `(${v} !== undefined && ${v} !== '' && ${v} !== '-')`
  return `${v} !== undefined`
}

/** Whether text is written where a record has a text field (the layout leaves out empty text and `-`). */
export function isWrittenText (value: string | undefined): value is string {
  return value !== undefined && value !== '' && value !== '-'
}

function isPresent (guard: Guard, value: unknown): boolean {
  if (value === undefined) return false
  if (guard === 'number') return Number.isSafeInteger(value)
  if (guard === 'text') return isWrittenText(value as string)
  return true
}

export function compileLayout<E extends EntryBase> (dialectId: string, spec: LayoutSpec<E>): Layout<E> {
  const common: Record<string, FieldSpec<E>> = {
    'event.dataset': { constant: dialectId },
    'event.original': { get: (entry) => entry.original, fromLine: true },
    'log.file.path': { get: (entry) => entry.filePath },
    'logjson.line': { get: (entry) => entry.line, trusted: true, always: true }
  }
  const slots: Array<Slot<E>> = []
  const add = (specs: Record<string, Getter<E> | FieldSpec<E>>, enriched: boolean): void => {
    for (const [name, given] of Object.entries(specs)) {
      const index = fieldIndex.get(name)
      if (index === undefined) throw new Error(`${dialectId} layout: field ${name} is not in the schema`)
      const field = schema[index]!
      if (!field.dialects.includes('*') && !field.dialects.includes(dialectId)) {
        throw new Error(`${dialectId} layout: the schema does not list ${dialectId} for ${name}`)
      }
      if (slots.some((slot) => slot.field === field)) throw new Error(`${dialectId} layout: ${name} given twice`)
      const fieldSpec: FieldSpec<E> = typeof given === 'function' ? { get: given } : given
      const trusted = fieldSpec.trusted === true || field.type === 'long' || field.type === 'boolean' || field.type === 'date'
      const constant = fieldSpec.constant
      const get: Getter<E> | undefined = constant === undefined ? fieldSpec.get : () => constant
      if (get === undefined) throw new Error(`${dialectId} layout: ${name} has neither a getter nor a constant`)
      const guard = guardOf(field, fieldSpec)
      const memo = fieldSpec.memo
      if (memo !== undefined && (spec.memos?.[memo] === undefined || fieldSpec.always !== true)) {
        throw new Error(`${dialectId} layout: ${name} names memo ${memo}, which needs a key in memos and the field to be always`)
      }
      slots.push({ field, key: name.slice(name.lastIndexOf('.') + 1), get, constant, trusted, fromLine: fieldSpec.fromLine === true, always: constant !== undefined || fieldSpec.always === true, enriched, memo, guard })
    }
  }
  add(common, false)
  add(spec.fields, false)
  add(spec.enriched ?? {}, true)
  // Schema order, so that every dialect writes fields in the same order.
  slots.sort((a, b) => fieldIndex.get(a.field.name)! - fieldIndex.get(b.field.name)!)

  const root: Group<E> = { key: '', children: [] }
  for (const slot of slots) {
    const parts = slot.field.name.split('.')
    let group = root
    for (const part of parts.slice(0, -1)) {
      let child = group.children.find((node): node is Group<E> => !isSlot(node) && node.key === part)
      if (child === undefined) {
        child = { key: part, children: [] }
        group.children.push(child)
      }
      group = child
    }
    group.children.push(slot)
  }

  const getters = slots.map((slot) => slot.get)
  // Four writers, with and without the enriched fields, for clean and other chunks, so that none tests a
  // flag per field and clean strings have their quotes folded into the constant text around them.
  type Writer = (entry: E) => string
  const memoKeys = spec.memos ?? {}
  const compile = (tree: Group<E>, clean: boolean): Writer => generateWriter(tree, slots, clean)(getters, quoteJSON, numberJSON, stringListJSON, memoKeys, ownCopy) as Writer
  // Generated on first use: a run reads one or two dialects, and generating every dialect's code would
  // cost each command some milliseconds of start-up.
  let plainTree: Group<E> | undefined
  const writers: Array<Writer | undefined> = [undefined, undefined, undefined, undefined]
  const pick = (enriched: boolean, clean: boolean): Writer => {
    const index = (enriched ? 2 : 0) + (clean ? 1 : 0)
    return writers[index] ??= compile(enriched ? root : (plainTree ??= withoutEnriched(root)), clean)
  }
  const writeJSON = (entry: E, enriched: boolean, clean: boolean): string => pick(enriched, clean)(entry)
  let builder: Layout<E>['toRecord'] | undefined
  const build = (entry: E, enriched: boolean): LogRecord => (builder ??= generateBuilder(root, slots)(getters, rawCodes) as Layout<E>['toRecord'])(entry, enriched)
  const enrichedSlots = slots.filter((slot) => slot.enriched)

  return {
    toRecord: build,
    writeJSON,
    writer: pick,
    enrichRecord (record: LogRecord): void {
      const entry = (record as { [rawCodes]?: E })[rawCodes]
      if (entry === undefined) return
      for (const slot of enrichedSlots) {
        const value = slot.get(entry)
        if (!isPresent(slot.guard, value)) continue
        const parts = slot.field.name.split('.')
        let target = record as Record<string, unknown>
        for (const part of parts.slice(0, -1)) {
          const next = target[part]
          target = (typeof next === 'object' && next !== null ? next : (target[part] = {})) as Record<string, unknown>
        }
        target[parts[parts.length - 1]!] = Array.isArray(value) ? value.slice() : value
      }
    }
  }
}

/*
 * Code generation. The generated functions only read entries through the getters and only write the
 * schema's own keys (JSON-quoted at generation time), so nothing from input reaches the generated source.
 */

/**
 * How many texts one memo keeps; past that it starts over. Keys are codes and small numbers, so a log
 * rarely has this many, and an odd one costs only a rebuilt text. As in `Recent`, a key past
 * `LONGEST_KEY` characters is not kept, and what is kept is copied out of the line it was cut from.
 */
const MEMO_SIZE = 1024

/** Whether a field is written whatever the entry. */
function unconditional<E> (node: Group<E> | Slot<E>): boolean {
  return isSlot(node) ? node.always : node.children.some(unconditional)
}

/** Every field under a node. */
function leaves<E> (node: Group<E> | Slot<E>): Array<Slot<E>> {
  return isSlot(node) ? [node] : node.children.flatMap(leaves)
}

/** The layout tree without the enriched fields (and without groups left empty). */
function withoutEnriched<E> (group: Group<E>): Group<E> {
  const children: Array<Group<E> | Slot<E>> = []
  for (const child of group.children) {
    if (isSlot(child)) {
      if (!child.enriched) children.push(child)
    } else {
      const kept = withoutEnriched(child)
      if (kept.children.length > 0) children.push(kept)
    }
  }
  return { key: group.key, children }
}

/**
 * Builds the source of `writeJSON`. Text known at generation time (keys, braces, separators, the quotes
 * around trusted strings) is folded into as few constants as possible, and the unconditional parts of a
 * record become one long concatenation: every piece of a concatenation is a node V8 walks when the
 * string is written out, so fewer pieces is faster output.
 */
class WriterSource {
  #code = ''
  #helpers = ''
  #pieces: string[] = []
  #text = ''
  #counter = 0
  #saved: { pieces: string[], text: string } | undefined

  constant (text: string): void {
    this.#text += text
  }

  expression (js: string): void {
    if (this.#text !== '') this.#pieces.push(JSON.stringify(this.#text))
    this.#text = ''
    this.#pieces.push(js)
  }

  /** Writes out what is pending into `out`. */
  flush (out: string): void {
    if (this.#text !== '') this.#pieces.push(JSON.stringify(this.#text))
    this.#text = ''
    if (this.#pieces.length > 0) this.#code += `${out} += ${this.#pieces.join(' + ')}\n`
    this.#pieces = []
  }

  statement (js: string): void {
    if (this.#saved !== undefined) throw new Error('a memo cannot span a field that may be absent')
    this.#code += js + '\n'
  }

  /** From here on, pieces are collected apart, for a memo. */
  beginCapture (): void {
    this.#saved = { pieces: this.#pieces, text: this.#text }
    this.#pieces = []
    this.#text = ''
  }

  /** Ends a capture: the expression of what was collected; the pieces before it are back in place. */
  endCapture (): string {
    if (this.#text !== '') this.#pieces.push(JSON.stringify(this.#text))
    const expression = this.#pieces.join(' + ')
    this.#pieces = this.#saved!.pieces
    this.#text = this.#saved!.text
    this.#saved = undefined
    return expression
  }

  get capturing (): boolean {
    return this.#saved !== undefined
  }

  /** Code placed before the writer function (state and functions shared by its calls). */
  helper (js: string): void {
    this.#helpers += js + '\n'
  }

  get helpers (): string {
    return this.#helpers
  }

  id (): number {
    return ++this.#counter
  }

  get code (): string {
    return this.#code
  }
}

/** How much is known, at generation time, about what a group has written so far. */
type GroupState = { written: 'none' | 'some' } | { written: 'maybe', flag: string }

function separator (state: GroupState): string | undefined {
  if (state.written === 'none') return ''
  if (state.written === 'some') return ','
  return undefined
}

function generateWriter<E> (root: Group<E>, slots: Array<Slot<E>>, clean: boolean): (...args: unknown[]) => unknown {
  const source = new WriterSource()

  const valuePieces = (slot: Slot<E>, v: string): void => {
    const field = slot.field
    if (slot.constant !== undefined) source.constant(JSON.stringify(slot.constant))
    else if (field.array === true) source.expression(`L(${v}, ${slot.trusted || (clean && slot.fromLine) ? 'true' : 'false'})`)
    else if (field.type === 'long') source.expression(`N(${v})`)
    else if (field.type === 'flattened') source.expression(`JSON.stringify(${v})`)
    else if (field.type === 'boolean') source.expression(`(${v} ? 'true' : 'false')`)
    else if (slot.trusted || (clean && slot.fromLine)) {
      source.constant('"')
      source.expression(v)
      source.constant('"')
    } else source.expression(`Q(${v})`)
  }

  /** The JSON text of a slot's value `v`, as one expression. */
  const valueText = (slot: Slot<E>): string => {
    if (slot.field.array === true) return `L(v, ${slot.trusted || (clean && slot.fromLine) ? 'true' : 'false'})`
    if (slot.field.type === 'long') return 'N(v)'
    if (slot.field.type === 'flattened') return 'JSON.stringify(v)'
    if (slot.field.type === 'boolean') return "(v ? 'true' : 'false')"
    return slot.trusted || (clean && slot.fromLine) ? `'"' + v + '"'` : 'Q(v)'
  }

  // Memos: the text from the separator before a memo's first field to the end of its last one is made by
  // a function keyed by the memo's key, and stands as one piece in the record.
  const order = leaves(root)
  const lastOf = new Map<string, Slot<E>>()
  for (const leaf of order) if (leaf.memo !== undefined) lastOf.set(leaf.memo, leaf)
  let openMemo: string | undefined
  let memoSlots: Array<Slot<E>> = []

  const memoMember = (slot: Slot<E>, state: GroupState): GroupState => {
    const memo = slot.memo!
    if (openMemo === undefined) {
      source.beginCapture()
      openMemo = memo
      memoSlots = []
    } else if (openMemo !== memo) {
      throw new Error(`memo ${openMemo} spans ${slot.field.name}, which is under memo ${memo}`)
    }
    const sep = separator(state)
    if (sep === undefined) throw new Error(`memo ${memo} follows a field that may be absent`)
    source.constant(sep + JSON.stringify(slot.key) + ':')
    valuePieces(slot, `v${slots.indexOf(slot)}`)
    memoSlots.push(slot)
    if (lastOf.get(memo) === slot) {
      const expression = source.endCapture()
      const id = source.id()
      const values = memoSlots.map((m) => `const v${slots.indexOf(m)} = g${slots.indexOf(m)}(e)`).join('; ')
      source.helper(`const memo${id} = new Map()\nconst key${id} = keys[${JSON.stringify(memo)}]\nfunction M${id} (e) {\nconst k = key${id}(e)\nlet t = memo${id}.get(k)\nif (t === undefined) {\n${values}\nt = ${expression}\nif (k.length <= ${LONGEST_KEY}) {\nif (memo${id}.size >= ${MEMO_SIZE}) memo${id}.clear()\nmemo${id}.set(C(k), C(t))\n}\n}\nreturn t\n}`)
      source.expression(`M${id}(e)`)
      openMemo = undefined
    }
    return { written: 'some' }
  }

  /** Writes one member (`"key":value`) of a group, given the group's state; returns the state after. */
  const member = (node: Group<E> | Slot<E>, out: string, state: GroupState): GroupState => {
    const key = JSON.stringify(node.key) + ':'
    if (isSlot(node) && node.memo !== undefined) return memoMember(node, state)
    if (source.capturing && isSlot(node)) throw new Error(`memo ${openMemo!} spans ${node.field.name}, which is not under it`)
    if (unconditional(node)) {
      const sep = separator(state)
      if (sep !== undefined) source.constant(sep)
      else source.expression(`(${state.written === 'maybe' ? state.flag : ''} ? '' : ',')`)
      source.constant(key)
      if (isSlot(node)) valuePieces(node, `v${slots.indexOf(node)}`)
      else group(node, out)
      return { written: 'some' }
    }
    // Conditional: the member is written only when its value (or one of its children) is present.
    source.flush(out)
    const flag = state.written === 'maybe' ? state.flag : `f${source.id()}`
    if (state.written === 'none') source.statement(`let ${flag} = true`)
    const sepPiece = (): void => {
      if (state.written === 'some') source.constant(',')
      else if (state.written === 'maybe') source.expression(`(${flag} ? '' : ',')`)
    }
    const done = state.written === 'some' ? '' : `${flag} = false `
    if (isSlot(node)) {
      const index = slots.indexOf(node)
      source.statement(`{ v = g${index}(e); if (${presentTest(node.guard, 'v')}) {`)
      sepPiece()
      source.constant(key)
      valuePieces(node, 'v')
      source.flush(out)
      source.statement(`${done}} }`)
    } else if (leaves(node).length === 1) {
      // A group around a single field (log.file.path): its text is kept for the last value, which the
      // records of one input usually share, so it costs one piece instead of one per brace and key.
      const leaf = leaves(node)[0]!
      const id = source.id()
      const text = (prefix: string, inner: Group<E> | Slot<E>): string => {
        if (isSlot(inner)) return JSON.stringify(prefix + JSON.stringify(inner.key) + ':') + ' + ' + valueText(inner)
        return text(prefix + JSON.stringify(inner.key) + ':{', inner.children[0]!) + ' + "}"'
      }
      source.helper(`let last${id}, text${id}\nfunction S${id} (v) {\nif (v !== last${id}) { last${id} = v; text${id} = ${text('', node)} }\nreturn text${id}\n}`)
      source.statement(`{ v = g${slots.indexOf(leaf)}(e); if (${presentTest(leaf.guard, 'v')}) {`)
      sepPiece()
      source.expression(`S${id}(v)`)
      source.flush(out)
      source.statement(`${done}} }`)
    } else {
      const inner = `o${source.id()}`
      source.statement(`let ${inner} = ''`)
      group(node, inner, true)
      source.flush(inner)
      source.statement(`if (${inner} !== '') {`)
      sepPiece()
      source.constant(key + '{')
      source.expression(inner)
      source.constant('}')
      source.flush(out)
      source.statement(`${done}}`)
    }
    return state.written === 'some' ? state : { written: 'maybe', flag }
  }

  /** Writes a group's members; `bare` leaves out the braces (the caller adds them). */
  const group = (node: Group<E>, out: string, bare = false): void => {
    if (!bare) source.constant('{')
    let state: GroupState = { written: 'none' }
    for (const child of node.children) state = member(child, out, state)
    if (!bare) source.constant('}')
  }

  const always: string[] = []
  const collect = (node: Group<E>): void => {
    for (const child of node.children) {
      if (!isSlot(child)) collect(child)
      else if (child.always && child.constant === undefined && child.memo === undefined) always.push(`const v${slots.indexOf(child)} = g${slots.indexOf(child)}(e)`)
    }
  }
  collect(root)
  source.constant('{')
  let state: GroupState = { written: 'none' }
  for (const child of root.children) state = member(child, 'o', state)
  source.constant('}')
  source.flush('o')

  const getters = slots.map((_, index) => `g${index}`).join(', ')
  const body = `'use strict'\nconst [${getters}] = getters\n${source.helpers}return function writeJSON (e) {\n${always.join('\n')}\nlet v\nlet o = ''\n${source.code}return o\n}`
  // eslint-disable-next-line no-new-func
  return new Function('getters', 'Q', 'N', 'L', 'keys', 'C', body) as (...args: unknown[]) => unknown
}

function generateBuilder<E> (root: Group<E>, slots: Array<Slot<E>>): (...args: unknown[]) => unknown {
  let counter = 0
  const body = (group: Group<E>, target: string): string => {
    let code = ''
    for (const node of group.children) {
      if (isSlot(node)) {
        const index = slots.indexOf(node)
        const set = `v = g${index}(e); if (${presentTest(node.guard, 'v')}) ${target}[${JSON.stringify(node.key)}] = Array.isArray(v) ? v.slice() : v`
        code += node.enriched ? `if (enriched) { ${set} }\n` : set + '\n'
      } else {
        const id = ++counter
        code += `{ const r${id} = {}\n${body(node, `r${id}`)}for (const _ in r${id}) { ${target}[${JSON.stringify(node.key)}] = r${id}; break } }\n`
      }
    }
    return code
  }
  const getters = slots.map((_, index) => `g${index}`).join(', ')
  const source = `'use strict'\nconst [${getters}] = getters\nreturn function toRecord (e, enriched) {\nlet v\nconst r0 = {}\n${body(root, 'r0')}Object.defineProperty(r0, RAW, { value: e, enumerable: false, writable: true, configurable: true })\nreturn r0\n}`
  // eslint-disable-next-line no-new-func
  return new Function('getters', 'RAW', source) as (...args: unknown[]) => unknown
}
