import t, { type Test } from 'tap'
import { Readable } from 'node:stream'
import { LineSplitter, createSplit, LineBatch, OverlongLine, OVERLONG_START, decodeUtf8, originalBytes, normalizeOptions } from '../lib/index.js'
import { collect } from './helpers/records.js'

/** Feeds chunks through a splitter and returns every line with its number. */
function split (chunks: Array<string | Buffer>, maxLine?: number): Array<{ line: number, text: string | OverlongLine }> {
  const splitter = new LineSplitter(maxLine === undefined ? {} : { maxLine })
  const out: Array<{ line: number, text: string | OverlongLine }> = []
  const take = (batch: LineBatch | undefined): void => {
    if (batch === undefined) return
    batch.lines.forEach((text, i) => out.push({ line: batch.firstLine + i, text }))
  }
  for (const chunk of chunks) take(splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk))
  take(splitter.end())
  return out
}

const texts = (chunks: Array<string | Buffer>, maxLine?: number): Array<string | OverlongLine> => split(chunks, maxLine).map((l) => l.text)

t.test('LF and CRLF line ends read the same', async (t) => {
  t.same(texts(['a\nb\n']), ['a', 'b'])
  t.same(texts(['a\r\nb\r\n']), ['a', 'b'])
  t.same(texts(['a\r\nb\nc\r\n']), ['a', 'b', 'c'])
})

t.test('a CRLF cut between two chunks', async (t) => {
  t.same(texts(['one\r', '\ntwo\r\n']), ['one', 'two'])
})

t.test('a lone carriage return ends a line: CR-only and mixed files', async (t) => {
  t.same(texts(['a\rb\n']), ['a', 'b'])
  t.same(texts(['one\rtwo\rthree']), ['one', 'two', 'three'])
  t.same(texts(['one\rtwo\r']), ['one', 'two'])
  t.same(texts(['a\r\rb\r']), ['a', '', 'b'], 'two CRs in a row are a blank line')
  t.same(texts(['lf\ncrlf\r\ncr\rlf again\n']), ['lf', 'crlf', 'cr', 'lf again'])
  // Every cut of a mixed text through two chunks reads the same.
  const mixed = 'a\rbb\r\nccc\n\rd\r'
  for (let cut = 0; cut <= mixed.length; cut++) {
    t.same(texts([mixed.slice(0, cut), mixed.slice(cut)]), ['a', 'bb', 'ccc', '', 'd'], `cut at ${cut}`)
  }
  // One byte at a time, through the splitter's ASCII path.
  t.same(texts([...'x\r\ny\rz\n'].map((c) => Buffer.from(c))), ['x', 'y', 'z'])
})

t.test('bytes that are not UTF-8 become U+DC80–U+DCFF and come back exactly', async (t) => {
  const bytes = Buffer.from([0x61, 0xff, 0x20, 0xc3, 0xa9, 0x20, 0xe2, 0x82, 0x41, 0xed, 0xa0, 0x80, 0xc0, 0xaf, 0x0a])
  t.same(texts([bytes]), ['a\udcff é \udce2\udc82A\udced\udca0\udc80\udcc0\udcaf'])
  for (let cut = 1; cut < bytes.length; cut++) {
    const [line] = texts([bytes.subarray(0, cut), bytes.subarray(cut)])
    t.ok(originalBytes(line as string).equals(bytes.subarray(0, -1)), `cut at byte ${cut}`)
  }
  t.same(texts([Buffer.from([0x61, 0x0a, 0xe2, 0x82])]), ['a', '\udce2\udc82'], 'a character cut short by the end of the input')
  t.same(texts([Buffer.from('ok\n'), Buffer.from([0xf0, 0x9f]), Buffer.from([0x98, 0x80, 0x0a])]), ['ok', '😀'], 'a character cut after an ASCII chunk')
})

t.test('decodeUtf8 and originalBytes: any bytes survive the round trip', async (t) => {
  let seed = 7
  const random = (): number => { seed = (seed * 1103515245 + 12345) >>> 0; return seed >>> 16 }
  for (let round = 0; round < 300; round++) {
    const bytes = Buffer.from(Array.from({ length: random() % 40 }, () => random() % 256))
    const text = decodeUtf8(bytes)
    t.ok(originalBytes(text).equals(bytes), `round ${round}`)
    if (bytes.toString('utf8') === text) t.notMatch(text, /[\udc80-\udcff](?<![\ud800-\udbff][\udc80-\udcff])/u, 'valid UTF-8 holds no escaped byte')
  }
  t.equal(decodeUtf8(Buffer.from('déjà vu 😀')), 'déjà vu 😀')
  t.ok(originalBytes('plain').equals(Buffer.from('plain')))
})

