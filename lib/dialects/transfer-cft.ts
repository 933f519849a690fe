/**
 * transfer-cft: the log of Axway Transfer CFT, as LISTLOG prints it and as copies of `cftlog` show it.
 *
 *   00 19/03/26 10:43:08 CFTT57I Server transfer started <IDTU=A0000001 PART=USER1 IDF=FLOW01 IDT=C2610430 IDS=33000>
 *   04/02/15 17:12:47 CFTT57I PART=LOOP IDF=TEST IDT=D0217124 Server transfer started
 *   CFTY13E CTX=200006 SSL Handshake local error [HANDSHAKE_FAILURE] CR=40 (Handshake failure)
 *
 * A line is `[NN ]YY/MM/DD HH:MM:SS[.hh] CFTxnnS[+] text`, the node id and the date each optional. V24
 * lines put `KEY=value` pairs in `<…>` after the text, V23 lines put them inline. Records span lines three
 * ways: a `+` after the id continues the record before it when the ids match; lines with no id and no date
 * (a hard-wrapped copy, IBM i's `+ …` lines) continue the record before them; an IBM i operator copy puts a
 * `From . . . : CFT date time` line before each message, which is held for the line after it.
 *
 * Pairs become `cft.<key>` (lower case, in an object without a prototype: keys are data); the message's
 * template gives the words the pairs do not (`&str` of `&str transfer started`); the catalog gives the
 * meaning, the category and, for failures, the error.
 */
import { isIP } from '../address.js'
import { wallTimeIso } from '../time.js'
import { transferCftByteCodec } from './transfer-cft-bytes.js'
import { compileLayout } from '../layout.js'
import { Recent } from '../recent.js'
import { explain } from '../catalogs/explain.js'
import { cftCategories, cftMessage } from '../catalogs/cft-messages.js'
import { cftSubError } from '../catalogs/cft-suberrors.js'
import { tlsAlertByName } from '../catalogs/tls-alert.js'
import { explainDiagi } from '../catalogs/cft-diag.js'
import { codeTable } from '../catalogs/table.js'
import { JOIN_CONTINUE, JOIN_PREFIX, JOIN_START, type Dialect, type JoinKind, type ParseContext, type ParseResult } from './types.js'
import { hasWordStart } from './words.js'
import type { LogLevel } from '../record.js'

/** `cft.*`: the pairs and template words of a record, keyed by lower-case names taken from input. */
export type CftFields = Record<string, string | number>

export class CftEntry {
  /** The error words, worked out once when first asked for (null: none). */
  failure: Failure | null | undefined = undefined
  constructor (
    readonly line: number,
    readonly original: string | undefined,
    readonly filePath: string | undefined,
    readonly timestamp: string | undefined,
    readonly id: string | undefined,
    readonly message: string,
    readonly fields: CftFields,
    readonly action: string | undefined,
    readonly user: string | undefined,
    readonly host: string | undefined,
    /** True when HOST= names the partner of a session this server accepted (the client). */
    readonly hostIsSource: boolean,
    readonly protocol: string | undefined,
    readonly durationNs: number | undefined,
    readonly filePathValue: string | undefined,
    readonly fileSize: number | undefined
  ) {}
}

const SEVERITIES = codeTable<LogLevel>({ I: 'info', W: 'warning', E: 'error', F: 'critical' })

