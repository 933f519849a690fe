/**
 * Helpers for the tests of the command: its binary, the environment of a user's shell, output captured
 * from `main`, and a run whose reader closes the pipe after the first output.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { projectRoot } from './records.js'

export const BIN = join(projectRoot, 'bin', 'logjson.js')

/** A valid xferlog line (a completed binary download), for tests that need input and not its details. */
export const XFERLOG_LINE = 'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ o r suporte ftp 0 * c'

/** A user's shell: without the test runner's loader options (which make Node print warnings), in UTC. */
export const shellEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_OPTIONS')), TZ: 'UTC' }

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
