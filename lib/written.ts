/**
 * Reading fields back from a record's JSON as a byte codec wrote it (see `PackedCodec.write`), for the
 * stages that need a few fields of records read from bytes: a `--where` filter, `--fields`, and the
 * `_bulk` action line. Making such records into objects means reading their lines again with the text
 * parser, several times the cost of the conversion; their JSON is at hand for a fraction of it.
 *
 * What the codecs write is what `JSON.stringify` writes for the record object, byte for byte (the
 * both-ways tests hold them to it): no white space, and no key twice in an object. So a value's bytes are
 * its own JSON, and a reader may stop as soon as it has found the keys it wants. These functions rely on
 * that and check nothing else: they are not a JSON parser for input from elsewhere.
 */
import type { PackedRecords } from './batch.js'
import type { PackedCodec } from './dialects/types.js'

const QUOTE = 34
const BACKSLASH = 92
const COMMA = 44
const OPEN_BRACE = 123
const CLOSE_BRACE = 125
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93

/** The dotted paths (`event.outcome` as `['event', 'outcome']`) a stage reads. */
export type FieldPaths = ReadonlyArray<readonly string[]>

const FIELDS_READ: unique symbol = Symbol('logjson.fieldsRead')

/**
 * Marks a predicate as reading no field of a record but these (and changing none): it may then be given a
 * record that holds only them. Returns the predicate.
 */
export function readingOnly<P extends object> (predicate: P, paths: FieldPaths): P {
  Object.defineProperty(predicate, FIELDS_READ, { value: paths, configurable: true })
  return predicate
}

/** The fields a predicate marked with `readingOnly` reads; undefined for any other. */
export function fieldsRead (predicate: object): FieldPaths | undefined {
  return (predicate as { [FIELDS_READ]?: FieldPaths })[FIELDS_READ]
}

/** Room a codec may write past a record's end (see `PackedCodec.write`). */
const STORE_PAST_END = 8

/** Writes records read from bytes one at a time into a buffer of its own, to be read back. */
export class RecordWriter {
  bytes = Buffer.allocUnsafe(1 << 12)
  #view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength)

  /** Writes record `index` at the start of `bytes`; returns where its JSON ends (at its newline). */
  write (codec: PackedCodec, records: PackedRecords, index: number): number {
    const length = codec.maxLength(records, index) + STORE_PAST_END
    if (length > this.bytes.length) {
      this.bytes = Buffer.allocUnsafe(Math.max(length, 2 * this.bytes.length))
      this.#view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength)
    }
    return codec.write(records, index, this.#view, 0) - 1
  }
}

/**
 * Paths as a tree of keys. A node that is the end of a path takes its value whole (whatever paths go on
 * below it); the others take only their children, and only from an object.
 */
export class PathTree {
  /** The key as JSON writes it between its quotes, compared with the bytes of the record's keys. */
  readonly #encoded: Uint8Array
  readonly name: string
  whole = false
  /**
   * Only where it lies is noted (`from`, `to`): its value is not read (a located node with children is read
   * as an object, for them).
   */
  located = false
  readonly children: PathTree[] = []
  /**
   * Where the member was in the record last read (its key's opening quote, and the end of its value), when
   * `found` is that reading's number.
   */
  from = 0
  to = 0
  found = 0
  /** For a located string: whether it holds an escape. */
  escaped = false

  constructor (name: string) {
    this.name = name
    this.#encoded = Buffer.from(JSON.stringify(name).slice(1, -1), 'utf8')
  }

  /** The tree of `paths`, and of `located` paths whose place alone is wanted (a path in both is read). */
  static of (paths: FieldPaths, located: FieldPaths = []): PathTree {
    const root = new PathTree('')
    for (const path of located) root.node(path).located = true
    for (const path of paths) {
      const node = root.node(path)
      node.whole = true
      node.located = false
    }
    // An empty path is the whole record.
    return root
  }

  /** The node of `path` below this one, made if need be. */
  node (path: readonly string[]): PathTree {
    let node: PathTree = this
    for (const key of path) {
      let child = node.children.find((c) => c.name === key)
      if (child === undefined) node.children.push(child = new PathTree(key))
      node = child
    }
    return node
  }