/** `event.action` for the messages of a transfer's life and its sessions. */
const ACTIONS = codeTable<string>({
  CFTR12I: 'request-accepted',
  CFTT13I: 'session-parameters',
  CFTT51I: 'session-opened',
  CFTT52I: 'session-closed',
  CFTT54I: 'file-deselected',
  CFTT55I: 'file-opened',
  CFTT56I: 'file-closed',
  CFTT57I: 'transfer-started',
  CFTT58I: 'transfer-ended',
  CFTT59I: 'reply-transferred',
  CFTT96I: 'transfer-restarted',
  CFTT70I: 'login',
  CFTT70E: 'login-failed',
  CFTT95E: 'login-failed',
  CFTT03E: 'transfer-failed',
  CFTT61E: 'transfer-failed',
  CFTT62E: 'transfer-failed',
  CFTT71E: 'transfer-failed',
  CFTT72E: 'transfer-failed',
  CFTT73E: 'transfer-failed',
  CFTT74E: 'transfer-failed',
  CFTT75E: 'connection-rejected',
  CFTT76E: 'transfer-failed',
  CFTT77E: 'transfer-failed',
  CFTT78E: 'transfer-failed',
  CFTT79E: 'transfer-failed',
  CFTT80E: 'transfer-failed',
  CFTT81E: 'transfer-failed',
  CFTT82E: 'transfer-failed',
  CFTT82W: 'transfer-failed',
  CFTH11E: 'session-failed',
  CFTH56I: 'session-opened',
  CFTH57I: 'transfer-selected',
  CFTH58I: 'transfer-deselected',
  CFTH60I: 'reply-transferred',
  CFTH61I: 'session-closed',
  CFTS03I: 'procedure-executed',
  CFTF33I: 'file-renamed',
  CFTC07I: 'transfer-deleted',
  CFTY11I: 'tls-session-closed',
  CFTY12I: 'tls-session-closed',
  CFTY13E: 'tls-handshake-failed',
  CFTY30E: 'tls-handshake-failed',
  CFTY14I: 'tls-session-established',
  CFTY15I: 'tls-session-established',
  CFTY19I: 'tls-session-opening',
  CFTY20I: 'tls-session-opening',
  CFTY50I: 'ssh-session-established',
  CFTY51I: 'ssh-session-established',
  CFTY52I: 'sftp-session-established',
  CFTY53I: 'sftp-session-established',
  CFTI18I: 'startup',
  CFTE09I: 'shutdown'
})

/** Keys whose values are numbers by definition: byte counts, process ids, return and diagnostic codes, ports. */
const NUMERIC_KEYS: ReadonlySet<string> = new Set(['nbc', 'pid', 'cr', 'diagi', 'ncr', 'sap', 'pos', 'nrec'])
/**
 * Keys whose values this module reads to make other fields, or sets itself (every other pair's value is
 * only copied, or tested for being a string or an address): the byte reader keeps their values in its
 * templates' keys. A key added to what `parseLines` or the layout reads goes here too.
 */
const KEYS_READ: ReadonlySet<string> = new Set(['prot', 'cr', 'diagi', 'diagp', 'diagc', 'duration', 'str', 'node', 'category', 'error_name'])
/** Second words of the SSH and SFTP messages' two-word keys (`Cipher in=`, `Key exchange=`, `CFT Client=`). */
const SECOND_WORDS = new Set(['in', 'out', 'exchange', 'client', 'server'])

const PREFIX = /^(?:(\d\d) )?(\d\d)\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))? +/
const FROM = /^From(?: \.)+ : CFT (\d\d)\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)\b/
const ID_AT_START = /^(CFT[A-Z]\d\d[IWEF])(\+?)/
const ID_INSIDE = / (CFT[A-Z]\d\d[IWEF])(\+?)(?= |<|$)/
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/
const SECONDS = /\((\d{1,9}(?:\.\d{1,9})?) sec\)/
const BRACKET_NAME = /\[([A-Z][A-Z0-9_]*)\]/

/** No-break spaces (from copies of the log) count as spaces; runs of spaces as one. */
function normalize (line: string): string {
  let text = line
  if (text.includes('\u00a0')) text = text.replaceAll('\u00a0', ' ')
  if (text.includes('\t')) text = text.replaceAll('\t', ' ')
  if (text.includes('  ')) text = text.replace(/ {2,}/g, ' ')
  return text.trim()
}

interface Head {
  node: string | undefined
  date: [number, number, number, number, number, number, number] | undefined
  id: string | undefined
  plus: boolean
  /** Text before the id (`CTX = 20000c`, `Session parameters`). */
  lead: string
  /** Text after the id. */
  text: string
}

