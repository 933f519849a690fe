/**
 * The record schema: every field any dialect writes, its type and meaning, and which dialects write it.
 * This table is the one source: `docs/schema.md` is generated from it (`npm run docs`), and the tests
 * validate every record they produce against it.
 */
import { accessModes, authenticationMethods, specialActions, transferTypes } from './catalogs/xferlog.js'
import { lineTypes } from './catalogs/expedat.js'
import type { CodeTable } from './catalogs/table.js'

/** Elasticsearch field types; the JSON type follows from it. */
/**
 * Elasticsearch field types; the JSON type follows from it. `flattened` is an object whose keys come from
 * the input (Transfer CFT's pairs): one field in the mapping whatever the keys, so input cannot grow it.
 */
export type FieldType = 'date' | 'keyword' | 'text' | 'long' | 'ip' | 'boolean' | 'flattened'

export interface FieldDefinition {
  /** Dotted path of the field in the record. */
  readonly name: string
  readonly type: FieldType
  /** True when the value is a list of values of `type`. */
  readonly array?: boolean
  readonly description: string
  /** Dialect ids that write the field, or `*` for fields every dialect may write. */
  readonly dialects: readonly string[]
  /** The only values allowed, where the field is a closed set. */
  readonly values?: readonly string[]
  /**
   * True when the value is the input copied as it was, so that any text is data, `-` included (the
   * rule against placeholders is about values standing for "unknown").
   */
  readonly verbatim?: boolean
}

const ALL = ['*'] as const
const levels = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency']

function valuesOf (table: CodeTable<string>): string[] {
  return [...new Set(Object.values(table).filter((v): v is string => v !== undefined))]
}

