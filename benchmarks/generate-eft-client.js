#!/usr/bin/env node
// Writes a synthetic GlobalSCAPE EFT client log (cl<yymmdd>.log): `node benchmarks/generate-eft-client.js
// [lines] > file`.
// Each line is one operation an Event Rule ran against a partner server. Rules fire on schedules and move
// a batch of files per run, so lines come in bursts to one partner. Most operations succeed; the failures
// use each of the code spaces the dialect tells apart: FTP replies (530, 550, 426 …) on ftp and ftps
// lines, SFTP statuses (2, 3, 4, 7) and EFT's -1 on sftp lines, Winsock errors (10060, 10061, 11001 …)
// whatever the protocol, and EFT's own connection codes (2000, SOCKS 1–12). Hosts are IPv4, IPv6 and DNS
// names; local paths have spaces. The ten-column form (with the action result) starts partway through, as
// in a log that spans an upgrade.
import { lineWriter, randomSource } from './synthetic.js'

const lines = Number(process.argv[2] ?? 1_000_000)
const { random, pick, int, chance } = randomSource(0x1b873593)
const two = (n) => (n < 10 ? '0' : '') + n

// The partners the rules talk to: protocol, host, port, account, and where files go on each side.
const PARTNERS = [
  { protocol: 'sftp', host: 'sftp.firstbank.example.com', port: 22, user: 'acme_payments', local: 'D:\\EFT\\Outbound\\Payments', remote: '/inbound/payments', stem: 'PAY', ext: 'xml' },
  { protocol: 'sftp', host: 'sftp.firstbank.example.com', port: 22, user: 'acme_payments', local: 'D:\\EFT\\Inbound\\Bank Statements', remote: '/outbound/statements', stem: 'MT940', ext: 'sta', download: true },
  { protocol: 'ftp', host: '192.168.20.171', port: 21, user: 'ClientA', local: 'C:\\Transfers\\Warehouse Orders', remote: '/orders/out', stem: 'ORD', ext: 'csv', download: true },
  { protocol: 'ftps', host: 'ftp.logistics-partner.example.net', port: 990, user: 'acme-edi', local: 'E:\\EDI\\Outbound\\Ship Notices', remote: '/edi/in/856', stem: 'ASN', ext: 'edi' },
  { protocol: 'ftps', host: 'ftp.logistics-partner.example.net', port: 21, user: 'acme-edi', local: 'E:\\EDI\\Inbound\\Invoices 810', remote: '/edi/out/810', stem: 'INV', ext: 'edi', download: true },
  { protocol: 'sftp', host: '2001:db8:40::15', port: 2222, user: 'svc_hr_export', local: 'D:\\HR Exports\\Payroll', remote: '/upload/payroll', stem: 'payroll export', ext: 'csv.pgp' },
  { protocol: 'ftp', host: '10.40.3.18', port: 21, user: 'scanner', local: 'C:\\Shared\\Scanned Documents', remote: '/scans', stem: 'Scan', ext: 'pdf', download: true },
  { protocol: 'sftp', host: 'mft.insurer.example.org', port: 22, user: 'ACME_CLAIMS', local: 'D:\\EFT\\Outbound\\Claims Batch', remote: '/claims/incoming', stem: 'CLM', ext: 'zip' },
  { protocol: 'ftp', host: 'legacy-as400.corp.example', port: 21, user: 'QTRANSFER', local: 'C:\\AS400 Extracts', remote: '/QSYS.LIB/EXTRACT.LIB', stem: 'GLEXTRACT', ext: 'txt', download: true },
  { protocol: 'ftp', host: '203.0.113.80', port: 21, user: 'printshop', local: 'C:\\Marketing\\Print Jobs\\Ready', remote: '/jobs/incoming', stem: 'Brochure proof', ext: 'pdf' },
  { protocol: 'sftp', host: '198.51.100.44', port: 22, user: 'reporting', local: 'D:\\Reports\\Daily Sales', remote: '/data/sales/daily', stem: 'sales report', ext: 'xlsx' }
]