  /**
   * Where the member's value started in the record `readFields` last read (it ends at `to`), or -1 when
   * the record had no such member.
   */
  valueStart (): number {
    return this.found === reading ? this.from + this.#encoded.length + 3 : -1
  }

  /** The child whose key is `bytes[start, end)`, if any. */
  child (bytes: Uint8Array, start: number, end: number): PathTree | undefined {
    const children = this.children
    for (let k = 0; k < children.length; k++) {
      const key = children[k]!.#encoded
      if (key.length !== end - start) continue
      let i = 0
      while (i < key.length && key[i] === bytes[start + i]) i++
      if (i === key.length) return children[k]
    }
    return undefined
  }
}

/** An own property, even one named `__proto__` (as `JSON.parse` makes it). */
export function setOwn (target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

/** Whether the last string `stringEnd` passed over holds an escape. */
let escaped = false

/** Where the string whose opening quote is at `at` ends: at its closing quote. */
function stringEnd (bytes: Uint8Array, at: number): number {
  let i = at + 1
  escaped = false
  for (;;) {
    const byte = bytes[i]!
    if (byte === QUOTE) return i
    if (byte === BACKSLASH) {
      escaped = true
      i += 2
    } else {
      i++
    }
  }
}

/** The value of `bytes[start, end)`: strings without escapes and the literals read directly. */
function valueOf (bytes: Buffer, start: number, end: number): unknown {
  const first = bytes[start]
  if (first === QUOTE && !escaped) return bytes.toString('latin1', start + 1, end - 1)
  if (end - start === 4 && first === 116) return true
  if (end - start === 5 && first === 102) return false
  if (end - start === 4 && first === 110) return null
  return JSON.parse(bytes.toString('latin1', start, end))
}

/** How many records `readFields` has read (the `found` of the members it found in the last). */
let reading = 0

/** Where the JSON value at `at` ends (just past it). */
export function valueEnd (bytes: Uint8Array, at: number): number {
  const first = bytes[at]
  if (first === QUOTE) return stringEnd(bytes, at) + 1
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0
    for (let i = at; ; i++) {
      const byte = bytes[i]!
      if (byte === QUOTE) {
        i = stringEnd(bytes, i)
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth++
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        if (--depth === 0) return i + 1
      }
    }
  }
  // A number, true, false or null: up to what ends a member or an element.
  let i = at
  while (i < bytes.length) {
    const byte = bytes[i]
    if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET) break
    i++
  }
  return i
}

/**
 * Reads the members `node`'s children name from the object at `at` into `target`. Returns where the object
 * ends, or -1 when it stopped at the last key wanted (no key comes twice).
 */
function readObject (bytes: Buffer, at: number, node: PathTree, target: Record<string, unknown>): number {
  let i = at + 1
  if (bytes[i] === CLOSE_BRACE) return i + 1
  let left = node.children.length
  for (;;) {
    const keyStart = i
    const keyEnd = stringEnd(bytes, i)
    const child = node.child(bytes, i + 1, keyEnd)
    const valueStart = keyEnd + 2
    if (child === undefined) {
      i = valueEnd(bytes, valueStart)
    } else {
      if (child.whole) {
        i = valueEnd(bytes, valueStart)
        setOwn(target, child.name, valueOf(bytes, valueStart, i))
      } else if (child.located && child.children.length === 0) {
        i = valueEnd(bytes, valueStart)
        child.escaped = escaped
      } else if (bytes[valueStart] === OPEN_BRACE) {
        const inner: Record<string, unknown> = {}
        setOwn(target, child.name, inner)
        i = readObject(bytes, valueStart, child, inner)
        if (i < 0) i = valueEnd(bytes, valueStart)
      } else {
        // Not an object: nothing below it can be read, as a lookup through it finds nothing.
        i = valueEnd(bytes, valueStart)
      }
      child.from = keyStart
      child.to = i
      child.found = reading
      left--
    }
    if (left === 0) return -1
    if (bytes[i] !== COMMA) return i + 1
    i++
  }
}

