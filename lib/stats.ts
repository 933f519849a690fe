/**
 * Counts shared by the stages of one conversion. At the end of a conversion through `createPipeline`,
 * `lines === records + joined + filtered + rejected`: every line read is written, part of a record that
 * began on an earlier line, dropped on purpose, or rejected.
 */
export class Stats {
  /** Lines read (blank and over-long lines included). */
  lines = 0
  /** Parsed records written (rejected records are counted under `rejected`, whether written or not). */
  records = 0
  /**
   * Lines read as part of a record that begins on an earlier line (continuation lines of ProFTPD module
   * logs, wrapped and `+` lines of Transfer CFT); the record itself counts once, under its first line.
   */
  joined = 0
  /** Lines dropped on purpose: blank lines, and records the filter did not keep. */
  filtered = 0
  /** Blank lines, also counted in `filtered`. */
  blank = 0
  /** Lines no dialect could read. */
  rejected = 0
  /** Records parsed, per dialect id. */
  readonly dialects: Record<string, number> = Object.create(null) as Record<string, number>

  /** True when the counts account for every line. */
  balanced (): boolean {
    return this.lines === this.records + this.joined + this.filtered + this.rejected
  }

  toJSON (): Record<string, unknown> {
    return {
      lines: this.lines,
      records: this.records,
      joined: this.joined,
      filtered: this.filtered,
      blank: this.blank,
      rejected: this.rejected,
      dialects: { ...this.dialects }
    }
  }
}
