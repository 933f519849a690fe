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

/**
 * The labels of an S (status) line's counters, in the order servedat writes them, and the key of each in
 * `expedat.status`.
 */
export const statusLabels = codeTable({
  'Load Current': 'current',
  MaxConfig: 'max_config',
  MaxStart: 'max_start',
  TotalStart: 'total_start',
  Errors: 'errors',
  Failures: 'failures',
  Warnings: 'warnings',
  Denials: 'denials'
})

/** File-maintenance action specifiers (written with a leading `*`) and the action they perform. */
export const maintenanceActions = codeTable({
  '*dl': 'delete'
})
