/**
 * A `--jobs` worker: the command itself, converting the input files it is given one after another (see
 * jobs.ts). A file's output goes to its spool file, which the command copies to the output when the file's
 * turn comes; once the copy has caught up, the command asks the worker to write the rest itself, and it
 * does from its next write on. Synchronous writes are right here: this thread has nothing else to do while
 * its output waits, and a full pipe holding it back is the backpressure.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { closeSync, openSync } from 'node:fs'
import { Readable, Writable } from 'node:stream'
import { EXIT_INTERRUPTED, main } from './cli.js'
import { ASKED, DIRECT, HANDOVER, SPOOLED, SPOOLING, STOPPED, writeFully, type CommandMessage, type WorkerMessage } from './jobs.js'
import type { Stats } from './stats.js'

/** Write errors that say the spool's file system is full, not that anything else went wrong. */
const SPOOL_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG'])

const port = parentPort!
const { argv, fd, now, progress } = workerData as { argv: string[], fd: number, now: number, progress: BigInt64Array | undefined }
const send = (message: WorkerMessage): void => port.postMessage(message)

// Ctrl-C stops the file in hand and any given after it: the command starts no more once interrupted.
const interruption = new AbortController()
// Every file is of the same command line, parsed for the first.
const parsed = {}
let converting = Promise.resolve()
port.on('message', (message: CommandMessage) => {
  if (message.type === 'interrupt') interruption.abort()
  else converting = converting.then(() => convert(message.input, message.spoolPath, message.shared))
})

async function convert (input: number, spoolPath: string, shared: BigInt64Array): Promise<void> {
  let spool: number | undefined = openSync(spoolPath, 'w')
  let spooled = 0
  /** Tells the command of a change to either slot: it waits on the `SPOOLED` slot for both. */
  const notify = (): void => { Atomics.notify(shared, SPOOLED) }

  /**
   * Stops spooling: waits until the command has copied the spool so far and asks for the output (at once
   * when it already has), then until it has copied the rest; the output is then this thread's to write.
   */
  const handOver = (spoolFd: number): void => {
    closeSync(spoolFd)
    spool = undefined
    while (Atomics.load(shared, HANDOVER) === SPOOLING) Atomics.wait(shared, HANDOVER, SPOOLING, 1000)
    Atomics.store(shared, HANDOVER, STOPPED)
    notify()
    while (Atomics.load(shared, HANDOVER) !== DIRECT) Atomics.wait(shared, HANDOVER, STOPPED, 1000)
  }

  const stdout = new Writable({
    write (chunk: Buffer, _encoding, callback) {
      try {
        if (spool !== undefined && Atomics.load(shared, HANDOVER) === ASKED) handOver(spool)
        if (spool !== undefined) {
          try {
            writeFully(spool, chunk)
            spooled += chunk.byteLength
            Atomics.store(shared, SPOOLED, BigInt(spooled))
            notify()
            callback()
            return
          } catch (err) {
            if (!SPOOL_FULL.has((err as NodeJS.ErrnoException).code ?? '')) throw err
          }
          // The spool's disk is full: this file waits for its turn, when the command has copied what the
          // spool holds (the chunk's bytes past `spooled` are not counted), then writes on directly.
          handOver(spool)
        }
        writeFully(fd, chunk)
        callback()
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EPIPE') send({ type: 'closed' })
        callback(err as Error)
      }
    }
  })
  const stderr = new Writable({
    write (chunk: Buffer, _encoding, callback) {
      send({ type: 'stderr', input, text: chunk.toString('utf8') })
      callback()
    }
  })

  let summary: { stats: ReturnType<Stats['toJSON']>, stopped: boolean } | undefined
  const status = await main(argv, {
    stdin: Readable.from([]),
    stdout,
    stderr,
    only: input,
    parsed,
    now,
    progress,
    interruption: interruption.signal,
    onFinish: ({ stats, stopped }) => { summary = { stats: stats.toJSON(), stopped } }
  })
  if (spool !== undefined) closeSync(spool)
  send({
    type: 'finish',
    input,
    status,
    stats: summary?.stats ?? { lines: 0, records: 0, joined: 0, filtered: 0, blank: 0, rejected: 0, dialects: {} },
    stopped: summary?.stopped ?? false,
    interrupted: status === EXIT_INTERRUPTED,
    spooled: spool === undefined ? undefined : spooled
  })
}
