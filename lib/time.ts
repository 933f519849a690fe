/**
 * Wall-clock time in a named zone → UTC instants.
 *
 * Logs write local time without an offset, so every line needs "this wall time in zone Z" turned into an
 * instant. Intl is the only zone database Node ships, and asking it costs microseconds, so offsets are
 * cached per quarter hour of wall time (every real zone changes its offset on a quarter-hour boundary).
 * Consecutive lines almost always share the quarter hour, so the common case is one comparison.
 */
import { readlinkSync, realpathSync } from 'node:fs'
import { LogjsonError } from './errors.js'

const QUARTER_HOUR = 15 * 60 * 1000
const DAY = 24 * 60 * 60 * 1000
/** More than the largest distance between a wall time and its instant (UTC-12 to UTC+14). */
const SAFE_MARGIN = 15 * 60 * 60 * 1000

/** Days in each month of a non-leap year; February is adjusted below. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

export function isLeapYear (year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Milliseconds since the epoch of a UTC calendar time; unlike `Date.UTC`, years 0–99 stay themselves. */
export function utcTime (year: number, month: number, day: number, hour: number, minute: number, second: number, millisecond = 0): number {
  const time = Date.UTC(year, month - 1, day, hour, minute, second === 60 ? 59 : second, millisecond)
  return year >= 100 ? time : new Date(time).setUTCFullYear(year)
}

const ISO_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?(Z|[+-]\d\d:?\d\d)?)?$/

/**
 * The instant an ISO-8601 time names (`2023-02-14`, `2023-02-14T23:59`, `…:59.5+01:00`; UTC without an
 * offset), or undefined: `at`, its whole milliseconds, and whether a finer fraction follows them. Record
 * times are whole milliseconds, so a record is at or after the instant exactly when it is at or after
 * `at + 1` in that case (and at or before it when at or before `at`).
 */
export function isoInstant (text: string): { at: number, finer: boolean } | undefined {
  const iso = ISO_TIME.exec(text)
  if (iso === null) return undefined
  const [, y, mo, d, h = '00', mi = '00', sec = '00', fraction = '', zone = 'Z'] = iso
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, sec].map(Number) as [number, number, number, number, number, number]
  if (!isValidDateTime(year, month, day, hour, minute, second) || second === 60) return undefined
  let offset = 0
  if (zone !== 'Z') {
    const [offsetHours, offsetMinutes] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))]
    if (offsetHours > 23 || offsetMinutes > 59) return undefined
    offset = (zone[0] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000
  }
  const at = utcTime(year, month, day, hour, minute, second) + Number(fraction.slice(0, 3).padEnd(3, '0')) - offset
  return { at, finer: /[1-9]/.test(fraction.slice(3)) }
}

/** True when the calendar and clock fields name a time that exists on some calendar day. */
export function isValidDateTime (year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return false
  const max = month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!
  return day <= max
}

/** Zones that need no zone data: UTC needs no look-up, and skipping it spares loading ICU's zones. */
const UTC_NAMES = new Set(['UTC', 'Etc/UTC'])

/**
 * ISO text of a wall time read in a clock's zone, or undefined when the date or time does not exist
 * (February 30th, 25:00). The fields are numbers as the log writes them (months from 1). The clock is
 * asked as `wallInstant` asks it, milliseconds apart, as the byte readers do: a repeated hour reads alike
 * whichever reader read its lines.
 */
export function wallTimeIso (clock: ZoneClock, year: number, month: number, day: number, hour: number, minute: number, second: number, millisecond = 0): string | undefined {
  const instant = wallInstant(clock, year, month, day, hour, minute, second)
  return Number.isNaN(instant) ? undefined : isoString(instant + millisecond)
}

/** Throws a coded error when `zone` is not a zone Intl knows. */
export function assertTimeZone (zone: string): void {
  if (UTC_NAMES.has(zone)) return
  try {
    // eslint-disable-next-line no-new
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
  } catch {
    throw new LogjsonError('UNKNOWN_TIMEZONE', `unknown time zone "${zone}" (expected an IANA name such as Europe/Paris or UTC)`, { option: 'tz' })
  }
}

