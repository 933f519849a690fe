/**
 * expedat: the log of Data Expedition's servedat (ExpeDat and SyncDat servers).
 *
 *   F 20130711 14:47:25.527 E98E9CA2 GET - AES "tst/test5mb.dat" "" 5242880 (0,0) "0.12 seconds (358 megabits/sec)"
 *
 * Every line is `Type YYYYMMDD HH:MM:SS[.mmm] Message` in local time. Transaction lines (I initiation,
 * P progress, F final, and S status when it names a transaction) start with `DocID SEND|GET Client User
 * Encrypt "Path" "Action"`; the DocID ties the I, P and F lines of one transaction together.
 */
import { isIP } from '../address.js'
import { isoString, wallInstant } from '../time.js'
import { expedatByteCodec } from './expedat-bytes.js'
import { compileLayout } from '../layout.js'
import { Recent } from '../recent.js'
import { explain } from '../catalogs/explain.js'
import { mtpLayers } from '../catalogs/mtp.js'
import { lineTypes, maintenanceActions, statusLabels } from '../catalogs/expedat.js'
import type { Dialect, ParseContext, ParseResult } from './types.js'
import { nanoseconds, type LogLevel } from '../record.js'


/** Words that make an M or T line (library messages) a warning rather than information. */
const TROUBLE = /error|fail|denied|refused|time[sd]? ?out|cannot|can't|unable|invalid|lost|reject/i

export type StatusCounters = Partial<Record<'current' | 'max_config' | 'max_start' | 'total_start' | 'errors' | 'failures' | 'warnings' | 'denials', number>>

export interface Setting { flag?: string, name: string, value: string, origin: string }

export class ExpedatEntry {
  constructor (
    readonly line: number,
    readonly original: string | undefined,
    readonly filePath: string | undefined,
    readonly timestamp: string,
    readonly type: string,
    readonly message: string | undefined = undefined,
    readonly docId: string | undefined = undefined,
    readonly direction: 'SEND' | 'GET' | undefined = undefined,
    readonly clientIp: string | undefined = undefined,
    readonly clientPort: number | undefined = undefined,
    readonly user: string | undefined = undefined,
    readonly encryption: string | undefined = undefined,
    readonly path: string | undefined = undefined,
    readonly action: string | undefined = undefined,
    readonly bytes: number | undefined = undefined,
    readonly size: number | undefined = undefined,
    readonly seconds: number | undefined = undefined,
    readonly rateBps: number | undefined = undefined,
    readonly load: number | undefined = undefined,
    /** F lines: the error class and error number. */
    readonly errorClass: number | undefined = undefined,
    readonly errorNumber: number | undefined = undefined,
    readonly status: StatusCounters | undefined = undefined,
    readonly setting: Setting | undefined = undefined,
    readonly version: { version: string, release?: string, pid?: number, port?: number } | undefined = undefined
  ) {}
}

const LINE = /^([CDEFIMPSTVW]) (\d{4})(\d\d)(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))?(?: (.*))?$/
const QUOTED = '"((?:[^"\\\\]|\\\\.)*)"'
// The client is left out of the samples on the servedat logging page (`E98E9CA1 GET - AES "tst/" ""`),
// so it is optional: with two words before the path they are the user and the encryption.
const TRANSACTION = new RegExp(`^([0-9A-Fa-f]{8}) (SEND|GET) (?:(\\S+) )?(\\S+) (\\S+) ${QUOTED} ${QUOTED}(?: (.*))?$`)
// Counts have at most 15 digits, so that they stay exact as JSON numbers; classes and errors at most 9.
const PROGRESS = new RegExp(`^(\\d{1,15}) (\\d{1,15}) ${QUOTED} (\\d{1,9})$`)
const FINAL = new RegExp(`^(\\d{1,15}|-) \\((-?\\d{1,9}),(-?\\d{1,9})\\)(?: ${QUOTED})?$`)
// Bounded digit runs keep durations and rates exact as JSON integers.
const ELAPSED = /^(\d{1,9}(?:\.\d{1,9})?) seconds?(?: \((\d{1,12}(?:\.\d{1,9})?) (bits|kilobits|megabits|gigabits)\/sec\))?/
// The value ends in a non-space, matched greedily, so trailing spaces are read once (linear time).
const SETTING = /^(?:\[(-\w)\] )?([A-Za-z]\w*) (-?\d{1,15}) ([A-Za-z]+)(?: +(\S(?:.*\S)?))? *$/
// The pid (at most 9 digits) and port (at most 5) are bounded in code, not in the pattern: bounded repeats
// multiply the states a backtracking analysis has to explore (test/regex-safety.ts) for no gain here.
const VERSION = /^(\S+) (\d+(?:\.\d+)+) "([^"]*)" \S+ \[(\d+)\](?: \((\d+)\))?/

