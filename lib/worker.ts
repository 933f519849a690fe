/**
 * One `--jobs` worker: the command itself, converting the one input file it was given (see jobs.ts). Its
 * output goes to its spool file, which the command copies to the output when the file's turn comes; once
 * the copy has caught up, the command asks it to write the rest itself, and it does from its next write
 * on. Synchronous writes are right here: this thread has nothing else to do while its output waits, and a
 * full pipe holding it back is the backpressure.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { closeSync, openSync } from 'node:fs'
import { Readable, Writable } from 'node:stream'
import { main } from './cli.js'
import { ASKED, DIRECT, HANDOVER, SPOOLED, STOPPED, writeFully, type CommandMessage, type WorkerMessage } from './jobs.js'

const port = parentPort!
const { argv, input, spoolPath, fd, shared } = workerData as { argv: string[], input: number, spoolPath: string, fd: number, shared: BigInt64Array }
const send = (message: WorkerMessage): void => port.postMessage(message)

let spool: number | undefined = openSync(spoolPath, 'w')
let spooled = 0
const interruption = new AbortController()
port.on('message', (message: CommandMessage) => {
  if (message.type === 'interrupt') interruption.abort()
})

/** Tells the command of a change to either slot: it waits on the `SPOOLED` slot for both. */
function notify (): void {
  Atomics.notify(shared, SPOOLED)
}

const stdout = new Writable({
  write (chunk: Buffer, _encoding, callback) {
    try {
      if (spool !== undefined && Atomics.load(shared, HANDOVER) === ASKED) {
        // The command has copied the spool so far: stop spooling, wait for it to copy the rest, then write
        // to the output directly.
        closeSync(spool)
        spool = undefined
        Atomics.store(shared, HANDOVER, STOPPED)
        notify()
        while (Atomics.load(shared, HANDOVER) !== DIRECT) Atomics.wait(shared, HANDOVER, STOPPED, 1000)
      }
      if (spool !== undefined) {
        writeFully(spool, chunk)
        spooled += chunk.byteLength
        Atomics.store(shared, SPOOLED, BigInt(spooled))
        notify()
      } else {
        writeFully(fd, chunk)
      }
      callback()
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') send({ type: 'closed' })
      callback(err as Error)
    }
  }
})
const stderr = new Writable({
  write (chunk: Buffer, _encoding, callback) {
    send({ type: 'stderr', text: chunk.toString('utf8') })
    callback()
  }
})

let summary: { stats: ReturnType<import('./stats.js').Stats['toJSON']>, stopped: boolean } | undefined
const status = await main(argv, {
  stdin: Readable.from([]),
  stdout,
  stderr,
  only: input,
  interruption: interruption.signal,
  onFinish: ({ stats, stopped }) => { summary = { stats: stats.toJSON(), stopped } }
})
if (spool !== undefined) closeSync(spool)
send({
  type: 'finish',
  status,
  stats: summary?.stats ?? { lines: 0, records: 0, joined: 0, filtered: 0, blank: 0, rejected: 0, dialects: {} },
  stopped: summary?.stopped ?? false,
  spooled: spool === undefined ? undefined : spooled
})
port.close()
