import t from 'tap'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { errno, strerrorTexts, errnoFromMessage } from '../lib/catalogs/errno.js'
import { projectRoot } from './helpers/records.js'

const referenceDir = join(projectRoot, '..', 'shared', 'reference')
const referenceFile = '06-proftpd-logs-and-errno.md'

/** The section of a reference file from a heading to the next `## ` heading (or the end). */
function section (file: string, from: string): string {
  const text = readFileSync(join(referenceDir, file), 'utf8')
  const start = text.indexOf(from)
  if (start < 0) return ''
  const next = text.indexOf('\n## ', start + from.length)
  return next < 0 ? text.slice(start) : text.slice(start, next)
}

/** The cells of the Markdown table rows in a piece of text. */
function tableRows (text: string): string[][] {
  return text.split('\n').filter((line) => line.startsWith('|')).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))
}

const haveReference = existsSync(join(referenceDir, referenceFile))
const skip = haveReference ? false : '../shared/reference is not present'

function entryByCode (code: string) {
  return errno.entries.find((entry) => entry.code === code)
}

t.test('every row of the reference errno table: number, name, aliases and glibc text', { skip }, async (t) => {
  const text = section(referenceFile, '## 3. Linux errno')
  const rows = tableRows(text).filter((row) => /^\d+$/.test(row[1] ?? ''))
  t.ok(rows.length >= 40, `${rows.length} rows read from the reference`)
  t.equal(errno.entries.length, rows.length + 1, 'one entry per row, and ENETRESET, whose text musl prints')
  for (const [names, number, glibc] of rows) {
    const [name, ...aliases] = names!.split('/').map((n) => n.trim())
    const entry = entryByCode(number!)
    t.equal(entry?.name, name, `${number} is ${name}`)
    t.same(entry?.aliases ?? [], aliases, `${name} aliases`)
    t.equal(strerrorTexts[glibc!], name, `"${glibc}" -> ${name}`)
  }

  const note = text.slice(text.indexOf('musl'))
  const musl = [...note.matchAll(/\b(E[A-Z]+)\s+"([^"\n]+)"/g)]
  t.ok(musl.length >= 13, `${musl.length} musl texts read from the note`)
  for (const [, name, muslText] of musl) t.equal(strerrorTexts[muslText!], name, `musl "${muslText}" -> ${name}`)
})

t.test('the twelve strerror texts of the ProFTPD Log Messages howto', async (t) => {
  const seed: Array<[string, string]> = [
    ['Operation not permitted', 'EPERM'],
    ['Permission denied', 'EACCES'],
    ['Invalid argument', 'EINVAL'],
    ['No such file or directory', 'ENOENT'],
    ['Is a directory', 'EISDIR'],
    ['Bad file descriptor', 'EBADF'],
    ['Address already in use', 'EADDRINUSE'],
    ['Broken pipe', 'EPIPE'],
    ['Connection reset by peer', 'ECONNRESET'],
    ['Connection refused', 'ECONNREFUSED'],
    ['Too many open files', 'EMFILE'],
    ['Too many open files in system', 'ENFILE']
  ]
  for (const [text, name] of seed) {
    t.ok(errno.entries.some((entry) => entry.name === name), `${name} is in the catalog`)
    t.equal(strerrorTexts[text], name, `"${text}" -> ${name}`)
  }
})

t.test('a few numbers and texts, glibc and musl', async (t) => {
  t.equal(entryByCode('13')?.name, 'EACCES')
  t.equal(entryByCode('111')?.name, 'ECONNREFUSED')
  t.same(entryByCode('11')?.aliases, ['EWOULDBLOCK'])
  t.same(entryByCode('95')?.aliases, ['ENOTSUP'])
  t.equal(strerrorTexts['Bad file number'], 'EBADF')
  t.equal(strerrorTexts['Operation would block'], 'EAGAIN')
  t.equal(strerrorTexts['Operation not supported'], 'EOPNOTSUPP')
  t.equal(strerrorTexts['Operation not supported on socket'], 'EOPNOTSUPP')
  t.equal(strerrorTexts.__proto__, undefined)
  t.equal(strerrorTexts.constructor, undefined)
  t.equal(strerrorTexts.toString, undefined)
  t.equal(strerrorTexts['permission denied'], undefined, 'case matters')
  t.ok(Object.isFrozen(strerrorTexts))
  t.equal(Object.getPrototypeOf(strerrorTexts), null)
})

