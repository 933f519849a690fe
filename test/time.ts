import t from 'tap'
import { existsSync } from 'node:fs'
import { ZoneClock, parseLine } from '../lib/index.js'
import { convert } from './helpers/records.js'
import { isoString, isValidDateTime, localTimeZone, utcTime, yearInference } from '../lib/time.js'

const DAY_MS = 86_400_000

const wall = (text: string): number => Date.parse(text + 'Z')
const iso = (instant: number): string => new Date(instant).toISOString()

t.test('isoString writes what Date#toISOString writes', async (t) => {
  let seed = 7
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648
    const instant = Math.floor((seed / 2147483648) * 253402300799999) - 62135596800000 * (i % 3 === 0 ? 0 : 0)
    t.equal(isoString(instant), new Date(instant).toISOString())
  }
  t.equal(isoString(0), '1970-01-01T00:00:00.000Z')
  t.equal(isoString(-1), '1969-12-31T23:59:59.999Z')
  // Years outside 0–9999 are written with a sign and six digits, as Date does.
  for (const instant of [-62_167_219_200_001, -62_198_755_200_000, 253_402_300_800_000, 253_433_923_200_123]) t.equal(isoString(instant), new Date(instant).toISOString())
})

t.test('calendar checks', async (t) => {
  t.ok(isValidDateTime(2024, 2, 29, 0, 0, 0))
  t.notOk(isValidDateTime(2023, 2, 29, 0, 0, 0))
  t.notOk(isValidDateTime(1900, 2, 29, 0, 0, 0))
  t.ok(isValidDateTime(2000, 2, 29, 0, 0, 0))
  t.notOk(isValidDateTime(2024, 4, 31, 0, 0, 0))
  t.notOk(isValidDateTime(2024, 13, 1, 0, 0, 0))
  t.notOk(isValidDateTime(2024, 1, 0, 0, 0, 0))
  t.notOk(isValidDateTime(2024, 1, 1, 24, 0, 0))
  t.notOk(isValidDateTime(2024, 1, 1, 0, 60, 0))
})