/**
 * The fields `tree` names of the record whose JSON object starts at `start` in `bytes` (ASCII): an object
 * holding them as `JSON.parse` would give them, with the objects on their way holding nothing else. The
 * tree's nodes note where their members were (and located ones are only noted: see `located`).
 */
export function readFields (bytes: Buffer, start: number, tree: PathTree): Record<string, unknown> {
  // (Never 0, which new nodes hold.)
  reading = reading === 0x3fffffff ? 1 : reading + 1
  const record: Record<string, unknown> = {}
  if (tree.whole) return JSON.parse(bytes.toString('latin1', start, valueEnd(bytes, start))) as Record<string, unknown>
  if (tree.children.length > 0) readObject(bytes, start, tree, record)
  return record
}

/**
 * The bytes to leave out of the record `readFields` last read, at `bytes[start, end)`, for it to be written
 * without `event.original`, as [from, to); [end, end) when it has none. `tree` must be the one it read
 * with, and read or locate `event.original` (or read the whole of `event`). When `original` is `event`'s
 * only member, `event` goes too (the record object path deletes an empty `event`).
 */
export function originalMember (bytes: Buffer, end: number, tree: PathTree): [number, number] {
  const event = tree.children.find((child) => child.name === 'event')
  const eventAt = event === undefined ? -1 : event.valueStart()
  if (event === undefined || eventAt < 0 || bytes[eventAt] !== OPEN_BRACE) return [end, end]
  let from: number
  let to: number
  const original = event.whole ? undefined : event.children.find((child) => child.name === 'original')
  if (original !== undefined && !original.whole && !original.located) return [end, end]
  if (original !== undefined) {
    if (original.found !== reading) return [end, end]
    from = original.from
    to = original.to
  } else {
    // `event` read whole: its members looked for here.
    const found = memberOf(bytes, eventAt, ORIGINAL)
    if (found === undefined) return [end, end]
    ;[from, to] = found
  }
  // With the comma that separates it from the member before it, or else from the one after it.
  if (bytes[from - 1] === COMMA) return [from - 1, to]
  if (bytes[to] === COMMA) return [from, to + 1]
  // Its object's only member: the whole of `event`, with a comma.
  if (bytes[event.from - 1] === COMMA) return [event.from - 1, event.to]
  if (bytes[event.to] === COMMA) return [event.from, event.to + 1]
  return [event.from, event.to]
}

/**
 * Where the member `key` of the object at `at` lies: [its key's opening quote, the end of its value), or
 * undefined when the object has no such key.
 */
function memberOf (bytes: Buffer, at: number, key: Uint8Array): [number, number] | undefined {
  let i = at + 1
  if (bytes[i] === CLOSE_BRACE) return undefined
  for (;;) {
    const keyEnd = stringEnd(bytes, i)
    const end = valueEnd(bytes, keyEnd + 2)
    if (keyEnd - i - 1 === key.length) {
      let k = 0
      while (k < key.length && key[k] === bytes[i + 1 + k]) k++
      if (k === key.length) return [i, end]
    }
    if (bytes[end] !== COMMA) return undefined
    i = end + 1
  }
}

const ORIGINAL = Buffer.from('original', 'latin1')

/**
 * `--fields` on records read back from their JSON (`projectRecord`'s result, written from the bytes of the
 * values): the paths in the order given, a missing one passed over, and a path below one already taken
 * whole adding nothing (its value is in it already). Nothing is made per record: a record's projection
 * lives in typed arrays over the nodes of the paths (every prefix of a path is a node), made once. (Made of
 * a few small objects per record, it cost a 1M-line conversion some 30 MiB more at its peak: the young
 * generation filled so often that batches in flight were promoted to the old one, their buffers with them.)
 */
