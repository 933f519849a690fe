import t, { type Test } from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { connect, createServer, type AddressInfo, type Socket } from 'node:net'
import { projectRoot } from './helpers/records.js'
import { BIN, shellEnv, XFERLOG_LINE } from './helpers/command.js'

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

/** A script writing those chunks to its standard output through `recordOutput`, then telling on stderr how. */
function writerScript (dir: string): string {
  const path = join(dir, 'output.mjs')
  writeFileSync(path, `
import { recordOutput, kBytesWritten } from ${JSON.stringify(outputModule)}
const out = recordOutput(process.stdout)
out.on('error', (err) => { process.stderr.write(JSON.stringify({ error: err.code, message: err.message })); process.exitCode = 1 })
for (let i = 0; i < ${CHUNKS}; i++) {
  const chunk = Buffer.alloc(${CHUNK})
  for (let j = 0; j < ${CHUNK}; j++) chunk[j] = 33 + ((i * 7 + j) % 90)
  if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve))
}
out.end(() => process.stderr.write(JSON.stringify({ own: out !== process.stdout, ...out[kBytesWritten] })))
`)
  return path
}

/**
 * Runs a script with its stdout a socket, read only some time after its first bytes came, so that the
 * writer meets a full pipe however slowly the script started.
 */
async function readSlowly (script: string): Promise<{ stdout: Buffer, stderr: string, status: number | null }> {
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'], env: shellEnv })
  child.stdout.pause()
  const chunks: Buffer[] = []
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  await new Promise((resolve) => child.stdout.once('readable', resolve))
  await new Promise((resolve) => setTimeout(resolve, 300))
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
  child.stdout.resume()
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { stdout: Buffer.concat(chunks), stderr, status }
}

/** What the script said of its writer: its own, with bytes written from the thread pool and handed over. */
function checkWriter (t: Test, stderr: string): void {
  const said = JSON.parse(stderr) as { own: boolean, direct: number, handedOver: number }
  t.equal(said.own, true, 'a writer of its own, not process.stdout')
  t.ok(said.direct > 0, 'bytes written from the thread pool')
  t.ok(said.handedOver > 0, 'bytes handed to process.stdout when the pipe was full')
  t.equal(said.direct + said.handedOver, CHUNKS * CHUNK, 'every byte one way or the other')
}

t.test('into a socket read late, every byte arrives once and in order, from the thread pool or process.stdout', async (t) => {
  const { stdout, stderr, status } = await readSlowly(writerScript(t.testdir({})))
  t.equal(status, 0)
  checkWriter(t, stderr)
  t.ok(stdout.equals(expected()), `the ${CHUNKS * CHUNK} bytes written`)
})

t.test('into a shell pipe (a FIFO) read late, the same', async (t) => {
  const dir = t.testdir({})
  const script = writerScript(dir)
  // The reader takes one byte (so the writer has started, however slowly), waits, then reads the rest.
  const reader = '(dd bs=1 count=1 of=first.bin 2>/dev/null; sleep 0.3; cat > rest.bin)'
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${script}" | ${reader}`], { cwd: dir, env: shellEnv, encoding: 'utf8' })
  t.equal(result.status, 0)
  checkWriter(t, result.stderr)
  t.ok(Buffer.concat([readFileSync(join(dir, 'first.bin')), readFileSync(join(dir, 'rest.bin'))]).equals(expected()))
})

t.test('a reader gone fails the writer with EPIPE', async (t) => {
  const dir = t.testdir({})
  const child = spawn(process.execPath, [writerScript(dir)], { stdio: ['ignore', 'pipe', 'pipe'], env: shellEnv })
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
  const dir = t.testdir({ 'a.log': `${XFERLOG_LINE}\n`.repeat(200_000) })
  for (const args of ['a.log', 'a.log a.log', '--jobs 2 a.log a.log']) {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" --tz UTC ${args} | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: dir, env: shellEnv, encoding: 'utf8' })
    t.equal(result.stdout, '0\n', `${args}: status`)
    t.equal(result.stderr, '', `${args}: nothing said`)
  }
})

/** Resolves with the child's status, or 'hung' when it has not ended `seconds` after being asked to. */
async function endOf (child: ReturnType<typeof spawn>, seconds: number): Promise<number | null | 'hung'> {
  const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000)
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, signal) => resolve([code, signal])))
  clearTimeout(timer)
  return signal === 'SIGKILL' ? 'hung' : code
}

t.test('the reader gone while the input is silent, the command ends without waiting for more input', async (t) => {
  const line = `${XFERLOG_LINE}\n`
  const dir = t.testdir({})
  spawnSync('mkfifo', [join(dir, 'fifo')])
  // Standard input kept open (`tail -f log | logjson | head -1`), then a named pipe whose writer stays; each
  // gives more records than the socket holds, so that a write finds the reader gone.
  const fromStdin = spawn(process.execPath, [BIN, '--tz', 'UTC'], { stdio: ['pipe', 'pipe', 'pipe'], env: shellEnv })
  // (The command may end before it has read all of it.)
  fromStdin.stdin.on('error', () => {})
  fromStdin.stdin.write(line.repeat(5000))
  writeFileSync(join(dir, 'lines'), line.repeat(5000))
  const writer = spawn('sh', ['-c', '(cat lines; sleep 30) > fifo'], { cwd: dir, stdio: 'ignore' })
  const fromFifo = spawn(process.execPath, [BIN, '--tz', 'UTC', 'fifo'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: shellEnv })
  for (const [name, child] of [['standard input', fromStdin], ['a named pipe', fromFifo]] as const) {
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    child.stdout!.once('data', () => child.stdout!.destroy())
    t.equal(await endOf(child, 15), 0, `${name}: ended, status 0`)
    t.equal(stderr, '', `${name}: nothing said`)
  }
  fromStdin.stdin.destroy()
  writer.kill()
})

t.test('a second Ctrl-C ends the command at once while the reader takes nothing', async (t) => {
  const dir = t.testdir({ 'a.log': `${XFERLOG_LINE}\n`.repeat(300_000) })
  const child = spawn(process.execPath, [BIN, '--tz', 'UTC', 'a.log'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'], env: shellEnv })
  // Its output never read: the socket fills and the command waits for room.
  child.stdout.pause()
  await new Promise((resolve) => child.stdout.once('readable', resolve))
  await new Promise((resolve) => setTimeout(resolve, 500))
  child.kill('SIGINT')
  await new Promise((resolve) => setTimeout(resolve, 300))
  child.kill('SIGINT')
  t.equal(await endOf(child, 15), 130)
})

t.test('an output reset by its reader (a TCP connection) ends the run with one line and status 1, under --jobs too', async (t) => {
  const dir = t.testdir({ 'a.log': `${XFERLOG_LINE}\n`.repeat(100_000) })
  for (const args of [['a.log'], ['--jobs', '2', 'a.log', 'a.log']]) {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve))
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1')
    await new Promise((resolve) => client.once('connect', resolve))
    const child = spawn(process.execPath, [BIN, '--tz', 'UTC', ...args], { cwd: dir, stdio: ['ignore', client, 'pipe'], env: shellEnv })
    client.destroy()
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    const reader = await accepted
    // The first bytes read, the connection is reset (RST), as a peer that crashed would leave it.
    reader.once('data', () => reader.resetAndDestroy())
    t.equal(await endOf(child, 30), 1, `${args.join(' ')}: status`)
    t.equal(stderr, 'logjson: cannot write the output: ECONNRESET\n', `${args.join(' ')}: one line`)
    server.close()
  }
})
