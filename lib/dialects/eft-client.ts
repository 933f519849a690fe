/**
 * eft-client: the client log of GlobalSCAPE (Fortra) EFT Server, `cl<yymmdd>.log`, written when an event
 * rule downloads, uploads or copies files to or from another server. EFT is the client, so the remote
 * host is the destination.
 *
 *   2006-03-06 10:11:03; ftp; 192.168.20.171; 21; ClientA; C:\test1.txt; /test1.txt; download; 226;
 *
 * Time; protocol; host; port; user; local path; remote path; operation; last result code[; action
 * result]; fields separated by "; " and closed by ";". The result code belongs to one of four code spaces
 * (FTP replies, SFTP statuses, Winsock errors, EFT's own connection codes), told apart by protocol and
 * range; the enrich stage writes its meaning.
 */
import { isIPv4, isIPv6 } from '../address.js'
import { wallInstant, wholeSecondIso } from '../time.js'
import { eftClientByteCodec } from './eft-client-bytes.js'
import { compileLayout } from '../layout.js'
import { Recent } from '../recent.js'
import { explain, findCatalog, type Explanation } from '../catalogs/explain.js'
import type { Dialect, ParseContext, ParseResult } from './types.js'

/** What the last result code resolves to: the words the enrich stage adds. */
interface Resolution {
  outcome: 'success' | 'failure' | 'unknown'
  reason: string
  errorCode: string | undefined
  errorType: string | undefined
  errorMessage: string | undefined
}

export class EftClientEntry {
  resolution: Resolution | undefined = undefined
  constructor (
    readonly line: number,
    readonly original: string | undefined,
    readonly filePath: string | undefined,
    readonly timestamp: string,
    readonly protocol: string | undefined,
    readonly host: string | undefined,
    readonly hostIsIp: boolean,
    readonly port: number | undefined,
    readonly user: string | undefined,
    readonly localPath: string | undefined,
    readonly remotePath: string | undefined,
    readonly action: string | undefined,
    readonly code: string | undefined,
    /** The tenth column: 0 success, 1 failure; absent on nine-column lines. */
    readonly actionResult: '0' | '1' | undefined
  ) {}
}

const CODE = /^-?\d{1,9}$/

