import t from 'tap'
import { Readable } from 'node:stream'
import { DialectDetector, createDetect, detectDialect, bestDialectForLine, LineBatch, findDialect, compileLayoutForTests } from './helpers/fake-dialects.js'
import { collect } from './helpers/records.js'

const xferlog = findDialect('xferlog')!
const XFER = 'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ o r suporte ftp 0 * c'
const { upper, lower } = compileLayoutForTests()

function tagged (detector: DialectDetector, batches: LineBatch[]): Array<[string | undefined, string[], number]> {
  const out: Array<[string | undefined, string[], number]> = []
  const emit = (batch: LineBatch): void => { out.push([batch.dialect?.id, batch.lines as string[], batch.firstLine]) }
  for (const batch of batches) detector.push(batch, emit)
  detector.end(emit)
  return out
}

t.test('the best total score over the first lines wins', async (t) => {
  t.equal(detectDialect(['ABC', 'abc', 'DEF'], [lower, upper]), upper)
  t.equal(detectDialect(['abc', 'abc', 'DEF'], [lower, upper]), lower)
  t.equal(detectDialect(['123'], [lower, upper]), undefined)
  t.equal(detectDialect([XFER]), xferlog)
})

t.test('ties go to the registry order', async (t) => {
  t.equal(detectDialect(['ABC', 'abc'], [lower, upper]), lower)
  t.equal(detectDialect(['ABC', 'abc'], [upper, lower]), upper)
})

t.test('one line scored alone', async (t) => {
  t.equal(bestDialectForLine('abc', [lower, upper]), lower)
  t.equal(bestDialectForLine('???', [lower, upper]), undefined)
})

t.test('lines are held back until the sample is complete, then tagged', async (t) => {
  const detector = new DialectDetector({ sampleLines: 3 }, [lower, upper])
  const out = tagged(detector, [new LineBatch(['AB', ''], 1, true), new LineBatch(['CD', 'EF', 'GH'], 3, true)])
  t.same(out, [['upper', ['AB', ''], 1], ['upper', ['CD', 'EF', 'GH'], 3]])
})

t.test('a short input is detected at its end', async (t) => {
  const detector = new DialectDetector({}, [lower, upper])
  t.same(tagged(detector, [new LineBatch(['xy'], 1, true)]), [['lower', ['xy'], 1]])
})

t.test('when lines stop fitting, the batch is cut and the dialect re-detected', async (t) => {
  const detector = new DialectDetector({ sampleLines: 1 }, [lower, upper])
  const out = tagged(detector, [new LineBatch(['ab', 'cd', 'EF', 'GH', '12', 'ij'], 10, true)])
  t.same(out, [
    ['lower', ['ab', 'cd'], 10],
    ['upper', ['EF', 'GH', '12'], 12],
    ['lower', ['ij'], 15]
  ])
})

t.test('a fixed dialect only tags', async (t) => {
  const detector = new DialectDetector({ dialect: 'xferlog' })
  t.same(tagged(detector, [new LineBatch(['anything', XFER], 1, true)]), [['xferlog', ['anything', XFER], 1]])
})

t.test('nothing recognised leaves batches untagged', async (t) => {
  const detector = new DialectDetector({}, [lower, upper])
  t.same(tagged(detector, [new LineBatch(['123', '456'], 1, true)]), [[undefined, ['123', '456'], 1]])
})

t.test('createDetect wraps the detector and refuses other chunks', async (t) => {
  const out = await collect<LineBatch>(Readable.from([new LineBatch([XFER], 1, true)]).pipe(createDetect()))
  t.equal(out[0]!.dialect, xferlog)
  const stream = createDetect()
  const failed = new Promise((resolve) => stream.once('error', resolve))
  stream.write('a string')
  t.match(await failed, { code: 'INVALID_CHUNK' })
})

t.test('an input of blank lines is not held without end', async (t) => {
  const detector = new DialectDetector({}, [lower, upper])
  const emitted: number[] = []
  const blanks = new Array<string>(60_000).fill('')
  detector.push(new LineBatch(blanks, 1, true), (b) => emitted.push(b.lines.length))
  t.same(emitted, [])
  detector.push(new LineBatch(blanks, 60_001, true), (b) => emitted.push(b.lines.length))
  t.same(emitted, [60_000, 60_000], 'released past the bound')
})

t.test('past the bound of held lines, the sample is the same however the lines came in batches', async (t) => {
  // 100,000 blank lines, then lines of one dialect: the sample is cut at the bound, wherever a batch ends.
  const lines = [...new Array<string>(100_000).fill(''), 'junk', ...new Array<string>(40).fill(XFER)]
  const detected = (sizes: number[]): Array<string | undefined> => {
    const detector = new DialectDetector({})
    const dialects: Array<string | undefined> = []
    let at = 0
    for (const size of sizes) {
      detector.push(new LineBatch(lines.slice(at, at + size), at + 1, false), (batch) => { for (const _ of batch.lines) dialects.push(batch.dialect?.id) })
      at += size
    }
    detector.end((batch) => { for (const _ of batch.lines) dialects.push(batch.dialect?.id) })
    return dialects
  }
  // Each line's dialect, in order.
  const whole = detected([lines.length])
  t.ok(detected([100_001, 40]).every((id, i) => id === whole[i]), 'a batch ending after the first line that is not blank')
  t.ok(detected([100_000, 41]).every((id, i) => id === whole[i]), 'a batch ending with the last blank line')
  t.same([whole[100_000], whole[100_001]], [undefined, 'xferlog'], 'only blank lines in the sample: the junk line gets no dialect')
})
