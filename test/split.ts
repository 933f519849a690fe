import t from 'tap'
import { Readable } from 'node:stream'
import { LineSplitter, createSplit, LineBatch, OverlongLine, OVERLONG_START } from '../lib/index.js'
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

t.test('a carriage return inside a line stays', async (t) => {
  t.same(texts(['a\rb\n']), ['a\rb'])
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
  const cleanOf = (chunks: string[]): boolean[] => {
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
  t.same(cleanOf(['lone\rcarriage return\n']), [false])
  t.same(cleanOf(['emoji 😀\n']), [false])
  // Cleanliness is decided per chunk; a dirty piece that waits for the next chunk taints the batch that
  // completes it, and no later one.
  t.same(cleanOf(['clean\nbut "this', ' continues"\nclean again\n']), [false, false])
  t.same(cleanOf(['clean\n', 'but "this', ' continues\n', 'clean again\n']), [true, false, true])
})

t.test('invalid options are refused with a code', async (t) => {
  t.throws(() => new LineSplitter({ maxLine: 0 }), { code: 'INVALID_OPTION' })
  t.throws(() => new LineSplitter({ maxLine: 1.5 }), { code: 'INVALID_OPTION' })
})

t.test('createSplit emits LineBatch chunks', async (t) => {
  const batches = await collect<LineBatch>(Readable.from([Buffer.from('a\nb'), Buffer.from('c\n')]).pipe(createSplit()))
  t.ok(batches.every((b) => b instanceof LineBatch))
  t.same(batches.flatMap((b) => b.lines), ['a', 'bc'])
})
