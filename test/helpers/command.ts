/**
 * Helpers for the tests of the command: its binary, the environment of a user's shell, output captured
 * from `main`, and a run whose reader closes the pipe after the first output.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Writable } from 'node:stream'
import { projectRoot } from './records.js'

export const BIN = join(projectRoot, 'bin', 'logjson.js')

/** The built library's `--jobs` module, whose workers run the built command (dist/worker.js). */
export async function builtJobs (): Promise<typeof import('../../dist/jobs.js')> {
  return await import(pathToFileURL(join(projectRoot, 'dist', 'jobs.js')).href) as typeof import('../../dist/jobs.js')
}

/** A valid xferlog line (a completed binary download), for tests that need input and not its details. */
export const XFERLOG_LINE = 'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ o r suporte ftp 0 * c'

/** A user's shell: without the test runner's loader options (which make Node print warnings), in UTC. */
export const shellEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_OPTIONS')), TZ: 'UTC' }

// Leaving NODE_OPTIONS out of a child's environment is not enough under tap: its process-info module puts
// its loader back into the NODE_OPTIONS of every process a test starts, whatever the environment given
// (through process-on-spawn, which wraps every spawn and keeps its listeners in one global). A command
// started that way runs as no user's does, with a module-loader thread beside it, and each start cost about
// 0.8 s more CPU on this project's machines: with some 150 of them, a third of the suite. The suite does not
// measure coverage, so the listeners are dropped for every test file that starts processes (all import this).
// (Were coverage turned on, what the commands started by the tests run would drop out of it.)
const spawnListeners = (globalThis as Record<symbol, { listeners?: unknown }>)[Symbol.for('process-on-spawn@*:singletonId')]?.listeners
if (Array.isArray(spawnListeners)) spawnListeners.length = 0

/** A Writable that keeps what `main` writes to it. */
export function capture (): { stream: Writable, text: () => string } {
  const chunks: Buffer[] = []
  return {
    stream: new Writable({ write (chunk: Buffer, _encoding, callback) { chunks.push(Buffer.from(chunk)); callback() } }),
    text: () => Buffer.concat(chunks).toString('utf8')
  }
}

/** Runs the binary with a reader that goes away at the first output (`| head -1`): its status and stderr. */
export async function closedPipeRun (args: string[], cwd = projectRoot, env: NodeJS.ProcessEnv = shellEnv): Promise<{ status: number | null, stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  child.stdout.once('data', () => child.stdout.destroy())
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return { status, stderr }
}
