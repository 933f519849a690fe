/**
 * Bytes → lines. The core (`LineSplitter`) is stream-free; `createSplit` wraps it.
 *
 * A chunk is decoded once and cut at line ends: LF, CRLF and a lone CR (old Mac files) all end a line, so
 * files with any of them, or a mix, read the same. The bytes of a character cut between two chunks are
 * carried over to the next one. A line that grows past `maxLine` stops being buffered: its start is kept,
 * the rest only counted, and it comes out as an `OverlongLine`, so one endless line cannot exhaust memory.
 *
 * Bytes that are not UTF-8 are kept recoverable rather than replaced (see `utf8.ts`).
 */
import { isAscii } from 'node:buffer'
import { Transform } from 'node:stream'
import { BATCH_HIGH_WATER_MARK, CleanCheck, LineBatch, LineBytes, OverlongLine, type Line } from './batch.js'
import { DEFAULT_MAX_LINE, assertOptionsObject, invalidOption, positiveInteger } from './options.js'
import { decodeUtf8, partialCharacterLength } from './utf8.js'

/** How much of an over-long line is kept for its rejected record. */
export const OVERLONG_START = 1024

/**
 * Longest unfinished line that is copied, as bytes, ahead of the chunk that finishes it. A line cut by the
 * chunk boundary then lies whole in one buffer and can be read from bytes like the others (a dialect's byte
 * reader is some ten times faster than its text parser); a longer one is rare, and read as text.
 */
const MAX_COPIED_PENDING = 64 * 1024

/**
 * A character JSON must escape, other than the line ends. When a chunk holds none, no string cut from it
 * needs escaping (by then every CR left in it is the first half of a CRLF, dropped with the line end).
 * Single patterns with the quote or the backslash in them scan several times slower than the searches
 * below, so an ASCII chunk (which cannot hold a surrogate) is checked piece by piece.
 */
const NEEDS_ESCAPE = /["\\\u0000-\u0009\u000b\u000c\u000e-\u001f\ud800-\udfff]/
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f]/
const LONE_CR = /\r(?!\n)/
/** Text of ASCII characters only. */
export const ASCII_ONLY = /^[\u0000-\u007f]*$/
const CR_LINE_END = /\r\n?/g

/** Whether a chunk holds a line end (LF, or CR for files with old Mac line ends). */
function endsALine (bytes: Buffer): boolean {
  return bytes.indexOf(0x0a) >= 0 || bytes.indexOf(0x0d) >= 0
}

export function isCleanText (text: string, ascii: boolean): boolean {
  return ascii
    ? !(text.includes('"') || text.includes('\\') || CONTROL.test(text))
    : !NEEDS_ESCAPE.test(text)
}

export interface SplitOptions {
  /** Longest line in characters (default 1 MiB). */
  maxLine?: number
  /**
   * Reading was stopped once this aborts (Ctrl-C in the command): the input did not end, it was cut, so an
   * unfinished last line is dropped instead of coming out as a line.
   */
  signal?: AbortSignal
}

export class LineSplitter {
  readonly maxLine: number
  /** The first bytes of a character whose other bytes are in the next chunk. */
  #carry: Buffer | undefined = undefined
  /** The previous chunk ended with `\r`, already taken as a line end: a `\n` starting this one is its pair. */
  #endedWithCr = false
  #pending = ''
  #pendingClean = true
  /** Set while skipping the rest of an over-long line. */
  #overlongStart: string | undefined = undefined
  #overlongLength = 0
  #nextLine = 1
  #atStart = true
  /** The pending text is all ASCII. */
  #pendingAscii = true
  /** Line bounds of the chunk being cut (see `LineBytes`), reused from chunk to chunk. */
  #bounds = new Int32Array(2048)
  /** The bytes of the last line cut, when they lay in their chunk: copied ahead of the next one (`LineBytes.before`). */
  #lastLine: Buffer | undefined = undefined

  constructor (options: SplitOptions = {}) {
    this.maxLine = positiveInteger('maxLine', options.maxLine, DEFAULT_MAX_LINE)
  }

  /** Number the next line will get. */
  get nextLine (): number {
    return this.#nextLine
  }

