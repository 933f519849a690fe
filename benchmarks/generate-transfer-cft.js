#!/usr/bin/env node
// Writes a synthetic Axway Transfer CFT log: `node benchmarks/generate-transfer-cft.js [lines] > file`.
// Transfers run concurrently and their messages interleave: PeSIT requester sends and server receives
// (V24 lines with `<KEY=value …>` pairs; about one in seven written the V23 way, pairs inline), and SFTP
// server sessions. Each transfer walks its life: command accepted (CFTR12I), session parameters and opening
// (CFTT13I, CFTH56I, TLS with CFTY14I/CFTY15I), file selected or created, opened, transfer started and
// ended (CFTT53I–CFTT58I), file details (CFTT88I+), end-of-transfer procedure (CFTS03I), session closed.
// About one in eight goes wrong: connection rejects and aborts carrying DIAGI/DIAGP (both inside the
// brackets and as DIAGI=), with a `CFTT82E+` line that adds DIAGP and DIAGC, TLS handshake failures
// (CFTY13E/CFTY30E with CR and the alert name), refused SFTP logins, unauthorized flows. Records span
// lines the ways the dialect reads: same-id `+` continuations (CFTY51I+, CFTT82E+, CFTT13I+) and long
// records hard-wrapped onto lines with neither date nor id (SFTP sessions at 90 columns, the rest at
// 160). "lines" counts physical lines. The line prefix varies the way the documented samples do: a node
// id before the date, or centiseconds after the time.
import { lineWriter, randomSource } from './synthetic.js'

const lines = Number(process.argv[2] ?? 1_000_000)
const { random, pick, int, chance } = randomSource(0x27d4eb2f)
const two = (n) => (n < 10 ? '0' : '') + n

// PeSIT partners: name, host, port (SAP), whether the link is TLS.
const PARTNERS = [
  ['PARIS_DC1', 'cft-paris.example.net', 1761, false],
  ['NEWYORK_HQ', '198.51.100.20', 1761, true],
  ['LONDON_BANK01', 'mft.londonbank.example.co.uk', 6335, true],
  ['SUPPLIER_0001', '203.0.113.41', 1762, false],
  ['WAREHOUSE_LYON', '10.12.0.31', 1761, false],
  ['HQ_MAINFRAME', 'zos-prod.corp.example', 1761, true],
  ['SEID', '212.11.19.28', 6335, true]
]
const FLOWS = [
  ['DAILYREPORT', 'pub/reports/daily_report'],
  ['INVOICES_EU', '/data/cft/send/invoices/eu/INV'],
  ['PAYROLL_MONTH', '/data/cft/send/payroll/PAY'],
  ['BIN', 'pub/bin/archive'],
  ['TXT', 'pub/FTEST'],
  ['STOCK_LEVELS', '/appl/erp/out/stock_levels'],
  ['ORDERS_IN', '/appl/erp/in/orders/ORD']
]
const USERS = ['cftadm', 'cftprod', 'batch01', 'ops']
const SFTP_USERS = ['user1', 'partner_acme', 'svc_upload', 'logistics']
const SFTP_CLIENTS = ['192.0.2.50', '203.0.113.77', '198.51.100.90', '10.30.4.11', '2001:db8:7::20']
const CIPHERS = ['aes256-ctr', 'aes128-ctr', 'aes256-gcm@openssh.com']
const KEX = ['curve25519-sha256@libssh.org', 'ecdh-sha2-nistp256', 'diffie-hellman-group14-sha256']
const MACS = ['hmac-sha2-256', 'hmac-sha2-512']
// [CR, alert name, text in parentheses] for CFTY13E / CFTY30E
const TLS_FAILURES = [
  [40, 'HANDSHAKE_FAILURE', 'Handshake failure'],
  [40, 'HANDSHAKE_FAILURE', 'Handshake failure: no shared cipher'],
  [42, 'BAD_CERTIFICATE', 'Bad certificate'],
  [45, 'CERTIFICATE_EXPIRED', 'Certificate expired'],
  [48, 'UNKNOWN_CA', 'Unknown CA'],
  [70, 'PROTOCOL_VERSION', 'Protocol version']
]
// Aborts during the transfer: [DIAGI, DIAGP (a mnemonic, or none), DIAGC]
const ABORTS = [
  [302, 'VNRELI', 'Connection reset by peer'],
  [302, 'RELEASE', 'Network connection released by the partner'],
  [240, 'RTO', 'No data received within the RTO delay'],
  [110, 'NO OLD', 'File /data/cft/recv/ORDERS.dat does not exist'],
  [113, 'NO NEW', 'File /data/cft/recv/STOCK.dat already exists'],
  [121, 'OPER', 'Interrupted on operator request'],
  [111, '', 'No space left on device'],
  [115, '', 'Permission denied'],
  [610, '', 'File not found at partner'],
  [614, '', 'Partner file space full']
]
// Rejects before the session: the text in brackets after the pairs
const REJECTS = ['416 MAXTRANS', '916 MAXTRANS', '302 R 0 2f2', '417 MAXTASK', '430 INACT']

