/**
 * One `--jobs` worker: the command itself, converting the one input file it was given (see jobs.ts).
 * Until its turn its output goes to its spool file; on its turn it copies the spool to the output and
 * writes there directly from then on. Synchronous writes are right here: this thread has nothing else to
 * do while its output waits, and a full pipe holding it back is the backpressure.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { closeSync, openSync, writeSync } from 'node:fs'
import { Readable, Writable } from 'node:stream'
import { main } from './cli.js'
import { copySpool, writeFully, type CommandMessage, type WorkerMessage } from './jobs.js'

const port = parentPort!
const { argv, input, spoolPath, fd } = workerData as { argv: string[], input: number, spoolPath: string, fd: number }
const send = (message: WorkerMessage): void => port.postMessage(message)

let spool: number | undefined = openSync(spoolPath, 'w')
let spooled = 0
const interruption = new AbortController()
port.on('message', (message: CommandMessage) => {
  if (message.type === 'interrupt') {
    interruption.abort()
  } else if (spool !== undefined) {
    closeSync(spool)
    spool = undefined
    try {
      copySpool(spoolPath, spooled, fd)
    } catch (err) {
      outputFailure = err as Error
    }
  }
})

let outputFailure: Error | undefined
const stdout = new Writable({
  write (chunk: Buffer, _encoding, callback) {
    try {
      if (outputFailure !== undefined) throw outputFailure
      if (spool !== undefined) spooled += writeSync(spool, chunk)
      else writeFully(fd, chunk)
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
