/**
 * The one-letter codes of an xferlog line and what they mean. Facts from the wu-ftpd xferlog(5) page, the
 * SCO OpenServer ftplog(SFF) page, and the ProFTPD, vsftpd and Pure-FTPd writers of the format.
 */
import { codeTable } from './table.js'
import type { EventOutcome } from '../record.js'

/** transfer-type */
export const transferTypes = codeTable({
  a: 'ascii',
  b: 'binary'
})

/** special-action-flag: any combination of the letters, or `_` alone for none. */
export const specialActions = codeTable({
  C: 'compressed',
  U: 'uncompressed',
  T: 'tar'
})

/** direction → `event.action`. `d` is ProFTPD's (and SFTPGo's) record of a deleted file. */
export const directions = codeTable({
  o: 'download',
  i: 'upload',
  d: 'delete'
})

/** access-mode */
export const accessModes = codeTable({
  a: 'anonymous',
  g: 'guest',
  r: 'real'
})

/** authentication-method: `1` is an identity returned by an RFC 931 (ident) server. */
export const authenticationMethods = codeTable({
  0: 'none',
  1: 'rfc931'
})

/**
 * completion-status → `event.outcome`. wu-ftpd and its successors write `c`/`i`; the SCO ftplog page
 * numbers the same two states `0` (complete) and `1` (incomplete).
 */
export const completionStatuses = codeTable<EventOutcome>({
  c: 'success',
  i: 'failure',
  0: 'success',
  1: 'failure'
})