let time = Date.UTC(2026, 9, 24, 22, 0, 0)
const output = lineWriter()
let written = 0

// yy/mm/dd hh:mm:ss, with the date formatted once a day
let day = -1
let dayText = ''
function clock () {
  const today = Math.floor(time / 86_400_000)
  if (today !== day) {
    const d = new Date(today * 86_400_000)
    dayText = `${two(d.getUTCFullYear() % 100)}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} `
    day = today
  }
  const ms = time - today * 86_400_000
  const s = Math.floor(ms / 1000)
  return { date: dayText, time: `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`, centis: two(Math.floor(ms / 10) % 100) }
}
function prefix (flow) {
  const c = clock()
  if (flow.style === 'node') return `${flow.node} ${c.date}${c.time}`
  if (flow.style === 'centi') return `${c.date}${c.time}.${c.centis}`
  return `${c.date}${c.time}`
}

// Hard wrap at a column, between words, as a copy of the log made with a fixed line width does.
function wrap (line, width, into) {
  let rest = line
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width)
    if (cut <= 0) break
    into.push(rest.slice(0, cut))
    rest = rest.slice(cut + 1)
  }
  into.push(rest)
}

function emit (rows) {
  // the last record is cut to the count asked for
  const take = Math.min(rows.length, lines - written)
  for (let i = 0; i < take; i++) output.line(rows[i])
  written += take
}

// A flow's script is a list of records; each record is built when written, from the current time.
// A record is [id, text] or [id, text, plusText] for a same-id `+` continuation, wrapped at flow.width.
function record (flow, id, text, plus) {
  const rows = []
  const head = `${prefix(flow)} ${id} ${text}`
  wrap(head, flow.width, rows)
  if (plus !== undefined) wrap(`${prefix(flow)} ${id}+${plus}`, flow.width, rows)
  return rows
}

let idtuCounter = 0x2c
let idtCounter = 0
let sessionCounter = 1
let rowCounter = 250
function idtu () {
  return 'A' + (idtuCounter++).toString(36).toUpperCase().padStart(7, '0')
}
function idt () {
  // a month letter, then day, hour and minute, and a counter digit
  const d = new Date(time)
  return String.fromCharCode(65 + d.getUTCMonth()) + two(d.getUTCDate()) + two(d.getUTCHours()) + two(d.getUTCMinutes()) + (idtCounter++ % 10)
}

