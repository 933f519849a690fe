/**
 * Code catalogs: what a numeric code in a log means. One module per code space (`ftp.ts`, `winsock.ts`,
 * `sftp.ts`, `eft.ts`) holds its table as data; `explain.ts` looks codes up for the enrich stage, the API
 * and the command.
 */

export type CatalogId = 'ftp' | 'winsock' | 'sftp' | 'eft' | 'mtp' | 'errno' | 'tls-alert' | 'cft' | 'cft-diag'

export interface CatalogEntry {
  /**
   * The code as logs write it: numeric codes in decimal (`'530'`, `'10060'`, `'-1'`), message ids as
   * they are (`'CFTT57I'`).
   */
  readonly code: string
  /**
   * The symbolic constant where the code space has them (`WSAETIMEDOUT`, `SSH_FX_NO_SUCH_FILE`),
   * otherwise a short title (`Transfer complete`).
   */
  readonly name: string
  /** What the code means, in a sentence or two. */
  readonly meaning: string
  /** The document that defines the code: `RFC 959`, `draft-ietf-secsh-filexfer-03`, `Winsock`, `EFT`. */
  readonly source: string
  /** SFTP: the protocol version that introduced the code (`'3'` … `'6'`). */
  readonly since?: string
  /** Other names for the same code (Winsock: the getaddrinfo `EAI_*` names that map onto it). */
  readonly aliases?: readonly string[]
  /** Whether a log line carrying this code reports success; left out where it depends on context. */
  readonly outcome?: 'success' | 'failure'
}

export interface Catalog {
  readonly id: CatalogId
  /** A few words: `FTP reply codes`. */
  readonly title: string
  /** One line: where the codes come from and where logs show them. */
  readonly description: string
  /** True when `name` is a symbolic constant, which then serves as `error.code`. */
  readonly symbolic: boolean
  readonly entries: readonly CatalogEntry[]
}

/** Freezes a catalog and its entries (tables are facts; nothing may change them at run time). */
export function defineCatalog (catalog: Catalog): Catalog {
  for (const entry of catalog.entries) {
    Object.freeze(entry)
    if (entry.aliases !== undefined) Object.freeze(entry.aliases)
  }
  Object.freeze(catalog.entries)
  return Object.freeze(catalog)
}