const BITS_PER: Readonly<Record<string, number>> = { bits: 1, kilobits: 1e3, megabits: 1e6, gigabits: 1e9 }

function unescape (text: string): string {
  return text.includes('\\') ? text.replace(/\\(.)/g, '$1') : text
}

/** `1.2.3.4:5678`, `[2001:db8::1]:5678` or `2001:db8::1:5678` → address and port. */
function splitClient (client: string): { ip: string, port: number } | undefined {
  const colon = client.lastIndexOf(':')
  if (colon <= 0) return undefined
  let ip = client.slice(0, colon)
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1)
  // A link-local address with its zone (`fe80::1%4`, the server's interface): the address without it, as
  // the ip field can hold it (see address.ts).
  const zone = ip.indexOf('%')
  if (zone > 0 && isIP(ip.slice(0, zone)) === 6 && /^%[\w.-]+$/.test(ip.slice(zone))) ip = ip.slice(0, zone)
  const portText = client.slice(colon + 1)
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535 || isIP(ip) === 0) return undefined
  return { ip, port: Number(portText) }
}

/**
 * Clients come back line after line (a transfer's I, P and F lines, a user's sessions): each address is
 * read once.
 */
const clients = new Recent<{ ip: string, port: number } | undefined>(1024, splitClient)

/** Seconds and bits per second from a comment like `12.00 seconds (358 megabits/sec)`. */
function elapsed (comment: string): { seconds: number, rateBps: number | undefined } | undefined {
  const match = ELAPSED.exec(comment)
  if (match === null) return undefined
  const rate = match[2] === undefined ? undefined : Math.round(Number(match[2]) * BITS_PER[match[3]!]!)
  return { seconds: Number(match[1]), rateBps: rate }
}

function statusCounters (text: string): StatusCounters | undefined {
  const counters: Record<string, number> = {}
  let found = 0
  for (const part of text.split(',')) {
    const colon = part.indexOf(':')
    if (colon < 0) continue
    const field = statusLabels[part.slice(0, colon).trim()]
    const value = part.slice(colon + 1).trim()
    if (field === undefined || !/^\d{1,15}$/.test(value)) continue
    counters[field] = Number(value)
    found++
  }
  return found === 0 ? undefined : counters as StatusCounters
}

function parse (line: string, lineNumber: number, context: ParseContext): ParseResult<ExpedatEntry> {
  return read(line, lineNumber, context, undefined)
}

/**
 * `parse`, or with `knownTime` the entry of a line the byte reader has read (its instant already placed by
 * the zone clock, which must not see the line twice).
 */