function pesitFlow () {
  const [part, host, sap, tls] = pick(PARTNERS)
  const [idf, path] = pick(FLOWS)
  const v23 = chance(0.15)
  const flow = { style: v23 ? 'plain' : chance(0.5) ? 'node' : 'centi', node: pick(['00', '01']), width: 160, steps: [] }
  const send = chance(0.6)
  const side = send ? 'Requester' : 'Server'
  const u = idtu()
  const t = idt()
  const ids = String(sessionCounter++ % 100000).padStart(5, '0')
  const nidt = String(int(1_000_000, 9_999_999))
  const user = pick(USERS)
  const fname = `${path}_${t}.dat`
  const bytes = int(120, 250_000_000)
  const prot = tls ? 'PESITSSL' : 'PESITANY'
  const s = flow.steps
  const v24pairs = `IDTU=${u} PART=${part} IDF=${idf} IDT=${t}`
  const v23pairs = `PART=${part} IDF=${idf} IDT=${t}`
  const life = (id, words) => v23 ? () => record(flow, id, `${v23pairs} ${side} ${words}`) : () => record(flow, id, `${side} ${words} <${v24pairs}>`)
  // V24 puts DIAGI and DIAGP in the brackets; V23 after the text, as `diagi ,diagp`
  const connectReject = (diag) => v23
    ? () => record(flow, 'CFTT75E', `${v23pairs} connect reject ${diag.replace(' ', ' ,')}`)
    : () => record(flow, 'CFTT75E', `connect reject <${v24pairs} ${diag}>`)
  const sessionError = (ev, st) => v23
    ? () => record(flow, 'CFTH11E', `PART=${part} Error Opening session EV=${ev} ST=${st}`)
    : () => record(flow, 'CFTH11E', `Error Opening session <PART=${part} EV=${ev} ST=${st}>`)

  if (send) {
    s.push(() => record(flow, 'CFTR12I', v23 ? `SEND PART=${part} IDF=${idf} Treated for USER ${user}` : `SEND Treated for USER ${user} <IDTU=${u} PART=${part} IDF=${idf}>`))
    if (chance(0.5)) s.push(() => record(flow, 'CFTS20I', `Communication file row number deleted: ${String(rowCounter++ % 100000000).padStart(8, '0')}`))
    // the session parameters; written the V23 way they take a `+` line
    s.push(v23
      ? () => record(flow, 'CFTT13I', `${v23pairs} _ Session parameters`, ` PROT=${prot} SAP=${sap} HOST=${host}`)
      : () => record(flow, 'CFTT13I', `Session parameters <${v24pairs} _ PROT=${prot} SAP=${sap} HOST=${host}>`))
    const reject = random()
    if (reject < 0.03) {
      s.push(v23
        ? () => record(flow, 'CFTH09E', `PART=${part} Network connect request local error NCR=416 NCS=MAXCNX`)
        : () => record(flow, 'CFTH09E', `Network connect request local error <PART=${part} NCR=416 NCS=MAXCNX NET=TCP>`))
      s.push(connectReject('416 MAXTRANS'))
      return flow
    }
    if (reject < 0.06) {
      s.push(sessionError('VNRELI', 'CN0022'))
      s.push(connectReject(pick(REJECTS)))
      return flow
    }
    if (tls) {
      const ctx = (0x200000 + int(0, 0xffff)).toString(16)
      s.push(() => record(flow, 'CFTY19I', `PART=${part} SSL=SSL_CLI opening client session CTX=${ctx} on task PID=${int(2000, 99999)}`))
      if (chance(0.08)) {
        // refused on this side (CFTY13E) or by the partner (CFTY30E)
        const [cr, name, words] = pick(TLS_FAILURES)
        const local = chance(0.5)
        s.push(() => record(flow, local ? 'CFTY13E' : 'CFTY30E', `CTX=${ctx} SSL Handshake ${local ? 'local' : 'remote'} error [${name}] CR=${cr} (${words})`))
        s.push(sessionError('VVTIMO', 'SUP01'))
        s.push(connectReject('260 TLSDOWN'))
        return flow
      }
      s.push(() => record(flow, 'CFTY14I', `CTX=${ctx} PART=${part} SSL=SSL_CLI client session established VERSION=${pick(['TLSv1.2', 'TLSv1.3'])} CIPHER=${pick([49199, 49200, 4866])} AUTH=SERVER`))
    }
    s.push(v23 ? () => record(flow, 'CFTH56I', `PART=${part} IDS=${ids} PESIT Requester session opened`) : () => record(flow, 'CFTH56I', `PESIT Requester session opened <PART=${part} IDS=${ids} HOST=${host}>`))
    s.push(life('CFTT53I', 'file selected'))
  } else {
    if (tls) {
      const ctx = (0x210000 + int(0, 0xffff)).toString(16)
      s.push(() => record(flow, 'CFTY20I', `PROT=${prot} SSL=SSL_SRV opening server session CTX=${ctx} on task PID=${int(2000, 99999)}`))
      if (chance(0.08)) {
        const [cr, name, words] = pick(TLS_FAILURES)
        s.push(() => record(flow, 'CFTY13E', `CTX=${ctx} SSL Handshake local error [${name}] CR=${cr} (${words})`))
        s.push(sessionError('VVTIMO', 'SUP01'))
        return flow
      }
      s.push(() => record(flow, 'CFTY15I', `CTX=${ctx} PROT=${prot} SSL=SSL_SRV server session established VERSION=TLSv1.2 CIPHER=49199 AUTH=BOTH`))
    }
    s.push(v23 ? () => record(flow, 'CFTH56I', `PART=${part} IDS=${ids} PESIT Server session opened`) : () => record(flow, 'CFTH56I', `PESIT Server session opened <PART=${part} IDS=${ids} HOST=${host}>`))
    if (chance(0.03)) {
      // a flow this partner may not send
      if (v23) {
        s.push(() => record(flow, 'CFTT25E', `PART=${part} IDF=${idf} _ IDF not authorized`))
        s.push(() => record(flow, 'CFTT82E', `PART=${part} IDF=${idf} IDT= transfer aborted 413`))
      } else {
        s.push(() => record(flow, 'CFTT25E', `_ IDF not authorized <PART=${part} IDF=${idf}>`))
        s.push(() => record(flow, 'CFTT82E', `Transfer aborted <IDTU=00000000 PART=${part} IDF=${idf} IDT= DIAGI=413>`))
      }
      return flow
    }
    if (!v23) s.push(() => record(flow, 'CFTW09I', `CFTRECV ${idf} <${v24pairs} NIDF=${idf}>`))
    s.push(life('CFTT53I', 'file created'))
  }
  s.push(life('CFTT55I', 'file opened'))
  s.push(v23 ? () => record(flow, 'CFTT57I', `${v23pairs} ${side} transfer started`) : () => record(flow, 'CFTT57I', `${side} transfer started <${v24pairs} IDS=${ids}>`))
  if (chance(0.06)) {
    // the transfer breaks off
    const [diagi, diagp, diagc] = pick(ABORTS)
    if (v23) s.push(() => record(flow, 'CFTT82E', `${v23pairs} transfer aborted ${diagi}${diagp === '' ? '' : ' ,' + diagp}`))
    else if (chance(0.5)) s.push(() => record(flow, 'CFTT82E', `Transfer aborted <${v24pairs} DIAGI=${diagi}>`, `${diagp === '' ? '' : ' DIAGP=' + diagp} DIAGC=${diagc}`))
    else s.push(() => record(flow, diagi > 500 ? 'CFTT74E' : 'CFTT82E', `${diagi > 500 ? '' : 'transfer aborted '}<${v24pairs} ${diagi}${diagp === '' ? '' : ' ' + diagp}>`))
    s.push(v23 ? () => record(flow, 'CFTH61I', `PART=${part} IDS=${ids} ${side} session closed`) : () => record(flow, 'CFTH61I', `PESIT ${side} session closed <PART=${part} IDS=${ids}>`))
    return flow
  }
  s.push(v23 ? () => record(flow, 'CFTT58I', `${v23pairs} ${side} transfer ended`) : () => record(flow, 'CFTT58I', `${side} transfer ended <${v24pairs} IDS=${ids}>`))
  s.push(life('CFTT56I', 'file closed'))
  s.push(v23 ? () => record(flow, 'CFTH58I', `PART=${part} IDS=${ids} IDF=${idf} NIDT=${nidt} transfer deselected T=200`) : () => record(flow, 'CFTH58I', `transfer deselected <PART=${part} IDS=${ids} IDF=${idf} NIDT=${nidt} T=200>`))
  s.push(life('CFTT54I', 'file deselected'))
  const seconds = Math.max(0, Math.round(bytes / int(1_000_000, 40_000_000)))
  s.push(v23
    ? () => [`${prefix(flow)} CFTT88I+IDT=${t} WORKINGDIR= FNAME=${fname} NBC=${bytes}`]
    : () => record(flow, 'CFTT88I+<IDTU=' + u, `WORKINGDIR= ${send ? 'FNAME' : 'WFNAME'}=${fname} NBC=${bytes} DURATION=${seconds}s>`))
  if (!send && !v23 && chance(0.5)) s.push(() => record(flow, 'CFTF33I', `Rename to FNAME=${fname.replace('.dat', '.xml')} done <${v24pairs}>`))
  if (chance(0.35)) {
    const script = send ? 'exec/notify_sent.cmd' : 'exec/integrate.sh'
    s.push(v23 ? () => record(flow, 'CFTS03I', `${v23pairs} _ ${script} executed`) : () => record(flow, 'CFTS03I', `_ ${script} executed <${v24pairs}> (${(random() * 2).toFixed(6)} sec)`))
  }
  if (!send && chance(0.3)) s.push(() => record(flow, 'CFTT59I', `Server reply transferred <IDTU=00000000 PART=${part} IDM=${idf} IDT=${t}>`))
  s.push(v23 ? () => record(flow, 'CFTH61I', `PART=${part} IDS=${ids} ${side} session closed`) : () => record(flow, 'CFTH61I', `PESIT ${side} session closed <PART=${part} IDS=${ids}>`))
  return flow
}

