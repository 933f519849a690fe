import t from 'tap'
import { dialects, ZoneClock } from '../lib/index.js'

// Lines built to make a backtracking pattern take quadratic time or worse. Every dialect must read (or
// reject) each of them quickly; the bound is generous because the machines running tests are shared.
const SIZE = 100 * 1024
const hostile = [
  'Thu Sep  2 09:52:00 2004 1 h 1 /a' + ' '.repeat(SIZE) + 'x',
  'Thu Sep  2 09:52:00 2004 1 h 1 ' + 'b _ o r u ftp 0 * c '.repeat(SIZE / 20),
  'Thu Sep  2 09:52:00 2004 1 h 1 ' + 'a '.repeat(SIZE / 2),
  '2006-03-06 10:11:03;' + ' ;'.repeat(SIZE / 2),
  '2006-03-06 10:11:03; ' + ';'.repeat(SIZE),
  'D 20130711 14:56:33.365 [-a] Aggression 128 System ' + ' '.repeat(SIZE) + 'x',
  'D 20130711 14:56:33.365 HomeDir 1 System a' + ' a'.repeat(SIZE / 2) + ' ',
  'I 20130711 14:47:16.786 E98E9CA1 GET 1.2.3.4:5 - - "' + '\\"'.repeat(SIZE / 2),
  'F 20130711 14:47:16.786 E98E9CA1 GET 1.2.3.4:5 - - "a" "" 1 (0,0) "' + 'x '.repeat(SIZE / 2),
  'M 20130711 14:47:16.786 ' + 'erro'.repeat(SIZE / 4),
  ' '.repeat(SIZE),
  '"'.repeat(SIZE)
]

t.test('no dialect takes long on a line built to trigger backtracking', async (t) => {
  const context = { clock: new ZoneClock('UTC'), year: 2026, original: false, filePath: undefined }
  for (const dialect of dialects) {
    for (const [index, line] of hostile.entries()) {
      const started = process.hrtime.bigint()
      dialect.sniff(line)
      dialect.fits(line)
      const result = dialect.parse(line, 1, context)
      if (typeof result !== 'string') dialect.layout.writeJSON(result, true, false)
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      t.ok(ms < 1500, `${dialect.id}, hostile line ${index}: ${ms.toFixed(1)} ms`)
    }
  }
})