function read (line: string, lineNumber: number, context: Pick<ParseContext, 'clock' | 'original' | 'filePath'>, knownTime: number | undefined): ParseResult<ExpedatEntry> {
  const match = LINE.exec(line)
  if (match === null) return 'does not start with a line type, a date and a time like "F 20130711 14:47:25.527"'
  const [, type, y, mo, d, h, mi, s, ms, rest] = match as unknown as [string, string, string, string, string, string, string, string, string | undefined, string | undefined]
  const millis = ms === undefined ? 0 : Number(ms.padEnd(3, '0'))
  // The clock reads whole seconds (as the byte reader's does), so that a repeated hour reads alike on both paths.
  const instant = knownTime ?? wallInstant(context.clock, Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)) + millis
  if (Number.isNaN(instant)) return `"${y}${mo}${d} ${h}:${mi}:${s}" is not a valid date and time`
  const timestamp = isoString(instant)
  const text = rest === undefined || rest === '' ? undefined : rest
  const base = [lineNumber, context.original ? line : undefined, context.filePath, timestamp, type] as const

  if (type === 'S' && text !== undefined && !TRANSACTION.test(text)) {
    return new ExpedatEntry(...base, text, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, statusCounters(text))
  }
  if (type === 'I' || type === 'P' || type === 'F' || type === 'S') {
    const transaction = text === undefined ? null : TRANSACTION.exec(text)
    if (transaction === null) return `${type} (${lineTypes[type]!}) lines start with DocID SEND|GET Client User Encrypt "Path" "Action"`
    const [, docId, direction, client, user, encryption, path, action, tail] = transaction as unknown as [string, string, 'SEND' | 'GET', string | undefined, string, string, string, string, string | undefined]
    const address = client === undefined ? undefined : clients.get(client)
    if (client !== undefined && address === undefined) return `client "${client}" is not an address and port like 192.0.2.1:8080`
    let bytes: number | undefined
    let size: number | undefined
    let seconds: number | undefined
    let rateBps: number | undefined
    let load: number | undefined
    let errorClass: number | undefined
    let errorNumber: number | undefined
    let message: string | undefined
    if (type === 'P') {
      const progress = tail === undefined ? null : PROGRESS.exec(tail)
      if (progress === null) return 'P (progress) lines end with Progress Size "Duration (Speed)" Load'
      bytes = Number(progress[1])
      size = Number(progress[2]) === 0 ? undefined : Number(progress[2])
      const time = elapsed(unescape(progress[3]!))
      seconds = time?.seconds
      rateBps = time?.rateBps
      load = Number(progress[4])
    } else if (type === 'F') {
      const final = tail === undefined ? null : FINAL.exec(tail)
      if (final === null) return 'F (final) lines end with Transfer (Class,Error) "Comment"'
      bytes = final[1] === '-' ? undefined : Number(final[1])
      errorClass = Number(final[2])
      errorNumber = Number(final[3])
      message = final[4] === undefined || final[4] === '' ? undefined : unescape(final[4])
      if (errorClass === 0 && errorNumber === 0 && message !== undefined) {
        const time = elapsed(message)
        seconds = time?.seconds
        rateBps = time?.rateBps
      }
    } else if (tail !== undefined && tail !== '') {
      message = tail
    }
    const filePath = unescape(path)
    const actionText = unescape(action)
    return new ExpedatEntry(
      ...base, message, docId.toUpperCase(), direction, address?.ip, address?.port,
      user === '-' ? undefined : user, encryption === '-' ? undefined : encryption,
      filePath === '' ? undefined : filePath, actionText === '' ? undefined : actionText,
      bytes, size, seconds, rateBps, load, errorClass, errorNumber
    )
  }
  if (type === 'V' && text !== undefined) {
    const version = VERSION.exec(text)
    if (version !== null && version[4]!.length <= 9) {
      return new ExpedatEntry(...base, text, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, {
        version: version[2]!,
        release: version[3] === '' ? undefined : version[3],
        pid: Number(version[4]),
        port: version[5] === undefined || version[5].length > 5 ? undefined : Number(version[5])
      })
    }
  }
  if ((type === 'C' || type === 'D') && text !== undefined) {
    const setting = SETTING.exec(text)
    if (setting !== null) {
      const [, flag, name, number, origin, value] = setting as unknown as [string, string | undefined, string, string, string, string | undefined]
      return new ExpedatEntry(...base, text, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, {
        ...(flag === undefined ? {} : { flag }),
        name,
        // String settings give their length, then the value after the origin.
        value: value ?? number,
        origin
      })
    }
  }
  return new ExpedatEntry(...base, text)
}

function levelOf (e: ExpedatEntry): LogLevel {
  switch (e.type) {
    case 'E': return 'error'
    case 'W': return 'warning'
    case 'D': return 'debug'
    case 'M':
    case 'T': return e.message !== undefined && TROUBLE.test(e.message) ? 'warning' : 'info'
    default: return 'info'
  }
}

function actionOf (e: ExpedatEntry): string | undefined {
  if (e.direction === undefined) return undefined
  if (e.action !== undefined && e.action.startsWith('*')) return maintenanceActions[e.action] ?? 'file-maintenance'
  return e.direction === 'SEND' ? 'upload' : 'download'
}

function succeeded (e: ExpedatEntry): boolean {
  return e.errorClass === 0 && e.errorNumber === 0
}

/** `Local Server: <comment>`: origin from the class's sign, layer from its size, then the comment. */
function errorMessage (e: ExpedatEntry): string {
  const layer = mtpLayers[String(Math.abs(e.errorClass!))] ?? `class ${Math.abs(e.errorClass!)}`
  const origin = e.errorClass! < 0 ? 'Local' : 'Remote'
  return `${origin} ${layer}: ${e.message ?? 'no comment given'}`
}