/** The number written by the decimal digits `text[from, to)`, or -1 when one is not a digit. */
function digits (text: string, from: number, to: number): number {
  let value = 0
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

/** `YYYY-MM-DD HH:MM:SS` read by position: a pattern and its match array cost more than the line's parse. */
function readTime (text: string, context: ParseContext): string | undefined {
  if (text.length !== 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 ||
    text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined
  const year = digits(text, 0, 4)
  const month = digits(text, 5, 7)
  const day = digits(text, 8, 10)
  const hour = digits(text, 11, 13)
  const minute = digits(text, 14, 16)
  const second = digits(text, 17, 19)
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined
  // The same clock calls as the byte reader's, so that a repeated hour reads alike on both paths.
  const instant = wallInstant(context.clock, year, month, day, hour, minute, second)
  return Number.isNaN(instant) ? undefined : wholeSecondIso(instant)
}

function isAddress (host: string): boolean {
  return host.includes(':') ? isIPv6(host) : isIPv4(host)
}

/** `Copy/Move` → `copy-move`: lower-case words joined by `-`, as `event.action` wants them. */
function actionOf (operation: string): string | undefined {
  const words = operation.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word !== '')
  return words.length === 0 ? undefined : words.join('-')
}

/**
 * A log names few operations and few hosts, over and over: their action words and whether they are
 * addresses are worked out once each.
 */
const actions = new Recent<string | undefined>(1024, actionOf)
const hostIsAddress = new Recent<boolean>(1024, isAddress)

function parse (line: string, lineNumber: number, context: ParseContext): ParseResult<EftClientEntry> {
  let end = line.length
  while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--
  if (line.charCodeAt(end - 1) !== 59) return 'the line does not end with ";"'
  // The fields between the semicolons, trimmed; counted first, so that a wrong count costs no strings.
  const last = end - 1
  let count = 1
  for (let at = line.indexOf(';'); at !== -1 && at < last; at = line.indexOf(';', at + 1)) count++
  if (count !== 9 && count !== 10) return `expected 9 or 10 fields separated by "; ", found ${count}`
  const fields = new Array<string>(count)
  for (let k = 0, start = 0; k < count; k++) {
    const stop = k === count - 1 ? last : line.indexOf(';', start)
    fields[k] = line.slice(start, stop).trim()
    start = stop + 1
  }
  const [time, protocol, host, port, user, localPath, remotePath, operation, code, actionResult] = fields as [string, string, string, string, string, string, string, string, string, string | undefined]
  const timestamp = readTime(time, context)
  if (timestamp === undefined) return `"${time}" is not a valid time like "2006-03-06 10:11:03"`
  if (port !== '' && !/^\d{1,5}$/.test(port)) return `port "${port}" is not a number`
  const portNumber = port === '' ? undefined : Number(port)
  if (portNumber !== undefined && portNumber > 65535) return `port ${port} is out of range`
  if (code !== '' && !CODE.test(code)) return `result code "${code}" is not a number`
  if (actionResult !== undefined && actionResult !== '0' && actionResult !== '1') return `action result "${actionResult}" is not 0 or 1`
  if (protocol !== '' && !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(protocol)) return `protocol "${protocol}" is not a protocol name`
  // Narrowed by the check above.
  return entryOf(lineNumber, context.original ? line : undefined, context.filePath, timestamp, protocol, host, portNumber, user, localPath, remotePath, operation, code, actionResult as '0' | '1' | undefined)
}

/** The entry of a line whose fields (trimmed) passed the checks; shared by both readers. */
function entryOf (lineNumber: number, original: string | undefined, filePath: string | undefined, timestamp: string, protocol: string, host: string,
  port: number | undefined, user: string, localPath: string, remotePath: string, operation: string, code: string, actionResult: '0' | '1' | undefined): EftClientEntry {
  return new EftClientEntry(
    lineNumber,
    original,
    filePath,
    timestamp,
    protocol === '' ? undefined : protocol.toLowerCase(),
    host === '' ? undefined : host,
    host !== '' && hostIsAddress.get(host),
    port,
    user === '' ? undefined : user,
    localPath === '' ? undefined : localPath,
    remotePath === '' ? undefined : remotePath,
    actions.get(operation),
    code === '' ? undefined : code,
    actionResult
  )
}

/**
 * Which catalog a result code belongs to, by the rules EFT's documentation gives: Winsock numbers are
 * Winsock whatever the protocol; SFTP lines carry SFTP statuses 0–8 (EFT's SFTP client speaks version 3 of
 * the protocol, whose statuses end there); FTP and FTPS lines carry FTP replies; EFT's own connection and
 * SOCKS codes (0–12, 2000, and -1, its unknown SFTP error) appear on the others, and on SFTP lines where
 * no SFTP status has the number. HTTP(S) lines carry HTTP statuses, which no catalog here explains.
 */
export function catalogForCode (protocol: string | undefined, code: string): string | undefined {
  const value = Number(code)
  if (value >= WINSOCK_FIRST && value <= WINSOCK_LAST) return 'winsock'
  if (protocol === 'sftp' && value >= 0 && value <= 8) return 'sftp'
  if (value >= 100 && value <= 699) return protocol === 'sftp' || protocol?.startsWith('http') === true ? undefined : 'ftp'
  if ((value >= 0 && value <= 12) || value === 2000 || value === -1) return 'eft'
  return undefined
}

/** The Winsock errors' numbers, 10004 (WSAEINTR) to the last the catalog holds. */
const WINSOCK_FIRST = 10004
const WINSOCK_LAST = Math.max(...findCatalog('winsock')!.entries.map((entry) => Number(entry.code)))

const resolutions = new Recent<Resolution>(1024, (key) => {
  const [protocol, code, actionResult] = key.split('\n')
  return computeResolution(protocol || undefined, code || undefined, (actionResult || undefined) as '0' | '1' | undefined)
})

function resolve (entry: EftClientEntry): Resolution {
  if (entry.resolution !== undefined) return entry.resolution
  // Neither field can hold a line feed: they are cut from one line.
  entry.resolution = resolutions.get(`${entry.protocol ?? ''}\n${entry.code ?? ''}\n${entry.actionResult ?? ''}`)
  return entry.resolution
}

function computeResolution (protocol: string | undefined, code: string | undefined, actionResult: '0' | '1' | undefined): Resolution {
  const catalogId = code === undefined ? undefined : catalogForCode(protocol, code)
  const found: Explanation | undefined = catalogId === undefined || code === undefined ? undefined : explain(catalogId, code)
  const byResult = actionResult === undefined ? undefined : actionResult === '0' ? 'success' : 'failure'
  // SFTP's end of data (1) is no failure in itself, but as the last result of an EFT client operation it
  // is one: EFT's client log article gives it as an operation that failed on reading at the end of a file.
  const byCatalog = found?.outcome ?? (found?.catalog === 'sftp' ? 'failure' : undefined)
  const outcome = byResult ?? byCatalog ?? 'unknown'
  let reason: string
  if (code === undefined) reason = 'the line carries no result code'
  else if (found !== undefined) reason = found.meaning
  else reason = `code ${code} is in none of the code tables for ${protocol ?? 'this'} lines`
  if (outcome !== 'failure') return { outcome, reason, errorCode: undefined, errorType: undefined, errorMessage: undefined }
  const catalog = found === undefined ? undefined : findCatalog(found.catalog)
  const contradicted = found?.outcome === 'success'
  return {
    outcome,
    reason,
    errorCode: found !== undefined && catalog?.symbolic === true ? found.name : code,
    errorType: found?.catalog,
    errorMessage: found === undefined
      ? reason
      : contradicted
        ? `EFT marked the action as failed, although the last result code reports success (${found.name}).`
        : `${found.name}: ${found.meaning}`
  }
}

const layout = compileLayout<EftClientEntry>('eft-client', {
  fields: {
    '@timestamp': { get: (e) => e.timestamp, always: true },
    'event.action': (e) => e.action,
    'event.code': (e) => e.code,
    'destination.ip': (e) => e.hostIsIp ? e.host : undefined,
    'destination.domain': (e) => e.hostIsIp ? undefined : e.host,
    'destination.port': (e) => e.port,
    'user.name': (e) => e.user,
    'file.path': (e) => e.localPath,
    'network.protocol': (e) => e.protocol,
    'eft.remote_path': (e) => e.remotePath
  },
  enriched: {
    'event.outcome': { get: (e) => resolve(e).outcome, trusted: true, always: true },
    'event.reason': { get: (e) => resolve(e).reason },
    'error.code': (e) => resolve(e).errorCode,
    'error.type': { get: (e) => resolve(e).errorType, trusted: true },
    'error.message': (e) => resolve(e).errorMessage
  }
})

const SHAPE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d;(?:[^;]*;){8,9}\s*$/

export const eftClient: Dialect<EftClientEntry> = {
  id: 'eft-client',
  aliases: ['eft', 'globalscape', 'cl'],
  description: 'GlobalSCAPE EFT Server client log cl<yymmdd>.log (9 or 10 columns)',
  sniff (line: string): number {
    return SHAPE.test(line) ? 1 : /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d; /.test(line) ? 0.3 : 0
  },
  fits (line: string): boolean {
    // "2006-03-06 10:11:03; …": the date's dashes and the semicolon after the time.
    return line.charCodeAt(4) === 45 && line.charCodeAt(7) === 45 && line.charCodeAt(19) === 59
  },
  parse,
  packed: eftClientByteCodec({
    isAddress: (host) => hostIsAddress.get(host),
    entryOf: (lineNumber, original, filePath, timestamp, fields) => {
      const [, protocol, host, port, user, localPath, remotePath, operation, code, actionResult] = fields as [string, string, string, string, string, string, string, string, string, '0' | '1' | undefined]
      return entryOf(lineNumber, original, filePath, timestamp, protocol, host, port === '' ? undefined : Number(port), user, localPath, remotePath, operation, code, actionResult)
    },
    probeOf: (v) => {
      const [, protocol, host, , user, localPath, remotePath, operation, code, actionResult] = v.fields as [string, string, string, string, string, string, string, string, string, '0' | '1' | undefined]
      return new EftClientEntry(v.line, v.original, v.filePath, v.timestamp, protocol === '' ? undefined : protocol.toLowerCase(), host === '' ? undefined : host, v.hostIsIp,
        v.port, user === '' ? undefined : user, localPath === '' ? undefined : localPath, remotePath === '' ? undefined : remotePath,
        actions.get(operation), code === '' ? undefined : code, actionResult)
    },
    writeJSON: (entry) => layout.writeJSON(entry, true, true)
  }),
  layout,
  isEntry: (value: unknown): value is EftClientEntry => value instanceof EftClientEntry
}
