/**
 * `--jobs N`: several input files converted at once, the first by the command's own thread and the others
 * by the command itself running in worker threads, with the output still in the order of the files on the
 * command line. A worker converts one file after another: starting a thread and loading the command in it
 * costs about a tenth of a second, which, paid per file, made 3,000 small files take 7 minutes against 3 s
 * without jobs.
 *
 * A worker spools its output to a temporary file (as GNU parallel's --keep-order does) while the files
 * before it are written. When its turn comes, this thread copies the spool to the output as the worker
 * goes on adding to it, so that the worker never stops converting; once the copy has caught up, the worker
 * writes the rest of its output itself. Memory stays bounded by the number of jobs whatever the input size.
 * A file's diagnostics are written when it is done, so they read as in a run without jobs.
 */
import type { Worker } from 'node:worker_threads'
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Stats } from './stats.js'

/** Messages from a worker (worker.ts) to the command. */
export type WorkerMessage =
  | { type: 'stderr', input: number, text: string }
  | { type: 'finish', input: number, status: number, stats: ReturnType<Stats['toJSON']>, stopped: boolean, interrupted: boolean, spooled: number | undefined }
  | { type: 'closed' }

/** Messages from the command to a worker: a file to convert; Ctrl-C. */
export type CommandMessage =
  | { type: 'convert', input: number, spoolPath: string, shared: BigInt64Array }
  | { type: 'interrupt' }

// What a worker and this thread share, as 64-bit slots: how many bytes the worker has spooled (it notifies
// the slot at every change, of either slot), and where the handover of the output stands.
export const SPOOLED = 0
export const HANDOVER = 1
/** The worker spools. */
export const SPOOLING = 0n
/** This thread has copied all the spool so far: the worker is to stop spooling at its next write. */
export const ASKED = 1n
/** The worker has stopped spooling (`SPOOLED` is final) and waits for the copy to end. */
export const STOPPED = 2n
/** The spool is copied: the worker writes to the output itself. */
export const DIRECT = 3n

/** One file in flight: being converted by a worker, or converted and waiting for its turn. */
interface Job {
  input: number
  spoolPath: string
  shared: BigInt64Array
  texts: string[]
  finish: Extract<WorkerMessage, { type: 'finish' }> | undefined
  /** Settles when the worker has reported the file finished (or has died). */
  finished: Promise<void>
  done: boolean
  settle: () => void
}

interface PooledWorker {
  worker: Worker
  /** The file it converts, if any. */
  job: Job | undefined
  exited: boolean
}

export interface JobsResult {
  status: number
  stats: Stats
  /** The reader of the output went away (`| head`). */
  closed: boolean
  /** How many worker threads were started (never more than the jobs asked for). */
  workers: number
}

const sleeper = new Int32Array(new SharedArrayBuffer(4))

/**
 * `Atomics.waitAsync` (in Node since 16; in TypeScript's ES2024 library, which would also offer what Node
 * 20 lacks).
 */
const waitAsync = (Atomics as unknown as {
  waitAsync (array: BigInt64Array, index: number, value: bigint, timeout: number): { value: Promise<string> | string }
}).waitAsync

/**
 * Writes all of `bytes` to a file descriptor, waiting while a non-blocking pipe is full: the thread has
 * nothing else to do until its output is out. Throws EPIPE when the reader is gone.
 */
export function writeFully (fd: number, bytes: Uint8Array): void {
  let at = 0
  while (at < bytes.byteLength) {
    try {
      at += writeSync(fd, bytes, at)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err
      Atomics.wait(sleeper, 0, 0, 0.2)
    }
  }
}

const piece = Buffer.allocUnsafe(1024 * 1024)

/** Copies bytes [from, to) of an open spool file to a file descriptor. */
function copyRange (spool: number, from: number, to: number, fd: number): void {
  for (let at = from; at < to;) {
    const n = readSync(spool, piece, 0, Math.min(piece.length, to - at), at)
    if (n === 0) throw new Error('a spool file ended before the bytes its worker wrote to it')
    writeFully(fd, piece.subarray(0, n))
    at += n
  }
}

/** A new directory for spool files, in `$TMPDIR` (else the system's); throws when none can be made. */
export function makeSpoolDir (): string {
  return mkdtempSync(join(tmpdir(), 'logjson-jobs-'))
}

