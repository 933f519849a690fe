import t from 'tap'
import type { PackedRecords } from '../lib/batch.js'
import { HOLE_NUMBER, HOLE_TEXT, Piece, Template, copyEscaped, holeMark, type Hole, type MarkSet } from '../lib/dialects/bytes.js'

// Templates copy their constant text eight bytes at a time and may store up to seven bytes past what they
// write; these records put pieces of every length, so every position of a piece's last bytes in its last
// eight, next to holes and to the record after them.
const holes: Hole[] = [{ kind: HOLE_NUMBER, at: 0 }, { kind: HOLE_TEXT, at: 0 }]
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz'

t.test('a template writes its pieces, whatever their length, and its holes, record after record', async (t) => {
  const value = 'a value'
  const source = Buffer.from(`${value}  `, 'latin1')
  const records = {
    ints: Int32Array.of(0, value.length, 0),
    numbers: Float64Array.of(1234567),
    view: new DataView(source.buffer, source.byteOffset, source.byteLength)
  } as unknown as PackedRecords
  for (let length = 0; length <= 20; length++) {
    const filler = ALPHABET.slice(0, length)
    const json = (number: string | number, text: string): string => `{"${filler}":${number},"${filler}":"${filler}${text}${filler}"}`
    const template = Template.cut((set: MarkSet) => json(holeMark(holes[0]!, 0, set), String(holeMark(holes[1]!, 1, set))), holes)
    if (template === undefined) {
      t.fail(`no template for pieces of ${length}`)
      continue
    }
    const out = Buffer.alloc(4096, 0xff)
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
    let at = 0
    for (let i = 0; i < 3; i++) at = template.write(records, 0, 0, new Piece(''), view, at)
    const record = json(1234567, value) + '\n'
    t.equal(out.toString('latin1', 0, at), record.repeat(3), `pieces of ${length}`)
  }
})

t.test('a template is not made of text other than printable ASCII and line feeds', async (t) => {
  // The words of a template's text are copied as doubles; text limited to these bytes never makes a NaN.
  for (const text of ['tab\there', 'del\u007f', 'é', 'cr\r']) {
    t.equal(Template.cut((set: MarkSet) => `{"k":"${text}","n":${holeMark(holes[0]!, 0, set)}}`, [holes[0]]), undefined, JSON.stringify(text))
  }
  t.ok(Template.cut((set: MarkSet) => `{"k":"~ !","n":${holeMark(holes[0]!, 0, set)}}`, [holes[0]]) !== undefined)
})

t.test('copyEscaped writes a value as the inside of a JSON string, short or long, escapes anywhere', async (t) => {
  // Values of 0 to 80 bytes (under and over the length from which runs between escapes are copied whole),
  // with quotes, backslashes and line feeds at every kind of place: first, last, side by side, none.
  const pieces = ['a', 'bc', 'defgh', 'ijklmnopq', '\\', '"', '\n', '\\\\', 'D:\\EFT\\Out\\']
  let checked = 0
  for (let seed = 1; seed <= 400; seed++) {
    let state = seed
    const next = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0
      return state % n
    }
    let value = ''
    const target = next(81)
    while (value.length < target) value += pieces[next(pieces.length)]
    value = value.slice(0, target)
    const escapes = [...value].filter((c) => c === '"' || c === '\\' || c === '\n').length
    // Input and output with room around them, as in a batch: copies may read and store a word past the end.
    const source = Buffer.from(`xx${value}yyyyyyyy`, 'latin1')
    const out = Buffer.alloc(2 * value.length + 16)
    const end = copyEscaped(new DataView(out.buffer, out.byteOffset, out.byteLength), 0, new DataView(source.buffer, source.byteOffset, source.byteLength), 2, 2 + value.length, escapes)
    if (out.toString('latin1', 0, end) !== JSON.stringify(value).slice(1, -1)) {
      t.fail(`${JSON.stringify(value)}: ${out.toString('latin1', 0, end)}`)
      return
    }
    checked++
  }
  t.equal(checked, 400, 'every value as JSON.stringify writes it')
})
