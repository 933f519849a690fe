import t from 'tap'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { catalogs, codeTables, explain, findCatalog, canonicalCode } from '../lib/index.js'
import { projectRoot } from './helpers/records.js'

const referenceDir = join(projectRoot, '..', 'shared', 'reference')

/** The rows of the Markdown tables in a reference file, between two headings (or to the end). */
function tableRows (file: string, from?: string, to?: string): string[][] {
  let text = readFileSync(join(referenceDir, file), 'utf8')
  if (from !== undefined) text = text.slice(text.indexOf(from))
  if (to !== undefined && text.includes(to)) text = text.slice(0, text.indexOf(to))
  return text.split('\n').filter((line) => line.startsWith('|')).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))
}

const haveReference = existsSync(referenceDir)
const skip = haveReference ? false : '../shared/reference is not present'

t.test('FTP: every reply code of the reference tables is in the catalog', { skip }, async (t) => {
  const codes = tableRows('01-ftp-reply-codes.md', '## Codes', '## Enrichment hints').map((row) => row[0]!).filter((code) => /^\d{3}$/.test(code))
  t.ok(codes.length > 60, `${codes.length} codes read from the reference`)
  for (const code of codes) t.equal(explain('ftp', code)?.known, true, code)
})

t.test('Winsock: every code and constant of the reference table', { skip }, async (t) => {
  const rows = tableRows('02-winsock-errors.md', '## Table').filter((row) => /^\d+$/.test(row[0]!) && /^WSA/.test(row[1]!))
  t.ok(rows.length > 90)
  for (const [code, name] of rows) t.equal(explain('winsock', code!)?.name, name, code!)
  t.same(explain('winsock', '11001')?.aliases, ['EAI_NONAME'])
})

t.test('SFTP: codes 0–31 with their constants and the version that introduced them', { skip }, async (t) => {
  const rows = tableRows('03-sftp-status-codes.md', '## Table', '## Practical notes').filter((row) => /^\d+$/.test(row[0]!))
  t.equal(rows.length, 32)
  for (const [code, name,,, version] of rows) {
    const entry = explain('sftp', code!)
    t.equal(entry?.name, name, code!)
    t.equal(`v${entry?.since ?? ''}`, version!.split(' ')[0], `${code} since`)
  }
})

t.test('EFT: every code of the client log table', { skip }, async (t) => {
  const rows = tableRows('04-globalscape-eft-logs.md', '### LAST_RESULT_CODE meaning', 'Ambiguity').filter((row) => /^-?\d+$/.test(row[0]!))
  t.same(rows.map((row) => row[0]).sort((a, b) => Number(a) - Number(b)), findCatalog('eft')!.entries.map((e) => e.code))
})

t.test('every catalog: codes unique and ordered, every entry named and explained, all frozen', async (t) => {
  t.same(catalogs.map((c) => c.id), ['ftp', 'winsock', 'sftp', 'eft', 'mtp', 'errno', 'cft', 'cft-diag', 'tls-alert'])
  for (const catalog of catalogs) {
    const codes = catalog.entries.map((e) => e.code)
    // Message-id catalogs (Transfer CFT) are ordered as text, numeric ones as numbers.
    const byId = catalog.id === 'cft'
    t.equal(new Set(codes).size, codes.length, `${catalog.id}: no duplicate`)
    t.same(codes, [...codes].sort((a, b) => byId ? (a < b ? -1 : a > b ? 1 : 0) : Number(a) - Number(b)), `${catalog.id}: ascending`)
    t.ok(Object.isFrozen(catalog) && Object.isFrozen(catalog.entries))
    for (const entry of catalog.entries) {
      if (byId) t.match(entry.code, /^CFT[A-Z]\d\d[IWEF]$/, `${entry.code} is a message id`)
      else t.equal(canonicalCode(entry.code), entry.code, `${catalog.id} ${entry.code} is canonical`)
      t.ok(entry.name.length > 2, `${catalog.id} ${entry.code} has a name`)
      t.ok(entry.meaning.length > 15 && /[.!]$/.test(entry.meaning), `${catalog.id} ${entry.code} has a meaning`)
      t.ok(entry.source.length > 2)
      t.ok(Object.isFrozen(entry))
      if (catalog.symbolic) t.match(entry.name, /^[A-Za-z][A-Z0-9_a-z]+$/, `${entry.name} is a constant`)
    }
  }
})

t.test('explain looks codes up as logs write them', async (t) => {
  t.equal(explain('errno', 'EACCES')?.code, '13')
  t.equal(explain('errno', 'ewouldblock')?.name, 'EAGAIN')
  t.equal(explain('errno', 13)?.name, 'EACCES')
  t.equal(explain('cft', 'CFTY14I')?.catalog, 'cft')
  t.equal(explain('cft', 'cfty14i')?.code, 'CFTY14I')
  t.equal(explain('tls-alert', 40)?.name, 'handshake_failure')
  t.equal(explain('tls-alert', 'HANDSHAKE_FAILURE')?.code, '40')
  t.equal(explain('cft-diag', 916)?.known, true)
  t.equal(explain('cft-diag', 988)?.known, false, 'a partner-side code not in the table is read as 500 + its own')
  t.equal(explain('cft', '__proto__'), undefined)
  t.equal(explain('errno', 'constructor'), undefined)
  t.equal(explain('winsock', 10060)?.name, 'WSAETIMEDOUT')
  t.equal(explain('winsock', ' 10060 ')?.name, 'WSAETIMEDOUT')
  t.equal(explain('sftp', '02')?.name, 'SSH_FX_NO_SUCH_FILE')
  t.equal(explain('eft', '-1')?.known, true)
  t.equal(explain('ftp', '226')?.outcome, 'success')
  t.equal(explain('ftp', '530')?.outcome, 'failure')
  t.equal(explain('winsock', '12345'), undefined)
  t.equal(explain('nope', '1'), undefined)
  t.equal(explain('ftp', 'abc'), undefined)
  t.equal(explain('ftp', '__proto__'), undefined)
})

t.test('an FTP code missing from the table is explained by its digits', async (t) => {
  const unknown = explain('ftp', '299')!
  t.equal(unknown.known, false)
  t.equal(unknown.outcome, 'success')
  t.match(unknown.meaning, /not a reply code/i)
  t.equal(explain('ftp', '459')?.outcome, 'failure')
  t.equal(explain('ftp', '799'), undefined)
  t.equal(explain('ftp', '1000'), undefined)
})

t.test('MTP classes: sign for origin, size for layer', async (t) => {
  t.equal(explain('mtp', -4)?.name, 'Local Server')
  t.equal(explain('mtp', '2')?.name, 'Remote Network')
  t.equal(explain('mtp', 0)?.outcome, 'success')
  t.equal(explain('mtp', 9), undefined)
})

t.test('every word and meaning the catalogs and code tables write is ASCII (the latin1 output relies on it)', async (t) => {
  const ascii = /^[\u0020-\u007e]*$/
  for (const catalog of catalogs) {
    for (const entry of catalog.entries) t.ok(ascii.test(entry.name) && ascii.test(entry.meaning), `${catalog.id} ${entry.code}`)
  }
  for (const info of codeTables) for (const word of Object.values(info.table)) t.ok(ascii.test(String(word)), `${info.name}: ${String(word)}`)
})
