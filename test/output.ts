import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { projectRoot } from './helpers/records.js'
import { BIN, shellEnv } from './helpers/command.js'

const outputModule = pathToFileURL(join(projectRoot, 'dist', 'output.js')).href

/** 200 chunks of 40,000 bytes, each its own bytes, so that a chunk lost, doubled or moved shows. */
const CHUNKS = 200
const CHUNK = 40_000
function expected (): Buffer {
  const all = Buffer.alloc(CHUNKS * CHUNK)
  for (let i = 0; i < CHUNKS; i++) {
    for (let j = 0; j < CHUNK; j++) all[i * CHUNK + j] = 33 + ((i * 7 + j) % 90)
  }
  return all
}

/**
 * A script writing those chunks to its standard output through `recordOutput` (or, `direct`, through a
 * `pipeWriter` on the pipe Node has made non-blocking), then telling on stderr what happened.
 */
function writerScript (dir: string, direct: boolean): string {
  const path = join(dir, direct ? 'direct.mjs' : 'output.mjs')
  writeFileSync(path, `
import { recordOutput, pipeWriter, kFellBack } from ${JSON.stringify(outputModule)}
const out = ${direct ? 'pipeWriter(1, process.stdout)' : 'recordOutput(process.stdout)'}
out.on('error', (err) => { process.stderr.write(JSON.stringify({ error: err.code, message: err.message })); process.exitCode = 1 })
for (let i = 0; i < ${CHUNKS}; i++) {
  const chunk = Buffer.alloc(${CHUNK})
  for (let j = 0; j < ${CHUNK}; j++) chunk[j] = 33 + ((i * 7 + j) % 90)
  if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve))
}
out.end(() => process.stderr.write(JSON.stringify({ own: out !== process.stdout, fellBack: out[kFellBack] })))
`)
  return path
}

/** Runs a script with its stdout a socket, read only after a pause so that the writer meets a full pipe. */
async function readSlowly (script: string): Promise<{ stdout: Buffer, stderr: string, status: number | null }> {
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'], env: shellEnv })
  child.stdout.pause()
  const chunks: Buffer[] = []
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  await new Promise((resolve) => setTimeout(resolve, 300))
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
  child.stdout.resume()
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { stdout: Buffer.concat(chunks), stderr, status }
}

// Read late, a socket is full when the writer starts: through `recordOutput` the writes wait for room in
// the thread pool; through a `pipeWriter` on the non-blocking pipe, one fails with EAGAIN and the writer
// goes on through process.stdout.
for (const [direct, title] of [
  [false, 'into a socket, every byte arrives once and in order, written from the thread pool'],
  [true, 'a pipe still non-blocking makes the writer go on through the stream Node opened, losing nothing']
] as const) {
  t.test(title, async (t) => {
    const { stdout, stderr, status } = await readSlowly(writerScript(t.testdir({}), direct))
    t.equal(status, 0)
    t.same(JSON.parse(stderr), { own: true, fellBack: direct }, direct ? 'a write met the full pipe and fell back' : 'never falling back: the pipe was made blocking')
    t.ok(stdout.equals(expected()), `the ${CHUNKS * CHUNK} bytes written`)
  })
}

t.test('into a shell pipe (a FIFO) read late, the same', async (t) => {
  const dir = t.testdir({})
  const script = writerScript(dir, false)
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${script}" | (sleep 0.3; cat > out.bin)`], { cwd: dir, env: shellEnv, encoding: 'utf8' })
  t.equal(result.status, 0)
  t.same(JSON.parse(result.stderr), { own: true, fellBack: false })
  t.ok(readFileSync(join(dir, 'out.bin')).equals(expected()))
})

t.test('a reader gone fails the writer with EPIPE', async (t) => {
  const dir = t.testdir({})
  const child = spawn(process.execPath, [writerScript(dir, false)], { stdio: ['ignore', 'pipe', 'pipe'], env: shellEnv })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  child.stdout.once('data', () => child.stdout.destroy())
  await new Promise((resolve) => child.on('close', resolve))
  t.same(JSON.parse(stderr), { error: 'EPIPE', message: 'cannot write the output: EPIPE' })
})

t.test('the command writes the same bytes into a pipe, a socket and a file, with and without --jobs', async (t) => {
  const lines: string[] = []
  for (let i = 0; i < 30_000; i++) {
    lines.push(`Thu Sep  2 09:${String(10 + (i % 50)).padStart(2, '0')}:00 2004 ${i % 90} 192.168.20.${i % 250} ${i * 37} /home/test/file ${i}.tgz b _ ${i % 3 === 0 ? 'i' : 'o'} r suporte ftp 0 * ${i % 7 === 0 ? 'i' : 'c'}`)
  }
  const dir = t.testdir({ 'a.log': lines.join('\n') + '\n', 'b.log': lines.slice(0, 20_000).reverse().join('\n') + '\n' })
  const command = `"${process.execPath}" "${BIN}" --tz UTC`
  for (const args of ['a.log', 'a.log b.log', '--jobs 2 a.log b.log']) {
    t.equal(spawnSync('sh', ['-c', `${command} ${args} > file.ndjson`], { cwd: dir, env: shellEnv }).status, 0)
    const file = readFileSync(join(dir, 'file.ndjson'))
    t.ok(file.length > 5_000_000, `${args}: several megabytes`)
    const piped = spawnSync('sh', ['-c', `${command} ${args} | cat > piped.ndjson`], { cwd: dir, env: shellEnv, encoding: 'utf8' })
    t.equal(piped.stderr, '')
    t.ok(readFileSync(join(dir, 'piped.ndjson')).equals(file), `${args}: through a pipe`)
    const socket = spawnSync(process.execPath, [BIN, '--tz', 'UTC', ...args.split(' ')], { cwd: dir, env: shellEnv, maxBuffer: 64 * 1024 * 1024 })
    t.equal(socket.status, 0)
    t.ok(socket.stdout.equals(file), `${args}: through a socket`)
  }
})

t.test('the reader of a pipe gone, the command ends with status 0 and says nothing', async (t) => {
  const dir = t.testdir({ 'a.log': 'Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ o r suporte ftp 0 * c\n'.repeat(200_000) })
  for (const args of ['a.log', 'a.log a.log', '--jobs 2 a.log a.log']) {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" --tz UTC ${args} | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: dir, env: shellEnv, encoding: 'utf8' })
    t.equal(result.stdout, '0\n', `${args}: status`)
    t.equal(result.stderr, '', `${args}: nothing said`)
  }
})