  /** The complete lines a chunk finishes, or undefined when it finishes none. */
  push (chunk: Buffer | Uint8Array | string): LineBatch | undefined {
    if (typeof chunk === 'string') {
      this.#lastLine = undefined
      // Text after bytes that stopped part-way through a character: the text cannot finish it, so its
      // bytes are escaped one by one (as at the end of input), and come before the text.
      if (this.#carry === undefined) return this.#cut(chunk, false, false)
      const carried = decodeUtf8(this.#carry)
      this.#carry = undefined
      return this.#cut(carried + chunk, false, false)
    }
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    // ASCII is the common case and decodes byte for byte, several times faster than UTF-8, unless the
    // previous chunk ended in the middle of a character.
    if (this.#carry === undefined && isAscii(bytes)) {
      // A chunk that ends a line goes into a new buffer after the last line cut and the unfinished line
      // (when they are ASCII), so that the line the boundary cut, and the record the batch before may have
      // left open, lie in it too: copying a chunk costs a fraction of reading one line as text. (A chunk
      // that ends no line only adds to the unfinished one: copied each time, a long line in small chunks
      // would cost its length squared.)
      const previous = this.#lastLine
      const pending = this.#pendingAscii && this.#overlongStart === undefined && this.#pending.length <= MAX_COPIED_PENDING ? this.#pending : ''
      if ((previous === undefined && pending === '') || !endsALine(bytes)) return this.#cut(bytes.toString('latin1'), false, true, bytes)
      const before = previous === undefined ? 0 : previous.length + 1
      const whole = Buffer.allocUnsafe(before + pending.length + bytes.length)
      if (previous !== undefined) {
        previous.copy(whole, 0)
        whole[previous.length] = 0x0a
      }
      whole.write(pending, before, 'latin1')
      bytes.copy(whole, before + pending.length)
      if (pending !== '') {
        this.#pending = ''
        this.#pendingClean = true
      }
      return this.#cut(whole.toString('latin1', before), false, true, whole, before)
    }
    this.#lastLine = undefined
    let whole = bytes
    if (this.#carry !== undefined) {
      whole = Buffer.concat([this.#carry, bytes])
      this.#carry = undefined
    }
    const cut = whole.length - partialCharacterLength(whole)
    if (cut < whole.length) {
      this.#carry = Buffer.from(whole.subarray(cut))
      whole = whole.subarray(0, cut)
    }
    return this.#cut(decodeUtf8(whole), false, false)
  }

  /** The last line, when the input did not end with a newline. */
  end (): LineBatch | undefined {
    // A character still incomplete at the end of the input is invalid: its bytes are escaped one by one.
    const carried = this.#carry === undefined ? '' : decodeUtf8(this.#carry)
    this.#carry = undefined
    return this.#cut(carried, true, false)
  }

  /**
   * @param source the bytes `input` was decoded from one byte per character, when it was: the batch then
   *        says where its lines lie in them
   * @param before where `input` starts in `source`, after the last line cut before and a line feed (0: it
   *        starts `source`)
   */
  #cut (input: string, final: boolean, ascii: boolean, source?: Buffer, before = 0): LineBatch | undefined {
    let text = input
    /** Where `text` starts in `source`. */
    let offset = before
    if (this.#atStart && text.length > 0) {
      this.#atStart = false
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    if (this.#endedWithCr && text.length > 0) {
      this.#endedWithCr = false
      if (text.charCodeAt(0) === 10) {
        text = text.slice(1)
        offset++
      }
    }
    // A CR not followed by LF ends a line too. Such chunks are rare (old Mac files, a CRLF cut by the chunk
    // boundary), so they alone pay for rewriting their line ends as LF; CRLF chunks keep the fast path.
    if (text.includes('\r') && LONE_CR.test(text)) {
      this.#endedWithCr = text.charCodeAt(text.length - 1) === 13
      text = text.replace(CR_LINE_END, '\n')
      source = undefined
    }
    let bounds = this.#bounds
    const firstLine = this.#nextLine
    const lines: Line[] = []
    const pendingWasClean = this.#pendingClean
    const pendingWasAscii = this.#pendingAscii
    let start = 0
    let newline = text.indexOf('\n')

    while (newline !== -1) {
      /** Where the line starts in `source`, -1 when it is not wholly there. */
      let lineStart = -1
      let end = newline
      // The CR of a CRLF is part of the line end, wherever the line began.
      if (end > start && text.charCodeAt(end - 1) === 13) end--
      if (this.#overlongStart !== undefined) {
        this.#topUp(text, start, end)
        lines.push(new OverlongLine(this.#overlongStart, this.#overlongLength + end - start))
        this.#overlongStart = undefined
      } else {
        let line = text.slice(start, end)
        // The pending text never ends in CR: a chunk ending in CR had it rewritten as a line end above.
        if (this.#pending !== '') {
          line = this.#pending + line
          this.#pending = ''
        } else {
          lineStart = start + offset
        }
        if (line.length > this.maxLine) {
          lines.push(new OverlongLine(line.slice(0, OVERLONG_START), line.length))
          lineStart = -1
        } else {
          lines.push(line)
        }
      }
      if (source !== undefined) {
        const at = 2 * lines.length - 2
        if (at + 2 > bounds.length) {
          const grown = new Int32Array(bounds.length * 2)
          grown.set(bounds)
          this.#bounds = bounds = grown
        }
        bounds[at] = lineStart
        bounds[at + 1] = end + offset
      }
      start = newline + 1
      newline = text.indexOf('\n', start)
    }
    // What follows the last newline waits for the next chunk, unless it is already too long to keep.
    if (this.#overlongStart !== undefined) {
      this.#topUp(text, start, text.length)
      this.#overlongLength += text.length - start
    } else if (start < text.length) {
      const rest = start === 0 ? text : text.slice(start)
      const pendingLength = this.#pending.length + rest.length
      if (pendingLength > this.maxLine) {
        const joined = this.#pending + rest.slice(0, OVERLONG_START)
        this.#overlongStart = joined.slice(0, OVERLONG_START)
        this.#overlongLength = pendingLength
        this.#pending = ''
      } else {
        this.#pending += rest
      }
    }

    // The text kept for the next chunk is clean when it is, and, when it continues a line, that line was.
    // Past the length limit, what is kept is the start of the over-long line, which its record shows.
    if (this.#overlongStart !== undefined) {
      this.#pendingClean = isCleanText(this.#overlongStart, false)
      this.#pendingAscii = ASCII_ONLY.test(this.#overlongStart)
    } else {
      this.#pendingClean = this.#pending === '' || (start === 0 ? pendingWasClean && isCleanText(text, ascii) : isCleanText(text.slice(start), ascii))
      this.#pendingAscii = this.#pending === '' || (start === 0 ? ascii && pendingWasAscii : ascii)
    }

    if (final) {
      if (this.#overlongStart !== undefined) {
        lines.push(new OverlongLine(this.#overlongStart, this.#overlongLength))
        this.#overlongStart = undefined
      } else if (this.#pending !== '') {
        lines.push(this.#pending)
        this.#pending = ''
      }
    }
    if (source === undefined) {
      this.#lastLine = undefined
    } else if (lines.length > 0) {
      const lastStart = bounds[2 * lines.length - 2]!
      // A copy: the caller may fill its chunk again.
      this.#lastLine = lastStart < 0 ? undefined : Buffer.from(source.subarray(lastStart, bounds[2 * lines.length - 1]))
    }
    if (lines.length === 0) return undefined
    this.#nextLine += lines.length
    // (`end` passes no source, so the lines `final` adds have no bounds to miss.)
    const lineBytes = source === undefined ? undefined : new LineBytes(source, bounds.slice(0, 2 * lines.length), before - 1)
    const chunk = text
    const clean = pendingWasClean && new CleanCheck(() => isCleanText(chunk, ascii))
    return new LineBatch(lines, firstLine, clean, undefined, ascii && pendingWasAscii, false, lineBytes)
  }

  /** Lengthens the kept start of an over-long line, up to `OVERLONG_START`, from `text[from, to)`. */
  #topUp (text: string, from: number, to: number): void {
    const start = this.#overlongStart!
    if (start.length < OVERLONG_START && to > from) {
      this.#overlongStart = start + text.slice(from, Math.min(to, from + OVERLONG_START - start.length))
    }
  }
}

/**
 * A Transform from bytes to `LineBatch` objects (one per input chunk that completes a line). Line numbers
 * start at 1 and count every line, blank or over-long ones included.
 */
export function createSplit (options: SplitOptions = {}): Transform {
  assertOptionsObject(options)
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw invalidOption('signal', `expected an AbortSignal, got ${String(options.signal)}`)
  const splitter = new LineSplitter(options)
  return new Transform({
    readableObjectMode: true,
    readableHighWaterMark: BATCH_HIGH_WATER_MARK,
    transform (chunk: Buffer, _encoding, callback) {
      const batch = splitter.push(chunk)
      if (batch !== undefined) this.push(batch)
      callback()
    },
    flush (callback) {
      if (options.signal?.aborted === true) {
        callback()
        return
      }
      const batch = splitter.end()
      if (batch !== undefined) this.push(batch)
      callback()
    }
  })
}