t.test("the machine's zone: UTC told without ICU where TZ names it, otherwise what the C library and ICU read", async (t) => {
  const saved = process.env.TZ
  t.teardown(() => {
    if (saved === undefined) delete process.env.TZ
    else process.env.TZ = saved
  })
  // Offsets as the process's own clock (Node's reading of TZ) has them, winter and summer.
  const seasons = [Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 6, 15, 12)]
  const localOffsets = (): number[] => seasons.map((instant) => -new Date(instant).getTimezoneOffset() * 60_000)
  const clockOffsets = (zone: string): number[] => seasons.map((instant) => new ZoneClock(zone).offsetAt(instant))
  const utcNames = ['UTC', ':UTC', 'Etc/UTC', 'UCT', 'Etc/UCT', 'Universal', 'Zulu', 'GMT', 'Etc/GMT', 'GMT0', 'GMT+0', 'GMT-0', 'Etc/GMT+0', 'Greenwich', 'right/UTC', 'Factory']
  // POSIX's zero offsets without summer time, which ICU does not all read.
  const posixZero = ['UTC0', 'UTC+0', 'UTC-0', 'GMT+00', 'UTC+00:00', 'WET0']
  if (process.platform !== 'win32') utcNames.push('')
  for (const tz of [...utcNames, ...posixZero]) {
    process.env.TZ = tz
    t.equal(localTimeZone(), 'UTC', JSON.stringify(tz))
    t.same(localOffsets(), [0, 0], `${JSON.stringify(tz)} is UTC to the process's clock too`)
  }
  for (const tz of ['Europe/Paris', ':Europe/Paris', 'posix/Europe/Paris', 'America/New_York', 'EST5EDT', 'Etc/GMT+5']) {
    process.env.TZ = tz
    const zone = localTimeZone()
    t.not(zone, 'UTC', tz)
    t.same(clockOffsets(zone), localOffsets(), `${tz}: ${zone}`)
  }
  // A name after a colon, which the C library reads and ICU does not when it holds digits (nor Node's clock).
  for (const [tz, zone] of [[':EST5EDT', 'America/New_York'], [':PST8PDT', 'America/Los_Angeles']] as const) {
    process.env.TZ = tz
    t.equal(localTimeZone(), zone, tz)
  }
  // A zone file's path, which the C library reads and ICU does not.
  const paris = '/usr/share/zoneinfo/Europe/Paris'
  for (const tz of [paris, `:${paris}`]) {
    process.env.TZ = tz
    t.equal(existsSync(paris) ? localTimeZone() : 'Europe/Paris', 'Europe/Paris', tz)
  }
  // What neither ICU nor logjson reads as a zone (a POSIX rule, an unknown name or file) is UTC, as it
  // always was (`--tz` gives the zone then)...
  for (const tz of ['UTC+5', 'EST+5', 'CET-1CEST', 'CET-1CEST,M3.5.0,M10.5.0/3', 'IST-5:30', 'Europe/Nowhere', ':/nonexistent/zone']) {
    process.env.TZ = tz
    t.equal(localTimeZone(), 'UTC', tz)
  }
  // ... but an offset that ICU names and Intl does not take as a zone is an error that says where it came from.
  process.env.TZ = 'GMT+5'
  t.throws(() => localTimeZone(), { code: 'UNKNOWN_TIMEZONE', option: 'tz', message: /^this machine's time zone \(TZ="GMT\+5", "GMT\+05:00" to ICU\) / })
  // Unset: from /etc/localtime where it links into the zone files, or ICU's answer.
  delete process.env.TZ
  t.same(clockOffsets(localTimeZone()), localOffsets(), 'TZ unset')
})

t.test('an unknown zone is refused', async (t) => {
  t.throws(() => new ZoneClock('Mars/Olympus'), { code: 'UNKNOWN_TIMEZONE' })
})

t.test('plain times in UTC and in fixed-offset seasons', async (t) => {
  t.equal(iso(new ZoneClock('UTC').toInstant(wall('2026-11-21T10:00:00'))), '2026-11-21T10:00:00.000Z')
  const paris = new ZoneClock('Europe/Paris')
  t.equal(iso(paris.toInstant(wall('2026-01-15T12:00:00'))), '2026-01-15T11:00:00.000Z')
  t.equal(iso(paris.toInstant(wall('2026-07-15T12:00:00'))), '2026-07-15T10:00:00.000Z')
  const newYork = new ZoneClock('America/New_York')
  t.equal(iso(newYork.toInstant(wall('2026-01-15T12:00:00'))), '2026-01-15T17:00:00.000Z')
  const kolkata = new ZoneClock('Asia/Kolkata')
  t.equal(iso(kolkata.toInstant(wall('2026-01-15T12:00:00'))), '2026-01-15T06:30:00.000Z')
  const chatham = new ZoneClock('Pacific/Chatham')
  t.equal(iso(chatham.toInstant(wall('2026-01-15T12:00:00'))), '2026-01-14T22:15:00.000Z')
})

t.test('years 0 to 99 are those years in every zone, not 1900 to 1999', async (t) => {
  for (const zone of ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo']) {
    const clock = new ZoneClock(zone)
    const offset = clock.offsetAt(Date.UTC(2026, 0, 15))
    for (const year of [1, 50, 99]) {
      const instant = clock.toInstant(new Date(0).setUTCFullYear(year, 6, 15))
      t.equal(new Date(instant).getUTCFullYear(), year, `${zone}, year ${year}`)
      // The zone's offset then (local mean time, mostly) is within a day of any other.
      t.ok(Math.abs(instant - new Date(0).setUTCFullYear(year, 6, 15)) < DAY_MS, `${zone}, year ${year}: within a day of the wall time (offset now ${offset / 60_000} min)`)
    }
  }
})

t.test('the skipped hour (spring forward) reads with the offset before the change', async (t) => {
  // Europe/Paris, 2026-03-29: 02:00 CET jumps to 03:00 CEST.
  const paris = new ZoneClock('Europe/Paris')
  t.equal(iso(paris.toInstant(wall('2026-03-29T01:59:59'))), '2026-03-29T00:59:59.000Z')
  t.equal(iso(paris.toInstant(wall('2026-03-29T02:30:00'))), '2026-03-29T01:30:00.000Z')
  t.equal(iso(paris.toInstant(wall('2026-03-29T03:00:00'))), '2026-03-29T01:00:00.000Z')
  t.equal(iso(paris.toInstant(wall('2026-03-29T03:30:00'))), '2026-03-29T01:30:00.000Z')
})

t.test('the repeated hour (fall back) follows the order of the log', async (t) => {
  // Europe/Paris, 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:00-02:59 happens twice.
  const paris = new ZoneClock('Europe/Paris')
  const seen = ['01:50', '02:10', '02:50', '02:05', '02:40', '03:10'].map((hm) => iso(paris.toInstant(wall(`2026-10-25T${hm}:00`))))
  t.same(seen, [
    '2026-10-24T23:50:00.000Z',
    '2026-10-25T00:10:00.000Z', // first pass, CEST
    '2026-10-25T00:50:00.000Z',
    '2026-10-25T01:05:00.000Z', // the clock went back: second pass, CET
    '2026-10-25T01:40:00.000Z',
    '2026-10-25T02:10:00.000Z'
  ])
  // A fresh input that starts inside the repeated hour takes the first pass.
  t.equal(iso(new ZoneClock('Europe/Paris').toInstant(wall('2026-10-25T02:30:00'))), '2026-10-25T00:30:00.000Z')
})

t.test('transitions in the southern hemisphere and at half hours', async (t) => {
  // Australia/Lord_Howe moves by 30 minutes: 2026-04-05 02:00 (+11) back to 01:30 (+10:30).
  const lordHowe = new ZoneClock('Australia/Lord_Howe')
  t.equal(iso(lordHowe.toInstant(wall('2026-04-04T12:00:00'))), '2026-04-04T01:00:00.000Z')
  t.equal(iso(lordHowe.toInstant(wall('2026-04-06T12:00:00'))), '2026-04-06T01:30:00.000Z')
  // America/Sao_Paulo no longer has daylight saving time.
  t.equal(iso(new ZoneClock('America/Sao_Paulo').toInstant(wall('2026-01-15T12:00:00'))), '2026-01-15T15:00:00.000Z')
})

t.test('every quarter hour of a year matches Intl in a zone with daylight saving', async (t) => {
  const zone = 'America/New_York'
  const clock = new ZoneClock(zone)
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
  let mismatches = 0
  for (let instant = Date.UTC(2026, 0, 1); instant < Date.UTC(2027, 0, 1); instant += 15 * 60 * 1000) {
    const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]))
    const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute))
    // Wall times of the repeated hour are ambiguous by nature; the rest must come back to their instant.
    const back = clock.toInstant(local)
    if (back !== instant && Math.abs(back - instant) !== 3600000) mismatches++
  }
  t.equal(mismatches, 0)
})

