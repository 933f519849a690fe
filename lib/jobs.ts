/**
 * `--jobs N`: several input files converted at once, each by the command itself running in a worker
 * thread, with the output still in the order of the files on the command line.
 *
 * The worker whose file is in turn writes its output straight to the standard output's file descriptor;
 * the others spool theirs to a temporary file (as GNU parallel's --keep-order does) and copy it out when
 * their turn comes, then carry on writing directly. Every worker runs at full speed, this thread only hands
 * out turns, and memory stays bounded by the number of jobs whatever the input size. A file's
 * diagnostics are written when it is done, so they read as in a run without jobs.
 */
import { Worker } from 'node:worker_threads'
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Stats } from './stats.js'

/** Messages from a worker (worker.ts) to the command. */
export type WorkerMessage =
  | { type: 'stderr', text: string }
  | { type: 'finish', status: number, stats: ReturnType<Stats['toJSON']>, stopped: boolean, spooled: number | undefined }
  | { type: 'closed' }

/** Messages from the command to a worker: its turn to write, or Ctrl-C. */
export type CommandMessage = { type: 'turn' } | { type: 'interrupt' }

interface Job {
  worker: Worker
  spoolPath: string
  texts: string[]
  finish: Extract<WorkerMessage, { type: 'finish' }> | undefined
  exited: Promise<void>
}

export interface JobsResult {
  status: number
  stats: Stats
  /** A file stopped the conversion (`--on-error fail`); files after it were not written. */
  stopped: boolean
  /** The reader of the output went away (`| head`). */
  closed: boolean
}

const sleeper = new Int32Array(new SharedArrayBuffer(4))

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

/** Copies the first `length` bytes of a spool file to a file descriptor, then removes the file. */
export function copySpool (path: string, length: number, fd: number): void {
  const spool = openSync(path, 'r')
  try {
    const piece = Buffer.allocUnsafe(1024 * 1024)
    for (let at = 0; at < length;) {
      const n = readSync(spool, piece, 0, Math.min(piece.length, length - at), at)
      if (n === 0) break
      writeFully(fd, piece.subarray(0, n))
      at += n
    }
  } finally {
    closeSync(spool)
    rmSync(path, { force: true })
  }
}

/**
 * Converts input files 0 … `inputs - 1` of the command line `argv` with at most `jobs` workers, writing
 * to file descriptor `fd`; each worker parses `argv` again and converts only its own input.
 */
export async function runJobs (argv: string[], inputs: number, jobs: number, fd: number, stderr: NodeJS.WritableStream, signal: AbortSignal): Promise<JobsResult> {
  // The command's `#!` line runs V8 with --single-threaded-gc: with several heaps on few cores, GC helper
  // threads only compete with the conversions. (Setting a V8 flag once V8 runs is not supported: flipping
  // this one while the main heap was being marked made V8 abort.)
  const total = new Stats()
  const workerUrl = new URL('./worker.js', import.meta.url)
  const spoolDir = mkdtempSync(join(tmpdir(), 'logjson-jobs-'))
  const running: Job[] = []
  let next = 0
  let status = 0
  let stopped = false
  let closed = false
  let failure: Error | undefined

  const start = (input: number): Job => {
    const spoolPath = join(spoolDir, `${input}.ndjson`)
    const worker = new Worker(workerUrl, { workerData: { argv, input, spoolPath, fd } })
    const job: Job = { worker, spoolPath, texts: [], finish: undefined, exited: undefined as unknown as Promise<void> }
    job.exited = new Promise((resolve) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'stderr') job.texts.push(message.text)
        else if (message.type === 'finish') job.finish = message
        else closed = true
      })
      worker.on('error', (err) => { failure ??= err })
      worker.on('exit', () => resolve())
    })
    return job
  }

  const onInterrupt = (): void => { for (const job of running) job.worker.postMessage({ type: 'interrupt' } satisfies CommandMessage) }
  signal.addEventListener('abort', onInterrupt)
  try {
    while (!stopped && !closed && (next < inputs || running.length > 0)) {
      while (!signal.aborted && running.length < jobs && next < inputs) running.push(start(next++))
      const job = running.shift()
      if (job === undefined) break
      // Its turn. A worker still converting copies its spool and goes on writing directly; one that has
      // finished (possibly while the turn was on its way) left its spool for this thread to copy.
      if (job.finish === undefined) job.worker.postMessage({ type: 'turn' } satisfies CommandMessage)
      await job.exited
      if (failure !== undefined) throw failure
      const finish = job.finish
      if (finish === undefined) throw new Error('a conversion worker ended without reporting')
      if (finish.spooled !== undefined && !closed) {
        try {
          copySpool(job.spoolPath, finish.spooled, fd)
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err
          closed = true
        }
      }
      for (const text of job.texts) stderr.write(text)
      status = Math.max(status, finish.status)
      add(total, finish.stats)
      // --on-error fail: nothing after the rejected line is written, as without jobs.
      if (finish.stopped) stopped = true
    }
  } finally {
    signal.removeEventListener('abort', onInterrupt)
    for (const job of running) await job.worker.terminate()
    rmSync(spoolDir, { recursive: true, force: true })
  }
  return { status, stats: total, stopped, closed }
}

function add (total: Stats, counts: ReturnType<Stats['toJSON']>): void {
  total.lines += counts.lines as number
  total.records += counts.records as number
  total.joined += counts.joined as number
  total.filtered += counts.filtered as number
  total.blank += counts.blank as number
  total.rejected += counts.rejected as number
  for (const [dialect, n] of Object.entries(counts.dialects as Record<string, number>)) total.dialects[dialect] = (total.dialects[dialect] ?? 0) + n
}