const layout = compileLayout<ExpedatEntry>('expedat', {
  fields: {
    '@timestamp': { get: (e) => e.timestamp, always: true },
    'event.code': (e) => e.errorClass === undefined ? undefined : `${e.errorClass},${e.errorNumber!}`,
    'event.duration': (e) => nanoseconds(e.seconds),
    'source.ip': (e) => e.clientIp,
    'source.port': (e) => e.clientPort,
    'user.name': (e) => e.user,
    'file.path': (e) => e.path,
    'file.size': (e) => e.size,
    'process.name': (e) => e.version === undefined ? undefined : 'servedat',
    'process.pid': (e) => e.version?.pid,
    'message': (e) => e.message,
    'expedat.doc_id': (e) => e.docId,
    'expedat.encryption': (e) => e.encryption,
    'expedat.action': (e) => e.action,
    'expedat.compressed': (e) => e.action === 'zli' ? true : undefined,
    'expedat.bytes': (e) => e.bytes,
    'expedat.rate_bps': (e) => e.rateBps,
    'expedat.load': (e) => e.load,
    'expedat.status.current': (e) => e.status?.current,
    'expedat.status.max_config': (e) => e.status?.max_config,
    'expedat.status.max_start': (e) => e.status?.max_start,
    'expedat.status.total_start': (e) => e.status?.total_start,
    'expedat.status.errors': (e) => e.status?.errors,
    'expedat.status.failures': (e) => e.status?.failures,
    'expedat.status.warnings': (e) => e.status?.warnings,
    'expedat.status.denials': (e) => e.status?.denials,
    'expedat.setting.flag': (e) => e.setting?.flag,
    'expedat.setting.name': (e) => e.setting?.name,
    'expedat.setting.value': (e) => e.setting?.value,
    'expedat.setting.origin': (e) => e.setting?.origin,
    'expedat.version': (e) => e.version?.version,
    'expedat.release': (e) => e.version?.release,
    'expedat.port': (e) => e.version?.port
  },
  enriched: {
    'event.action': { get: actionOf, trusted: true },
    'event.outcome': { get: (e) => e.errorClass === undefined ? undefined : succeeded(e) ? 'success' : 'failure', trusted: true },
    // Class 0 is success, which a non-zero error number contradicts: such a pair has no meaning to give.
    'event.reason': (e) => e.errorClass === undefined || (e.errorClass === 0 && e.errorNumber !== 0) ? undefined : explain('mtp', e.errorClass)?.meaning,
    'log.level': { get: levelOf, trusted: true, always: true },
    'error.code': (e) => e.errorClass === undefined || succeeded(e) ? undefined : `${e.errorClass},${e.errorNumber!}`,
    'error.type': { get: (e) => e.errorClass === undefined || succeeded(e) ? undefined : 'mtp', trusted: true },
    'error.message': (e) => e.errorClass === undefined || succeeded(e) ? undefined : errorMessage(e),
    'expedat.type': { get: (e) => lineTypes[e.type], trusted: true, always: true }
  }
})

const SHAPE = /^[CDEFIMPSTVW] \d{8} \d\d:\d\d:\d\d(?:\.\d{1,3})?(?: |$)/

export const expedat: Dialect<ExpedatEntry> = {
  id: 'expedat',
  aliases: ['servedat', 'syncdat'],
  description: 'Data Expedition ExpeDat / SyncDat servedat log (C D E F I M P S T V W lines)',
  sniff: (line) => SHAPE.test(line) ? 1 : 0,
  fits: (line) => line.charCodeAt(1) === 32 && line.charCodeAt(10) === 32 && line.charCodeAt(13) === 58,
  parse,
  packed: expedatByteCodec({
    isAddress: (ip) => isIP(ip) !== 0,
    troubled: (message) => TROUBLE.test(message),
    entryOf: (line, lineNumber, original, filePath, instant) => read(line, lineNumber, { clock: undefined as never, original, filePath }, instant) as ExpedatEntry,
    probeOf: (v) => new ExpedatEntry(v.line, v.original, v.filePath, v.timestamp, v.type, v.message, v.docId, v.direction, v.clientIp, v.clientPort, v.user,
      v.encryption, v.path, v.action, v.bytes, v.size, v.seconds, v.rateBps, v.load, v.errorClass, v.errorNumber, v.status as StatusCounters | undefined),
    rateBps: (rate, unit) => Math.round(rate * BITS_PER[unit]!),
    writeJSON: (entry) => layout.writeJSON(entry, true, true)
  }),
  layout,
  isEntry: (value: unknown): value is ExpedatEntry => value instanceof ExpedatEntry
}
