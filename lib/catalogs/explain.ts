/**
 * The one look-up of code meanings, used by the enrich stage (through the dialects), the library's
 * `explain` and `logjson explain`.
 */
import { defineCatalog, type Catalog, type CatalogEntry, type CatalogId } from './catalog.js'
import { ftp, ftpFirstDigit, ftpSecondDigit } from './ftp.js'
import { winsock } from './winsock.js'
import { sftp } from './sftp.js'
import { eft } from './eft.js'
import { mtp } from './mtp.js'
import { errno } from './errno.js'
import { tlsAlert } from './tls-alert.js'
import { cft } from './cft-messages.js'
import { cftDiag, explainDiagi } from './cft-diag.js'

export type { Catalog, CatalogEntry, CatalogId } from './catalog.js'
export { defineCatalog }

/** Every catalog, in the order `logjson explain --list` shows them. */
export const catalogs: readonly Catalog[] = Object.freeze([ftp, winsock, sftp, eft, mtp, errno, cft, cftDiag, tlsAlert])

const byId = new Map<string, Catalog>(catalogs.map((catalog) => [catalog.id, catalog]))
const entriesOf = new Map<string, ReadonlyMap<string, CatalogEntry>>(
  catalogs.map((catalog) => [catalog.id, new Map(catalog.entries.map((entry) => [entry.code, entry]))])
)
/**
 * Symbolic catalogs answer by name too (`EACCES`, `EWOULDBLOCK`, `handshake_failure`), case-insensitively;
 * message-id catalogs (Transfer CFT) answer by id.
 */
const namesOf = new Map<string, ReadonlyMap<string, CatalogEntry>>(
  catalogs.map((catalog) => {
    const names = new Map<string, CatalogEntry>()
    for (const entry of catalog.entries) {
      if (!/^[+-]?\d+$/.test(entry.code)) names.set(entry.code.toUpperCase(), entry)
      if (!catalog.symbolic) continue
      names.set(entry.name.toUpperCase(), entry)
      for (const alias of entry.aliases ?? []) names.set(alias.toUpperCase(), entry)
    }
    return [catalog.id, names]
  })
)

/** A code's meaning: its catalog entry, or for FTP a meaning read from its digits. */
export interface Explanation extends CatalogEntry {
  readonly catalog: CatalogId
  /** False when the code is not in the table and the meaning comes from its digits (FTP). */
  readonly known: boolean
}

export function findCatalog (id: string): Catalog | undefined {
  return byId.get(id)
}

/** A code in the form tables use: decimal, no sign for positives, no leading zeros. */
export function canonicalCode (code: string | number): string | undefined {
  const text = String(code).trim()
  if (!/^[+-]?\d{1,9}$/.test(text)) return undefined
  return String(Number(text))
}

const explained = new Map<string, Explanation | null>()

/**
 * What `code` means in catalog `catalogId`, or undefined when the catalog does not know it. An FTP code
 * missing from the table but shaped like one (three digits, first 1–6) is explained by its digits.
 */
export function explain (catalogId: string, code: string | number): Explanation | undefined {
  const entries = entriesOf.get(catalogId)
  if (entries === undefined) return undefined
  let canonical = canonicalCode(code)
  if (canonical === undefined) {
    canonical = namesOf.get(catalogId)!.get(String(code).trim().toUpperCase())?.code
    if (canonical === undefined) return undefined
  }
  const key = catalogId + ' ' + canonical
  const cached = explained.get(key)
  if (cached !== undefined) return cached ?? undefined
  const entry = entries.get(canonical)
  let result: Explanation | undefined
  if (entry !== undefined) result = Object.freeze({ ...entry, catalog: catalogId as CatalogId, known: true })
  else if (catalogId === 'ftp') result = explainFtpDigits(canonical)
  else if (catalogId === 'cft-diag') {
    // Codes from 501 up are the partner's code plus 500.
    const found = explainDiagi(canonical)
    if (found !== undefined) result = Object.freeze({ ...found.entry, code: canonical, catalog: 'cft-diag' as const, known: false })
  }
  if (explained.size < 4096) explained.set(key, result ?? null)
  return result
}

function explainFtpDigits (code: string): Explanation | undefined {
  if (!/^[1-6]\d\d$/.test(code)) return undefined
  const first = ftpFirstDigit[code[0]!]!
  const second = ftpSecondDigit[code[1]!]
  const group = second === undefined
    ? `Second digit ${code[1]!}: no group is assigned to it.`
    : `Second digit ${code[1]!} (${second.name}): ${second.meaning}`
  return Object.freeze({
    code,
    name: `${first.name} reply`,
    meaning: `Not a reply code the FTP standards define; its digits still say this much. First digit ${code[0]!} (${first.name}): ${first.meaning} ${group}`,
    source: 'RFC 959 reply digits',
    ...(first.outcome === undefined ? {} : { outcome: first.outcome }),
    catalog: 'ftp' as const,
    known: false
  })
}