function readHead (line: string): Head {
  let text = normalize(line)
  let node: string | undefined
  let date: Head['date']
  const prefix = PREFIX.exec(text)
  if (prefix !== null) {
    node = prefix[1]
    date = [Number(prefix[2]), Number(prefix[3]), Number(prefix[4]), Number(prefix[5]), Number(prefix[6]), Number(prefix[7]), prefix[8] === undefined ? 0 : Number(prefix[8].padEnd(3, '0'))]
    text = text.slice(prefix[0].length)
  }
  const atStart = ID_AT_START.exec(text)
  if (atStart !== null) return { node, date, id: atStart[1], plus: atStart[2] === '+', lead: '', text: text.slice(atStart[0].length).trim() }
  const inside = ID_INSIDE.exec(text)
  if (inside !== null) {
    return { node, date, id: inside[1], plus: inside[2] === '+', lead: text.slice(0, inside.index).trim(), text: text.slice(inside.index + inside[0].length).trim() }
  }
  return { node, date, id: undefined, plus: false, lead: '', text }
}

// The first message id of a line, for `classify`, which runs on every line: one search, without taking
// the line apart (`readHead` does that once, when the record is read).
const ANY_ID = /(?:^|[ \u00a0])(CFT[A-Z]\d\d[IWEF])(?:(\+)|(?=[ \u00a0<]|$))/

const isDigitCode = (code: number): boolean => code >= 48 && code <= 57
/** Offsets of the digits of `YY/MM/DD HH:MM:SS`. */
const DATE_DIGITS = [0, 1, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16]

/**
 * Where the message id of a line starts when the line is `[NN ]YY/MM/DD HH:MM:SS[.h{1,3}] CFTxnnS` with
 * the id followed by `+`, a space, `<` or the end (the commonest shape, read by position); -1 when it is
 * not (then `ANY_ID` decides). No id can start earlier than there: the date holds none.
 */
function idAfterDate (text: string): number {
  let at = text.charCodeAt(2) === 32 ? 3 : 0
  if (text.charCodeAt(at + 2) !== 47 || text.charCodeAt(at + 5) !== 47 || text.charCodeAt(at + 8) !== 32 || text.charCodeAt(at + 11) !== 58 || text.charCodeAt(at + 14) !== 58) return -1
  if (at === 3 && !(isDigitCode(text.charCodeAt(0)) && isDigitCode(text.charCodeAt(1)))) return -1
  for (let k = 0; k < DATE_DIGITS.length; k++) if (!isDigitCode(text.charCodeAt(at + DATE_DIGITS[k]!))) return -1
  at += 17
  if (text.charCodeAt(at) === 46) {
    const from = ++at
    while (at - from < 3 && isDigitCode(text.charCodeAt(at))) at++
    if (at === from) return -1
  }
  if (text.charCodeAt(at) !== 32 || !text.startsWith('CFT', ++at)) return -1
  const letter = text.charCodeAt(at + 3)
  const severity = text.charCodeAt(at + 6)
  const after = text.charCodeAt(at + 7)
  if (letter < 65 || letter > 90 || !isDigitCode(text.charCodeAt(at + 4)) || !isDigitCode(text.charCodeAt(at + 5)) ||
    (severity !== 73 && severity !== 87 && severity !== 69 && severity !== 70) ||
    !(after === 43 || after === 32 || after === 60 || Number.isNaN(after))) return -1
  return at
}

/** `idAfterDate` on the line's bytes. */
function idAfterDateBytes (source: Uint8Array, start: number, end: number): number {
  let at = source[start + 2] === 32 ? start + 3 : start
  if (at + 25 > end || source[at + 2] !== 47 || source[at + 5] !== 47 || source[at + 8] !== 32 || source[at + 11] !== 58 || source[at + 14] !== 58) return -1
  if (at !== start && !(isDigitCode(source[start]!) && isDigitCode(source[start + 1]!))) return -1
  for (let k = 0; k < DATE_DIGITS.length; k++) if (!isDigitCode(source[at + DATE_DIGITS[k]!]!)) return -1
  at += 17
  if (source[at] === 46) {
    const from = ++at
    while (at - from < 3 && isDigitCode(source[at]!)) at++
    if (at === from) return -1
  }
  if (source[at] !== 32 || source[at + 1] !== 67 || source[at + 2] !== 70 || source[at + 3] !== 84) return -1
  at++
  const letter = source[at + 3]!
  const severity = source[at + 6]!
  if (at + 7 > end || letter < 65 || letter > 90 || !isDigitCode(source[at + 4]!) || !isDigitCode(source[at + 5]!) ||
    (severity !== 73 && severity !== 87 && severity !== 69 && severity !== 70)) return -1
  if (at + 7 === end) return at
  const after = source[at + 7]
  return after === 43 || after === 32 || after === 60 ? at : -1
}

