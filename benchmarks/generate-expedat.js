#!/usr/bin/env node
// Writes a synthetic ExpeDat / SyncDat servedat log: `node benchmarks/generate-expedat.js [lines] > file`.
// Every line type the dialect knows appears. The server starts with a V line, C comments and D lines
// listing its settings (flagged and unflagged, numbers and strings); then transactions interleave: an I
// line when one begins, P progress lines while a large file moves, and an F line with the byte count, the
// (class,error) pair and a comment. Most F lines succeed with a duration and rate; failures use local and
// remote classes (-4, -3, -2, 2, 3, 4). Transactions are uploads (SEND), downloads (GET), compressed
// ones ("zli"), directory listings and deletes ("*dl"), encrypted or not, from IPv4 and IPv6 clients,
// anonymous or named, with paths holding spaces and escaped quotes. S status lines come every few
// minutes with counters that grow; E, W, M and T lines are sprinkled in, and the server restarts now
// and then.
import { lineWriter, randomSource } from './synthetic.js'

const lines = Number(process.argv[2] ?? 1_000_000)
const { random, pick, int, chance } = randomSource(0x6b43a9b5)
const two = (n) => (n < 10 ? '0' : '') + n
const three = (n) => n < 10 ? '00' + n : n < 100 ? '0' + n : String(n)

const CLIENTS = ['192.0.2.10', '192.0.2.77', '198.51.100.23', '203.0.113.5', '10.1.4.220', '172.16.9.14', '[2001:db8::5]', '[2001:db8:1f::a2]']
const USERS = ['alice', 'bob', 'carol', 'mediaops', 'render01', 'ingest', '-']
// Paths as the log writes them (inside double quotes, a quote in a name escaped with a backslash), with
// the range of their sizes.
const FILES = [
  ['incoming/big file.iso', 2e9, 9e9], ['media/raw/Camera A/clip_0042.mxf', 5e8, 2e10], ['media/raw/Camera B/clip_0107.mxf', 5e8, 2e10],
  ['deliveries/2026-10/final_master_v3.mov', 1e9, 1.5e10], ['reports/q\\"3\\".pdf', 2e4, 3e6], ['genomics/run_1187/sample_R1.fastq.gz', 1e9, 8e9],
  ['genomics/run_1187/sample_R2.fastq.gz', 1e9, 8e9], ['backup/db/nightly.tar', 5e9, 1.2e10], ['archive/2026/Project \\"Atlas\\"/assets.zip', 1e7, 9e8],
  ['tst/test5mb.dat', 5242880, 5242880], ['vfx/shots/sh010/plate.0001.exr', 2e6, 5e7], ['builds/installer-4.2.1.dmg', 1e8, 4e8],
  ['docs/contracts/NDA signed.pdf', 1e5, 2e6], ['incoming/upload_20261024.csv', 1e3, 5e5]
]
const DIRS = ['incoming/', 'media/raw/', 'deliveries/2026-10/', 'genomics/run_1187/', 'tst/']
// [class, error, comment]: local classes are negative, remote ones positive. Which failures can happen
// depends on who writes: the server on an upload, the client on a download.
const NETWORK_FAILURES = [[-3, 5, 'Operation timed out'], [-3, 9, 'Session closed by peer'], [-2, 11, 'Network down'], [-2, 13, 'Host unreachable'], [2, 7, 'ICMP prohibited'], [3, 1, 'Session aborted by peer']]
const SEND_FAILURES = [[-4, 13, 'Permission denied'], [-4, 17, 'File exists'], [-4, 28, 'No space left on device'], [-4, 13, 'Permission denied'], ...NETWORK_FAILURES]
const GET_FAILURES = [[-4, 2, 'File not found'], [-4, 2, 'File not found'], [-4, 13, 'Permission denied'], [4, 3, 'Permission denied'], [4, 28, 'No space left on device'], ...NETWORK_FAILURES]
const META_FAILURES = [[-4, 2, 'File not found'], [-4, 13, 'Permission denied']]
const WARNINGS = ['client %ip retrying after packet loss', 'authentication failed for user %user from %ip', 'path outside of home directory refused: ../etc/passwd', 'license nearly exhausted: 15 of 16 concurrent sessions']
const ERRORS = ['Unable to open /etc/svpasswd: Permission denied', 'Unable to write to /srv/expedat/incoming/: No space left on device', 'Cannot bind UDP port 8080: Address already in use']
const MTP = ['MTP: path MTU is 1500', 'MTP: path MTU is 9000', 'MTP: session timed out waiting for peer', 'MTP: congestion detected, rate reduced', 'MTP: peer %ip lost 3 packets in a row']
const TOOLKIT = ['toolkit: handler started', 'toolkit: handler finished', 'toolkit: handler failed with status 3', 'toolkit: cannot run /usr/local/bin/on_upload.sh']

