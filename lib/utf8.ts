/**
 * UTF-8 decoding that loses nothing. A byte that is not part of a well-formed sequence is not replaced by
 * U+FFFD (which would lose it) but becomes the lone low surrogate U+DC80–U+DCFF: the "surrogateescape"
 * convention of Python (PEP 383). JSON writers escape lone surrogates as `\udc80`…`\udcff`, so a reader
 * gets the exact bytes back (`originalBytes` here; `s.encode('utf-8', 'surrogateescape')` in Python). Valid
 * UTF-8 never decodes to a lone surrogate, so no other character can be mistaken for an escaped byte.
 */
import { isUtf8 } from 'node:buffer'

/**
 * How many bytes at the end start a UTF-8 sequence whose continuation bytes are missing (0 when the
 * bytes end on a whole character, or on bytes no later byte could complete).
 */
export function partialCharacterLength (bytes: Buffer): number {
  const n = bytes.length
  for (let back = 1; back <= 3 && back <= n; back++) {
    const byte = bytes[n - back]!
    if (byte < 0x80) return 0
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
      return byte < 0xf5 && back < length ? back : 0
    }
  }
  return 0
}

/** UTF-8 text, with each byte that is not part of a valid sequence turned into U+DC80–U+DCFF. */
export function decodeUtf8 (bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8')
  let text = ''
  let run = 0
  let i = 0
  const n = bytes.length
  while (i < n) {
    const length = validSequenceLength(bytes, i, n)
    if (length > 0) {
      i += length
      continue
    }
    if (run < i) text += bytes.toString('utf8', run, i)
    text += String.fromCharCode(0xdc00 | bytes[i]!)
    i++
    run = i
  }
  return run < n ? text + bytes.toString('utf8', run, n) : text
}

/**
 * The length of the well-formed UTF-8 sequence at `i`, or 0 when the byte there starts none (the ranges of
 * the Unicode Standard's table of well-formed byte sequences: no overlong forms, no surrogates, nothing past
 * U+10FFFF).
 */
function validSequenceLength (bytes: Buffer, i: number, n: number): number {
  const lead = bytes[i]!
  if (lead < 0x80) return 1
  const inRange = (at: number, low: number, high: number): boolean => at < n && bytes[at]! >= low && bytes[at]! <= high
  if (lead >= 0xc2 && lead <= 0xdf) return inRange(i + 1, 0x80, 0xbf) ? 2 : 0
  if (lead >= 0xe0 && lead <= 0xef) {
    const low = lead === 0xe0 ? 0xa0 : 0x80
    const high = lead === 0xed ? 0x9f : 0xbf
    return inRange(i + 1, low, high) && inRange(i + 2, 0x80, 0xbf) ? 3 : 0
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const low = lead === 0xf0 ? 0x90 : 0x80
    const high = lead === 0xf4 ? 0x8f : 0xbf
    return inRange(i + 1, low, high) && inRange(i + 2, 0x80, 0xbf) && inRange(i + 3, 0x80, 0xbf) ? 4 : 0
  }
  return 0
}

/** The bytes a string decoded by `decodeUtf8` came from: UTF-8, with U+DC80–U+DCFF turned back into bytes. */
export function originalBytes (text: string): Buffer {
  if (!/[\udc80-\udcff]/.test(text)) return Buffer.from(text, 'utf8')
  const pieces: Buffer[] = []
  let run = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0xdc80 || code > 0xdcff) continue
    // A low surrogate after a high one is half of a real character, not an escaped byte.
    if (i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff) continue
    if (run < i) pieces.push(Buffer.from(text.slice(run, i), 'utf8'))
    pieces.push(Buffer.from([code & 0xff]))
    run = i + 1
  }
  if (run < text.length) pieces.push(Buffer.from(text.slice(run), 'utf8'))
  return Buffer.concat(pieces)
}