// Every `+` line of a record is checked against its first line's id. Found once per first line: when the id
// is not right after the date, finding it reads the first line, and doing that again for each of many `+`
// lines after a long first line took time in their product (400 KB of them: 7 s).
let lastHead: string | undefined
let lastHeadId: string | undefined
let lastHeadOpensPairs = false

function headId (head: string): string | undefined {
  if (head !== lastHead) {
    const at = idAfterDate(head)
    const found = at >= 0 ? undefined : ANY_ID.exec(head)
    // The id is where the match ends, but for the `+` after it.
    const idAt = at >= 0 ? at : found === null || found === undefined ? -1 : found.index + found[0].length - 7 - (found[2] === undefined ? 0 : 1)
    lastHeadId = idAt >= 0 ? head.slice(idAt, idAt + 7) : undefined
    lastHeadOpensPairs = idAt >= 0 && head.charCodeAt(idAt + 7) === 43 && head.charCodeAt(idAt + 8) === 60
  }
  // Kept even when only the text was the same: the next comparison is then of one string with itself,
  // where two strings of equal text would be compared character by character, line after line.
  lastHead = head
  return lastHeadId
}

/**
 * Whether a `+` line of the head's id (its `+` at `plus`) continues the head. It does, but when both open
 * their pairs right after the `+` (`CFTT88I+<IDTU=… FNAME=… NBC=…>`, written after each transfer's
 * CFTT54I): two such lines in a row are two records, each with its own pairs.
 */
function continuesHead (line: string, plus: number, head: string): boolean {
  if (headId(head) !== line.slice(plus - 7, plus)) return false
  return !(lastHeadOpensPairs && line.charCodeAt(plus + 1) === 60)
}

function classifyLine (line: string, head: string | undefined): JoinKind {
  const at = idAfterDate(line)
  if (at >= 0) {
    if (line.charCodeAt(at + 7) !== 43 || head === undefined) return JOIN_START
    return continuesHead(line, at + 7, head) ? JOIN_CONTINUE : JOIN_START
  }
  const text = line.trimStart()
  if (text.startsWith('From ') && FROM.test(text)) return JOIN_PREFIX
  if (text.charCodeAt(0) === 43) return JOIN_CONTINUE
  const found = ANY_ID.exec(text)
  if (found === null) return PREFIX.test(normalize(text)) ? JOIN_START : JOIN_CONTINUE
  if (found[2] === undefined || head === undefined) return JOIN_START
  return continuesHead(text, found.index + found[0].length - 1, head) ? JOIN_CONTINUE : JOIN_START
}

function twoDigitYear (yy: number): number {
  return yy < 70 ? 2000 + yy : 1900 + yy
}

function timestampOf (date: NonNullable<Head['date']>, context: ParseContext): string | undefined {
  const [a, b, c, hour, minute, second, ms] = date
  const order = context.cftDateOrder
  const [yy, month, day] = order === 'ymd' ? [a, b, c] : order === 'dmy' ? [c, b, a] : [c, a, b]
  return wallTimeIso(context.clock, twoDigitYear(yy), month, day, hour, minute, second, ms)
}

/** Keys repeat from line to line; their lower-case forms are kept. */
const lowerKeys = new Recent<string>(4096, (key) => key.toLowerCase())

