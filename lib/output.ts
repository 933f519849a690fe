/**
 * Where the command writes its records when standard output is a pipe or a socket (`logjson x.log | jq`).
 *
 * Node writes to a pipe as to any socket: from the command's own thread, as much as the pipe has room for
 * per call (64 KiB on Linux), the rest when the reader has made room. Here each chunk is first written
 * from the thread pool (`fs.write`), which takes those system calls and their copying off the thread that
 * converts: 1M-line files into `cat` took 11–14% less time. The pipe stays as Node opened it, non-blocking
 * (putting it in blocking mode would change it for every process sharing it, and leave a thread-pool
 * thread stuck in a write that `process.exit` then waits for): a write takes what the pipe has room for,
 * and when the pipe is full, the rest of that chunk goes through `process.stdout`, which waits for room
 * without holding any thread. The next chunk tries the thread pool again. Chunks go out whole and in order.
 */
import { fstatSync, write as writeToFd } from 'node:fs'
import { Writable } from 'node:stream'

/**
 * Bytes the writer takes before it asks the conversion to wait: a few batches, so that the conversion goes
 * on while the pipe drains.
 */
const OUTPUT_HIGH_WATER_MARK = 1024 * 1024

/** How many bytes a pipe writer wrote from the thread pool, and handed to its fallback stream (for tests). */
export const kBytesWritten = Symbol('logjson.output.bytesWritten')

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
 * A stream writing to the pipe or socket `fd` from the thread pool, handing what a full pipe does not take
 * to `fallback`, the stream Node opened on the same descriptor. A failed write fails the stream with the
 * system's code (`EPIPE` when the reader has gone).
 */
export function pipeWriter (fd: number, fallback: Writable): Writable {
  const written = { direct: 0, handedOver: 0 }
  const writer = new Writable({
    highWaterMark: OUTPUT_HIGH_WATER_MARK,
    write (chunk: Buffer, _encoding, callback) {
      const writeFrom = (at: number): void => {
        if (at >= chunk.length) {
          callback()
          return
        }
        writeToFd(fd, chunk, at, chunk.length - at, null, (err, count) => {
          if (err === null) {
            written.direct += count
            writeFrom(at + count)
          } else if (err.code === 'EAGAIN') {
            written.handedOver += chunk.length - at
            fallback.write(chunk.subarray(at), callback)
          } else {
            callback(Object.assign(new Error(cannotWriteOutput(err)), { code: err.code }))
          }
        })
      }
      writeFrom(0)
    }
  })
  Object.defineProperty(writer, kBytesWritten, { value: written })
  return writer
}

/**
 * The stream the command writes its records to: a `pipeWriter` when `stdout` (the process's standard
 * output) is a pipe or a socket, else `stdout` itself.
 */
export function recordOutput (stdout: NodeJS.WriteStream & { fd: number }): Writable {
  return isPipeOrSocket(stdout.fd) ? pipeWriter(stdout.fd, stdout) : stdout
}