function sftpFlow () {
  // laid out like the SFTP quick-start sample: node id prefix, wrapped at 90 columns
  const flow = { style: 'node', node: '00', width: 90, steps: [] }
  const user = pick(SFTP_USERS)
  const part = user.toUpperCase()
  const host = pick(SFTP_CLIENTS)
  const ctx = String(int(30000, 39999))
  const [idf, path] = chance(0.5) ? ['FLOW01', 'FLOW01/stdio'] : ['UPLOADS', `sftp/${user}/in/batch_${int(1000, 9999)}.zip`]
  const u = idtu()
  const t = idt()
  const pairs = `IDTU=${u} PART=${part} IDF=${idf} IDT=${t}`
  const s = flow.steps
  const [cin, cout, kex, mac] = [pick(CIPHERS), pick(CIPHERS), pick(KEX), pick(MACS)]
  // the SSH line: split by CFT into a `+` record, whose parts a fixed-width copy wrapped again
  s.push(() => {
    const p = prefix(flow)
    return [`${p} CFTY51I SSH server session established CTX=${ctx} PROT=SFTP Version=SSH2`, `Cipher in=${cin} Cipher out=${cout} Key`, `${p} CFTY51I+exchange=${kex} hmac in=${mac}`, `hmac out=${mac}`]
  })
  if (chance(0.06)) {
    s.push(() => record(flow, 'CFTT70E', `The user ${user} is not allowed to connect to the server`))
    return flow
  }
  const method = pick(['Password', 'Password', 'PublicKey'])
  s.push(() => record(flow, 'CFTT70I', `The user ${user} is connecting with method ${method}`))
  s.push(() => record(flow, 'CFTY53I', `SFTP server session established CTX=${ctx} PROT=SFTP Version=3 Authentication=${method} CFT Client=No`))
  s.push(() => record(flow, 'CFTH56I', `SFTP Server session opened <PART=${part} IDS=${ctx} HOST=${host}>`))
  s.push(() => record(flow, 'CFTW09I', `CFTRECV ${idf} <${pairs} NIDF=${idf}>`))
  s.push(() => record(flow, 'CFTT53I', `Server file created <${pairs}>`))
  s.push(() => record(flow, 'CFTT55I', `Server file opened <${pairs}>`))
  s.push(() => record(flow, 'CFTT57I', `Server transfer started <${pairs} IDS=${ctx}>`))
  if (chance(0.05)) {
    s.push(() => record(flow, 'CFTT82E', `Transfer aborted <${pairs} DIAGI=404>`, ' DIAGP=KEY DIAGC=The key the client presented is not the one recorded for it'))
    return flow
  }
  const bytes = int(500, 40_000_000)
  s.push(() => record(flow, 'CFTT58I', `Server transfer ended <${pairs} IDS=${ctx}>`))
  s.push(() => record(flow, 'CFTT56I', `Server file closed <${pairs}>`))
  s.push(() => record(flow, 'CFTT54I', `Server file deselected <${pairs}>`))
  s.push(() => record(flow, `CFTT88I+<IDTU=${u}`, `WORKINGDIR=sftp/${user} FNAME=${path} NBC=${bytes} DURATION=${Math.round(bytes / 8_000_000)}s>`))
  return flow
}