/**
 * Names of UTC that `TZ` or a zone file's path may give: IANA's links to it, with or without the `posix/`
 * and `right/` trees of the zone files, and `Factory`, IANA's zone for a machine whose zone was never set
 * (offset 0).
 */
const UTC_LINKS = /^(?:(?:posix|right)\/)?(?:Etc\/)?(?:UTC|UCT|Universal|Zulu|GMT|GMT0|GMT[+-]0|Greenwich)$|^Factory$/
/** A POSIX `TZ` of a zone at offset 0 with no summer time (`UTC0`, `GMT+00`, `WET0`), which ICU does not all read. */
const POSIX_UTC = /^[A-Za-z]{3,}[+-]?0{1,2}(?::0{1,2}){0,2}$/
/** Whether the C library reads `name` (as `TZ`, or a zone file's name) as UTC. */
const isUtc = (name: string): boolean => UTC_LINKS.test(name) || POSIX_UTC.test(name)
/** The directories of zone files (macOS resolves /etc/localtime into `zoneinfo.default`). */
const ZONE_DIRECTORIES = ['zoneinfo/', 'zoneinfo.default/']

/**
 * The zone a zone file stands for, by its name under a zone files' directory: the link's own target
 * first (which may dangle where the zone files are not installed), then the path with every link followed.
 */
