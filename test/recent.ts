import t from 'tap'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Recent, LONGEST_KEY, ownCopy } from '../lib/recent.js'
import { createPipeline } from '../lib/index.js'

t.test('a value is worked out once per key, undefined values included', async (t) => {
  const made: string[] = []
  const cache = new Recent<string | undefined>(4, (key) => { made.push(key); return key === 'none' ? undefined : key.toUpperCase() })
  t.equal(cache.get('ftp'), 'FTP')
  t.equal(cache.get('ftp'), 'FTP')
  t.equal(cache.get('none'), undefined)
  t.equal(cache.get('none'), undefined)
  t.same(made, ['ftp', 'none'])
})

t.test('the cache starts over when full', async (t) => {
  const made: string[] = []
  const cache = new Recent<number>(3, (key) => { made.push(key); return key.length })
  for (const key of ['a', 'bb', 'ccc', 'dddd', 'a']) cache.get(key)
  // `dddd` found the cache full: it holds `dddd` alone afterwards, and `a` is worked out again.
  t.same(made, ['a', 'bb', 'ccc', 'dddd', 'a'])
  cache.get('dddd')
  t.same(made, ['a', 'bb', 'ccc', 'dddd', 'a'], 'the key that started it over is kept')
})

t.test('a key past the longest kept is worked out every time', async (t) => {
  let calls = 0
  const cache = new Recent<number>(8, (key) => { calls++; return key.length })
  const long = 'h'.repeat(LONGEST_KEY + 1)
  const longest = 'h'.repeat(LONGEST_KEY)
  t.equal(cache.get(long), LONGEST_KEY + 1)
  t.equal(cache.get(long), LONGEST_KEY + 1)
  t.equal(calls, 2)
  cache.get(longest)
  cache.get(longest)
  t.equal(calls, 3, 'a key of exactly the longest length is kept')
})

t.test('a copy is the same text', async (t) => {
  for (const text of ['', 'a', 'twelve chars', 'thirteen char', 'x'.repeat(1000), 'é\u{1F600}'.repeat(20)]) t.equal(ownCopy(text), text)
})

// Heap use after a conversion, with every unreachable object collected.
setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void
function heapAfterCollection (): number {
  collect()
  collect()
  return process.memoryUsage().heapUsed
}

// Lines long enough that keeping a few hundred of them would show; each with a new value for the field a
// cache is keyed by.
const LINES = 200
const PAD = 50_000
const shapes: Array<{ name: string, dialect: string, line: (i: number) => string }> = [
  { name: 'xferlog, a new long service name on each line', dialect: 'xferlog', line: (i) => `Thu Sep  2 09:52:00 2004 1 h 1 /f b _ o r u s${String(i).padStart(PAD, '0')} 0 * c` },
  { name: 'xferlog, a new short host on each long line read as text', dialect: 'xferlog', line: (i) => `Thu Sep  2 09:52:00 2004 1 host${String(i).padStart(16, '0')} 1 /"${'x'.repeat(PAD)} b _ o r u ftp 0 * c` },
  { name: 'eft-client, a new long operation on each line', dialect: 'eft-client', line: (i) => `2006-03-06 10:11:03; ftp; h; 21; u; a; b; op${String(i).padStart(PAD, '0')}; 226; 0;` },
  { name: 'transfer-cft, a new long key on each line', dialect: 'transfer-cft', line: (i) => `26/03/19 10:43:08 CFTT57I Server transfer started <K${String(i).padStart(PAD, '0')}=v>` },
  { name: 'expedat, a new long client on each line', dialect: 'expedat', line: (i) => `F 20130711 14:47:25.527 E98E9CA2 GET 1.2.3.${String(i).padStart(PAD, '0')}:5 u AES "p" "a" 1 (0,0) "c"` },
  // Values made from a short key cut from a long line: the action word, the address inside the client (an
  // accented letter sends the line to the text parser).
  { name: 'eft-client, a new short operation on each long line read as text', dialect: 'eft-client', line: (i) => `2006-03-06 10:11:03; ftp; h; 21; u; \u00e9${'a'.repeat(PAD)}; b; operation${String(i).padStart(16, '0')}; 226; 1;` },
  { name: 'expedat, a new short IPv6 client on each long line read as text', dialect: 'expedat', line: (i) => `F 20130711 14:47:25.527 E98E9CA2 GET 2001:0db8:0000:0000::${i.toString(16)}:5 u AES "p\u00e9${'q'.repeat(PAD)}" "a" 1 (0,0) "c"` },
  // The layout's memo of the network and xferlog fields, keyed by a short service.
  { name: 'xferlog, a new short service on each long line read as text', dialect: 'xferlog', line: (i) => `Thu Sep  2 09:52:00 2004 1 h 1 /"${'x'.repeat(PAD)} b _ o r u s${String(i).padStart(20, '0')} 0 * c` },
  { name: 'xferlog, new long special-action flags on each line', dialect: 'xferlog', line: (i) => `Thu Sep  2 09:52:00 2004 1 h 1 /f b ${'C'.repeat(PAD)}${'T'.repeat(i)} o r u ftp 0 * c` },
  { name: 'eft-client, a new long protocol on each line', dialect: 'eft-client', line: (i) => `2006-03-06 10:11:03; p${String(i).padStart(PAD, '0')}; h; 21; u; a; b; op; 226; 1;` }
]

t.test('no cache keeps what long lines hold', async (t) => {
  for (const shape of shapes) {
    // Made as they are read, so that the test itself keeps none of them.
    function * lines (): Generator<Buffer> {
      for (let i = 0; i < LINES; i++) yield Buffer.from(shape.line(i) + '\n')
    }
    const before = heapAfterCollection()
    const stages = createPipeline({ dialect: shape.dialect, tz: 'UTC' })
    await pipeline(Readable.from(lines()), stages, new Writable({ write (c, e, done) { done() } }))
    const grown = heapAfterCollection() - before
    t.equal(stages.stats.lines, LINES, `${shape.name}: every line read`)
    // Kept, the lines would be 10 MB (twice that as two-byte text); the bound leaves room for what the
    // library keeps anyway (templates, memos of short keys).
    t.ok(grown < 4 * 1024 * 1024, `${shape.name}: the heap grew by ${(grown / 1048576).toFixed(1)} MiB`)
  }
})
