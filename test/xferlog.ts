import t from 'tap'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { dialects, findDialect } from '../lib/index.js'
import { convert, convertOne, corpusFiles } from './helpers/records.js'
import { goldenFixtures } from './helpers/golden.js'
import { behavesLikeDialect } from './helpers/dialect-suite.js'

const xferlog = findDialect('xferlog')!

behavesLikeDialect(t, xferlog, {
  good: [
    'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ o r suporte ftp 0 * c',
    'Wed Jan 01 19:29:35 2001 1 192.168.1.1 102 /home/file1.txt b _ o r username ftp 0 * c',
    'Mon Jun 8 12:08:44 2020 12 ::ffff:198.51.100.9 5242880 data/upload.csv a _ i r bob ftps 1 bob c',
    'Sat Oct 03 08:15:42 2026 0 2001:db8::7 0 /srv/ftp/old report.txt b _ d r alice sftp 0 * c',
    'Tue Feb 14 23:59:59 2023 7 gw.example.net 1048576 /incoming/archive.tar.Z b CUT o g partner ftp 0 * i',
    'Fri Nov 20 10:11:12 1998 2 oldhost 1000 /pub/legacy.tgz b _ o a ftp@ ftp 0 *',
    'Fri Nov 20 10:11:12 1998 2 oldhost 1000 /pub/"quoted"\\name.tgz b _ o a ftp@ ftp 0 *'
  ],
  bad: [
    '',
    'not an xferlog line',
    'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /f b _ o x suporte ftp 0 * c',
    'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /f b _ o r suporte ftp 7 * c',
    'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /f b _ o r suporte ftp 0 * z',
    'Thu Sep 31 09:52:00 2004 50 192.168.20.10 896242 /f b _ o r suporte ftp 0 * c',
    'Thu Sep  2 09:52:00 2004 50 192.168.20.10 99999999999999999999 /f b _ o r suporte ftp 0 * c',
    'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /f'
  ]
})

goldenFixtures(t, 'xferlog', 4)

const one = convertOne

t.test('fields of a wu-ftpd line', async (t) => {
  const record = await one(t, 'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ o r suporte ftp 0 * c')
  t.same(record, {
    '@timestamp': '2004-09-02T09:52:00.000Z',
    event: { dataset: 'xferlog', action: 'download', outcome: 'success', duration: 50e9 },
    source: { ip: '192.168.20.10' },
    user: { name: 'suporte' },
    file: { path: '/home/test/file1.tgz', size: 896242 },
    network: { protocol: 'ftp' },
    xferlog: { transfer_type: 'binary', special_action: [], access_mode: 'real', authentication_method: 'none' },
    logjson: { line: 1 }
  })
})

t.test('day padding: space, zero, none', async (t) => {
  for (const date of ['Sun Sep  5 01:02:03 2021', 'Sun Sep 05 01:02:03 2021', 'Sun Sep 5 01:02:03 2021']) {
    const record = await one(t, `${date} 1 h 1 /f b _ o r u ftp 0 * c`)
    t.equal(record['@timestamp'], '2021-09-05T01:02:03.000Z', date)
  }
})

t.test('file names with spaces, runs of spaces and relative paths', async (t) => {
  t.equal((await one(t, 'Sun Sep  5 01:02:03 2021 1 h 1 /srv/my file.txt b _ o r u ftp 0 * c')).file?.path, '/srv/my file.txt')
  t.equal((await one(t, 'Sun Sep  5 01:02:03 2021 1 h 1   a  b   c   b _ o r u ftp 0 * c')).file?.path, 'a  b   c')
  t.equal((await one(t, 'Sun Sep  5 01:02:03 2021 1 h 1 data/file.bin b _ o r u ftp 0 * c')).file?.path, 'data/file.bin')
  // A name that itself looks like flag fields is still a name: the flags are the last nine fields.
  t.equal((await one(t, 'Sun Sep  5 01:02:03 2021 1 h 1 /x b _ o r u ftp 0 * c b _ i r v ftp 0 * c')).file?.path, '/x b _ o r u ftp 0 * c')
})