t.test('errnoFromMessage: texts that end a message', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['chroot to \'/srv\' failed for user \'bob\': Permission denied', 'EACCES', 'Permission denied'],
    ['Failed binding to 0.0.0.0, port 21: Address already in use', 'EADDRINUSE', 'Address already in use'],
    ['disconnecting client (Connection reset by peer)', 'ECONNRESET', 'Connection reset by peer'],
    ['error opening \'/home/bob/x\': No such file or directory.', 'ENOENT', 'No such file or directory'],
    ['unable to write \'/data/f\': No space left on device   ', 'ENOSPC', 'No space left on device'],
    ['unable to write \'/data/f\': No space left on device. \t\r\n', 'ENOSPC', 'No space left on device'],
    ['error: reading: Too many open files in system', 'ENFILE', 'Too many open files in system'],
    ['error: Too many open files', 'EMFILE', 'Too many open files'],
    ['read failed: Bad file number', 'EBADF', 'Bad file number'],
    ['disconnecting client (Broken pipe).', 'EPIPE', 'Broken pipe'],
    ['connect: (Connection refused)', 'ECONNREFUSED', 'Connection refused'],
    ['(Connection timed out)', 'ETIMEDOUT', 'Connection timed out'],
    [': Permission denied', 'EACCES', 'Permission denied'],
    ['rename failed: Directory not empty .', 'ENOTEMPTY', 'Directory not empty']
  ]
  for (const [message, name, text] of cases) {
    const match = errnoFromMessage(message)
    t.equal(match?.name, name, message)
    t.equal(match?.text, text, `${message}: text`)
    if (match !== undefined) t.equal(message.slice(match.at, match.at + match.text.length), text, `${message}: at`)
  }
})

t.test('errnoFromMessage: everything else is no match', async (t) => {
  const misses = [
    'Fatal: LoadModule: error loading module \'mod_radius.c\': Operation not permitted on line 9 of \'/etc/proftpd/proftpd.conf\'',
    'Der Socket ist nicht verbunden',
    'connect failed: Der Socket ist nicht verbunden',
    'Permission denied',
    'Permission denied.',
    'no colon at all',
    '',
    ' ',
    '.',
    ':',
    ': ',
    '()',
    '(',
    ')',
    'disconnecting client (received EOF)',
    'disconnecting client Connection reset by peer)',
    'error:Permission denied',
    'error: permission denied',
    'error: Permission denied (errno 13) extra',
    '__proto__',
    'constructor',
    'error: __proto__',
    'error: constructor',
    'error: toString',
    'client (__proto__)',
    'client (constructor)'
  ]
  for (const message of misses) t.equal(errnoFromMessage(message), undefined, JSON.stringify(message))
})

t.test('errnoFromMessage stays fast on long hostile input', async (t) => {
  const long = ': '.repeat(100_000) + ' '.repeat(100_000) + '('.repeat(100_000) + 'x'
  const start = process.hrtime.bigint()
  t.equal(errnoFromMessage(long), undefined)
  t.equal(errnoFromMessage('('.repeat(200_000) + ')'), undefined)
  t.equal(errnoFromMessage('x'.repeat(200_000) + ': Permission denied')?.at, 200_002)
  t.ok(process.hrtime.bigint() - start < 1_000_000_000n, 'well under a second')
})

t.test('entries: ordered by number, codes unique, names and meanings ASCII', async (t) => {
  const ascii = /^[\u0020-\u007e]*$/
  const codes = errno.entries.map((entry) => entry.code)
  t.equal(new Set(codes).size, codes.length, 'no duplicate code')
  t.same(codes, [...codes].sort((a, b) => Number(a) - Number(b)), 'ascending')
  const names = errno.entries.flatMap((entry) => [entry.name, ...(entry.aliases ?? [])])
  t.equal(new Set(names).size, names.length, 'no duplicate name')
  t.ok(Object.isFrozen(errno) && Object.isFrozen(errno.entries))
  t.equal(errno.id, 'errno')
  t.equal(errno.symbolic, true)
  for (const entry of errno.entries) {
    t.match(entry.code, /^[1-9]\d*$/, `${entry.code} is a decimal number`)
    t.match(entry.name, /^E[A-Z0-9]+$/, `${entry.name} is a constant`)
    t.ok(ascii.test(entry.name) && ascii.test(entry.meaning), `${entry.name} is ASCII`)
    t.ok(entry.meaning.length > 15 && /\.$/.test(entry.meaning), `${entry.name} has a meaning`)
    t.equal(entry.source, 'Linux errno')
    t.equal(entry.outcome, 'failure')
    t.ok(Object.isFrozen(entry))
  }
  for (const [text, name] of Object.entries(strerrorTexts)) {
    t.ok(ascii.test(text) && ascii.test(name ?? ''), `${text} is ASCII`)
  }
})