export class Projection {
  /** The tree to read records with: it locates every path. */
  readonly tree: PathTree
  /** Each path's end in `tree`. */
  readonly #ends: PathTree[]
  /** Each path's nodes, from its first key to its last. */
  readonly #pathNodes: Int32Array[]
  /** Each node's key as JSON writes it, with its colon (none for the root, node 0). */
  readonly #keys: Buffer[] = [Buffer.alloc(0)]
  /** Each node's children. */
  readonly #children: number[][] = [[]]
  /** Per node, for the record in hand: when it was made (-1: not made), and its value's text (start -1: an object). */
  readonly #made: Int32Array
  readonly #starts: Int32Array
  readonly #stops: Int32Array
  /** What the keys and punctuation may add to the values' text. */
  readonly #most: number

  constructor (readonly paths: FieldPaths) {
    this.tree = PathTree.of([], paths)
    this.#ends = paths.map((path) => this.tree.node(path))
    const ids = new Map<string, number>()
    this.#pathNodes = paths.map((path) => Int32Array.from(path, (key, k) => {
      const id = JSON.stringify(path.slice(0, k + 1))
      let node = ids.get(id)
      if (node === undefined) {
        node = this.#keys.length
        ids.set(id, node)
        this.#keys.push(Buffer.from(JSON.stringify(key) + ':', 'utf8'))
        this.#children.push([])
        this.#children[k === 0 ? 0 : ids.get(JSON.stringify(path.slice(0, k)))!]!.push(node)
      }
      return node
    }))
    const nodes = this.#keys.length
    this.#made = new Int32Array(nodes)
    this.#starts = new Int32Array(nodes)
    this.#stops = new Int32Array(nodes)
    this.#most = 2 + this.#keys.reduce((sum, key) => sum + key.length + 3, 0)
  }

  /** Most bytes `write` needs for a record whose JSON is `length` bytes. */
  maxLength (length: number): number {
    return length + this.#most
  }

  /** Writes the projection of the record `readFields` last read with `tree` from `bytes` into `out` at `at`; returns the end. */
  write (bytes: Buffer, out: Buffer, at: number): number {
    const made = this.#made
    const starts = this.#starts
    made.fill(-1)
    made[0] = 0
    starts[0] = -1
    let order = 1
    paths: for (let p = 0; p < this.paths.length; p++) {
      const end = this.#ends[p]!
      const start = end.valueStart()
      if (start < 0) continue
      const nodes = this.#pathNodes[p]!
      for (let k = 0; k < nodes.length - 1; k++) {
        const node = nodes[k]!
        if (made[node]! < 0) {
          made[node] = order++
          starts[node] = -1
        } else if (starts[node]! >= 0) {
          continue paths
        }
      }
      // Set again, a value keeps its place.
      const leaf = nodes[nodes.length - 1]!
      if (made[leaf]! < 0) made[leaf] = order++
      starts[leaf] = start
      this.#stops[leaf] = end.to
    }
    return this.#writeNode(0, bytes, out, at)
  }

  #writeNode (node: number, bytes: Buffer, out: Buffer, at: number): number {
    const start = this.#starts[node]!
    if (start >= 0) return copy(bytes, start, this.#stops[node]!, out, at)
    out[at++] = OPEN_BRACE
    // The children made, in the order they were made.
    const children = this.#children[node]!
    const made = this.#made
    let after = 0
    for (let written = 0; ; written++) {
      let next = -1
      for (let c = 0; c < children.length; c++) {
        const child = children[c]!
        if (made[child]! >= after && (next < 0 || made[child]! < made[next]!)) next = child
      }
      if (next < 0) break
      if (written > 0) out[at++] = COMMA
      const key = this.#keys[next]!
      at = copy(key, 0, key.length, out, at)
      at = this.#writeNode(next, bytes, out, at)
      after = made[next]! + 1
    }
    out[at++] = CLOSE_BRACE
    return at
  }
}

/** Copies `from[start, end)` to `to` at `at`: short runs byte by byte, cheaper than a view and a native copy. */
function copy (from: Uint8Array, start: number, end: number, to: Uint8Array, at: number): number {
  if (end - start > 64) {
    to.set(from.subarray(start, end), at)
    return at + end - start
  }
  for (let i = start; i < end; i++) to[at++] = from[i]!
  return at
}
