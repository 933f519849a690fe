import t from 'tap'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Catalog } from '../lib/catalogs/catalog.js'
import { cft, cftCategories, cftMessage, cftMessages } from '../lib/catalogs/cft-messages.js'
import { cftSubError, cftSubErrors } from '../lib/catalogs/cft-suberrors.js'
import { tlsAlert, tlsAlertByName } from '../lib/catalogs/tls-alert.js'
import { cftDiag, diagpMnemonics, explainDiagi } from '../lib/catalogs/cft-diag.js'
import { projectRoot } from './helpers/records.js'

const referenceDir = join(projectRoot, '..', 'shared', 'reference')
const seedFile = join(projectRoot, '..', 'shared', 'seeds', '003_1acc7523432f6f03.txt')
const skip = existsSync(referenceDir) ? false : '../shared/reference is not present'
const skipSeed = existsSync(seedFile) ? false : 'the CFTY seed page is not present'

/** The rows of the Markdown tables in a reference file, between two headings (or to the end). */
function tableRows (file: string, from?: string, to?: string): string[][] {
  let text = readFileSync(join(referenceDir, file), 'utf8')
  if (from !== undefined) text = text.slice(text.indexOf(from))
  if (to !== undefined && text.includes(to)) text = text.slice(0, text.indexOf(to))
  return text.split('\n').filter((line) => line.startsWith('|'))
    .map((line) => line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim()))
}

const ascii = /^[\u0020-\u007e]*$/

t.test('every message of the index is there, with the severity of its id', { skip }, async (t) => {
  const rows = tableRows('07b-axway-cft-message-index.md').filter((row) => /^CFT[A-Z]\d\d[IWEF]$/.test(row[0]!))
  t.equal(rows.length, 472, 'rows read from the index')
  const severity: Record<string, string> = { info: 'info', warning: 'warning', error: 'error', fatal: 'critical' }
  for (const [id, sev] of rows) {
    const message = cftMessage(id!)
    t.ok(message, id!)
    t.equal(message?.severity, severity[sev!], `${id!} severity`)
  }
  t.equal(new Set(rows.map((row) => row[0])).size + 3, cftMessages.size, 'the index ids plus the three seed-only CFTY ids')
})

t.test('templates: the V24 text without the id, Markdown unescaped', async (t) => {
  t.equal(cftMessage('CFTT57I')?.template, '&str transfer started <IDTU=&idtu PART=&part IDF=&idf IDT=&idt IDS=&ids>')
  t.equal(cftMessage('CFTT57I')?.v23, 'PART=&part IDF=&idf IDT=&idt IDS=&ids,&str transfer started')
  t.equal(cftMessage('CFTT57I')?.title, 'Transfer started')
  t.match(cftMessage('CFTT82E')?.template, '[IDF=&idf | IDM=&idm]')
  t.equal(cftMessage('CFTY13E')?.v23, undefined, 'no v23 when it is the same')
  t.same(cftMessage('CFTT75E')?.variants, ['Incorrect user or password <IDTU=&idtuPART=&part IDF=&idf IDT=&idf DIAGI=&diagi>'])
  t.equal(cftMessage('CFTY03E')?.variants?.length, 6)
  t.equal(cftMessage('CFTY14I')?.template, 'CTX=&ctx PART=&id SSL=&id client session established VERSION=&ver CIPHER=&num AUTH=&mode', 'doubled text kept once')
  t.equal(cftMessage('CFTY04E')?.template, 'PID=&pid PKIFNAME=&string Internal PKI error [&string] CR=&cr CS=&cs', 'stray text before the id dropped')
  t.equal(cftMessage(' cftt88i+ ')?.id, 'CFTT88I', 'lower case and the continuation + accepted')
  t.equal(cftMessage('CFTR12W'), undefined, 'an id the documentation does not have')
  for (const message of cftMessages.values()) {
    t.ok(Object.isFrozen(message), `${message.id} frozen`)
    t.notOk(message.template.startsWith(message.id), `${message.id} template has no id`)
    t.notMatch(message.template + (message.v23 ?? ''), /\\\|/, `${message.id} unescaped`)
    t.ok(message.title.length > 2 && ascii.test(message.title), `${message.id} title`)
  }
})

t.test('every CFTY message of the seed page has a meaning', { skip: skipSeed }, async (t) => {
  const ids = [...new Set([...readFileSync(seedFile, 'utf8').matchAll(/<span id="(CFTY\d\d[IWEF])">/g)].map((match) => match[1]!))]
  t.ok(ids.length >= 30, `${ids.length} ids read from the seed`)
  for (const id of ids) t.match(cftMessage(id)?.meaning, /^[A-Z].{15,}\.$/, id)
})