t.test('a time the zone moves past year 9999 is no time a record can hold: the line is rejected, from bytes or text', async (t) => {
  const line = 'Dec 31 23:30:00 host proftpd[1234]: host (client[192.0.2.1]) - USER alice: Login successful.'
  const options = { dialect: 'proftpd', year: 9999, tz: 'America/New_York' }
  t.match(parseLine(line, options), { logjson: { unparsed: true } }, 'text')
  const { records } = await convert(t, `${line}\n`, options)
  t.match(records[0], { logjson: { unparsed: true } }, 'bytes')
  t.equal(parseLine(line.replace('23:30', '18:30'), options)!['@timestamp'], '9999-12-31T23:30:00.000Z', 'the last minutes that fit are read')
})

t.test('the inferred year of a month and day does not depend on the days asked before it', async (t) => {
  // Reference: 2026-03-01, so days up to March 2nd are this year and later ones last year. Days past a
  // month's end (Date.UTC rolls them over) and in any order, each answer as a fresh inference gives it.
  const reference = Date.UTC(2026, 2, 1, 12)
  const days: Array<[number, number]> = [[3, 2], [3, 3], [1, 128], [2, 0], [2, 0], [12, 31], [3, 3], [3, 2], [2, 30], [0, 64], [1, 0], [13, 1], [2, 29], [2, 29]]
  const infer = yearInference(undefined, new ZoneClock('UTC'), reference)
  for (const [month, day] of days) {
    const fresh = yearInference(undefined, new ZoneClock('UTC'), reference)(month, day)
    t.equal(infer(month, day), fresh, `${month}/${day}`)
    t.equal(fresh, utcTime(2026, month, day, 0, 0, 0) > Date.UTC(2026, 2, 2) ? 2025 : 2026, `${month}/${day} against the reference`)
  }
})