t.test('a last line without newline is kept; a final newline adds no empty line', async (t) => {
  t.same(texts(['a\nb']), ['a', 'b'])
  t.same(texts(['a\nb\n']), ['a', 'b'])
  t.same(texts(['a\nb\r']), ['a', 'b'])
  t.same(texts(['']), [])
  t.same(texts(['\n']), [''])
  t.same(texts(['a\n\nb\n']), ['a', '', 'b'])
})

t.test('a UTF-8 byte order mark is dropped, only at the start', async (t) => {
  t.same(texts(['\uFEFFa\n\uFEFFb\n']), ['a', '\uFEFFb'])
  const bom = Buffer.from([0xef, 0xbb, 0xbf])
  t.same(texts([bom.subarray(0, 1), Buffer.concat([bom.subarray(1), Buffer.from('x\n')])]), ['x'])
})

t.test('characters cut across chunks stay whole', async (t) => {
  const text = 'é€😀 café\n'
  const bytes = Buffer.from(text)
  for (let cut = 1; cut < bytes.length; cut++) {
    t.same(texts([bytes.subarray(0, cut), bytes.subarray(cut)]), ['é€😀 café'], `cut at byte ${cut}`)
  }
  // One byte at a time.
  t.same(texts([...bytes].map((b) => Buffer.from([b]))), ['é€😀 café'])
})

t.test('lines are numbered from 1 across chunks, blank lines counted', async (t) => {
  const lines = split(['a\n', '\nb', 'c\nd\n', 'e'])
  t.same(lines.map((l) => [l.line, l.text]), [[1, 'a'], [2, ''], [3, 'bc'], [4, 'd'], [5, 'e']])
})

t.test('a line over the limit becomes an OverlongLine with its start, wherever it ends', async (t) => {
  const long = 'x'.repeat(5000)
  const [first, second, third] = texts(['short\n' + long + '\nafter\n'], 100)
  t.equal(first, 'short')
  t.ok(second instanceof OverlongLine)
  const overlong = second as OverlongLine
  t.equal(overlong.length, 5000)
  t.equal(overlong.start, long.slice(0, OVERLONG_START))
  t.equal(third, 'after')

  // Spread over many chunks, and without a final newline.
  const chunks = ['ab', ...Array.from({ length: 50 }, () => 'y'.repeat(100))]
  const [only] = texts(chunks, 1000)
  t.ok(only instanceof OverlongLine)
  t.equal((only as OverlongLine).length, 5002)
  t.equal((only as OverlongLine).start.slice(0, 4), 'abyy')
  t.equal((only as OverlongLine).start.length, OVERLONG_START)
})

t.test('memory stays bounded while an endless line is skipped', async (t) => {
  const splitter = new LineSplitter({ maxLine: 1024 })
  const chunk = Buffer.alloc(64 * 1024, 'z')
  for (let i = 0; i < 200; i++) t.equal(splitter.push(chunk), undefined)
  const batch = splitter.end()!
  const line = batch.lines[0] as OverlongLine
  t.equal(line.length, 200 * 64 * 1024)
  t.equal(line.start.length, OVERLONG_START)
})

t.test('a line exactly at the limit is kept', async (t) => {
  t.same(texts(['abcd\n'], 4), ['abcd'])
  t.ok(texts(['abcde\n'], 4)[0] instanceof OverlongLine)
})

t.test('clean tells whether a batch may skip JSON escaping', async (t) => {
  const cleanOf = (chunks: Array<string | Buffer>): boolean[] => {
    const splitter = new LineSplitter()
    const flags: boolean[] = []
    for (const chunk of chunks) {
      const batch = splitter.push(Buffer.from(chunk))
      if (batch !== undefined) flags.push(batch.clean)
    }
    const last = splitter.end()
    if (last !== undefined) flags.push(last.clean)
    return flags
  }
  t.same(cleanOf(['plain text\r\nmore\n']), [true])
  t.same(cleanOf(['a "quoted" word\n']), [false])
  t.same(cleanOf(['back\\slash\n']), [false])
  t.same(cleanOf(['tab\there\n']), [false])
  t.same(cleanOf(['lone\rcarriage return\n']), [true], 'a lone CR is a line end, not a character to escape')
  t.same(cleanOf([Buffer.from([0x61, 0xff, 0x0a])]), [false], 'an escaped byte needs escaping in JSON')
  t.same(cleanOf(['emoji 😀\n']), [false])
  // Cleanliness is decided per chunk; a dirty piece that waits for the next chunk taints the batch that
  // completes it, and no later one.
  t.same(cleanOf(['clean\nbut "this', ' continues"\nclean again\n']), [false, false])
  t.same(cleanOf(['clean\n', 'but "this', ' continues\n', 'clean again\n']), [true, false, true])
})

