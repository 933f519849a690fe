import t from 'tap'
import { join } from 'node:path'
import { eftClient } from '../lib/dialects/eft-client.js'
import type { Options } from '../lib/index.js'
import { projectRoot } from '../scripts/mutate.js'
import { behavesLikeTheTextParser, bothWays as bothWaysOf, same, type BothWays } from './helpers/both-ways.js'

// The eft-client byte codec (eft-client-bytes.ts) against the text parser: see helpers/both-ways.ts.
const bothWays = (text: string, options: Options = {}, sizes: readonly number[] = [1 << 16]): BothWays => bothWaysOf(eftClient, text, options, sizes)

const fixtureDir = join(projectRoot, 'test', 'fixtures', 'eft-client')
const corpusDir = join(projectRoot, '..', 'shared', 'corpus', 'eft-cl')
const optionSets: Array<[string, Options]> = [
  ['UTC', {}],
  ['Europe/Paris, original, file name', { tz: 'Europe/Paris', original: true, filePath: 'logs\\cl061121.log' }],
  ['America/New_York, a file name JSON must escape', { tz: 'America/New_York', filePath: 'odd "name"\\x.log' }],
  ['placeholder file name', { filePath: '-' }]
]

// Lines at the edges of what the reader takes: each must come out as the text parser reads it, whether the
// byte reader takes it or declines it.
const edgeLines = [
  '2006-03-06 10:11:03; ftp; 192.168.20.171; 21; ClientA; C:\\test1.txt; /test1.txt; download; 226;',
  '2006-03-06 10:11:03; ftp; 192.168.20.171; 21; ClientA; C:\\test1.txt; /test1.txt; download; 226; 0;',
  '2006-03-06 10:11:03; ftp; 192.168.20.171; 21; ClientA; C:\\test1.txt; /test1.txt; download; 226; 1;',
  '2006-03-06 10:11:03; ftp; 192.168.20.171; 21; ClientA; C:\\test1.txt; /test1.txt; download; 226; 2;',
  '2006-03-06 10:11:03; ftp; 192.168.20.171; 21; ClientA; C:\\test1.txt; /test1.txt; download; 226; ;',
  '2006-03-06 10:11:03;ftp;h;21;u;C:\\a;/a;download;226;',
  '2006-03-06 10:11:03;   ftp  ;  h ;  21 ; u ;  C:\\a b  ; /a b ;  Copy/Move ;  0 ;   ',
  '2006-03-06 10:11:03; ; ; ; ; ; ; ; ;',
  '2006-03-06 10:11:03; -; -; ; -; -; -; -; -1;',
  '2006-03-06 10:11:03; SFTP; 2001:db8::1; 22; u; \\\\server\\share\\x; /x; upload; -1;',
  '2006-03-06 10:11:03; sftp; ::ffff:10.0.0.1; 22; u; C:\\x; /x; upload; 4;',
  '2006-03-06 10:11:03; sftp; 300.1.1.1; 22; u; C:\\x; /x; upload; 4;',
  '2006-03-06 10:11:03; ftp; h; 0; u; C:\\x\\; /x; download; 10054;',
  '2006-03-06 10:11:03; ftp; h; 65535; u; C:\\x; /x; download; 2000;',
  '2006-03-06 10:11:03; ftp; h; 65536; u; C:\\x; /x; download; 226;',
  '2006-03-06 10:11:03; ftp; h; 021; u; C:\\x; /x; download; 226;',
  '2006-03-06 10:11:03; ftp; h; 123456; u; C:\\x; /x; download; 226;',
  '2006-03-06 10:11:03; ftp; h; 2x; u; C:\\x; /x; download; 226;',
  '2006-03-06 10:11:03; ftp; h; 21; u; C:\\x; /x; download; 999999999;',
  '2006-03-06 10:11:03; ftp; h; 21; u; C:\\x; /x; download; 1000000000;',
  '2006-03-06 10:11:03; ftp; h; 21; u; C:\\x; /x; download; -;',
  '2006-03-06 10:11:03; ftp; h; 21; u; C:\\x; /x; download; --1;',
  '2006-03-06 10:11:03; ftp; h; 21; u; C:\\x; /x; download; 12 3;',
  '2006-03-06 10:11:03; ftp; h; 21; u; C:\\x; /x; some new Operation!; 777;',
  // Words of the template's key holding the numbers that stand for values in its probes.
  '2006-03-06 10:11:03; ftp; h; 21; u; C:\\x; /x; 4503599627370504; 226;',
  '2006-03-06 10:11:03; x4503599627370500; h; 21; u; C:\\x; /x; download; 226;',
  '2006-03-06 10:11:03; x4503599627370564; h; 21; u; C:\\x; /x; download; 226;',
  '2006-03-06 10:11:03; 9ftp; h; 21; u; C:\\x; /x; download; 226;',
  '2006-03-06 10:11:03; x-ftp+tls.2; h; 21; u; C:\\x; /x; download; 226;',
  '2006-03-06 10:11:03; ft_p; h; 21; u; C:\\x; /x; download; 226;',
  '2006-03-06 10:11:03; ftp; h; 21; u "quoted"; C:\\x; /x; download; 226;',
  '2006-03-06 10:11:03; ftp; h; 21; u\tv; C:\\x; /x; download; 226;',
  '2006-03-06 10:11:03; ftp; h; 21; u; C:\\x; /x; download; 226;\t',
  '2006-03-06 10:11:03; ftp; h; 21; u; C:\\x; /x; download; 226',
  '2006-03-06 10:11:03; ftp; h; 21; u; C:\\x; download; 226;',
  '2006-03-06 10:11:03; ftp; h; 21; u; C:\\x; /x; download; 226; 0; 0;',
  '2006-02-30 10:11:03; ftp; h; 21; u; C:\\x; /x; download; 226;',
  '2006-03-06 24:00:00; ftp; h; 21; u; C:\\x; /x; download; 226;',
  '2006-03-06 23:59:60; ftp; h; 21; u; C:\\x; /x; download; 226;',
  '2006-3-06 10:11:03; ftp; h; 21; u; C:\\x; /x; download; 226;',
  '2006-03-06T10:11:03; ftp; h; 21; u; C:\\x; /x; download; 226;',
  '2021-03-28 02:30:00; ftp; h; 21; u; C:\\x; /skipped-hour; download; 226;',
  '2021-10-31 02:30:00; ftp; h; 21; u; C:\\x; /repeated-hour; download; 226;',
  '2021-10-31 02:10:00; ftp; h; 21; u; C:\\x; /repeated-hour-again; download; 226;',
  '1969-12-31 23:59:59; ftp; h; 21; u; C:\\x; /x; download; 226;',
  '1970-01-01 00:00:00; ftp; h; 21; u; C:\\x; /x; download; 226;',
  '9999-12-31 23:59:59; ftp; h; 21; u; C:\\x; /x; download; 226;',
  '0000-01-01 00:00:00; ftp; h; 21; u; C:\\x; /x; download; 226;',
  '2006-03-06 10:11:03; ftp; h; 21; u; C:\\x&y<z>!#$%\'()+,=@[]^`{|}~; /x; download; 226;',
  '2006-03-06 10:11:03; ftp; h; 21; u; ' + 'C:\\deep'.repeat(60) + '; /x; download; 226;',
  '',
  '   ',
  'no eft line at all'
]