/** Pairs of one stretch of text; the words that are not pairs are returned. */
function readPairs (text: string, into: CftFields, bracketed: boolean, diag: string[] | undefined): string[] {
  const tokens = text.split(' ')
  const words: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token === '') continue
    const eq = token.indexOf('=')
    let key: string | undefined = eq > 0 ? token.slice(0, eq) : undefined
    let value: string | undefined
    if (key !== undefined && KEY.test(key)) {
      value = token.slice(eq + 1)
      // `IDT= A2618014`: a stray space after `=` inside the brackets.
      if (value === '' && bracketed && i + 1 < tokens.length && !tokens[i + 1]!.includes('=') && !/^\d{3}$/.test(tokens[i + 1]!)) value = tokens[++i]!
    } else if (tokens[i + 1] === '=' && i + 2 < tokens.length && KEY.test(token)) {
      // `CTX = 20000c`
      key = token
      value = tokens[i + 2]!
      i += 2
    }
    if (key === undefined || value === undefined) {
      if (diag !== undefined && (diag.length > 0 || /^\d{3}$/.test(token))) diag.push(token)
      else words.push(token)
      continue
    }
    let name = lowerKeys.get(key)
    if (name === 'diagc') {
      // Free text: the rest of the stretch.
      value = [value, ...tokens.slice(i + 1)].join(' ').trim()
      i = tokens.length
    }
    const previous = words[words.length - 1]
    if (SECOND_WORDS.has(name) && previous !== undefined && /^[A-Za-z]+$/.test(previous)) {
      name = `${previous.toLowerCase()}_${name}`
      words.pop()
    }
    if (value === '') continue
    into[name] = NUMERIC_KEYS.has(name) && /^-?\d{1,15}$/.test(value) ? Number(value) : value
  }
  return words
}

const templateCache = new Map<string, readonly RegExp[]>()

/**
 * Patterns made from a message's templates (V24 and V23): the fixed words literally, each `&variable` as
 * one word, the pairs and optional parts left out. They only name the words the pairs do not give.
 */
export function templatesOf (id: string): readonly RegExp[] {
  let patterns = templateCache.get(id)
  if (patterns !== undefined) return patterns
  const message = cftMessage(id)
  const sources = message === undefined ? [] : [message.template, message.v23].filter((t): t is string => t !== undefined)
  const made: RegExp[] = []
  for (const template of sources) {
    const pairsAt = template.indexOf('<')
    const words = (pairsAt === -1 ? template : template.slice(0, pairsAt)).replace(/\[[^[\]]*\]/g, ' ').split(' ')
    // CFTR12I's `Treated FOR USER=&user &str` is printed `Treated for USER dupont`, or `Treated for USER`
    // with no user (the corpus's copies, and the reference's sample): the user, and what follows, may be
    // missing.
    const userAt = words.indexOf('USER=&user')
    if (userAt > 0 && words[userAt - 1] === 'FOR') words.splice(userAt, 1, 'USER', '&user?')
    const text = words.filter((word) => !word.includes('=')).join(' ').replace(/ {2,}/g, ' ').trim()
    const names: string[] = []
    let optional = false
    const parts = text.split(' ').filter((part) => part !== '' && part !== '_').map((part) => {
      const variable = /^&([a-z0-9]+)(\??)$/i.exec(part)
      if (variable !== null) {
        names.push(variable[1]!.toLowerCase())
        optional ||= variable[2] === '?'
        return optional ? '(?: (\\S+))?' : ' (\\S+)'
      }
      if (part.includes('&') || part.includes('|') || optional) return undefined
      return ' ' + part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    if (names.length === 0 || parts.includes(undefined) || names.length > 4) continue
    const pattern = new RegExp(`^${(parts as string[]).join('').slice(1)}$`, 'i')
    made.push(Object.assign(pattern, { names }))
  }
  patterns = Object.freeze(made)
  if (templateCache.size >= 1024) templateCache.clear()
  templateCache.set(id, patterns)
  return patterns
}

function readTemplate (id: string, message: string, into: CftFields): void {
  const text = message.replace(/^_ /, '')
  for (const pattern of templatesOf(id)) {
    const match = pattern.exec(text)
    if (match === null) continue
    const names = (pattern as RegExp & { names: string[] }).names
    names.forEach((name, index) => {
      const value = match[index + 1]
      // Lines often put the side (`Server file opened`) where the template names the file: the words
      // Requester and Server are always the side.
      const key = value !== undefined && /^(?:requester|server)$/i.test(value) ? 'str' : name
      if (value !== undefined && !(key in into)) into[key] = value
    })
    return
  }
}

function durationOf (fields: CftFields, text: string): number | undefined {
  const duration = fields['duration']
  if (typeof duration === 'string') {
    const seconds = /^(\d{1,9}(?:\.\d{1,9})?)s$/.exec(duration)
    if (seconds !== null) return Math.round(Number(seconds[1]) * 1e9)
    const clock = /^(\d{1,4}):(\d\d):(\d\d)$/.exec(duration)
    if (clock !== null) return (Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3])) * 1e9
  }
  const sec = SECONDS.exec(text)
  return sec === null ? undefined : Math.round(Number(sec[1]) * 1e9)
}

