/**
 * The sub-errors of Transfer CFT's SSL task messages. CFTY03E, CFTY04E and CFTY07E put the name of the
 * step that failed in brackets and a return code after it (`CFTY03E PID=... System error [SYDEF] CR=-1
 * CS=...`); for several steps the CR value says more.
 *
 * Source: the Transfer CFT User Guide topic "Transfer CFT messages: CFTY", which lists each bracketed name
 * under its message with the CR values it can come with. Names and CR values are taken from it as they are;
 * the meanings are written here, not copied.
 */
import { codeTable, type CodeTable } from './table.js'

export interface CftSubError {
  /** The name in brackets: `MMALLOC`. */
  readonly name: string
  readonly meaning: string
  /** The CR value as written (`'-1'`) and what it means, where the documentation lists them. */
  readonly cr?: CodeTable<string>
  /** The message ids that can carry this name. */
  readonly messages: readonly string[]
}

const systemError = 'The operating system reported an error.'
const noMemory = 'Memory could not be allocated dynamically.'

function subError (name: string, messages: readonly string[], meaning: string, cr?: Record<string, string>): CftSubError {
  return Object.freeze({
    name,
    meaning,
    ...(cr === undefined ? {} : { cr: codeTable(cr) }),
    messages: Object.freeze([...messages])
  })
}

export const cftSubErrors: CodeTable<CftSubError> = codeTable({
  MMALLOC: subError('MMALLOC', ['CFTY03E', 'CFTY07E'], 'Memory could not be allocated dynamically; on an established SSL session the network session is then cleared.'),
  SYDEF: subError('SYDEF', ['CFTY03E'], 'The semaphore of the SSL task could not be created.', {
    '-1': 'The maximum number of semaphores has been reached.',
    '-2': 'An internal error occurred.',
    '-9': systemError
  }),
  SYPOST: subError('SYPOST', ['CFTY03E', 'CFTY07E'], 'Writing a message to a semaphore failed.', {
    '-1': 'The semaphore is not defined or has already been closed.',
    '-2': 'Too many messages are already queued on the semaphore.',
    '-3': 'The message is longer than allowed.',
    '-9': systemError
  }),
  SYWAIT: subError('SYWAIT', ['CFTY03E'], 'Reading a message from a semaphore failed.', {
    '-1': 'The semaphore is not defined.',
    '-3': 'The semaphore has already been closed.',
    '-9': systemError
  }),
  CTXDEF: subError('CTXDEF', ['CFTY03E'], 'The manager of SSL session contexts could not be created.', {
    '-2': noMemory,
    '-3': noMemory,
    '-9': 'The maximum number of context managers has been reached.'
  }),
  STARTPKI: subError('STARTPKI', ['CFTY03E'], 'The PKI failed with an internal error; CS then reads PKII nnn for the Transfer CFT internal PKI or PKIE nnn for an external PKI, where nnn is a TLS alert number.'),
  FMALLOC: subError('FMALLOC', ['CFTY04E'], 'The certificate database index file could not be allocated.', {
    '-1': 'The file does not exist.',
    '-3': 'Another application holds the file in exclusive mode.',
    '-9': systemError
  }),
  DMOPEN: subError('DMOPEN', ['CFTY04E'], 'The certificate database index file could not be opened.', {
    '-1': 'The file is not allocated.',
    '-2': 'The open mode is not valid.',
    '-3': 'Another user of the file is in conflict with this access.',
    '-9': systemError
  }),
  DMGN: subError('DMGN', ['CFTY04E'], 'Reading the certificate database index file failed.', {
    '-9': systemError
  }),
  HPUT: subError('HPUT', ['CFTY04E'], 'Loading the certificate database index file failed.', {
    '-3': 'Memory could not be allocated while the file was loaded.'
  }),
  CTXALLOC: subError('CTXALLOC', ['CFTY07E'], 'Memory for a new SSL session context could not be obtained.', {
    '-2': noMemory,
    '-3': noMemory,
    '-9': 'The maximum number of contexts has been reached.'
  }),
  CTXCHK: subError('CTXCHK', ['CFTY07E'], 'Another Transfer CFT task sent a message for an SSL context that is not valid or has already been released.')
})

/**
 * What the bracketed `name` of message `messageId` means, with the meaning of its CR value when the
 * documentation gives one; undefined when that message does not carry that name.
 */
export function cftSubError (messageId: string, name: string, cr?: string): { meaning: string, crMeaning?: string } | undefined {
  if (typeof messageId !== 'string' || typeof name !== 'string') return undefined
  const subError = cftSubErrors[name.trim().replace(/^\[|\]$/g, '').toUpperCase()]
  if (subError === undefined || !subError.messages.includes(messageId.trim().toUpperCase())) return undefined
  const crText = typeof cr === 'string' ? cr.trim() : undefined
  const crKey = crText !== undefined && /^[+-]?\d{1,9}$/.test(crText) ? String(Number(crText)) : crText
  const crMeaning = crKey === undefined ? undefined : subError.cr?.[crKey]
  return crMeaning === undefined ? { meaning: subError.meaning } : { meaning: subError.meaning, crMeaning }
}