// Why a whole run fails before any file moves: the connection itself. Only a DNS name can fail to
// resolve (11001).
const CONNECT_FAILURES_NAMED = ['10060', '10060', '10061', '11001', '10065', '2000', '10054']
const CONNECT_FAILURES_IP = ['10060', '10060', '10061', '10065', '2000', '10054', '10053']
const SOCKS_FAILURES = ['1', '2', '4', '5', '11', '12']
// Why one file fails once connected.
const FTP_FILE_FAILURES = ['550', '550', '550', '553', '552', '451', '452', '426', '425', '421']
const SFTP_FILE_FAILURES = ['2', '2', '3', '3', '4', '7', '-1']

let time = Date.UTC(2026, 9, 24, 22, 0, 0)
const output = lineWriter()
let written = 0
// From here on, lines carry the tenth column (0 success, 1 failure), as after an upgrade.
const upgradeAt = Math.floor(lines * 0.6)

// The date part changes once a day, so it is formatted once a day; the clock part is plain arithmetic.
let day = -1
let dayText = ''
let compactDay = ''
function stamp () {
  const today = Math.floor(time / 86_400_000)
  if (today !== day) {
    const d = new Date(today * 86_400_000)
    dayText = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} `
    compactDay = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`
    day = today
  }
  const s = Math.floor((time - today * 86_400_000) / 1000)
  return `${dayText}${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`
}

function write (partner, operation, file, code, failed) {
  const local = `${partner.local}\\${file}`
  const remote = `${partner.remote}/${file}`
  const result = written >= upgradeAt ? ` ${failed ? 1 : 0};` : ''
  output.line(`${stamp()}; ${partner.protocol}; ${partner.host}; ${partner.port}; ${partner.user}; ${local}; ${remote}; ${operation}; ${code};${result}`)
  written++
}

let sequence = 1
function fileName (partner) {
  stamp()
  const date = compactDay
  const n = String(sequence++ % 100000).padStart(5, '0')
  return partner.stem.includes(' ') ? `${partner.stem} ${date} ${n}.${partner.ext}` : `${partner.stem}_${date}_${n}.${partner.ext}`
}

while (written < lines) {
  // the next rule to fire, after a pause
  time += int(1, 90) * 1000
  const partner = pick(PARTNERS)
  const sftp = partner.protocol === 'sftp'
  const operation = partner.download ? 'download' : chance(0.1) ? 'Copy/Move' : 'upload'
  const files = int(1, 40)
  const roll = random()
  if (roll < 0.04) {
    // the partner cannot be reached: the rule retries a few times, one line each
    // EFT's own codes (internal timeout, SOCKS) only on ftp/ftps lines: on sftp lines small numbers are
    // SFTP statuses, so sftp connections fail with Winsock codes
    let code = chance(0.15) && !sftp ? pick(SOCKS_FAILURES) : pick(/^[0-9a-f.:]+$/i.test(partner.host) ? CONNECT_FAILURES_IP : CONNECT_FAILURES_NAMED)
    if (sftp && code === '2000') code = '10060'
    const file = fileName(partner)
    const retries = int(1, 3)
    for (let i = 0; i < retries && written < lines; i++) {
      if (i > 0) time += 30_000
      write(partner, operation, file, code, true)
    }
    continue
  }
  if (roll < 0.06) {
    // the account is refused
    write(partner, operation, fileName(partner), sftp ? pick(['3', '-1']) : '530', true)
    continue
  }
  for (let i = 0; i < files && written < lines; i++) {
    time += int(0, 2500)
    const file = fileName(partner)
    if (chance(0.05)) {
      write(partner, operation, file, sftp ? pick(SFTP_FILE_FAILURES) : pick(FTP_FILE_FAILURES), true)
      continue
    }
    write(partner, operation, file, sftp ? '0' : operation === 'Copy/Move' ? '250' : '226', false)
  }
}
output.flush()