function protocolOf (prot: string | number | undefined): string | undefined {
  if (typeof prot !== 'string') return undefined
  const upper = prot.toUpperCase()
  if (upper.startsWith('PESIT')) return 'pesit'
  if (upper.startsWith('ODETTE') || upper.startsWith('OFTP')) return 'odette'
  if (upper === 'SFTP' || upper === 'SSH') return upper.toLowerCase()
  return prot.toLowerCase()
}

/** Messages about a connection coming in, whose HOST is the partner that called, whatever their words. */
const INCOMING: ReadonlySet<string> = new Set(['CFTH22E'])
const SERVER_WORD = /\bserver\b/i
const REQUESTER_WORD = /\brequester\b/i

function parseLines (lines: readonly string[], lineNumber: number, context: ParseContext): ParseResult<CftEntry> {
  // IBM i copies: the `From` line before the message gives its date.
  let fromDate: Head['date']
  let first = 0
  while (first < lines.length) {
    const from = FROM.exec(lines[first]!.trimStart())
    if (from === null) break
    fromDate ??= [Number(from[1]), Number(from[2]), Number(from[3]), Number(from[4]), Number(from[5]), Number(from[6]), 0]
    first++
  }
  if (first === lines.length) return 'an IBM i "From . . . : CFT" header with no message after it'
  const head = readHead(lines[first]!)
  if (head.id === undefined && head.date === undefined) return 'no Transfer CFT message id (CFTxnnS) and no date'
  let body = head.text
  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i]!.trimStart()
    if (FROM.test(line)) continue
    if (line.charCodeAt(0) === 43) {
      body += ' ' + normalize(line.slice(1))
      continue
    }
    const next = readHead(line)
    body += ' ' + (next.id === head.id && next.plus ? next.text : normalize(line))
  }
  body = body.trim()

  const fields: CftFields = Object.create(null) as CftFields
  const date = head.date ?? fromDate
  const timestamp = date === undefined ? undefined : timestampOf(date, context)
  if (date !== undefined && timestamp === undefined) return `"${lines[first]!.slice(0, 20).trim()}" does not hold a valid date (date order ${context.cftDateOrder})`

  // V24: text, then the pairs in <…>, then maybe more text (`(0.013008 sec)`).
  const open = body.indexOf('<')
  const close = open === -1 ? -1 : body.indexOf('>', open)
  let words: string[]
  const diag: string[] = []
  const leadWords = head.lead === '' ? [] : readPairs(head.lead, fields, false, undefined)
  if (open !== -1) {
    words = readPairs(body.slice(0, open), fields, false, undefined)
    readPairs(body.slice(open + 1, close === -1 ? body.length : close), fields, true, diag)
    // One word at a time: spread into one call, a line of some 300,000 words overflowed the stack.
    if (close !== -1) for (const word of readPairs(body.slice(close + 1), fields, false, undefined)) words.push(word)
  } else {
    words = readPairs(body, fields, false, undefined)
  }
  // `_` only separates the identifiers from the free text.
  const joined = (leadWords.length === 0 ? words : leadWords.concat(words)).join(' ').trim()
  const message = joined.startsWith('_ ') ? joined.slice(2) : joined
  if (diag.length > 0) {
    if (!('diagi' in fields)) fields['diagi'] = Number(diag[0])
    if (diag.length > 1 && !('diagp' in fields)) fields['diagp'] = diag.slice(1).join(' ')
  }
  if (head.node !== undefined) fields['node'] = head.node
  const id = head.id
  if (id !== undefined) {
    readTemplate(id, message, fields)
    const category = cftCategories[id.charAt(3)]
    if (category !== undefined) fields['category'] = category
  }
  const bracket = BRACKET_NAME.exec(message)
  if (bracket !== null) fields['error_name'] = bracket[1]!

  const hostValue = fields['host']
  const host = typeof hostValue === 'string' ? hostValue : undefined
  const str = typeof fields['str'] === 'string' ? fields['str'] : ''
  // The partner is the client when this server accepted the session (Server / server words).
  const words_ = str === '' ? message : `${str} ${message}`
  const hostIsSource = (id !== undefined && INCOMING.has(id)) || (SERVER_WORD.test(words_) && !REQUESTER_WORD.test(words_))
  const user = typeof fields['user'] === 'string' ? fields['user'] : undefined
  const nbc = fields['nbc']
  const fname = fields['fname'] ?? fields['wfname']
  return new CftEntry(
    lineNumber,
    context.original ? lines.join('\n') : undefined,
    context.filePath,
    timestamp,
    id,
    message,
    fields,
    id === undefined ? undefined : ACTIONS[id] ?? actionByWords(id, message),
    user,
    host,
    hostIsSource,
    protocolOf(fields['prot']),
    durationOf(fields, body),
    typeof fname === 'string' ? fname : undefined,
    typeof nbc === 'number' ? nbc : undefined
  )
}

