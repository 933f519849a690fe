/**
 * The code tables, each with the field it explains; `docs/codes.md` is generated from this list.
 */
import type { CodeTable } from './table.js'
import { accessModes, authenticationMethods, completionStatuses, directions, specialActions, transferTypes } from './xferlog.js'
import { lineTypes, maintenanceActions } from './expedat.js'

export interface CodeTableInfo {
  /** The dialect whose lines carry the codes. */
  readonly dialect: string
  /** What the log calls the field. */
  readonly name: string
  /** The record field the words go to. */
  readonly field: string
  readonly table: CodeTable<string>
}

export const codeTables: readonly CodeTableInfo[] = Object.freeze([
  { dialect: 'xferlog', name: 'transfer-type', field: 'xferlog.transfer_type', table: transferTypes },
  { dialect: 'xferlog', name: 'special-action-flag (`_` alone: none, an empty list)', field: 'xferlog.special_action', table: specialActions },
  { dialect: 'xferlog', name: 'direction', field: 'event.action', table: directions },
  { dialect: 'xferlog', name: 'access-mode', field: 'xferlog.access_mode', table: accessModes },
  { dialect: 'xferlog', name: 'authentication-method', field: 'xferlog.authentication_method', table: authenticationMethods },
  { dialect: 'xferlog', name: 'completion-status (absent: `unknown`)', field: 'event.outcome', table: completionStatuses },
  { dialect: 'expedat', name: 'line type', field: 'expedat.type', table: lineTypes },
  { dialect: 'expedat', name: 'file-maintenance action (other `*` actions: `file-maintenance`)', field: 'event.action', table: maintenanceActions }
])
