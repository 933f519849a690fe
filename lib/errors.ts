/**
 * The one error class of the library. `code` tells callers what went wrong without parsing the message;
 * the command line maps codes to exit statuses (usage errors exit 2, conversion errors exit 1).
 */
export type LogjsonErrorCode =
  | 'INVALID_OPTION'
  | 'UNKNOWN_DIALECT'
  | 'UNKNOWN_TIMEZONE'
  | 'REJECTED_LINE'
  | 'INVALID_CHUNK'

export class LogjsonError extends Error {
  readonly code: LogjsonErrorCode
  /** The option at fault, for option errors. */
  readonly option: string | undefined
  /** 1-based line number, for `REJECTED_LINE`. */
  readonly line: number | undefined
  /** Input file, when known. */
  readonly file: string | undefined

  constructor (code: LogjsonErrorCode, message: string, details: { option?: string, line?: number, file?: string, cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'LogjsonError'
    this.code = code
    this.option = details.option
    this.line = details.line
    this.file = details.file
  }
}

/** Usage errors are the caller's to fix; everything else is a failed conversion. */
export function isUsageError (err: unknown): boolean {
  if (!(err instanceof LogjsonError)) return false
  return err.code === 'INVALID_OPTION' || err.code === 'UNKNOWN_DIALECT' || err.code === 'UNKNOWN_TIMEZONE'
}