/**
 * Converts input files `from` … `inputs - 1` of the command line `argv` with workers, writing to file
 * descriptor `fd` once `ahead` says that the output of the files before them is out (false: nothing more is
 * to be written). Until then at most `jobs - 1` workers run (the caller converts a file itself), then
 * `jobs`. Each worker parses `argv` once and converts the inputs it is given, counting relative times
 * from `now`, and keeping each file's bytes read and lines in `progress` (see `CliIo.progress`). Spools go
 * to `spoolDir`, which is removed at the end.
 */
export async function runJobs (argv: string[], from: number, inputs: number, jobs: number, fd: number, stderr: NodeJS.WritableStream,
  signal: AbortSignal, ahead: Promise<boolean>, spoolDir = makeSpoolDir(), now = Date.now(), progress?: BigInt64Array): Promise<JobsResult> {
  // The command's `#!` line runs V8 with --single-threaded-gc: with several heaps on few cores, GC helper
  // threads only compete with the conversions. (Setting a V8 flag once V8 runs is not supported: flipping
  // this one while the main heap was being marked made V8 abort.)
  const total = new Stats()
  const workerUrl = new URL('./worker.js', import.meta.url)
  // Loaded here, by the runs that start workers: node:worker_threads adds a few ms to every start.
  const { Worker } = process.getBuiltinModule('node:worker_threads')
  // The command may end at once (its reader gone, `process.exit` on EPIPE): the spools go with it.
  const removeSpools = (): void => { rmSync(spoolDir, { recursive: true, force: true }) }
  process.on('exit', removeSpools)
  // Ended by a signal it does not handle (`kill`, a closed terminal), the command would leave its spools:
  // they are removed, then the signal raised again for its usual effect.
  const onEnding = (ending: NodeJS.Signals): void => {
    removeSpools()
    process.off('SIGTERM', onEnding)
    process.off('SIGHUP', onEnding)
    process.kill(process.pid, ending)
  }
  process.on('SIGTERM', onEnding)
  process.on('SIGHUP', onEnding)
  const running: Job[] = []
  const workers: PooledWorker[] = []
  let next = from
  let status = 0
  let stopped = false
  let closed = false
  let failure: Error | undefined
  let aheadDone = false

  const spawn = (): PooledWorker => {
    // The worker's own stdout and stderr are not piped into the process's: each pipe adds listeners to
    // them, past Node's warning limit from eight workers on. It writes its output to `fd` and its
    // diagnostics as messages; whatever else reaches its stderr (a warning) is passed on.
    const pooled: PooledWorker = { worker: new Worker(workerUrl, { workerData: { argv, fd, now, progress }, stdout: true, stderr: true }), job: undefined, exited: false }
    const { worker } = pooled
    worker.stdout.resume()
    worker.stderr.on('data', (chunk: Buffer) => stderr.write(chunk))
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'closed') {
        closed = true
        return
      }
      // By the file it is about: a diagnostic may come after its file was reported finished (a failing
      // write heard twice), when the worker may have a next file.
      const job = running.find((candidate) => candidate.input === message.input)
      if (message.type === 'stderr') {
        // The reader gone, a worker's failing write reports itself: not a failure of the run, and said
        // nowhere, as without jobs.
        if (closed) return
        // Its file's diagnostics are written when the file is done; one that comes later still is said.
        if (job === undefined) stderr.write(message.text)
        else job.texts.push(message.text)
      } else if (job !== undefined && !job.done) {
        job.finish = message
        if (pooled.job === job) pooled.job = undefined
        job.settle()
      }
    })
    worker.on('error', (err) => { failure ??= err })
    // A worker only ends when told to (or when it fails): a file it was converting ends with it.
    worker.on('exit', () => {
      pooled.exited = true
      const job = pooled.job
      pooled.job = undefined
      job?.settle()
    })
    workers.push(pooled)
    return pooled
  }
  const start = (input: number): Job => {
    const spoolPath = join(spoolDir, `${input}.ndjson`)
    const shared = new BigInt64Array(new SharedArrayBuffer(16))
    const pooled = workers.find((candidate) => candidate.job === undefined && !candidate.exited) ?? spawn()
    const job: Job = { input, spoolPath, shared, texts: [], finish: undefined, finished: undefined as unknown as Promise<void>, done: false, settle: () => {} }
    job.finished = new Promise((resolve) => {
      job.settle = () => {
        job.done = true
        resolve()
      }
    })
    pooled.job = job
    pooled.worker.postMessage({ type: 'convert', input, spoolPath, shared } satisfies CommandMessage)
    return job
  }
  const fill = (): void => {
    while (!signal.aborted && running.length < (aheadDone ? jobs : jobs - 1) && next < inputs) running.push(start(next++))
  }

  /**
   * Copies a job's spool to the output while its worker adds to it, until the worker has finished or
   * writes the output itself.
   */
  const follow = async (job: Job): Promise<void> => {
    const shared = job.shared
    let spool: number | undefined
    let copied = 0
    try {
      for (;;) {
        const spooled = Number(Atomics.load(shared, SPOOLED))
        if (spooled > copied) {
          spool ??= openSync(job.spoolPath, 'r')
          copyRange(spool, copied, spooled, fd)
          copied = spooled
          continue
        }
        if (job.done) {
          // Finished while spooling: what it spooled at the end is all there is.
          const final = job.finish?.spooled ?? copied
          if (final > copied) {
            spool ??= openSync(job.spoolPath, 'r')
            copyRange(spool, copied, final, fd)
          }
          return
        }
        const handover = Atomics.load(shared, HANDOVER)
        if (handover === SPOOLING) {
          // Caught up: the worker is to write its output itself from its next write on (or at once, when
          // it waits with a full spool).
          Atomics.store(shared, HANDOVER, ASKED)
          Atomics.notify(shared, HANDOVER)
        } else if (handover === STOPPED) {
          // Its spool is final: copy what is left of it, then let it go on.
          const final = Number(Atomics.load(shared, SPOOLED))
          if (final > copied) {
            spool ??= openSync(job.spoolPath, 'r')
            copyRange(spool, copied, final, fd)
          }
          Atomics.store(shared, HANDOVER, DIRECT)
          Atomics.notify(shared, HANDOVER)
          await job.finished
          return
        }
        await Promise.race([waitAsync(shared, SPOOLED, BigInt(copied), 50).value, job.finished])
      }
    } finally {
      if (spool !== undefined) closeSync(spool)
    }
  }

  const onInterrupt = (): void => { for (const { worker } of workers) worker.postMessage({ type: 'interrupt' } satisfies CommandMessage) }
  signal.addEventListener('abort', onInterrupt)
  try {
    fill()
    aheadDone = true
    if (!await ahead) return { status, stats: total, closed, workers: workers.length }
    while (!stopped && !closed && (next < inputs || running.length > 0)) {
      fill()
      const job = running[0]
      if (job === undefined) break
      try {
        await follow(job)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err
        closed = true
        break
      }
      await job.finished
      running.shift()
      rmSync(job.spoolPath, { force: true })
      if (failure !== undefined) throw failure
      const finish = job.finish
      if (finish === undefined) throw new Error('a conversion worker ended without reporting')
      if (closed) break
      for (const text of job.texts) stderr.write(text)
      status = Math.max(status, finish.status)
      addCounts(total, finish.stats)
      // --on-error fail: nothing after the rejected line is written, as without jobs.
      if (finish.stopped) stopped = true
      // Ctrl-C: this file's records up to the stop are out; the next files', converted at the same time,
      // are not, so that the output is one a run without jobs could have written.
      if (finish.interrupted) break
    }
  } finally {
    signal.removeEventListener('abort', onInterrupt)
    // Idle workers wait for a next file; any still converting one is stopped (the output ended early).
    for (const { worker } of workers) await worker.terminate()
    process.off('exit', removeSpools)
    process.off('SIGTERM', onEnding)
    process.off('SIGHUP', onEnding)
    removeSpools()
  }
  return { status, stats: total, closed, workers: workers.length }
}

/** Adds counts to a total. */
export function addCounts (total: Stats, counts: ReturnType<Stats['toJSON']>): void {
  total.lines += counts.lines as number
  total.records += counts.records as number
  total.joined += counts.joined as number
  total.filtered += counts.filtered as number
  total.blank += counts.blank as number
  total.rejected += counts.rejected as number
  for (const [dialect, n] of Object.entries(counts.dialects as Record<string, number>)) total.dialects[dialect] = (total.dialects[dialect] ?? 0) + n
}