/** Messages whose action depends on their words (CFTT53I: file selected or file created). */
function actionByWords (id: string, message: string): string | undefined {
  if (id === 'CFTT53I') return /created/i.test(message) ? 'file-created' : 'file-selected'
  return undefined
}

function parse (line: string, lineNumber: number, context: ParseContext): ParseResult<CftEntry> {
  return parseLines([line], lineNumber, context)
}

interface Failure { type: string, code: string, message: string }

/** The error a failure record carries: a TLS alert, a diagnostic code, a sub-error, or the message itself. */
function failureOf (entry: CftEntry): Failure | undefined {
  const id = entry.id
  if (id === undefined) return undefined
  const severity = id.charAt(6)
  if (severity !== 'E' && severity !== 'F' && !('diagi' in entry.fields)) return undefined
  const fields = entry.fields
  const name = typeof fields['error_name'] === 'string' ? fields['error_name'] : undefined
  const cr = fields['cr']
  if ((id === 'CFTY13E' || id === 'CFTY30E') && cr !== undefined) {
    const alert = explain('tls-alert', cr) ?? (name === undefined ? undefined : explain('tls-alert', tlsAlertByName[name] ?? ''))
    if (alert !== undefined) return { type: 'tls-alert', code: alert.name, message: `${alert.name}: ${alert.meaning}` }
  }
  if (name !== undefined) {
    const sub = cftSubError(id, name, cr === undefined ? undefined : String(cr))
    if (sub !== undefined) return { type: 'cft', code: name, message: sub.crMeaning === undefined ? sub.meaning : `${sub.meaning} CR ${String(cr)}: ${sub.crMeaning}` }
  }
  const diagi = fields['diagi']
  if (typeof diagi === 'number') {
    const found = explainDiagi(String(diagi))
    if (found !== undefined) return { type: 'cft-diag', code: String(diagi), message: found.remote && !found.known ? `Reported by the partner (its code ${diagi - 500}): ${found.entry.meaning}` : found.entry.meaning }
    return { type: 'cft-diag', code: String(diagi), message: `diagnostic code ${diagi} is not in the table` }
  }
  if (severity !== 'E' && severity !== 'F') return undefined
  const message = explain('cft', id)
  return { type: 'cft', code: id, message: message?.meaning ?? entry.message }
}

function failure (entry: CftEntry): Failure | undefined {
  if (entry.failure === undefined) entry.failure = failureOf(entry) ?? null
  return entry.failure ?? undefined
}

function outcomeOf (entry: CftEntry): 'success' | 'failure' | undefined {
  const id = entry.id
  if (id === undefined) return undefined
  const severity = id.charAt(6)
  if (severity === 'E' || severity === 'F') return 'failure'
  if (id === 'CFTT58I' || id === 'CFTT70I') return 'success'
  return undefined
}

function hostField (entry: CftEntry, source: boolean, ip: boolean): string | undefined {
  const host = entry.host
  if (host === undefined || entry.hostIsSource !== source) return undefined
  return (isIP(host) !== 0) === ip ? host : undefined
}