t.test('invalid options are refused with a code', async (t) => {
  t.throws(() => new LineSplitter({ maxLine: 0 }), { code: 'INVALID_OPTION' })
  t.throws(() => new LineSplitter({ maxLine: 1.5 }), { code: 'INVALID_OPTION' })
  // As normalizeOptions refuses them: only a missing maxLine means the default.
  for (const maxLine of [null, '4096', Number.NaN]) {
    t.throws(() => createSplit({ maxLine } as unknown as { maxLine: number }), { code: 'INVALID_OPTION', option: 'maxLine' }, `maxLine: ${String(maxLine)}`)
    t.throws(() => normalizeOptions({ maxLine } as unknown as { maxLine: number }), { code: 'INVALID_OPTION', option: 'maxLine' })
  }
})

t.test('createSplit emits LineBatch chunks', async (t) => {
  const batches = await collect<LineBatch>(Readable.from([Buffer.from('a\nb'), Buffer.from('c\n')]).pipe(createSplit()))
  t.ok(batches.every((b) => b instanceof LineBatch))
  t.same(batches.flatMap((b) => b.lines), ['a', 'bc'])
})

t.test('an over-long CRLF line reads the same however the chunks cut it', async (t) => {
  const text = 'a'.repeat(12) + '\r\nb\r\n'
  const whole = texts([text], 10)
  t.same(whole, [new OverlongLine('a'.repeat(12), 12), 'b'])
  for (let cut = 1; cut < text.length; cut++) t.same(texts([text.slice(0, cut), text.slice(cut)], 10), whole, `cut at ${cut}`)
})

t.test('text pushed after bytes that stopped inside a character: those bytes are escaped, and come first', async (t) => {
  const lines = (splitter: LineSplitter, chunks: Array<string | Buffer>): string[] => {
    const out: string[] = []
    for (const chunk of chunks) out.push(...(splitter.push(chunk)?.lines ?? []) as string[])
    out.push(...(splitter.end()?.lines ?? []) as string[])
    return out
  }
  t.same(lines(new LineSplitter(), [Buffer.from('caf\xc3', 'latin1'), 'XYZ', Buffer.from([0xa9, 0x0a])]), ['caf\udcc3XYZ\udca9'])
  t.same(lines(new LineSplitter(), [Buffer.from([0x61, 0xe2, 0x82]), 'b\n']), ['a\udce2\udc82b'])
  t.same(originalBytes('a\udce2\udc82b'), Buffer.from([0x61, 0xe2, 0x82, 0x62]), 'the bytes as they were, in order')
  t.same(lines(new LineSplitter(), [Buffer.from('caf\xc3', 'latin1'), Buffer.from([0xa9]), 'XYZ\n']), ['caféXYZ'], 'a character finished by bytes is whole')
})

