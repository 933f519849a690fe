/**
 * The record every dialect produces: Elastic Common Schema names as nested objects, plus one namespace per
 * dialect for what only that dialect has. `schema.ts` is the authority on which fields exist and their
 * types; this interface is the compile-time view of the common part.
 */
export type EventOutcome = 'success' | 'failure' | 'unknown'
export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'critical' | 'alert' | 'emergency'

export interface EventFields {
  dataset?: string
  action?: string
  outcome?: EventOutcome
  code?: string
  reason?: string
  duration?: number
  original?: string
}

export interface EndpointFields {
  ip?: string
  port?: number
  domain?: string
}

export interface LogRecord {
  '@timestamp'?: string
  event?: EventFields
  log?: { level?: LogLevel, file?: { path?: string } }
  source?: EndpointFields
  destination?: EndpointFields
  host?: { hostname?: string }
  process?: { name?: string, pid?: number }
  user?: { name?: string }
  file?: { path?: string, size?: number }
  network?: { protocol?: string }
  error?: { code?: string, type?: string, message?: string }
  message?: string
  logjson?: { line?: number, unparsed?: boolean }
  [namespace: string]: unknown
}

/** A line no dialect could read, kept with the reason and the line itself. */
export interface RejectedRecord extends LogRecord {
  logjson: { line: number, unparsed: true }
  error: { type: 'parse', message: string }
  event: { original: string }
}

export function rejectedRecord (line: number, reason: string, original: string, filePath: string | undefined): RejectedRecord {
  const record: RejectedRecord = {
    logjson: { line, unparsed: true },
    error: { type: 'parse', message: reason },
    event: { original }
  }
  if (filePath !== undefined) record.log = { file: { path: filePath } }
  return record
}

export function isRejected (record: LogRecord): boolean {
  return record.logjson?.unparsed === true
}

/**
 * `event.duration` in nanoseconds from seconds. A value past the exact range of JSON numbers is left for
 * the layout to drop (see `guardOf` in layout.ts).
 */
export function nanoseconds (seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.round(seconds * 1e9)
}