t.test('the commonly logged transfer messages have a meaning', async (t) => {
  const ids = ['CFTR12I', 'CFTT13I', 'CFTH56I', 'CFTT51I', 'CFTT52I', 'CFTT53I', 'CFTT54I', 'CFTT55I', 'CFTT56I', 'CFTT57I',
    'CFTT58I', 'CFTT59I', 'CFTT88I', 'CFTT96I', 'CFTH57I', 'CFTH58I', 'CFTH60I', 'CFTH61I', 'CFTS03I', 'CFTF33I', 'CFTW09I',
    'CFTC07I', 'CFTH11E', 'CFTH22E', 'CFTT03E', 'CFTT22E', 'CFTT61E', 'CFTT62E', 'CFTT70I', 'CFTT70E', 'CFTT71E', 'CFTT72E',
    'CFTT73E', 'CFTT74E', 'CFTT75E', 'CFTT76E', 'CFTT77E', 'CFTT78E', 'CFTT79E', 'CFTT80E', 'CFTT81E', 'CFTT82E', 'CFTT95E',
    'CFTF02E', 'CFTF03E', 'CFTI18I', 'CFTE09I']
  for (const id of ids) t.match(cftMessage(id)?.meaning, /^[A-Z].{15,}\.$/, id)
})

t.test('categories and the catalog entries built from the messages', async (t) => {
  t.equal(cftCategories.T, 'transfer')
  t.equal(cftCategories.Y, 'security (SSL/TLS, SSH)')
  t.equal(cftCategories.C, 'catalog')
  for (const message of cftMessages.values()) t.ok(cftCategories[message.id.charAt(3)], `${message.id} has a category`)
  const entry = (code: string) => cft.entries.find((e) => e.code === code)
  t.equal(entry('CFTT57I')?.outcome, undefined)
  t.equal(entry('CFTT82E')?.outcome, 'failure')
  t.equal(entry('CFTP01F')?.outcome, 'failure')
  t.equal(entry('CFTC29W')?.meaning, 'A warning from the catalog component of Transfer CFT: Catalog Alert fill threshold reached.')
  t.equal(entry('CFTT58I')?.meaning, cftMessage('CFTT58I')?.meaning)
  t.equal(cft.entries.length, cftMessages.size)
})

t.test('TLS alerts: every row of the reference table, names and upper-case look-up', { skip }, async (t) => {
  const rows = tableRows('07-axway-transfer-cft.md', '## 5. SSL/TLS alert codes').filter((row) => /^\d+$/.test(row[0]!))
  t.equal(rows.length, tlsAlert.entries.length)
  for (const [code, name] of rows) {
    t.equal(tlsAlert.entries.find((e) => e.code === code)?.name, name, code!)
    t.equal(tlsAlertByName[name!.toUpperCase()], code, `${name!} by name`)
  }
})

t.test('TLS alerts: outcome and sources', async (t) => {
  t.equal(tlsAlertByName.HANDSHAKE_FAILURE, '40')
  t.equal(tlsAlertByName.INSUFFICIENT_SECURITY, '71')
  t.equal(tlsAlert.entries.find((e) => e.code === '0')?.outcome, undefined)
  for (const entry of tlsAlert.entries) {
    if (entry.code !== '0') t.equal(entry.outcome, 'failure', entry.code)
    t.ok(['RFC 8446', 'RFC 5246', 'IANA TLS Alerts'].includes(entry.source), `${entry.code} source`)
    t.match(entry.name, /^[a-z][a-z_]+$/)
  }
})

t.test('DIAGI codes: local, remote and partner codes read from the local ones', async (t) => {
  for (const code of ['260', '302', '403', '416', '433', '610', '916']) t.equal(explainDiagi(code)?.known, true, code)
  const maxtrans = explainDiagi('916')!
  t.equal(maxtrans.remote, true)
  t.match(maxtrans.entry.meaning, /MAXTRANS/)
  t.equal(explainDiagi('416')?.remote, false)
  t.match(explainDiagi('302')?.entry.meaning, /VNRELI/)
  t.match(explainDiagi('302')?.entry.meaning, /state D/)
  t.match(explainDiagi('260')?.entry.meaning, /Event class SSL; the transfer ends in state K/)
  const remoteOpen = explainDiagi('603')!
  t.same([remoteOpen.remote, remoteOpen.known, remoteOpen.entry.code], [true, false, '603'])
  t.match(remoteOpen.entry.meaning, /partner.*code 103/)
  t.match(remoteOpen.entry.name, /reported by the partner/)
  t.equal(explainDiagi('999')?.known, false)
  t.equal(explainDiagi('999')?.remote, true)
  t.equal(explainDiagi('007')?.known, false)
  t.equal(explainDiagi(' 110 ')?.entry.code, '110')
  t.equal(explainDiagi('0'), undefined)
  t.equal(explainDiagi('500'), undefined)
  t.equal(explainDiagi('1000'), undefined)
  t.equal(explainDiagi('12a'), undefined)
  t.ok(Object.isFrozen(explainDiagi('603')) && Object.isFrozen(explainDiagi('603')!.entry))
  for (const code of ['100', '101', '104', '113', '115', '451', '460', '463']) t.ok(cftDiag.entries.some((e) => e.code === code), code)
  t.equal(diagpMnemonics.MAXTRANS !== undefined && diagpMnemonics['OUT TIME'] !== undefined && diagpMnemonics['NO OLD'] !== undefined, true)
  for (const name of ['MAXTASK', 'MAXRST', 'VNRELI', 'TLSDOWN']) t.ok(diagpMnemonics[name], name)
})