behavesLikeTheTextParser(t, {
  dialect: eftClient,
  folders: [fixtureDir, corpusDir],
  generator: 'generate-eft-client.js',
  edgeLines,
  alphabet: ' 0123456789-:;\\/abcFTPS',
  optionSets,
  least: { files: 20, edges: 20, generated: 2990, mutated: 50 },
  pipelineFixture: join(fixtureDir, 'codes.log'),
  lineAt: (year, month, day, time) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${time}; ftp; h; 21; u; C:\\x; /x; download; 226;`
})

t.test('backslashes are doubled wherever they are, and lines with quotes or controls go to the text parser', async (t) => {
  const line = '2006-03-06 10:11:03; ftp; h\\1; 21; dom\\user; \\\\srv\\in\\; /a\\b; download; 226;'
  const result = bothWays(line + '\n', { original: true })
  same(t, result, 'backslashes')
  t.equal(result.taken, 1, 'read from bytes')
  const record = JSON.parse(result.packed) as { user: { name: string }, file: { path: string }, event: { original: string } }
  t.equal(record.user.name, 'dom\\user')
  t.equal(record.file.path, '\\\\srv\\in\\')
  t.equal(record.event.original, line)
  const quoted = bothWays('2006-03-06 10:11:03; ftp; h; 21; u; C:\\"x"; /x; download; 226;\n')
  same(t, quoted, 'a quote')
  t.equal(quoted.taken, 0, 'a line with a quote is the text parser\'s')
})

t.test('more operations and codes than the templates kept', async (t) => {
  const text = Array.from({ length: 6000 }, (_, i) => `2006-03-06 10:11:03; ${['ftp', 'sftp', 'FTPS'][i % 3]!}; h${i % 7}; 21; u; C:\\x; /x; op${i}; ${i % 700};${i % 5 === 0 ? ' 1;' : ''}`).join('\n') + '\n'
  const result = bothWays(text, { original: true })
  same(t, result, 'six thousand keys')
  t.ok(result.taken > 5990, `${result.taken} of 6000 read from bytes (lines cut by a chunk boundary are not)`)
})

t.test('a long rejected line before long packed lines does not overrun the output buffer', async (t) => {
  const long = (i: number): string => `2006-03-06 10:11:03; ftp; h; 21; u; C:\\${'\\'.repeat(1000)}${i}; /x; download; 226;`
  const text = 'x'.repeat(30_000) + '\n' + Array.from({ length: 20 }, (_, i) => long(i)).join('\n') + '\n' +
    '2006-03-06 10:11:03; ftp; h; 99999; u; C:\\' + 'q'.repeat(3000) + '; /x; download; 226;\n' + long(99) + '\n'
  const result = bothWays(text, { original: true })
  same(t, result, 'long lines')
  t.equal(result.taken, 21, 'the valid lines were read from bytes')
})
