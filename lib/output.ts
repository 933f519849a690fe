/**
 * Where the command writes its records when standard output is a pipe or a socket (`logjson x.log | jq`).
 *
 * Node writes to a pipe as to any socket: from the command's own thread, as much as the pipe takes per call
 * (64 KiB on Linux), the rest when the reader has made room. Measured on 1M-line files read by `cat`, that
 * cost transfer-cft 3.0 s against 2.5 s, proftpd 3.6 s against 3.0 s, xferlog 2.3 s against 1.8 s when the
 * same bytes are written from the thread pool instead, where waiting for the reader takes nothing from the
 * conversion. So records go to the pipe's file descriptor through `fs.write`, with the pipe in blocking
 * mode: Node makes it non-blocking when it opens `process.stdout`, and a thread-pool write would then fail
 * whenever the pipe is full. Node puts pipes back in blocking mode itself on Windows; on Linux this only
 * restores what the shell made. Should a write still find the pipe non-blocking (another process sharing
 * it set that mode again), that write and every later one go through `process.stdout`, in order.
 */
import { fstatSync, write as writeToFd } from 'node:fs'
import { Writable } from 'node:stream'

/**
 * Bytes the writer takes before it asks the conversion to wait: a few batches, so that the conversion goes
 * on while the pipe drains.
 */
const OUTPUT_HIGH_WATER_MARK = 1024 * 1024

/** Set on a pipe writer once it writes through its fallback stream (tests read it). */
export const kFellBack = Symbol('logjson.output.fellBack')

/** What the command says when its output cannot be written: the system's code, explained for a full disk. */
export function cannotWriteOutput (err: NodeJS.ErrnoException): string {
  return `cannot write the output: ${err.code ?? err.message}${err.code === 'ENOSPC' ? ' (no space left on the device)' : ''}`
}

/** Whether file descriptor `fd` is a pipe or a socket (false when it cannot be told). */
export function isPipeOrSocket (fd: number): boolean {
  try {
    const stats = fstatSync(fd)
    return stats.isFIFO() || stats.isSocket()
  } catch {
    return false
  }
}

/**
 * A stream writing to the pipe or socket `fd` from the thread pool; `fallback`, the stream Node opened on
 * the same descriptor, takes over from the first write that finds the pipe non-blocking. A failed write
 * fails the stream with the system's code (`EPIPE` when the reader has gone).
 */
export function pipeWriter (fd: number, fallback: Writable): Writable {
  let fellBack = false
  const writer = new Writable({
    highWaterMark: OUTPUT_HIGH_WATER_MARK,
    write (chunk: Buffer, _encoding, callback) {
      if (fellBack) {
        fallback.write(chunk, callback)
        return
      }
      const writeFrom = (at: number): void => {
        if (at >= chunk.length) {
          callback()
          return
        }
        writeToFd(fd, chunk, at, chunk.length - at, null, (err, written) => {
          if (err === null) {
            writeFrom(at + written)
          } else if (err.code === 'EAGAIN') {
            fellBack = true
            fallback.write(chunk.subarray(at), callback)
          } else {
            callback(Object.assign(new Error(cannotWriteOutput(err)), { code: err.code }))
          }
        })
      }
      writeFrom(0)
    }
  })
  Object.defineProperty(writer, kFellBack, { get: () => fellBack })
  return writer
}

/**
 * The stream the command writes its records to: a `pipeWriter` when `stdout` (the process's standard
 * output) is a pipe or a socket, with the pipe put in blocking mode; else `stdout` itself.
 */
export function recordOutput (stdout: NodeJS.WriteStream & { fd: number }): Writable {
  if (!isPipeOrSocket(stdout.fd)) return stdout
  // `setBlocking` is what Node itself calls on Windows; were it missing, the writer falls back as above.
  const handle = (stdout as unknown as { _handle?: { setBlocking?: (blocking: boolean) => number } })._handle
  handle?.setBlocking?.(true)
  return pipeWriter(stdout.fd, stdout)
}
