import t from 'tap'
import { Readable } from 'node:stream'
import { catalogs } from '../lib/index.js'
import { main } from '../lib/cli.js'
import { capture } from './helpers/command.js'

/** `logjson explain …`, run by the command's `main` in this process. */
async function run (...args: string[]): Promise<{ status: number, stdout: string, stderr: string }> {
  const stdout = capture()
  const stderr = capture()
  const status = await main(['explain', ...args], { stdin: Readable.from([]), stdout: stdout.stream, stderr: stderr.stream })
  return { status, stdout: stdout.text(), stderr: stderr.text() }
}

t.test('a code: its name and meaning on one line', async (t) => {
  const winsock = (await run('winsock', '10060'))
  t.equal(winsock.status, 0)
  t.match(winsock.stdout, /^WSAETIMEDOUT \(winsock 10060\): \S.*\n$/)
  t.match((await run('ftp', '530')).stdout, /^Not logged in \(ftp 530\): /)
  t.match((await run('sftp', '2')).stdout, /^SSH_FX_NO_SUCH_FILE \(sftp 2\): /)
  t.match((await run('eft', '-1')).stdout, /\(eft -1\): /)
  t.match((await run('ftp', '299')).stdout, /\(ftp 299\): Not a reply code/)
})

t.test('--json: one object', async (t) => {
  const result = (await run('winsock', '10060', '--json'))
  t.equal(result.status, 0)
  const object = JSON.parse(result.stdout) as Record<string, unknown>
  t.match(object, { catalog: 'winsock', code: '10060', name: 'WSAETIMEDOUT', source: 'Winsock', outcome: 'failure', known: true })
  t.equal(result.stdout.trim().split('\n').length, 1)
})

t.test('--list: a catalog as NDJSON, or the catalogs', async (t) => {
  // Each run is a process start; two catalogs (one numeric, one of message ids) show the command's side,
  // the library's `explain` tests cover every entry of every catalog.
  for (const catalog of catalogs.filter((c) => c.id === 'mtp' || c.id === 'cft')) {
    const result = (await run(catalog.id, '--list'))
    t.equal(result.status, 0)
    const entries = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { catalog: string, code: string })
    t.equal(entries.length, catalog.entries.length, catalog.id)
    t.ok(entries.every((entry) => entry.catalog === catalog.id))
  }
  const list = (await run('--list'))
  t.same(list.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { catalog: string }).catalog), ['ftp', 'winsock', 'sftp', 'eft', 'mtp', 'errno', 'cft', 'cft-diag', 'tls-alert'])
})

t.test('errors: unknown catalog or missing argument exit 2; unknown code exits 1', async (t) => {
  const catalog = (await run('cobol', '1'))
  t.equal(catalog.status, 2)
  t.match(catalog.stderr, /^logjson: .*catalog.*\n$/)
  t.equal((await run()).status, 2)
  t.equal((await run('ftp')).status, 2)
  const code = (await run('winsock', '12345'))
  t.equal(code.status, 1)
  t.equal(code.stderr, 'logjson: winsock has no code 12345\n')
})

t.test('errno by name or number, Transfer CFT messages and TLS alerts', async (t) => {
  for (const code of ['EACCES', '13']) {
    const result = (await run('errno', code))
    t.equal(result.status, 0)
    t.match(result.stdout, /^EACCES \(errno 13\): /)
  }
  t.match((await run('tls-alert', 'handshake_failure')).stdout, /^handshake_failure \(tls-alert 40\): /)
})
