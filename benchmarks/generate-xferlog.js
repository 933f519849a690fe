#!/usr/bin/env node
// Writes a synthetic xferlog file: `node benchmarks/generate-xferlog.js [lines] > file`.
// A deterministic mix of what real servers write: wu-ftpd/vsftpd space-padded and ProFTPD zero-padded
// days, IPv4, IPv6 and named clients, uploads, downloads and deletes, incomplete transfers, anonymous
// and real users, sftp/scp/ftps services, file names with underscores and a few with raw spaces.
import { lineWriter, randomSource } from './synthetic.js'

const lines = Number(process.argv[2] ?? 1_000_000)
const { random, pick } = randomSource(0x2545f491)

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const HOSTS = ['192.168.20.10', '10.1.20.112', '198.51.100.36', 'client.example.com', '2001:db8::42', '::ffff:192.0.2.7', 'ftp-gw.example.net', '203.0.113.250']
const DIRS = ['/home/test', '/incoming', '/pub/releases/2026', '/var/ftp/upload', 'data', '/storage/resized1/img/archive/photos/auto/photo/13460']
const NAMES = ['file1.tgz', 'report_2026-11.pdf', 'example_324589822_all.deb', 'backup.tar.gz', 'IMG_0042.jpg', 'notes.txt', 'photo 13460 final.jpg', 'a_b_c.zip']
const USERS = [['r', 'suporte'], ['r', 'img'], ['a', 'anonymous@'], ['a', 'guest@example.com'], ['g', 'partner'], ['r', 'ACCOUNT1']]
const SERVICES = ['ftp', 'ftp', 'ftp', 'ftps', 'sftp', 'scp']

let time = Date.UTC(2026, 9, 24, 22, 0, 0)
const output = lineWriter()
for (let i = 0; i < lines; i++) {
  time += Math.floor(random() * 4000)
  const d = new Date(time)
  const day = d.getUTCDate()
  const padded = i % 3 === 0 ? String(day).padStart(2, '0') : String(day).padStart(2, ' ')
  const clock = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':')
  const date = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${padded} ${clock} ${d.getUTCFullYear()}`
  const direction = random() < 0.05 ? 'd' : pick(['o', 'o', 'i'])
  const [mode, user] = pick(USERS)
  const size = direction === 'd' ? 0 : Math.floor(random() * 50_000_000)
  const seconds = direction === 'd' ? 0 : 1 + Math.floor(size / 2_000_000)
  const status = random() < 0.08 ? 'i' : 'c'
  const flags = random() < 0.03 ? pick(['C', 'T', 'CT', 'U']) : '_'
  const type = random() < 0.2 ? 'a' : 'b'
  output.line(`${date} ${seconds} ${pick(HOSTS)} ${size} ${pick(DIRS)}/${pick(NAMES)} ${type} ${flags} ${direction} ${mode} ${user} ${pick(SERVICES)} 0 * ${status}`)
}
output.flush()
