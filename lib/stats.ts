/**
 * Counts shared by the stages of one conversion. At the end of a conversion through `createPipeline`,
 * `lines === records + filtered + rejected`: every line read is written, dropped on purpose, or rejected.
 */
export class Stats {
  /** Lines read (blank and over-long lines included). */
  lines = 0
  /** Parsed records written (rejected records are counted under `rejected`, whether written or not). */
  records = 0
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
    return this.lines === this.records + this.filtered + this.rejected
  }

  toJSON (): Record<string, unknown> {
    return {
      lines: this.lines,
      records: this.records,
      filtered: this.filtered,
      blank: this.blank,
      rejected: this.rejected,
      dialects: { ...this.dialects }
    }
  }
}