t.test('CFTY sub-errors and their CR values', async (t) => {
  t.match(cftSubError('CFTY03E', 'MMALLOC')?.meaning, /[Mm]emory/)
  t.equal(cftSubError('CFTY03E', 'MMALLOC')?.crMeaning, undefined)
  t.match(cftSubError('CFTY03E', 'SYDEF', '-1')?.crMeaning, /maximum number of semaphores/i)
  t.match(cftSubError('CFTY04E', '[FMALLOC]', ' -1 ')?.crMeaning, /does not exist/)
  t.match(cftSubError('CFTY07E', 'CTXALLOC', '-9')?.crMeaning, /maximum/)
  t.ok(cftSubError('CFTY03E', 'SYDEF', '-5'), 'a CR the documentation does not list still gives the meaning')
  t.equal(cftSubError('CFTY03E', 'SYDEF', '-5')?.crMeaning, undefined)
  t.equal(cftSubError('CFTY04E', 'MMALLOC'), undefined, 'not a sub-error of that message')
  t.equal(cftSubError('CFTY03E', 'NOPE'), undefined)
  t.equal(Object.keys(cftSubErrors).length, 12)
  for (const name of Object.keys(cftSubErrors)) {
    const subError = cftSubErrors[name]!
    t.equal(subError.name, name)
    t.ok(Object.isFrozen(subError) && Object.isFrozen(subError.messages))
    t.ok(subError.messages.length > 0 && subError.messages.every((id) => cftMessage(id)?.variants?.some((v) => v.includes(`[${name}]`))), `${name} is documented under its messages`)
    for (const text of [subError.meaning, ...Object.values(subError.cr ?? {})]) t.ok(ascii.test(String(text)) && /\.$/.test(String(text)), `${name}: ${String(text)}`)
  }
})

t.test('inherited property names are not codes', async (t) => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    t.equal(cftMessage(name), undefined, name)
    t.equal(cftCategories[name], undefined, name)
    t.equal(cftSubErrors[name], undefined, name)
    t.equal(cftSubError('CFTY03E', name), undefined, name)
    t.equal(cftSubError(name, 'SYDEF'), undefined, name)
    t.equal(cftSubError('CFTY03E', 'SYDEF', name)?.crMeaning, undefined, name)
    t.equal(cftSubErrors.SYDEF!.cr![name], undefined, name)
    t.equal(tlsAlertByName[name], undefined, name)
    t.equal(diagpMnemonics[name], undefined, name)
    t.equal(explainDiagi(name), undefined, name)
  }
})

t.test('every catalog: codes unique and ordered, names and meanings ASCII, all frozen', async (t) => {
  const numeric = (a: string, b: string) => Number(a) - Number(b)
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  const checks: Array<[Catalog, (a: string, b: string) => number, boolean]> = [[cft, text, false], [tlsAlert, numeric, true], [cftDiag, numeric, false]]
  for (const [catalog, order, symbolic] of checks) {
    const codes = catalog.entries.map((e) => e.code)
    t.equal(new Set(codes).size, codes.length, `${catalog.id}: no duplicate`)
    t.same(codes, [...codes].sort(order), `${catalog.id}: ordered`)
    t.equal(catalog.symbolic, symbolic)
    t.ok(Object.isFrozen(catalog) && Object.isFrozen(catalog.entries), `${catalog.id} frozen`)
    for (const entry of catalog.entries) {
      t.ok(Object.isFrozen(entry), `${catalog.id} ${entry.code} frozen`)
      t.ok(entry.name.length > 2 && ascii.test(entry.name), `${catalog.id} ${entry.code} name`)
      t.ok(entry.meaning.length > 15 && ascii.test(entry.meaning) && /\.$/.test(entry.meaning), `${catalog.id} ${entry.code} meaning`)
      t.ok(entry.source.length > 2)
    }
  }
  for (const code of cftDiag.entries.map((e) => e.code)) t.match(code, /^[1-9]\d\d$/)
  for (const meaning of Object.values(diagpMnemonics)) t.ok(ascii.test(String(meaning)) && /\.$/.test(String(meaning)))
  for (const category of Object.values(cftCategories)) t.ok(ascii.test(String(category)))
  t.ok(Object.isFrozen(cftCategories) && Object.isFrozen(tlsAlertByName) && Object.isFrozen(diagpMnemonics) && Object.isFrozen(cftSubErrors))
})