let time = Date.UTC(2026, 9, 24, 22, 0, 0)
const output = lineWriter()
let written = 0

// YYYYMMDD HH:MM:SS.mmm, with the date formatted once a day
let day = -1
let dayText = ''
function stamp () {
  const today = Math.floor(time / 86_400_000)
  if (today !== day) {
    const d = new Date(today * 86_400_000)
    dayText = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} `
    day = today
  }
  const ms = time - today * 86_400_000
  const s = Math.floor(ms / 1000)
  return `${dayText}${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}.${three(ms % 1000)}`
}

function line (type, text) {
  // a start-up block may reach past the count asked for: what is beyond it is left out
  if (written >= lines) return
  output.line(`${type} ${stamp()} ${text}`)
  written++
}

// "12.00 seconds (358 megabits/sec)": three significant digits, in the unit that keeps them under 1000
function elapsed (seconds, bytes) {
  const bps = seconds > 0 ? bytes * 8 / seconds : 0
  let rate = ''
  if (bytes > 0 && seconds > 0) {
    if (bps >= 1e9) rate = ` (${Number((bps / 1e9).toPrecision(3))} gigabits/sec)`
    else if (bps >= 1e6) rate = ` (${Number((bps / 1e6).toPrecision(3))} megabits/sec)`
    else if (bps >= 1e3) rate = ` (${Number((bps / 1e3).toPrecision(3))} kilobits/sec)`
    else rate = ` (${Math.round(bps)} bits/sec)`
  }
  return `${seconds.toFixed(2)} seconds${rate}`
}

// Counters of the S line, which the server keeps from its start.
const counters = { current: 0, maxStart: 0, totalStart: 0, errors: 0, failures: 0, warnings: 0, denials: 0 }
function status () {
  const c = counters
  line('S', `Load Current: ${c.current}, MaxConfig: 16, MaxStart: ${c.maxStart}, TotalStart: ${c.totalStart}, Errors: ${c.errors}, Failures: ${c.failures}, Warnings: ${c.warnings}, Denials: ${c.denials}`)
}

let pid = 14853
function startup () {
  pid += int(3, 400)
  for (const key of Object.keys(counters)) counters[key] = 0
  line('V', `servedat 1.18.3 "July 2019" DEI [${pid}] (8080)`)
  line('C', `servedat 1.18.3 "July 2019" DEI [${pid}]`)
  line('C', 'Switching logs to /var/log/servedat.log')
  line('C', 'Serving files from: /srv/expedat/')
  line('D', 'Configuration settings:')
  // [flag] Name Number Origin [value]: a string setting gives its length, then the value
  const settings = [['-a', 'Aggression', '128', 'System'], ['-A', 'AuthFile', null, 'System', '/etc/svpasswd'], [null, 'AllowEncrypt', '1', 'Default'],
    [null, 'HomeDir', null, 'System', '/srv/expedat/home dirs/'], ['-m', 'MaxClients', '16', 'System'], [null, 'Timeout', '60', 'Default'], ['-p', 'Port', '8080', 'System'],
    [null, 'LogLevel', '3', 'Config'], [null, 'TransferRateLimit', '0', 'Default']]
  for (const [flag, name, number, origin, value] of settings) {
    line('D', `${flag === null ? '' : `[${flag}] `}${name} ${number ?? value.length} ${origin}${value === undefined ? '' : ' ' + value}`)
  }
  status()
}

// A progress line per transaction per minute while it runs.
const PROGRESS_EVERY = 60_000
let docCounter = 0xe98e9ca2
function newTransaction () {
  const docId = (docCounter++ >>> 0).toString(16).toUpperCase().padStart(8, '0')
  docCounter >>>= 0
  const client = `${pick(CLIENTS)}:${int(32768, 60999)}`
  const user = pick(USERS)
  const enc = chance(0.6) ? 'AES' : '-'
  const roll = random()
  let direction = chance(0.45) ? 'SEND' : 'GET'
  const [file, low, high] = pick(FILES)
  let path = file
  let action = ''
  let size = int(low, high)
  if (roll < 0.08) {
    // directory listing
    direction = 'GET'
    path = pick(DIRS)
    size = int(200, 40_000)
  } else if (roll < 0.11) {
    direction = 'GET'
    action = '*dl'
    size = 0
  } else if (roll < 0.25) {
    action = 'zli'
  }
  const head = `${docId} ${direction} ${client} ${user} ${enc} "${path}" "${action}"`
  // megabits per second the transfer will average
  const mbps = int(50, 2000)
  const seconds = size === 0 ? 0.01 : size * 8 / (mbps * 1e6) + 0.01
  const failure = chance(0.07) ? pick(action === '*dl' || path.endsWith('/') ? META_FAILURES : direction === 'SEND' ? SEND_FAILURES : GET_FAILURES) : undefined
  // a failure ends the transaction partway
  const ends = time + Math.round(1000 * (failure === undefined ? seconds : seconds * random()))
  return { head, size, seconds, failure, started: time, ends, next: Math.min(ends, time + PROGRESS_EVERY) }
}

const active = []
startup()
// What happens next is whichever comes first: a transaction's next line, a new transaction (arrivals
// about every 10 seconds), a status line (every 5 minutes), or a stray E/W/M/T line.
let nextArrival = time + 1000
let nextStatus = time + 300_000
let nextOther = time + 60_000
while (written < lines) {
  let index = -1
  for (let i = 0; i < active.length; i++) if (index === -1 || active[i].next < active[index].next) index = i
  const due = index === -1 ? Infinity : active[index].next
  const soonest = Math.min(due, nextArrival, nextStatus, nextOther)
  // lines are a few milliseconds apart at least, and the clock never goes back
  time = Math.max(time + int(1, 40), soonest)
  if (soonest === nextStatus) {
    status()
    nextStatus = time + 300_000
    continue
  }
  if (soonest === nextOther) {
    nextOther = time + int(10_000, 400_000)
    if (active.length === 0 && chance(0.01)) {
      startup()
      continue
    }
    const ip = pick(CLIENTS).replace(/[[\]]/g, '')
    const kind = random()
    if (kind < 0.35) {
      counters.warnings++
      line('W', pick(WARNINGS).replace('%ip', ip).replace('%user', pick(USERS.slice(0, -1))))
    } else if (kind < 0.5) {
      counters.errors++
      line('E', pick(ERRORS))
    } else if (kind < 0.8) line('M', pick(MTP).replace('%ip', ip))
    else line('T', pick(TOOLKIT))
    continue
  }
  if (soonest === nextArrival) {
    nextArrival = time + Math.round(-Math.log(1 - random()) * 10_000)
    const t = newTransaction()
    active.push(t)
    counters.current = active.length
    counters.totalStart++
    counters.maxStart = Math.max(counters.maxStart, active.length)
    line('I', t.head)
    continue
  }
  const t = active[index]
  const running = (time - t.started) / 1000
  if (time < t.ends) {
    const bytes = Math.floor(t.size * running / t.seconds)
    line('P', `${t.head} ${bytes} ${t.size} "${elapsed(running, bytes)}" ${active.length}`)
    t.next = Math.min(t.ends, time + PROGRESS_EVERY)
    continue
  }
  active[index] = active[active.length - 1]
  active.pop()
  counters.current = active.length
  if (t.failure === undefined) {
    line('F', `${t.head} ${t.size} (0,0) "${elapsed(running, t.size)}"`)
  } else {
    const [cls, err, comment] = t.failure
    if (cls === -4) counters.denials++
    else counters.failures++
    // a server-side refusal moves nothing; the others stop partway
    const bytes = cls === -4 ? '-' : String(Math.min(t.size, Math.floor(t.size * running / t.seconds)))
    line('F', `${t.head} ${bytes} (${cls},${err}) "${comment}"`)
  }
}
output.flush()
