import t from 'tap'
import type { PackedRecords } from '../lib/batch.js'
import { HOLE_NUMBER, HOLE_TEXT, Piece, Template, holeMark, type Hole, type MarkSet } from '../lib/dialects/bytes.js'

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
