import t from 'tap'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createPipeline, dialects, ZoneClock } from '../lib/index.js'

// Lines built to make a backtracking pattern take quadratic time or worse. Every dialect must read (or
// reject) each of them quickly; the bound is generous because the machines running tests are shared.
const SIZE = 100 * 1024
const hostile = [
  'Thu Sep  2 09:52:00 2004 1 h 1 /a' + ' '.repeat(SIZE) + 'x',
  'Thu Sep  2 09:52:00 2004 1 h 1 ' + 'b _ o r u ftp 0 * c '.repeat(SIZE / 20),
  'Thu Sep  2 09:52:00 2004 1 h 1 ' + 'a '.repeat(SIZE / 2),
  // A run of spaces before the file name, then words that each look like a start of the flag fields.
  'Thu Sep  2 09:52:00 2004 1 h 1 ' + ' '.repeat(SIZE / 2) + 'c a _ i a :'.repeat(SIZE / 22),
  'Thu Sep  2 09:52:00 2004 1 h 1' + '  '.repeat(SIZE / 4) + 'g a _ i a d'.repeat(SIZE / 22),
  '2006-03-06 10:11:03;' + ' ;'.repeat(SIZE / 2),
  '2006-03-06 10:11:03; ' + ';'.repeat(SIZE),
  'D 20130711 14:56:33.365 [-a] Aggression 128 System ' + ' '.repeat(SIZE) + 'x',
  'D 20130711 14:56:33.365 HomeDir 1 System a' + ' a'.repeat(SIZE / 2) + ' ',
  'I 20130711 14:47:16.786 E98E9CA1 GET 1.2.3.4:5 - - "' + '\\"'.repeat(SIZE / 2),
  'F 20130711 14:47:16.786 E98E9CA1 GET 1.2.3.4:5 - - "a" "" 1 (0,0) "' + 'x '.repeat(SIZE / 2),
  'M 20130711 14:47:16.786 ' + 'erro'.repeat(SIZE / 4),
  ' '.repeat(SIZE),
  '"'.repeat(SIZE),
  // proftpd: the optional host before the tag, the session part, the message rules, the JSON record.
  'a '.repeat(SIZE / 2) + 'proftpd[1]',
  '2024-01-05 12:00:00,000 h proftpd[1] v (' + 'x'.repeat(SIZE) + '[',
  'Jan  5 12:00:00 h proftpd[1]: v (n[1.2.3.4]) - USER ' + 'a: '.repeat(SIZE / 3),
  'Jan  5 12:00:00 h proftpd[1]: USER ' + ' (Login failed)'.repeat(SIZE / 15),
  'Jan  5 12:00:00 h proftpd[1]: ProFTPD 1 ' + ' STARTUP'.repeat(SIZE / 8) + 'x',
  'Jan  5 12:00:00 h proftpd[1]: {"a":"' + '\\u'.repeat(SIZE / 3),
  'Jan  5 12:00:00 h proftpd[1]: x' + ': Permission denied'.repeat(SIZE / 19) + ' (',
  // transfer-cft: pairs, brackets, template words, ids inside the text.
  '00 19/03/26 10:43:08 CFTT57I ' + 'A=b '.repeat(SIZE / 4),
  '00 19/03/26 10:43:08 CFTT57I <' + 'A= '.repeat(SIZE / 3),
  'CFTT57I ' + 'Server '.repeat(SIZE / 7) + 'transfer started',
  'x ' + ' CFTT57I+'.repeat(SIZE / 9),
  'CFTY13E CTX=1 ' + '['.repeat(SIZE) + ' CR=40',
  'CFTS03I (' + '1'.repeat(SIZE) + ' sec'
]

t.test('no dialect takes long on a line built to trigger backtracking', async (t) => {
  const context = { clock: new ZoneClock('UTC'), year: 2026, yearOf: () => 2026, cftDateOrder: 'ymd' as const, original: false, filePath: undefined }
  for (const dialect of dialects) {
    for (const [index, line] of hostile.entries()) {
      const started = process.hrtime.bigint()
      dialect.sniff(line)
      dialect.fits(line)
      const result = dialect.parse(line, 1, context)
      dialect.join?.classify(line, line)
      dialect.join?.parseLines([line, line, ' ' + line], 1, context)
      if (typeof result !== 'string') dialect.layout.writeJSON(result, true, false)
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      t.ok(ms < 1500, `${dialect.id}, hostile line ${index}: ${ms.toFixed(1)} ms`)
    }
  }
})

// Records of many lines, each given to the pipeline whole in one chunk (the byte reader's path) and as text
// (the text parser's), then counted: every line accounted for, in time that grows with the record's length.
const records = [
  // Many `+` lines after a long first line whose id is far from its start.
  'x '.repeat(SIZE) + 'CFTT57I Server transfer started\n' + 'CFTT57I+\n'.repeat(SIZE / 2),
  // The same twice, longer than a record may be: two first lines of equal text, and many lines to read
  // against the second (past the limit they are counted, not kept, but still read).
  ('x '.repeat(2 * SIZE) + 'CFTT57I Server transfer started\n' + 'CFTT57I+\n'.repeat(2 * SIZE)).repeat(2),
  // Many lines after a first line that hold no `C` at all.
  '26/03/19 10:43:08 CFTT57I Server transfer started\n' + 'a\n'.repeat(5 * SIZE) + '26/03/19 10:43:08 CFTT57I x\n'
]

t.test('no multi-line record takes long however many lines it has', async (t) => {
  for (const [index, text] of records.entries()) {
    for (const chunk of [Buffer.from(text), text]) {
      const started = process.hrtime.bigint()
      const stages = createPipeline({ dialect: 'transfer-cft', tz: 'UTC' })
      await pipeline(Readable.from([chunk]), stages, new Writable({ write (c, e, done) { done() } }))
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      t.equal(stages.stats.lines, text.split('\n').length - 1, `record ${index}: every line read`)
      t.ok(stages.stats.balanced(), 'and accounted for')
      // Each of these (0.7-4.5 MB) takes 50-350 ms alone here, and took 2.3-4.5 s when the time grew with the
      // square of a record's size; the bound leaves room for a machine busy with other tests.
      t.ok(ms < 2000, `transfer-cft, record ${index} (${text.length} characters, as ${typeof chunk === 'string' ? 'text' : 'bytes'}): ${ms.toFixed(1)} ms`)
    }
  }
})
