/**
 * Codes of GlobalSCAPE (Fortra) EFT's own client, as they appear in the LAST_RESULT_CODE ("GetLastCode")
 * column of its client log (cl<yymmdd>.log), written when an Event Rule downloads, copies or moves files
 * to or from another server.
 *
 * Sources: GlobalSCAPE knowledge-base article 10262 on the client log and the EFT 6 help page "The Client
 * Log", which give the same list. Codes 1–8 are the reply codes of a SOCKS5 proxy (RFC 1928 §6), which is
 * where their meanings come from; the rest are EFT's own. The meanings are written here, not copied.
 *
 * That column mixes code spaces: FTP replies and Winsock errors have their own catalogs, and on sftp lines
 * 0–8 are more likely SFTP status codes, so callers pick this table by protocol and range.
 */
import { defineCatalog, type Catalog } from './catalog.js'

export const eft: Catalog = defineCatalog({
  id: 'eft',
  title: 'GlobalSCAPE EFT client codes',
  description: 'Connection, SOCKS proxy and timeout codes of the GlobalSCAPE EFT client, seen in the LAST_RESULT_CODE column of its cl<yymmdd>.log client log',
  symbolic: false,
  entries: [
    {
      code: '-1',
      name: 'Unknown SFTP error',
      meaning: 'EFT\'s SFTP client writes this when an operation failed and it has too little information to say why.',
      source: 'EFT',
      outcome: 'failure'
    },
    {
      code: '0',
      name: 'Connected',
      meaning: 'EFT reached the remote server and the operation went through.',
      source: 'EFT',
      outcome: 'success'
    },
    {
      code: '1',
      name: 'General SOCKS failure',
      meaning: 'The SOCKS proxy failed for a reason it did not specify. This is one of the SOCKS5 reply codes of RFC 1928.',
      source: 'RFC 1928',
      outcome: 'failure'
    },
    {
      code: '2',
      name: 'Connection not allowed by ruleset',
      meaning: 'The SOCKS proxy\'s rules forbid connecting to that destination. This is one of the SOCKS5 reply codes of RFC 1928.',
      source: 'RFC 1928',
      outcome: 'failure'
    },
    {
      code: '3',
      name: 'Network unreachable',
      meaning: 'The network the remote server is on could not be reached. This is one of the SOCKS5 reply codes of RFC 1928.',
      source: 'RFC 1928',
      outcome: 'failure'
    },
    {
      code: '4',
      name: 'Host unreachable',
      meaning: 'The remote host could not be reached. This is one of the SOCKS5 reply codes of RFC 1928.',
      source: 'RFC 1928',
      outcome: 'failure'
    },
    {
      code: '5',
      name: 'Connection refused',
      meaning: 'The remote server actively turned the connection down. This is one of the SOCKS5 reply codes of RFC 1928.',
      source: 'RFC 1928',
      outcome: 'failure'
    },
    {
      code: '6',
      name: 'TTL expired',
      meaning: 'The time to live of the traffic ran out before it reached the server, which points to a network problem. This is one of the SOCKS5 reply codes of RFC 1928.',
      source: 'RFC 1928',
      outcome: 'failure'
    },
    {
      code: '7',
      name: 'Command not supported',
      meaning: 'The remote side does not support the requested command; EFT also falls back to this code for errors it has no better code for. This is one of the SOCKS5 reply codes of RFC 1928.',
      source: 'RFC 1928',
      outcome: 'failure'
    },
    {
      code: '8',
      name: 'Address type not supported',
      meaning: 'The kind or format of the destination address was not accepted. This is one of the SOCKS5 reply codes of RFC 1928.',
      source: 'RFC 1928',
      outcome: 'failure'
    },
    {
      code: '10',
      name: 'Illegal SOCKS name',
      meaning: 'The name handed to the SOCKS proxy is not a valid one.',
      source: 'EFT',
      outcome: 'failure'
    },
    {
      code: '11',
      name: 'SOCKS5 authentication failed',
      meaning: 'The SOCKS5 proxy did not accept the user name or password EFT logged in with.',
      source: 'EFT',
      outcome: 'failure'
    },
    {
      code: '12',
      name: 'Cannot reach SOCKS server',
      meaning: 'EFT could not open a connection to the SOCKS proxy itself.',
      source: 'EFT',
      outcome: 'failure'
    },
    {
      code: '2000',
      name: 'Internal timeout',
      meaning: 'EFT\'s own timeout ran out before the operation completed. It has many possible causes, for example a firewall blocking the connection.',
      source: 'EFT',
      outcome: 'failure'
    }
  ]
})