t.test('directions, access modes, special actions, authentication, services, status', async (t) => {
  const line = (flags: string): string => `Sun Sep  5 01:02:03 2021 1 h 1 /f ${flags}`
  t.equal((await one(t, line('b _ o r u ftp 0 * c'))).event?.action, 'download')
  t.equal((await one(t, line('b _ i r u ftp 0 * c'))).event?.action, 'upload')
  t.equal((await one(t, line('b _ d r u ftp 0 * c'))).event?.action, 'delete')
  t.same((await one(t, line('a _ o a u ftp 0 * c'))).xferlog, { transfer_type: 'ascii', special_action: [], access_mode: 'anonymous', authentication_method: 'none' })
  t.same((await one(t, line('b _ o g u ftp 0 * c'))).xferlog, { transfer_type: 'binary', special_action: [], access_mode: 'guest', authentication_method: 'none' })
  t.same((await one(t, line('b CT o r u ftp 1 ident c'))).xferlog, { transfer_type: 'binary', special_action: ['compressed', 'tar'], access_mode: 'real', authentication_method: 'rfc931', authenticated_user_id: 'ident' })
  t.same(((await one(t, line('b U o r u ftp 0 * c'))).xferlog as { special_action: string[] }).special_action, ['uncompressed'])
  for (const service of ['ftp', 'ftps', 'sftp', 'scp', 'FTP']) {
    t.equal((await one(t, line(`b _ o r u ${service} 0 * c`))).network?.protocol, service.toLowerCase())
  }
  t.equal((await one(t, line('b _ o r u ftp 0 * c'))).event?.outcome, 'success')
  t.equal((await one(t, line('b _ o r u ftp 0 * i'))).event?.outcome, 'failure')
  t.equal((await one(t, line('b _ o r u ftp 0 *'))).event?.outcome, 'unknown')
})

t.test('remote host: address or name', async (t) => {
  const host = async (value: string): Promise<unknown> => (await one(t, `Sun Sep  5 01:02:03 2021 1 ${value} 1 /f b _ o r u ftp 0 * c`)).source
  t.same(await host('10.1.2.3'), { ip: '10.1.2.3' })
  t.same(await host('2001:db8::1'), { ip: '2001:db8::1' })
  t.same(await host('::ffff:10.1.2.3'), { ip: '::ffff:10.1.2.3' })
  t.same(await host('ftp.example.com'), { domain: 'ftp.example.com' })
  t.same(await host('999.1.2.3'), { domain: '999.1.2.3' })
  t.same(await host('box7'), { domain: 'box7' })
})

t.test('duration in nanoseconds, exact for large byte counts', async (t) => {
  const record = await one(t, 'Sun Sep  5 01:02:03 2021 86400 h 9007199254740991 /f b _ o r u ftp 0 * c')
  t.equal(record.event?.duration, 86400e9)
  t.equal(record.file?.size, 9007199254740991)
})

const corpus = corpusFiles('xferlog')
t.test('every line of the shared xferlog corpus parses', { skip: corpus.length === 0 ? '../shared/corpus/xferlog is not present' : false }, async (t) => {
  const files = corpus
  for (const file of files) {
    const { records, stats } = await convert(t, readFileSync(file), { dialect: 'auto' })
    t.equal(stats.rejected, 0, `${basename(file)}: no rejected line`)
    t.ok(records.length > 0 && records.every((r) => r.event?.dataset === 'xferlog'), basename(file))
    t.ok(stats.balanced())
  }
})

t.test('the registry holds xferlog', async (t) => {
  t.ok(dialects.some((d) => d.id === 'xferlog'))
})

t.test('same-minute lines in the repeated hour follow the order of the log', async (t) => {
  const { records } = await convert(t, [
    'Sun Oct 27 02:30:10 2024 1 h 1 /a b _ o r u ftp 0 * c',
    'Sun Oct 27 02:30:05 2024 1 h 1 /b b _ o r u ftp 0 * c'
  ].join('\n') + '\n', { tz: 'Europe/Paris' })
  t.same(records.map((r) => r['@timestamp']), ['2024-10-27T00:30:10.000Z', '2024-10-27T01:30:05.000Z'])
})

t.test('the memo of words never mixes lines that differ only in how status and time are split', async (t) => {
  const { records } = await convert(t, [
    'Sun Sep  5 01:02:03 2021 5 h 1 /a b _ o r u ftp 0 * 1',
    'Sun Sep  5 01:02:03 2021 15 h 1 /b b _ o r u ftp 0 *'
  ].join('\n') + '\n')
  t.same(records.map((r) => [r.event?.duration, r.event?.outcome]), [[5e9, 'failure'], [15e9, 'unknown']])
})

t.test('years before 100 stay themselves', async (t) => {
  t.equal((await one(t, 'Sun Sep  5 01:02:03 0050 1 h 1 /f b _ o r u ftp 0 * c'))['@timestamp'], '0050-09-05T01:02:03.000Z')
})