function zoneOfFile (path: string): string | undefined {
  for (const follow of [readlinkSync, realpathSync]) {
    let target: string
    try {
      target = follow(path)
    } catch {
      continue
    }
    for (const directory of ZONE_DIRECTORIES) {
      const at = target.lastIndexOf(directory)
      if (at >= 0 && (at === 0 || target[at - 1] === '/')) return target.slice(at + directory.length).replace(/^(?:posix|right)\//, '')
    }
  }
  return undefined
}

/** Intl's name for `zone`, undefined when Intl does not take it. */
function intlZone (zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
}

/**
 * The machine's zone, as ICU reads it from `TZ` or `/etc/localtime`, but for what is read here first: UTC,
 * told without asking ICU (its first answer loads its data, 20-50 ms of a start, and a machine on UTC, as
 * most servers and containers are, needs none of it), and what ICU does not read from `TZ` although the C
 * library does: a zone file's path (`TZ=:/etc/localtime`), and a zone's name after a colon (`:EST5EDT`).
 * What no one here can read as a zone (a POSIX rule such as `EST+5`) is UTC, as it always was: `--tz`
 * gives the zone then.
 */
export function localTimeZone (): string {
  const tz = process.env.TZ
  // Node on Windows ignores a TZ set but empty (the system's zone applies, as ICU finds it); the C library
  // of other systems reads it as UTC.
  if (tz === '' && process.platform !== 'win32') return 'UTC'
  if (tz !== undefined && tz !== '') {
    const name = tz.startsWith(':') ? tz.slice(1) : tz
    if (isUtc(name)) return 'UTC'
    const zone = name.startsWith('/') ? zoneOfFile(name) : name
    if (zone !== undefined) {
      if (isUtc(zone)) return 'UTC'
      const known = intlZone(zone)
      if (known !== undefined) return known
    }
  } else if (tz === undefined && isUtc(zoneOfFile('/etc/localtime') ?? '')) {
    return 'UTC'
  }
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone as string | undefined
  // ICU finds no zone where none is set (no /etc/localtime), which the C library reads as UTC, and none for
  // a TZ it cannot read.
  if (zone === undefined || zone === 'Etc/Unknown') return 'UTC'
  if (intlZone(zone) === undefined) {
    // An offset ICU names but Intl does not take as a zone (`TZ=GMT+5` gives `GMT+05:00`).
    throw new LogjsonError('UNKNOWN_TIMEZONE', `this machine's time zone (${tz === undefined ? '' : `TZ=${JSON.stringify(tz)}, `}` +
      `"${zone}" to ICU) is not one logjson can read: give --tz an IANA name such as Europe/Paris or UTC`, { option: 'tz' })
  }
  return zone
}

/**
 * Converts wall times of one zone into instants. One instance serves one input: it remembers the last
 * instant it produced so that the repeated hour at the end of daylight saving time is resolved in the
 * order a log is written (see `toInstant`).
 */
export class ZoneClock {
  readonly zone: string
  readonly #format: Intl.DateTimeFormat | undefined
  /** Offset by quarter hour of wall time, where the wall time has exactly one instant. */
  readonly #offsets = new Map<number, number>()
  /** Both offsets by quarter hour of wall time, where the wall time occurs twice. */
  readonly #repeated = new Map<number, readonly [number, number]>()
  /** Offset by quarter hour of instant: the answers Intl gave. */
  readonly #instantOffsets = new Map<number, number>()
  #lastKey = NaN
  #lastOffset = 0
  /** A range of wall times over which the offset is known not to change, and that offset. */
  #stableFrom = NaN
  #stableTo = NaN
  #stableOffset = 0
  #previous = -Infinity

  constructor (zone: string) {
    assertTimeZone(zone)
    this.zone = zone
    this.#format = UTC_NAMES.has(zone)
      ? undefined
      : new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric'
      })
  }

  /** Offset of the zone (wall time minus UTC, in ms) at an instant. */
  offsetAt (instant: number): number {
    const format = this.#format
    if (format === undefined) return 0
    // Offsets change on quarter hours, so one answer from Intl serves the whole quarter hour.
    const key = Math.floor(instant / QUARTER_HOUR)
    const known = this.#instantOffsets.get(key)
    if (known !== undefined) return known
    const offset = this.#askIntl(format, key * QUARTER_HOUR)
    if (this.#instantOffsets.size > 4096) this.#instantOffsets.clear()
    this.#instantOffsets.set(key, offset)
    return offset
  }

  #askIntl (format: Intl.DateTimeFormat, instant: number): number {
    let year = 0; let month = 0; let day = 0; let hour = 0; let minute = 0; let second = 0
    for (const part of format.formatToParts(instant)) {
      switch (part.type) {
        case 'year': year = Number(part.value); break
        case 'month': month = Number(part.value); break
        case 'day': day = Number(part.value); break
        case 'hour': hour = Number(part.value); break
        case 'minute': minute = Number(part.value); break
        case 'second': second = Number(part.value); break
      }
    }
    const wall = utcTime(year, month, day, hour, minute, second)
    const flooredInstant = instant - (((instant % 1000) + 1000) % 1000)
    return wall - flooredInstant
  }

  /**
   * The instant of a wall time given as milliseconds since the epoch read as if it were UTC.
   *
   * Around daylight-saving changes a wall time can match two instants (the repeated hour) or none (the
   * skipped hour). Repeated: the first pass is taken unless this input already produced a later instant,
   * in which case the log has moved on into the second pass. Skipped: the time is read with the offset in
   * force before the change, which places it just after the change (the usual "compatible" reading).
   * `remember: false` asks without letting the answer steer later ones.
   */
  toInstant (wall: number, remember = true): number {
    const key = Math.floor(wall / QUARTER_HOUR)
    let instant: number
    if (key === this.#lastKey) {
      instant = wall - this.#lastOffset
    } else {
      const cached = wall >= this.#stableFrom && wall <= this.#stableTo ? this.#stableOffset : this.#offsets.get(key)
      if (cached !== undefined) {
        this.#lastKey = key
        this.#lastOffset = cached
        instant = wall - cached
      } else {
        const repeated = this.#repeated.get(key)
        instant = repeated === undefined ? this.#resolve(wall, key) : this.#pick(wall - repeated[0], wall - repeated[1])
      }
    }
    if (remember && instant > this.#previous) this.#previous = instant
    return instant
  }

  /**
   * Forgets the latest instant read, which picks between the two instants of a repeated wall time: for
   * lines read on their own, each as if it were the first.
   */
  forget (): void {
    this.#previous = -Infinity
  }

  /** True when the wall time occurs twice (the hour repeated when daylight saving time ends). */
  isRepeated (wall: number): boolean {
    if (this.#format === undefined) return false
    const before = this.offsetAt(wall - 2 * DAY)
    const after = this.offsetAt(wall + 2 * DAY)
    return before !== after && this.offsetAt(wall - before) === before && this.offsetAt(wall - after) === after
  }

  /** Of the two instants of a repeated wall time, the one the order of the log points to. */
  #pick (first: number, second: number): number {
    return this.#previous > first ? second : first
  }

  #resolve (wall: number, key: number): number {
    // The offsets two days before and after bracket every transition near this wall time (no zone changes
    // its offset twice within four days). When they agree, the offset holds for the whole span, less the
    // largest possible offset at either end, and Intl need not be asked again inside it.
    const before = this.offsetAt(wall - 2 * DAY)
    const after = this.offsetAt(wall + 2 * DAY)
    if (before === after && this.offsetAt(wall - before) === before) {
      this.#stableFrom = wall - 2 * DAY + SAFE_MARGIN
      this.#stableTo = wall + 2 * DAY - SAFE_MARGIN
      this.#stableOffset = before
      this.#lastKey = key
      this.#lastOffset = before
      return wall - before
    }
    const early = wall - before
    const late = wall - after
    const earlyFits = this.offsetAt(early) === before
    const lateFits = this.offsetAt(late) === after
    if (before === after || (earlyFits !== lateFits)) {
      const offset = earlyFits ? before : after
      if (this.#offsets.size > 4096) this.#offsets.clear()
      this.#offsets.set(key, offset)
      this.#lastKey = key
      this.#lastOffset = offset
      return wall - offset
    }
    if (earlyFits && lateFits) {
      // Repeated wall time: two candidate instants.
      const offsets = early < late ? [before, after] as const : [after, before] as const
      if (this.#repeated.size > 64) this.#repeated.clear()
      this.#repeated.set(key, offsets)
      return this.#pick(wall - offsets[0], wall - offsets[1])
    }
    // Skipped wall time: read with the offset before the change.
    return wall - before
  }
}

/** `00` … `99`, for writing clock fields. */
export const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'))
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'))
let cachedDay = NaN
let cachedDayPrefix = ''

/**
 * `YYYY-MM-DDTHH:MM:SS.mmmZ`, the text of `Date#toISOString` (which writes years outside 0–9999 with a
 * sign and six digits), several times faster: the date part is cached per day and the clock part is
 * assembled from tables.
 */
export function isoString (instant: number): string {
  const day = Math.floor(instant / DAY)
  if (day !== cachedDay) {
    // Up to the `T`: years before 0 and after 9999 are written with a sign and six digits.
    const text = new Date(day * DAY).toISOString()
    cachedDayPrefix = text.slice(0, text.indexOf('T') + 1)
    cachedDay = day
  }
  let rest = instant - day * DAY
  const hour = Math.floor(rest / 3_600_000)
  rest -= hour * 3_600_000
  const minute = Math.floor(rest / 60_000)
  rest -= minute * 60_000
  const second = Math.floor(rest / 1000)
  return cachedDayPrefix + TWO_DIGITS[hour]! + ':' + TWO_DIGITS[minute]! + ':' + TWO_DIGITS[second]! + '.' + THREE_DIGITS[rest - second * 1000]! + 'Z'
}

/**
 * The rule for timestamps written without a year (syslog's `Jan  7 18:26:02`): a fixed year when one is
 * given; otherwise the reference date's year, or the year before when that would put the date more than a
 * day after the reference, so that December lines read in January land in the December before. The day of
 * slack covers clocks and zones that disagree a little.
 */
export function yearInference (fixed: number | undefined, clock: ZoneClock, referenceTime: number): (month: number, day: number) => number {
  if (fixed !== undefined) return () => fixed
  const wall = new Date(referenceTime + clock.offsetAt(referenceTime))
  const year = wall.getUTCFullYear()
  // Whole days are enough: the slack is a day either way.
  const limit = utcTime(year, wall.getUTCMonth() + 1, wall.getUTCDate(), 0, 0, 0) + DAY
  // Consecutive lines share their day: the last answer is kept (Date.UTC per syslog line was 1% of a
  // ProFTPD conversion).
  let lastKey = -1
  let lastYear = year
  const inferred = (month: number, day: number): number => utcTime(year, month, day, 0, 0, 0) > limit ? year - 1 : year
  return (month, day) => {
    if (!(Number.isInteger(month) && month >= 0 && Number.isInteger(day) && day >= 0 && day < 128)) return inferred(month, day)
    const key = month * 128 + day
    if (key !== lastKey) {
      lastKey = key
      lastYear = inferred(month, day)
    }
    return lastYear
  }
}

// Consecutive lines tend to share the minute they were written in; the minute's instant is kept, and each
// second of it is added to it. Offsets only change on quarter hours, so a minute never straddles a change;
// the repeated hour is the exception, where every line is resolved on its own.
let lastYear = -1
let lastMinute = -1
let lastClock: ZoneClock | undefined
let lastMinuteInstant = 0
let lastMinuteOk = false

/**
 * The instant of a wall time of a clock's zone, or NaN when the date or time does not exist. A dialect
 * reading lines both as text and as bytes uses it in both readers, so that the order of lines in a
 * repeated hour means the same whichever read them.
 */
export function wallInstant (clock: ZoneClock, year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const minuteOfYear = ((month * 32 + day) * 24 + hour) * 60 + minute
  // The key is one-to-one only for days, hours and minutes in range (and a cached minute was valid), so
  // out-of-range fields never take the cached minute of another time.
  if (minuteOfYear === lastMinute && year === lastYear && clock === lastClock && lastMinuteOk && second < 60 && day < 32 && hour < 24 && minute < 60) {
    return lastMinuteInstant + second * 1000
  }
  if (!isValidDateTime(year, month, day, hour, minute, second)) return NaN
  const wall = utcTime(year, month, day, hour, minute, 0)
  // The minute's start is asked without being remembered: in the repeated hour, remembering it would
  // read as the log going back in time, and send the line to the second pass.
  const instant = clock.toInstant(wall, false)
  // Records write times with four-digit years: a minute the zone's offset moves out of years 0–9999 (a
  // `--year 9999` line of December 31st read in New York) has no time a record can hold.
  if (instant < YEAR_0 || instant + 60_000 > YEAR_10000) return NaN
  // The minute is reusable when no offset change falls inside it and it is not in the repeated hour,
  // where each line must be placed by the order of the log (see ZoneClock.toInstant).
  lastMinuteOk = !clock.isRepeated(wall) && clock.toInstant(wall + 59_000, false) === instant + 59_000
  lastMinuteInstant = instant
  lastMinute = minuteOfYear
  lastYear = year
  lastClock = clock
  if (second >= 60) lastMinuteOk = false
  return clock.toInstant(wall + Math.min(second, 59) * 1000)
}

/** Instants from here on have years of five digits, which `isoString` does not write. */
export const YEAR_10000 = 253_402_300_800_000
/** Instants before this one have negative years. */
export const YEAR_0 = -62_167_219_200_000
let isoMinute = NaN
let isoMinutePrefix = ''
const secondsIso: string[] = []

/** The ISO text of a whole-second instant, made once per second of the last minute seen. */
export function wholeSecondIso (instant: number): string {
  const minute = Math.floor(instant / 60_000)
  if (minute !== isoMinute) {
    if (instant < 0 || instant >= YEAR_10000) return isoString(instant)
    isoMinute = minute
    isoMinutePrefix = isoString(minute * 60_000).slice(0, 17)
    secondsIso.length = 0
  }
  const second = (instant - minute * 60_000) / 1000
  return secondsIso[second] ??= isoMinutePrefix + TWO_DIGITS[second]! + '.000Z'
}