export const schema: readonly FieldDefinition[] = Object.freeze([
  { name: '@timestamp', type: 'date', description: 'When the line was written, in UTC with milliseconds, read from the line in the `--tz` zone.', dialects: ALL },
  { name: 'event.dataset', type: 'keyword', description: 'The dialect that read the line.', dialects: ALL },
  { name: 'event.action', type: 'keyword', description: 'What happened, as lower-case words joined by `-` (`download`, `upload`, `delete`, `login`, …).', dialects: ALL },
  { name: 'event.outcome', type: 'keyword', description: 'Whether it worked.', dialects: ALL, values: ['success', 'failure', 'unknown'] },
  { name: 'event.code', type: 'keyword', description: 'The message or result code as the log writes it.', dialects: ALL },
  { name: 'event.reason', type: 'text', description: 'What `event.code` means, in words.', dialects: ALL },
  { name: 'event.duration', type: 'long', description: 'How long it took, in nanoseconds.', dialects: ALL },
  { name: 'event.original', type: 'keyword', description: 'The raw line (with `--original`, and always on a rejected line).', dialects: ALL, verbatim: true },
  { name: 'log.level', type: 'keyword', description: 'Severity of the line.', dialects: ALL, values: levels },
  { name: 'log.syslog.facility.name', type: 'keyword', description: 'The syslog facility, where the line names it (`local0`, `authpriv`).', dialects: ['proftpd'] },
  { name: 'log.file.path', type: 'keyword', description: 'The input file, when reading files.', dialects: ALL },
  { name: 'source.ip', type: 'ip', description: 'Address of the remote client of a server log.', dialects: ALL },
  { name: 'source.port', type: 'long', description: 'Port of the remote client.', dialects: ALL },
  { name: 'source.domain', type: 'keyword', description: 'Host name of the remote client, when the log gives a name rather than an address.', dialects: ALL },
  { name: 'destination.ip', type: 'ip', description: 'Address of the remote server of a client log.', dialects: ALL },
  { name: 'destination.port', type: 'long', description: 'Port of the remote server.', dialects: ALL },
  { name: 'destination.domain', type: 'keyword', description: 'Host name of the remote server.', dialects: ALL },
  { name: 'host.hostname', type: 'keyword', description: 'The host that wrote the line.', dialects: ALL },
  { name: 'process.name', type: 'keyword', description: 'The program that wrote the line.', dialects: ALL },
  { name: 'process.pid', type: 'long', description: 'Its process id.', dialects: ALL },
  { name: 'user.name', type: 'keyword', description: 'The account (for anonymous xferlog access: the identification the client typed).', dialects: ALL },
  { name: 'file.path', type: 'keyword', description: 'The file acted on, as the log writes it.', dialects: ALL },
  { name: 'file.size', type: 'long', description: 'Bytes (for xferlog: bytes transferred).', dialects: ALL },
  { name: 'network.protocol', type: 'keyword', description: 'Protocol in lower case: `ftp`, `ftps`, `sftp`, `scp`, …', dialects: ALL },
  { name: 'error.code', type: 'keyword', description: 'On failures: the symbolic name of the code where its catalog has one, else the code.', dialects: ALL },
  { name: 'error.type', type: 'keyword', description: 'On failures: the catalog the code belongs to; `parse` on a rejected line.', dialects: ALL },
  { name: 'error.message', type: 'text', description: 'On failures: what went wrong, in words; on a rejected line, why it could not be read.', dialects: ALL },
  { name: 'message', type: 'text', description: 'Free text the line carries.', dialects: ALL },
  { name: 'xferlog.transfer_type', type: 'keyword', description: 'How the file was sent.', dialects: ['xferlog'], values: valuesOf(transferTypes) },
  { name: 'xferlog.special_action', type: 'keyword', array: true, description: 'What the server did to the file on the way (empty: nothing).', dialects: ['xferlog'], values: valuesOf(specialActions) },
  { name: 'xferlog.access_mode', type: 'keyword', description: 'How the user logged in: `anonymous`, `guest` (a password-protected guest account) or `real` (a local account).', dialects: ['xferlog'], values: valuesOf(accessModes) },
  { name: 'xferlog.authentication_method', type: 'keyword', description: 'How the user was identified beyond the login: `none`, or `rfc931` (ident).', dialects: ['xferlog'], values: valuesOf(authenticationMethods) },
  { name: 'xferlog.authenticated_user_id', type: 'keyword', description: 'The user id the ident server returned, when there was one.', dialects: ['xferlog'] },
  { name: 'proftpd.vhost', type: 'keyword', description: 'The virtual server the session belongs to (its ServerName or address), as the line writes it.', dialects: ['proftpd'] },
  { name: 'proftpd.module', type: 'keyword', description: 'The module that wrote a module log line (`mod_tls`, `mod_sftp`).', dialects: ['proftpd'] },
  { name: 'proftpd.module_version', type: 'keyword', description: 'That module\'s version (`2.7`).', dialects: ['proftpd'] },
  { name: 'proftpd.version', type: 'keyword', description: 'Start-up and shut-down lines: the ProFTPD version.', dialects: ['proftpd'] },
  { name: 'proftpd.command', type: 'keyword', description: 'JSON ExtendedLog record: the FTP or SSH command.', dialects: ['proftpd'] },
  { name: 'proftpd.response_code', type: 'keyword', description: 'JSON ExtendedLog record: the reply code sent for it.', dialects: ['proftpd'] },
  { name: 'proftpd.json_truncated', type: 'boolean', description: 'Present and true when the line carries a JSON ExtendedLog record that was cut off (kept as text in `message`).', dialects: ['proftpd'] },
  { name: 'eft.remote_path', type: 'keyword', description: 'The file on the remote server (`file.path` is the local one).', dialects: ['eft-client'] },
  { name: 'cft', type: 'flattened', description: 'The message\'s `KEY=value` pairs under lower-case keys (`part`, `idf`, `idt`, `idtu`, `ids`, `ctx`, `pid`, `cr`, `cs`, `diagi`, `diagp`, `diagc`, `nbc`, …; `nbc`, `pid`, `cr`, `diagi`, `ncr`, `sap`, `pos` and `nrec` as numbers), the words its template names (`str`, `cmd`, `user`, …), `category` (the component in words), `node` (the node id) and `error_name` (the `[NAME]` of an SSL or system error).', dialects: ['transfer-cft'] },
  { name: 'expedat.type', type: 'keyword', description: 'The line type in words.', dialects: ['expedat'], values: valuesOf(lineTypes) },
  { name: 'expedat.doc_id', type: 'keyword', description: 'The transaction id (8 hex digits) that ties its initiation, progress and final lines together.', dialects: ['expedat'] },
  { name: 'expedat.encryption', type: 'keyword', description: 'How the content was encrypted (`AES`), when it was.', dialects: ['expedat'] },
  { name: 'expedat.action', type: 'keyword', description: 'The action specifier as written: a packaging or handler name, `zli` for compressed transfers, `*dl` and the like for file maintenance.', dialects: ['expedat'] },
  { name: 'expedat.compressed', type: 'boolean', description: 'Present and true when the transfer was compressed (`zli`).', dialects: ['expedat'] },
  { name: 'expedat.bytes', type: 'long', description: 'Network bytes moved so far (progress lines) or in all (final lines); may be less than the file for compressed or resumed transfers.', dialects: ['expedat'] },
  { name: 'expedat.rate_bps', type: 'long', description: 'Transfer rate in bits per second.', dialects: ['expedat'] },
  { name: 'expedat.load', type: 'long', description: 'Server load (active transactions) at a progress line.', dialects: ['expedat'] },
  { name: 'expedat.status.current', type: 'long', description: 'Status line: active transactions now.', dialects: ['expedat'] },
  { name: 'expedat.status.max_config', type: 'long', description: 'Status line: peak load since the configuration was last loaded.', dialects: ['expedat'] },
  { name: 'expedat.status.max_start', type: 'long', description: 'Status line: peak load since start-up.', dialects: ['expedat'] },
  { name: 'expedat.status.total_start', type: 'long', description: 'Status line: transactions attempted since start-up.', dialects: ['expedat'] },
  { name: 'expedat.status.errors', type: 'long', description: 'Status line: server errors since start-up (about the number of E lines).', dialects: ['expedat'] },
  { name: 'expedat.status.failures', type: 'long', description: 'Status line: transactions that started and then failed.', dialects: ['expedat'] },
  { name: 'expedat.status.warnings', type: 'long', description: 'Status line: warnings since start-up (about the number of W lines).', dialects: ['expedat'] },
  { name: 'expedat.status.denials', type: 'long', description: 'Status line: transactions refused for authentication or configuration reasons.', dialects: ['expedat'] },
  { name: 'expedat.setting.flag', type: 'keyword', description: 'Configuration line: the command-line flag of the setting (`-a`).', dialects: ['expedat'] },
  { name: 'expedat.setting.name', type: 'keyword', description: 'Configuration line: the setting (`Aggression`).', dialects: ['expedat'] },
  { name: 'expedat.setting.value', type: 'keyword', description: 'Configuration line: its value.', dialects: ['expedat'] },
  { name: 'expedat.setting.origin', type: 'keyword', description: 'Configuration line: where the value came from (`System`, `Default`, `License`).', dialects: ['expedat'] },
  { name: 'expedat.version', type: 'keyword', description: 'Version line: the servedat version.', dialects: ['expedat'] },
  { name: 'expedat.release', type: 'keyword', description: 'Version line: the release date label (`July 2013`).', dialects: ['expedat'] },
  { name: 'expedat.port', type: 'long', description: 'Version line: the UDP port the server listens on.', dialects: ['expedat'] },
  // logjson's own fields close every record.
  { name: 'logjson.line', type: 'long', description: '1-based number of the line in its input (the first line of a record that spans several).', dialects: ALL },
  { name: 'logjson.unparsed', type: 'boolean', description: 'Present and true on a line no dialect could read.', dialects: ALL }
] satisfies FieldDefinition[])