t.test('the kept start of an over-long line never ends inside a character', async (t) => {
  // OVERLONG_START is even and each emoji two UTF-16 units, so after one leading letter the cut falls
  // between the two halves of an emoji.
  const line = 'a' + '\u{1F600}'.repeat(OVERLONG_START)
  for (const chunks of [[Buffer.from(line + '\n')], [Buffer.from(line.slice(0, 301)), Buffer.from(line.slice(301) + '\n')]]) {
    const [only] = texts(chunks, OVERLONG_START + 10)
    t.ok(only instanceof OverlongLine)
    const start = (only as OverlongLine).start
    t.equal(start, line.slice(0, OVERLONG_START - 1), 'the emoji the cut went through is left out whole')
    t.notMatch(JSON.stringify(start), /\\ud83d"$/)
  }
})

/** Each line of a batch as its bytes say it (undefined where they do not hold it), and the line before. */
function bytesOf (t: Test, batch: LineBatch | undefined): { lines: Array<string | undefined>, before: string | undefined } {
  const bytes = batch?.bytes
  if (bytes === undefined) return { lines: [], before: undefined }
  const lines: Array<string | undefined> = []
  for (let i = 0; 2 * i < bytes.bounds.length; i++) {
    const start = bytes.bounds[2 * i]!
    lines.push(start < 0 ? undefined : bytes.source.toString('latin1', start, bytes.bounds[2 * i + 1]))
  }
  const before = bytes.before < 0 ? undefined : bytes.source.toString('latin1', 0, bytes.before)
  // The line before is followed by a line feed, so that a record of it ends there.
  if (before !== undefined) t.equal(bytes.source[bytes.before], 0x0a, 'a line feed follows the line before')
  return { lines, before }
}

t.test('a line the chunk boundary cuts lies whole in the next batch\'s bytes, after the last line of the batch before', async (t) => {
  const splitter = new LineSplitter()
  const first = splitter.push(Buffer.from('one\ntwo\nthr'))
  t.same(bytesOf(t, first), { lines: ['one', 'two'], before: undefined }, 'the first chunk has no line before it')
  const second = splitter.push(Buffer.from('ee\nfour\nfi'))
  t.same(second?.lines, ['three', 'four'])
  t.same(bytesOf(t, second), { lines: ['three', 'four'], before: 'two' }, 'the cut line is in the bytes, after the last line before')
  // A chunk that finishes no line adds to the unfinished one; the line before stays the same.
  t.equal(splitter.push(Buffer.from('v')), undefined)
  const fourth = splitter.push(Buffer.from('e\n'))
  t.same(bytesOf(t, fourth), { lines: ['five'], before: 'four' })
  // CRLF line ends: the bytes of a line stop before its CR, in the copied lines as in the others.
  const crlf = new LineSplitter()
  crlf.push(Buffer.from('a\r\nbb'))
  t.same(bytesOf(t, crlf.push(Buffer.from('b\r\nc\r\n'))), { lines: ['bbb', 'c'], before: 'a' })
})

t.test('what is not ASCII, over-long or unfinished past 64 KiB is not copied: those lines are read as text', async (t) => {
  const utf8 = new LineSplitter()
  utf8.push(Buffer.from('café\nbrû'))
  const afterUtf8 = utf8.push(Buffer.from('lé\nnext\n'))
  t.same(afterUtf8?.lines, ['brûlé', 'next'])
  t.same(bytesOf(t, afterUtf8), { lines: [], before: undefined }, 'a batch that is not ASCII keeps no bytes')
  const mixed = new LineSplitter()
  mixed.push(Buffer.from('plain\nbrû'))
  // An ASCII chunk that finishes a line begun with other characters: the line is text, the rest bytes (the
  // chunk before, not ASCII, kept none).
  t.same(bytesOf(t, mixed.push(Buffer.from('le\nnext\n'))), { lines: [undefined, 'next'], before: undefined })
  const long = new LineSplitter()
  long.push(Buffer.from('short\n' + 'x'.repeat(70 * 1024)))
  const afterLong = long.push(Buffer.from('y\nz\n'))
  t.equal((afterLong?.lines[0] as string).length, 70 * 1024 + 1)
  t.same(bytesOf(t, afterLong), { lines: [undefined, 'z'], before: 'short' }, 'a long unfinished line is text')
  const overlong = new LineSplitter({ maxLine: 10 })
  overlong.push(Buffer.from('ok\n' + 'x'.repeat(20)))
  const afterOverlong = overlong.push(Buffer.from('x\nz\n'))
  t.ok(afterOverlong?.lines[0] instanceof OverlongLine)
  t.same(bytesOf(t, afterOverlong), { lines: [undefined, 'z'], before: 'ok' })
  // After an over-long last line there is no line before to copy.
  t.same(bytesOf(t, overlong.push(Buffer.from('w\n'))), { lines: ['w'], before: 'z' })
  const overlongLast = new LineSplitter({ maxLine: 10 })
  overlongLast.push(Buffer.from('x'.repeat(20) + '\n'))
  t.same(bytesOf(t, overlongLast.push(Buffer.from('w\n'))), { lines: ['w'], before: undefined })
})

t.test('chunks that end no line are not copied: a long line in small pieces costs its length, not its square', async (t) => {
  const splitter = new LineSplitter()
  splitter.push(Buffer.from('first\nsecond\n'))
  const allocUnsafe = Buffer.allocUnsafe
  let copies = 0
  Buffer.allocUnsafe = (size: number) => {
    copies++
    return allocUnsafe(size)
  }
  try {
    let batches = 0
    for (let i = 0; i < 1000; i++) if (splitter.push(Buffer.from('abcd')) !== undefined) batches++
    t.equal(batches, 0, 'no line ends')
    t.equal(copies, 0, 'no copy while the line goes on')
    const batch = splitter.push(Buffer.from('e\nlast\n'))
    t.equal(copies, 1, 'one copy for the chunk that ends it')
    t.same(bytesOf(t, batch), { lines: ['abcd'.repeat(1000) + 'e', 'last'], before: 'second' })
  } finally {
    Buffer.allocUnsafe = allocUnsafe
  }
})
