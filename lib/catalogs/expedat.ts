/**
 * The letters and specifiers of a servedat log line and what they mean, from Data Expedition's servedat
 * logging page.
 */
import { codeTable } from './table.js'

/** The line types and what they are, in words. */
export const lineTypes = codeTable({
  C: 'comment',
  D: 'diagnostic',
  E: 'error',
  F: 'final',
  I: 'initiation',
  M: 'mtp-message',
  P: 'progress',
  S: 'status',
  T: 'toolkit-message',
  V: 'version',
  W: 'warning'
})

/** File-maintenance action specifiers (written with a leading `*`) and the action they perform. */
export const maintenanceActions = codeTable({
  '*dl': 'delete'
})
