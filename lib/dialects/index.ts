/**
 * The dialect registry: the one list the detect stage scores, `--dialect` accepts and `--list-dialects`
 * prints. A new dialect is a module beside this one and a line in `registry`.
 */
import { LogjsonError } from '../errors.js'
import { xferlog } from './xferlog.js'
import { eftClient } from './eft-client.js'
import { expedat } from './expedat.js'
import { proftpd } from './proftpd.js'
import { transferCft } from './transfer-cft.js'
import type { Dialect } from './types.js'

export type { Dialect, JoinKind, PackedCodec, ParseContext, ParseResult, RecordJoin } from './types.js'
export { JOIN_CONTINUE, JOIN_PREFIX, JOIN_START } from './types.js'

const registry: readonly Dialect[] = Object.freeze([xferlog, eftClient, proftpd, transferCft, expedat])

const byName = new Map<string, Dialect>()
for (const dialect of registry) {
  byName.set(dialect.id, dialect)
  for (const alias of dialect.aliases) byName.set(alias, dialect)
}

/** Every dialect, in the order detection breaks ties. */
export const dialects: readonly Dialect[] = registry

/** Every name `--dialect` accepts besides `auto`: ids, then aliases. */
export function dialectNames (): string[] {
  return [...registry.map((d) => d.id), ...registry.flatMap((d) => d.aliases)]
}

export function findDialect (name: string): Dialect | undefined {
  return byName.get(name)
}

export function getDialect (name: string): Dialect {
  const dialect = byName.get(name)
  if (dialect === undefined) {
    throw new LogjsonError('UNKNOWN_DIALECT', `unknown dialect "${name}" (choose auto, ${dialectNames().join(', ')})`, { option: 'dialect' })
  }
  return dialect
}