const layout = compileLayout<CftEntry>('transfer-cft', {
  fields: {
    '@timestamp': { get: (e) => e.timestamp, trusted: true },
    'event.action': { get: (e) => e.action, trusted: true },
    'event.outcome': { get: outcomeOf, trusted: true },
    'event.code': (e) => e.id,
    'event.duration': (e) => e.durationNs,
    'log.level': { get: (e) => e.id === undefined ? undefined : SEVERITIES[e.id.charAt(6)], trusted: true },
    'source.ip': (e) => hostField(e, true, true),
    'source.domain': (e) => hostField(e, true, false),
    'destination.ip': (e) => hostField(e, false, true),
    'destination.domain': (e) => hostField(e, false, false),
    'user.name': (e) => e.user,
    'file.path': (e) => e.filePathValue,
    'file.size': (e) => e.fileSize,
    'network.protocol': (e) => e.protocol,
    'message': (e) => e.message,
    'cft': (e) => e.fields
  },
  enriched: {
    'event.reason': (e) => e.id === undefined ? undefined : explain('cft', e.id)?.meaning,
    'error.code': (e) => failure(e)?.code,
    'error.type': { get: (e) => failure(e)?.type, trusted: true },
    'error.message': (e) => failure(e)?.message
  }
})

const SNIFF = /^(?:\d\d )?(?:\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d{1,3})?[ \u00a0]+)?CFT[A-Z]\d\d[IWEF]\+?(?:[ <]|[A-Za-z]|$)/

export const transferCft: Dialect<CftEntry> = {
  id: 'transfer-cft',
  aliases: ['cft', 'axway-cft', 'cftlog'],
  description: 'Axway Transfer CFT log (LISTLOG and cftlog lines, V23 and V24, continuation records)',
  sniff (line: string): number {
    const text = line.trimStart()
    if (SNIFF.test(text)) return 1
    if (FROM.test(text)) return 0.8
    if (ID_INSIDE.test(text)) return 0.5
    return 0
  },
  fits (line: string): boolean {
    // Wrapped lines fail this test, get scored against every dialect, and stay with this one when no
    // other claims them; a line another dialect claims ends the record before it. A message id follows
    // white space or opens the line (`CFT` inside a file name of another dialect's line is no sign).
    return hasWordStart(line, 'CFT') || line.charCodeAt(0) === 43
  },
  parse,
  join: {
    classify: classifyLine,
    classifyBytes (source: Uint8Array, start: number, end: number): JoinKind | undefined {
      // A line opening with its date and a message id without `+` starts a record whatever the head.
      const at = idAfterDateBytes(source, start, end)
      if (at >= 0) return source[at + 7] !== 43 ? JOIN_START : undefined
      // A line opening with `+`, or with neither a date nor `From` and holding no message id (no `CFT`),
      // continues the record: the commonest lines after a head, read here without `classifyLine`'s
      // regular expressions. Anything else, control characters included, is left to it.
      let i = start
      while (i < end && (source[i] === 32 || source[i] === 9)) i++
      if (i === end) return undefined
      const first = source[i]!
      if (first === 43) return JOIN_CONTINUE
      if (isDigitCode(first) || first === 70) return undefined
      for (let k = i; k < end; k++) {
        const byte = source[k]!
        if (byte < 32 && byte !== 9) return undefined
        if (byte === 67 && k + 2 < end && source[k + 1] === 70 && source[k + 2] === 84) return undefined
      }
      return JOIN_CONTINUE
    },
    parseLines
  },
  packed: transferCftByteCodec({
    parseLines,
    withMeta: (e, meta) => new CftEntry(meta.line, meta.original, meta.filePath, meta.timestamp, e.id, e.message, e.fields, e.action, e.user, e.host,
      e.hostIsSource, e.protocol, e.durationNs, e.filePathValue, e.fileSize),
    timestampOf: (e) => e.timestamp,
    writeJSON: (e) => layout.writeJSON(e, true, false),
    numericKeys: NUMERIC_KEYS,
    keysRead: KEYS_READ
  }),
  layout,
  isEntry: (value: unknown): value is CftEntry => value instanceof CftEntry
}