const byName = new Map(schema.map((field) => [field.name, field]))

function jsonTypeOk (field: FieldDefinition, value: unknown): boolean {
  switch (field.type) {
    case 'long': return typeof value === 'number' && Number.isSafeInteger(value)
    case 'boolean': return typeof value === 'boolean'
    case 'flattened': return typeof value === 'object' && value !== null && !Array.isArray(value) &&
      Object.values(value).every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v)))
    default: return typeof value === 'string'
  }
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** Every way a record departs from the schema, as readable problems; empty when it conforms. */
export function validateRecord (record: unknown): string[] {
  const problems: string[] = []
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return ['a record must be an object']
  const dataset = (record as { event?: { dataset?: unknown } }).event?.dataset
  const walk = (value: Record<string, unknown>, prefix: string): void => {
    for (const key of Object.keys(value)) {
      const path = prefix === '' ? key : `${prefix}.${key}`
      const child = value[key]
      if (child === undefined) continue
      const field = byName.get(path)
      if (field === undefined) {
        if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
          walk(child as Record<string, unknown>, path)
        } else {
          problems.push(`${path}: not in the schema`)
        }
        continue
      }
      const items = field.array === true ? child : [child]
      if (!Array.isArray(items)) {
        problems.push(`${path}: expected a list`)
        continue
      }
      for (const item of items) {
        if (!jsonTypeOk(field, item)) problems.push(`${path}: expected ${field.type}, got ${JSON.stringify(item)}`)
        else if ((item === '' || item === '-') && field.verbatim !== true) problems.push(`${path}: placeholder value ${JSON.stringify(item)}`)
        else if (field.values !== undefined && !field.values.includes(item as string)) problems.push(`${path}: ${JSON.stringify(item)} is not one of ${field.values.join(', ')}`)
        else if (field.type === 'date' && !ISO_UTC.test(item as string)) problems.push(`${path}: ${JSON.stringify(item)} is not an ISO-8601 UTC time with milliseconds`)
      }
      if (typeof dataset === 'string' && !field.dialects.includes('*') && !field.dialects.includes(dataset)) {
        problems.push(`${path}: not a field of dialect ${dataset}`)
      }
    }
  }
  walk(record as Record<string, unknown>, '')
  return problems
}