// Now and then, messages that belong to no transfer: the catalog filling up, a task's system error,
// incoming calls refused.
function housekeeping () {
  const flow = { style: 'centi', width: 160 }
  const roll = random()
  if (roll < 0.35) return record(flow, 'CFTC29W', `Catalog Alert fill threshold reached: level=${int(80, 90)}% ID=CAT0`)
  if (roll < 0.6) return record(flow, 'CFTC30W', `Catalog Alert cleared : level=${int(55, 79)}% ID=CAT0`)
  if (roll < 0.75) {
    const from = int(10, 40) * 10
    return record(flow, 'CFTC13I', `Catalog resize (${from} --> ${from + from / 5}) done`)
  }
  if (roll < 0.85) return record(flow, 'CFTY03E', `PID=${int(5, 40)} System error [${pick(['SYDEF', 'SYPOST', 'MMALLOC'])}] CR=-${pick([1, 2, 9])} CS=0`)
  if (roll < 0.95) return record(flow, 'CFTH66E', 'Incoming calls (1) rejected, ERROR=sessions (ctx) in use >= max_sessions (3|3), PROTOCOL=?')
  return record(flow, 'CFTT17I', `_ STATE=HOLD <IDTU=${idtu()} PART=PARIS_DC1 IDF=TXT IDT=${idt()}>`)
}

const active = []
while (written < lines) {
  time += Math.floor(random() * 900)
  if (chance(0.004)) {
    emit(housekeeping())
    continue
  }
  if (active.length < 4 || (active.length < 16 && chance(0.2))) active.push(chance(0.15) ? sftpFlow() : pesitFlow())
  const index = Math.floor(random() * active.length)
  const flow = active[index]
  emit(flow.steps.shift()())
  if (flow.steps.length === 0) {
    active[index] = active[active.length - 1]
    active.pop()
  }
}
output.flush()
