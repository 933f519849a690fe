/**
 * The `logjson` command: a thin layer over the library. Data goes to stdout, diagnostics to stderr.
 * Exit status: 0 done, 1 the conversion failed (unreadable input, `--on-error fail`), 2 usage error.
 */
import { createReadStream, open as openFile, openSync, readSync, closeSync, statSync, readFileSync } from 'node:fs'
import { Socket } from 'node:net'
import { promisify } from 'node:util'
import { pipeline } from 'node:stream/promises'
import { Readable, pipeline as streamPipeline, Writable, type Transform } from 'node:stream'
import yargs from 'yargs'
import { createSplit } from './split.js'
import { createDetect } from './detect.js'
import { createParse } from './parse.js'
import { createEnrich } from './enrich.js'
import { createSerialize, outputFormats, type OutputFormat } from './serialize.js'
import { createFilter, allOf, timeBound, timeRange } from './filter.js'
import { compileExpression, ExpressionError } from './expression.js'
import { fieldsRead, readingOnly } from './written.js'
import { esTemplate } from './elasticsearch.js'
import type { LogRecord } from './record.js'
import { dialects, dialectNames } from './dialects/index.js'
import { catalogs, explain, findCatalog } from './catalogs/explain.js'
import { LogjsonError, isUsageError } from './errors.js'
import { normalizeOptions, onErrorChoices, DEFAULT_MAX_LINE, type NormalizedOptions, type OnError } from './options.js'
import { Stats } from './stats.js'
import { addCounts, makeSpoolDir, runJobs } from './jobs.js'
import { recordOutput } from './output.js'

export { cannotWriteOutput } from './output.js'

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2
/** The shell's status for a command stopped by Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130

export interface CliIo {
  stdin: Readable
  stdout: Writable
  stderr: Writable
  /** Convert only this one of the input files (under `--jobs`; see jobs.ts). */
  only?: number
  /**
   * Stops the conversion as Ctrl-C does, in place of Ctrl-C itself (under `--jobs`: a worker cannot
   * receive signals, and the command's thread handles them for all its files).
   */
  interruption?: AbortSignal
  /** Given the counts at the end instead of `--stats` printing them (under `--jobs`). */
  onFinish?: (summary: { stats: Stats, stopped: boolean }) => void
  /** Called when the output takes no more: its reader went away, or writing failed (under `--jobs`). */
  onClosed?: () => void
  /**
   * Holds the command line once parsed, for the next call with the same `argv` (under `--jobs`: a worker
   * converts many files of one command line, and parsing a line of thousands of files again for each one
   * took time in the square of their number).
   */
  parsed?: { args?: Arguments }
  /**
   * The time `--since 2h` and `--until 2h` count back from (milliseconds; default: when the command
   * started). Under `--jobs`, the same for every file, whichever thread converts it.
   */
  now?: number
  /**
   * Where a conversion of `only` keeps its bytes read and lines so far, in slots `2 × only` and
   * `2 × only + 1` (under `--jobs`, for the command's progress line, whichever thread converts the file).
   */
  progress?: BigInt64Array
}

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

/** yargs drops a lone `-` from positionals, so it travels under another name while yargs parses. */
const STDIN_MARK = '\u0000stdin'

/**
 * `--since -2h` as `--since=-2h`: yargs would read `-2h` as the flags -2 and -h (and print the help). A
 * minus before a duration says "ago", as the duration alone does.
 */
function withNegativeDurations (argv: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const next = argv[i + 1]
    if (arg === '--') {
      out.push(...argv.slice(i))
      break
    }
    if ((arg === '--since' || arg === '--until') && next !== undefined && /^-\d+[smhdw]$/.test(next)) {
      out.push(`${arg}=${next}`)
      i++
    } else {
      out.push(arg)
    }
  }
  return out
}

/** The options that take one value (a repeated --where adds a condition; flags may be repeated). */
const SINGLE_VALUED = ['dialect', 'tz', 'year', 'cft-date-order', 'on-error', 'max-line', 'jobs', 'since', 'until', 'fields', 'format', 'index', 'index-pattern']

/** A usage error found by yargs or by option validation. */
class UsageError extends Error {}

function buildParser (argv: string[]): ReturnType<typeof yargs> {
  return yargs(argv)
    .scriptName('logjson')
    .usage('$0 [files..]\n\nConvert file-transfer server logs to NDJSON, one JSON record per line, codes explained.\nReads standard input when no file (or "-") is given; .gz files are decompressed.')
    .command('$0 [files..]', 'convert log files (standard input when none is given) to NDJSON', (command) => command
      .positional('files', { type: 'string', array: true, describe: 'log files to convert' }))
    .command('es-template', 'print an Elasticsearch index template generated from the record schema', (command) => command
      .option('index-pattern', { type: 'string', default: 'logjson-*', describe: 'the index names it applies to' }))
    .command('explain [catalog] [code]', 'the meaning of a code: logjson explain winsock 10060', (command) => command
      .positional('catalog', { type: 'string', choices: catalogs.map((c) => c.id), describe: 'the code table' })
      .positional('code', { type: 'string', describe: 'the code, as the log writes it' })
      .option('json', { type: 'boolean', default: false, describe: 'print the explanation as one JSON object' })
      .option('list', { type: 'boolean', default: false, describe: 'every entry of the catalog as NDJSON; without a catalog, the catalogs' }))
    .option('dialect', { alias: 'd', type: 'string', default: 'auto', choices: ['auto', ...dialectNames()], describe: 'dialect of the input; auto sniffs the first lines and re-detects when lines stop fitting' })
    .option('tz', { type: 'string', describe: 'IANA zone of timestamps written without an offset (default: this machine\'s zone)' })
    .option('year', { type: 'number', describe: 'year for timestamps written without one (default: the year that puts them at most a day after the file\'s last change, or now for standard input)' })
    .option('cft-date-order', { choices: ['ymd', 'dmy', 'mdy'], default: 'ymd', describe: 'order of the two-digit dates in Transfer CFT lines' })
    .option('on-error', { type: 'string', default: 'emit', choices: onErrorChoices as string[], describe: 'a line no dialect reads: emit a rejected record, skip it (counted), or fail' })
    .option('original', { type: 'boolean', default: false, describe: 'add the raw line as event.original' })
    .option('max-line', { type: 'number', default: DEFAULT_MAX_LINE, describe: 'longest line, or record of several lines, in characters; a longer one becomes a rejected record' })
    .option('jobs', { alias: 'j', type: 'number', default: 1, describe: 'convert up to this many input files at once, in worker threads (output stays in file order)' })
    .option('stats', { type: 'boolean', default: false, describe: 'print the counts (lines read, records written, filtered, rejected, per dialect) to stderr at the end' })
    // Not `array: true`, which would swallow the file names after the expression; repeated options
    // still arrive as an array.
    .option('where', { alias: 'w', type: 'string', describe: 'keep records matching the expression (repeatable: all must hold), e.g. \'event.outcome == "failure"\'' })
    .option('since', { type: 'string', describe: 'keep records from this time on: ISO-8601 (UTC unless it has an offset) or a duration back from now (30m, 2h, 7d)' })
    .option('until', { type: 'string', describe: 'keep records before this time (same forms as --since)' })
    .option('fields', { type: 'string', describe: 'keep only these comma-separated fields, e.g. @timestamp,event.outcome,file' })
    .option('format', { alias: 'f', type: 'string', default: 'ndjson', choices: outputFormats as string[], describe: 'ndjson, or es-bulk: an action line before each record, for the _bulk API' })
    .option('index', { type: 'string', describe: 'es-bulk: the index; {yyyy.MM.dd} takes the record\'s date (ftp-{yyyy.MM.dd})' })
    .option('id', { type: 'boolean', default: true, describe: 'es-bulk: ids from input name, line number and line, so a reload does not duplicate (--no-id: let Elasticsearch choose)' })
    .option('list-dialects', { type: 'boolean', default: false, describe: 'list the dialects and exit' })
    .example('cat xferlog | $0 | jq .', 'convert standard input')
    .example('$0 --tz Europe/Paris xferlog xferlog.1.gz', 'convert files; their times are Paris time')
    .example("$0 xferlog | jq 'select(.event.outcome == \"failure\")'", 'keep the failed transfers')
    .example('$0 --on-error skip --stats xferlog', 'drop unreadable lines, counts on stderr')
    .example("$0 --year 2025 /var/log/proftpd/proftpd.log | jq 'select(.event.action == \"login-failed\") | .source.ip'", 'ProFTPD: who failed to log in (syslog times carry no year)')
    .example('CFTUTIL listlog | $0 --cft-date-order ymd -d transfer-cft', 'Transfer CFT log lines, wrapped and + records joined')
    .example('$0 --where \'event.outcome == "failure" and file.size > 1e6\' xferlog', 'failed transfers of over a megabyte')
    .example('$0 -f es-bulk --index \'ftp-{yyyy.MM.dd}\' xferlog | curl -H \'Content-Type: application/x-ndjson\' --data-binary @- localhost:9200/_bulk', 'load into Elasticsearch')
    .example('$0 explain winsock 10060', `what a code means (catalogs: ${catalogs.map((c) => c.id).join(', ')})`)
    .strict()
    // Names after `--` (a file called `-x`) are files, kept apart from the command names in `_`.
    .parserConfiguration({ 'populate--': true })
    // yargs gathers an option given twice into an array; only --where means something repeated.
    .check((parsed) => {
      const repeated = SINGLE_VALUED.find((name) => Array.isArray(parsed[name]))
      if (repeated !== undefined) throw new Error(`--${repeated} is given more than once`)
      return true
    })
    .version(packageJson.version)
    .alias('version', 'V')
    .help()
    .alias('help', 'h')
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error) => {
      throw new UsageError(message ?? error?.message ?? 'invalid arguments')
    })
    .exitProcess(false)
}

export interface Arguments {
  _: Array<string | number>
  /** What followed `--`: file names. */
  '--'?: Array<string | number>
  'cft-date-order': string
  where?: string | string[]
  since?: string
  until?: string
  fields?: string
  format: string
  index?: string
  id: boolean
  'index-pattern'?: string
  files?: string[]
  catalog?: string
  code?: string
  json?: boolean
  list?: boolean
  dialect: string
  tz?: string
  year?: number
  'on-error': string
  original: boolean
  'max-line': number
  stats: boolean
  jobs: number
  'list-dialects': boolean
}

function isGzip (path: string): boolean {
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(2)
    return readSync(fd, head, 0, 2, 0) === 2 && opensGzip(head)
  } finally {
    closeSync(fd)
  }
}

/** Whether bytes open with gzip's magic number. */
function opensGzip (head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b
}

/** A gunzip stream; node:zlib is loaded for the first compressed input, not at every start. */
function createGunzip (): Transform {
  return process.getBuiltinModule('node:zlib').createGunzip()
}

const openPipe = promisify(openFile)

/**
 * The bytes of a stream that cannot be peeked at without taking them from it (a named pipe, `<(…)`),
 * decompressed when they are gzip: its first bytes are read to tell, then put back in front of the rest,
 * so that what is returned is `source` itself (or a gunzip stream after it) and destroying it is at once.
 */
async function gunzippedIfGzip (source: Readable): Promise<Readable> {
  const head: Buffer[] = []
  let length = 0
  let ended = false
  while (length < 2 && !ended) {
    const chunk = source.read() as Buffer | null
    if (chunk !== null) {
      head.push(chunk)
      length += chunk.length
      continue
    }
    ended = await new Promise<boolean>((resolve, reject) => {
      const settle = (): void => {
        source.off('readable', onReadable)
        source.off('end', onEnd)
        source.off('close', onEnd)
        source.off('error', onError)
      }
      const onReadable = (): void => { settle(); resolve(false) }
      const onEnd = (): void => { settle(); resolve(true) }
      const onError = (err: Error): void => { settle(); reject(err) }
      source.on('readable', onReadable)
      source.on('end', onEnd)
      source.on('close', onEnd)
      source.on('error', onError)
    })
  }
  const first = Buffer.concat(head)
  // Past its end a stream takes nothing back: its few bytes make a stream of their own.
  const whole = ended ? Readable.from(first.length > 0 ? [first] : [], { objectMode: false }) : source
  if (!ended && first.length > 0) source.unshift(first)
  return opensGzip(first) ? streamPipeline(whole, createGunzip(), () => {}) : whole
}

/** What `--stats` prints. */
function countsLine (stats: Stats): string {
  return JSON.stringify({ stats: stats.toJSON() }) + '\n'
}

/** A predicate that judges a record as if it had no `event.original`. */
function withoutOriginal (predicate: (record: LogRecord) => boolean): (record: LogRecord) => boolean {
  const hiding = (record: LogRecord): boolean => {
    const event = record.event as Record<string, unknown> | undefined
    if (event === undefined || !('original' in event)) return predicate(record)
    const original = event['original']
    delete event['original']
    try {
      return predicate(record)
    } finally {
      event['original'] = original
    }
  }
  const read = fieldsRead(predicate)
  return read === undefined ? hiding : readingOnly(hiding, read)
}

function describeIoError (path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message
  return `cannot read ${path}: ${reason}`
}

/** Runs the command; resolves to the exit status. */
export async function main (argv: string[], io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const now = io.now ?? Date.now()
  const say = (line: string): void => { io.stderr.write(`logjson: ${line}\n`) }
  const commandLine = argv
  let args: Arguments
  let helpText = ''
  if (io.parsed?.args !== undefined) {
    args = io.parsed.args
  } else {
    try {
      argv = withNegativeDurations(argv).map((arg) => arg === '-' ? STDIN_MARK : arg)
      const parser = buildParser(argv)
      // yargs prints help and version through console.log; catch it so it goes to our stdout.
      const logs: string[] = []
      args = await parser.parseAsync(argv, {}, (_err, _argv, output) => { if (output !== '') logs.push(output) }) as unknown as Arguments
      helpText = logs.join('\n')
      if (helpText !== '') {
        io.stdout.write(helpText + '\n')
        return EXIT_OK
      }
    } catch (err) {
      say(`${oneLine(err)} (see logjson --help)`)
      return EXIT_USAGE
    }
    if (io.parsed !== undefined) io.parsed.args = args
  }

  if (args._[0] === 'explain') return runExplain(args, io)
  if (args._[0] === 'es-template') {
    try {
      io.stdout.write(JSON.stringify(esTemplate({ indexPattern: args['index-pattern'] }), null, 2) + '\n')
      return EXIT_OK
    } catch (err) {
      say(`--index-pattern: ${oneLine(err).replace(/^option \w+: /, '')}`)
      return EXIT_USAGE
    }
  }

  if (args['list-dialects']) {
    const width = Math.max(...dialects.map((d) => d.id.length))
    for (const dialect of dialects) {
      const aliases = dialect.aliases.length > 0 ? ` (also: ${dialect.aliases.join(', ')})` : ''
      io.stdout.write(`${dialect.id.padEnd(width)}  ${dialect.description}${aliases}\n`)
    }
    return EXIT_OK
  }

  const stats = new Stats()
  const esBulk = args.format === 'es-bulk'
  const failAtRejected = args['on-error'] === 'fail'
  let stoppedBy: LogjsonError | undefined
  let options: NormalizedOptions
  let filter: ((record: LogRecord) => boolean) | undefined
  let serialize: Transform
  try {
    const predicates = ([] as string[]).concat(args.where ?? []).map((expression) => compileExpression(expression))
    const since = args.since === undefined ? undefined : timeBound(args.since, 'since', now)
    const until = args.until === undefined ? undefined : timeBound(args.until, 'until', now)
    if (since !== undefined || until !== undefined) predicates.push(timeRange(since, until))
    filter = predicates.length === 0 ? undefined : allOf(predicates)
    // es-bulk reads every line's text for the record's id, and writes it only with --original: without it,
    // the filter sees the record as written, without event.original.
    if (esBulk && !args.original && filter !== undefined) filter = withoutOriginal(filter)
    if (!Number.isSafeInteger(args.jobs) || args.jobs < 1) throw new LogjsonError('INVALID_OPTION', `option jobs: expected a whole number of at least 1, got ${String(args.jobs)}`, { option: 'jobs' })
    if (esBulk && args.index === undefined) throw new LogjsonError('INVALID_OPTION', 'option index: --format es-bulk needs --index', { option: 'index' })
    serialize = createSerialize({
      stats,
      format: args.format as OutputFormat,
      index: args.index,
      id: args.id,
      fields: args.fields?.split(',').map((field) => field.trim()).filter((field) => field !== ''),
      keepOriginal: args.original,
      // --on-error fail: rejected records travel to the serializer, which writes everything before the
      // first one and then stops the conversion, so no good record before it is lost.
      stopAtRejected: failAtRejected,
      onStop: (failure) => {
        stoppedBy = failure
        // Nothing after the rejected line is read: the input is left at once, not drained to its end
        // (which a followed input, `tail -f … |`, never reaches).
        currentSource?.destroy()
      }
    })
    options = normalizeOptions({
      dialect: args.dialect,
      tz: args.tz,
      year: args.year,
      cftDateOrder: args['cft-date-order'] as 'ymd' | 'dmy' | 'mdy',
      onError: (failAtRejected ? 'emit' : args['on-error']) as OnError,
      // es-bulk ids are made from the raw line, so the parser keeps it; the serializer drops it again
      // from the documents unless --original asked for it.
      original: args.original || esBulk,
      maxLine: args['max-line'],
      stats
    })
  } catch (err) {
    if (err instanceof ExpressionError) {
      say(`--where: ${err.message}`)
      return EXIT_USAGE
    }
    if (isUsageError(err)) {
      say(`--${optionFlag((err as LogjsonError).option)}: ${oneLine(err).replace(/^option \w+: /, '')}`)
      return EXIT_USAGE
    }
    throw err
  }

  const named = [...(args.files ?? []), ...(args['--'] ?? []).map(String)]
  const allInputs = named.length === 0 ? ['-'] : named.map((file) => file === STDIN_MARK ? '-' : file)
  const inputs = io.only === undefined ? allInputs : allInputs.slice(io.only, io.only + 1)
  let status = EXIT_OK
  // The workers write to the process's standard output themselves, so jobs need that to be the output.
  if (io.only === undefined && args.jobs > 1 && inputs.length > 1 && !inputs.includes('-') && io.stdout === process.stdout) {
    let spoolDir: string | undefined
    try {
      spoolDir = makeSpoolDir()
    } catch (err) {
      // Jobs only make a conversion faster: without a place for their spools, the files are converted
      // one after another, as without --jobs.
      say(`--jobs: no spool directory (${oneLine(err)}); converting one file at a time`)
    }
    if (spoolDir !== undefined) return convertWithJobs(commandLine, inputs, args.jobs, { ...io, now }, args.stats, spoolDir)
  }

  let done = 0
  let current: { bytesRead: number } | undefined
  const progress = io.only === undefined
    ? startProgress(io, inputs, () => ({ read: done + (current?.bytesRead ?? 0), lines: stats.lines }))
    : undefined
  /** A new file is being read: its bytes count from here. */
  const reading = (stream: { bytesRead: number } | undefined): void => {
    if (current !== undefined) done += current.bytesRead
    current = stream
  }
  // Under --jobs, this file's progress for the command's thread to show.
  const shared = io.only === undefined ? undefined : io.progress
  const share = (): void => {
    if (shared === undefined) return
    Atomics.store(shared, 2 * io.only!, BigInt(current?.bytesRead ?? 0))
    Atomics.store(shared, 2 * io.only! + 1, BigInt(stats.lines))
  }
  const report = (line: string): void => {
    progress?.clear()
    say(line)
  }

  // Ctrl-C stops reading, lets the records already read go out whole, and ends with the shell's status for
  // an interrupt (130), so the output is never cut inside a record. A second Ctrl-C ends at once.
  const interruption = new AbortController()
  let currentSource: Readable | undefined
  const onInterrupt = (): void => {
    if (interruption.signal.aborted) process.exit(EXIT_INTERRUPTED)
    interruption.abort()
    currentSource?.destroy()
  }
  if (io.interruption === undefined) process.on('SIGINT', onInterrupt)
  else io.interruption.addEventListener('abort', onInterrupt)

  let outputFailure: unknown
  // Each input has its own stages (line numbers, detection and time state are per input); one serializer
  // and one pipe to stdout serve them all, in order.
  async function * batches (): AsyncGenerator<unknown> {
    for (const input of inputs) {
      if (interruption.signal.aborted) return
      const fromStdin = input === '-'
      const name = fromStdin ? 'standard input' : input
      let source: Readable
      let bytes: Readable
      let modifiedAt = Date.now()
      if (fromStdin) {
        source = bytes = io.stdin
      } else {
        try {
          const kind = statSync(input)
          modifiedAt = kind.mtimeMs
          if (kind.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' })
          // A regular file is peeked at first: one that cannot be opened fails here, before a stream that
          // no one would read is made for it (whose error, unheard, ended the command). Other files (a
          // named pipe, `<(…)`) are told by the first bytes read from them.
          const gzip = kind.isFile() && isGzip(input)
          // A named pipe (`<(…)` too) is read as a socket is, when data comes, not by a read that waits in
          // the thread pool: Ctrl-C then ends it at once, even while its writer is silent. (Opening it
          // waits for a writer, as reading a pipe does.)
          source = bytes = kind.isFIFO()
            ? new Socket({ fd: await openPipe(input, 'r'), readable: true, writable: false })
            : createReadStream(input, { highWaterMark: 64 * 1024 })
          if (gzip) {
            bytes = streamPipeline(source, createGunzip(), () => {})
          } else if (!kind.isFile()) {
            // Ctrl-C while the pipe's first bytes are awaited ends the wait, and the input.
            currentSource = source
            bytes = await gunzippedIfGzip(source)
            currentSource = undefined
            if (interruption.signal.aborted) {
              bytes.destroy()
              return
            }
          }
          reading(source as ReturnType<typeof createReadStream>)
        } catch (err) {
          currentSource = undefined
          // (Destroyed by Ctrl-C while its first bytes were awaited: not a failure to read it.)
          if (interruption.signal.aborted) return
          report(describeIoError(input, err))
          status = EXIT_FAILED
          continue
        }
      }
      // What the stages read (for a gzip file, the gunzip stream): destroyed, it ends their input at once.
      currentSource = bytes
      let readFailure: unknown
      // Under --jobs the file's progress is shared as its chunks are read: a filter that keeps few records
      // lets few batches out, and the line would stand still.
      const guarded = Readable.from(readGuarded(bytes, (err) => { readFailure = err }, shared === undefined ? undefined : share), { objectMode: false })
      // Timestamps without a year are placed relative to the file's last write (now, for standard input).
      const perInput = normalizeOptions({ ...optionsOf(options), filePath: fromStdin ? undefined : input, referenceTime: fromStdin ? Date.now() : modifiedAt })
      const stages: NodeJS.ReadWriteStream[] = [createSplit({ maxLine: perInput.maxLine, signal: interruption.signal }), createDetect(perInput), createParse(perInput, { stopAtRejected: failAtRejected }), createEnrich()]
      if (filter !== undefined) stages.push(createFilter(filter, { stats }))
      const tail = streamPipeline([guarded, ...stages], () => {}) as unknown as AsyncIterable<unknown>
      try {
        for await (const batch of tail) {
          if (stoppedBy !== undefined) break
          yield batch
        }
        if (stoppedBy !== undefined) return
      } catch (err) {
        // The output failed (its reader gone): said once, by the pipeline below, if at all.
        if (outputFailure !== undefined) return
        status = EXIT_FAILED
        if (err instanceof LogjsonError) {
          report(oneLine(err))
          if (err.code === 'REJECTED_LINE') return
        } else {
          report(`${name}: ${oneLine(err)}`)
        }
      } finally {
        share()
        currentSource = undefined
      }
      // The output failed: its source was ended for that, not by a failure to read it.
      if (outputFailure !== undefined) return
      // What was read before a read failure went out above; the failure is reported after it.
      if (readFailure !== undefined && !interruption.signal.aborted) {
        status = EXIT_FAILED
        report(`${name}: ${oneLine(readFailure)}`)
      }
    }
  }

  // Into a pipe, records are written from the thread pool (output.ts); that writer is the command's own, so
  // the pipeline ends it, which waits until every record is out (under --jobs, before the next file's).
  const output = io.stdout === process.stdout ? recordOutput(process.stdout) : io.stdout
  // Heard before the pipeline ends the inputs' stages with the same error. The reader gone, the input is
  // left at once: a pipe or a terminal that is silent would keep the command waiting for its next line.
  const onOutputError = (err: unknown): void => {
    outputFailure = err
    currentSource?.destroy()
  }
  output.once('error', onOutputError)
  try {
    await pipeline(Readable.from(batches()), serialize, output, { end: output !== io.stdout })
    progress?.stop()
    if (stoppedBy !== undefined) {
      say(oneLine(stoppedBy))
      // The counts stop at the rejected line (see createParse's stopAtRejected), and add up.
      if (io.onFinish !== undefined) io.onFinish({ stats, stopped: true })
      else if (args.stats) io.stderr.write(countsLine(stats))
      return EXIT_FAILED
    }
  } catch (err) {
    progress?.stop()
    const code = (err as NodeJS.ErrnoException).code
    // The reader went away (`logjson big.log | head -1`): not a failure of ours.
    if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
      io.onClosed?.()
      return EXIT_OK
    }
    // Any other failure to write the output (a connection reset) ends the run too, under --jobs as well:
    // said once, status 1.
    if (outputFailure !== undefined) io.onClosed?.()
    report(oneLine(err))
    return EXIT_FAILED
  } finally {
    output.off('error', onOutputError)
    process.off('SIGINT', onInterrupt)
    io.interruption?.removeEventListener('abort', onInterrupt)
  }
  if (io.onFinish !== undefined) io.onFinish({ stats, stopped: false })
  else if (args.stats) io.stderr.write(countsLine(stats))
  // Under --jobs, the command says it once for all its files.
  if (interruption.signal.aborted && io.only !== undefined) return EXIT_INTERRUPTED
  if (interruption.signal.aborted) {
    say('interrupted; the records read so far were written')
    return EXIT_INTERRUPTED
  }
  return status
}

/**
 * `--jobs N` with several files: this thread converts the first as usual while workers convert the next
 * ones; the output keeps the files' order (jobs.ts).
 */
async function convertWithJobs (argv: string[], inputs: string[], jobs: number, io: CliIo, printStats: boolean, spoolDir: string): Promise<number> {
  // Every thread keeps its file's bytes read and lines in `shared`; this one draws their sums, and clears
  // the line before anything else is written to stderr, whoever writes it.
  const shared = new BigInt64Array(new SharedArrayBuffer(16 * inputs.length))
  const progress = startProgress(io, inputs, () => {
    let read = 0n
    let lines = 0n
    for (let i = 0; i < shared.length; i += 2) {
      read += Atomics.load(shared, i)
      lines += Atomics.load(shared, i + 1)
    }
    return { read: Number(read), lines: Number(lines) }
  })
  const stderr = progress === undefined
    ? io.stderr
    : new Writable({
      write (chunk: Buffer, _encoding, callback) {
        progress.clear()
        io.stderr.write(chunk, callback)
      }
    })
  try {
    return await convertFilesWithJobs(argv, inputs.length, jobs, { ...io, stderr, progress: shared }, printStats, spoolDir)
  } finally {
    progress?.stop()
  }
}

/** `convertWithJobs` once the progress line is set up (its slots in `io.progress`). */
async function convertFilesWithJobs (argv: string[], inputs: number, jobs: number, io: CliIo, printStats: boolean, spoolDir: string): Promise<number> {
  const interruption = new AbortController()
  const onInterrupt = (): void => {
    if (interruption.signal.aborted) process.exit(EXIT_INTERRUPTED)
    interruption.abort()
  }
  process.on('SIGINT', onInterrupt)
  let release: (go: boolean) => void = () => {}
  const ahead = new Promise<boolean>((resolve) => { release = resolve })
  const others = runJobs(argv, 1, inputs, jobs, 1, io.stderr, interruption.signal, ahead, spoolDir, io.now, io.progress)
  // Its failure is awaited below, after the first file: until then it must not count as unhandled.
  others.catch(() => {})
  try {
    let first: { stats: Stats, stopped: boolean } | undefined
    let closed = false
    const firstStatus = await main(argv, { ...io, only: 0, interruption: interruption.signal, onFinish: (summary) => { first = summary }, onClosed: () => { closed = true } })
    // The first file's output is out before the others' is copied behind it.
    if (!closed) await new Promise<void>((resolve) => io.stdout.write('', () => resolve()))
    // Interrupted, it stops here as a run without jobs would: the other files are not written.
    release(!closed && first?.stopped !== true && firstStatus !== EXIT_INTERRUPTED)
    const result = await others
    // The output gone: the first file's status says whether that was its reader leaving (0) or a failure.
    if (closed) return firstStatus
    if (result.closed) return EXIT_OK
    // In the order of the files, as the counts by dialect are without jobs; up to the rejected line when a
    // file stopped the run (--on-error fail), the first file's or another's.
    const stats = new Stats()
    if (first !== undefined) addCounts(stats, first.stats.toJSON())
    if (first?.stopped !== true) addCounts(stats, result.stats.toJSON())
    if (printStats) io.stderr.write(countsLine(stats))
    if (first?.stopped === true) return firstStatus
    if (interruption.signal.aborted) {
      io.stderr.write('logjson: interrupted; the records read so far were written\n')
      return EXIT_INTERRUPTED
    }
    return Math.max(firstStatus, result.status)
  } catch (err) {
    release(false)
    await others.catch(() => {})
    io.stderr.write(`logjson: ${oneLine(err)}\n`)
    return EXIT_FAILED
  } finally {
    process.off('SIGINT', onInterrupt)
  }
}

/**
 * An input's bytes as a stream that ends normally even when reading fails part-way, so that the lines read
 * before the failure still pass every stage and come out (a failing pipeline would destroy the batches in
 * flight). The failure goes to `onFailure` for the command to report; `onChunk` hears of each chunk read.
 */
async function * readGuarded (bytes: AsyncIterable<Buffer>, onFailure: (err: unknown) => void, onChunk?: () => void): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of bytes) {
      onChunk?.()
      yield chunk
    }
  } catch (err) {
    // What was read before the failure and still waits in the stream's buffer is not given by its async
    // iterator once the stream is destroyed; `read` still gives it.
    if (bytes instanceof Readable) {
      for (let rest: Buffer | null = bytes.read() as Buffer | null; rest !== null; rest = bytes.read() as Buffer | null) yield rest
    }
    onFailure(err)
  }
}

interface Progress {
  /** Erases the progress line, so that a message can take its place. */
  clear (): void
  stop (): void
}

/**
 * Bytes read of all input files and lines per second, redrawn on one stderr line while a person watches:
 * only when stderr is a terminal and the inputs are files (their total size is known), and not when the
 * records go to the terminal too (the line would be drawn in among them). `sofar` gives the bytes read
 * and lines so far, of all the files.
 */
function startProgress (io: CliIo, inputs: string[], sofar: () => { read: number, lines: number }): Progress | undefined {
  const stderr = io.stderr
  const terminal = (stderr as NodeJS.WriteStream).isTTY === true && (io.stdout as NodeJS.WriteStream).isTTY !== true
  if (!terminal || inputs.includes('-')) return undefined
  let total = 0
  // A named pipe or `<(…)` has no size to count towards: then only what was read is shown.
  let sized = true
  for (const input of inputs) {
    try {
      const kind = statSync(input)
      total += kind.size
      if (!kind.isFile()) sized = false
    } catch {
      // A missing file is reported when its turn comes.
    }
  }
  const started = Date.now()
  const megabytes = (bytes: number): string => (bytes / 1e6).toFixed(1)
  const draw = (): void => {
    const { read, lines } = sofar()
    const seconds = Math.max((Date.now() - started) / 1000, 0.001)
    const percent = total === 0 ? 100 : Math.min(100, Math.round((read / total) * 100))
    const amount = sized ? `${megabytes(read)} of ${megabytes(total)} MB (${percent}%)` : `${megabytes(read)} MB read`
    stderr.write(`\r\u001b[Klogjson: ${amount}, ${Math.round(lines / seconds).toLocaleString('en-US')} lines/s`)
  }
  draw()
  const timer = setInterval(draw, 500)
  timer.unref()
  // The command may end without stopping it (its reader gone, a second Ctrl-C, `kill`, a closed
  // terminal): the line goes anyway. Such a signal is raised again once the line is cleared, for its usual
  // effect (other listeners, as --jobs' removal of its spools, run all the same).
  const clearAtExit = (): void => { stderr.write('\r\u001b[K') }
  const onEnding = (signal: NodeJS.Signals): void => {
    forget()
    clearAtExit()
    process.kill(process.pid, signal)
  }
  const forget = (): void => {
    clearInterval(timer)
    process.off('exit', clearAtExit)
    process.off('SIGTERM', onEnding)
    process.off('SIGHUP', onEnding)
  }
  process.on('exit', clearAtExit)
  process.on('SIGTERM', onEnding)
  process.on('SIGHUP', onEnding)
  return {
    clear () {
      stderr.write('\r\u001b[K')
    },
    stop () {
      forget()
      stderr.write('\r\u001b[K')
    }
  }
}

/** `logjson explain`: a code's meaning, a catalog's entries, or the catalogs. */
function runExplain (args: Arguments, io: CliIo): number {
  const say = (line: string): void => { io.stderr.write(`logjson: ${line}\n`) }
  const catalogIds = catalogs.map((c) => c.id).join(', ')
  if (args.catalog === undefined) {
    if (args.list !== true) {
      say(`explain needs a catalog (${catalogIds}) and a code, or --list (see logjson explain --help)`)
      return EXIT_USAGE
    }
    for (const catalog of catalogs) {
      io.stdout.write(JSON.stringify({ catalog: catalog.id, title: catalog.title, description: catalog.description, entries: catalog.entries.length }) + '\n')
    }
    return EXIT_OK
  }
  const catalog = findCatalog(args.catalog)!
  if (args.list === true) {
    for (const entry of catalog.entries) io.stdout.write(JSON.stringify({ catalog: catalog.id, ...entry }) + '\n')
    return EXIT_OK
  }
  if (args.code === undefined) {
    say(`explain ${catalog.id} needs a code, or --list`)
    return EXIT_USAGE
  }
  const found = explain(catalog.id, args.code)
  if (found === undefined) {
    say(`${catalog.id} has no code ${args.code}`)
    return EXIT_FAILED
  }
  if (args.json === true) {
    const { catalog: id, ...rest } = found
    io.stdout.write(JSON.stringify({ catalog: id, ...rest }) + '\n')
  } else {
    io.stdout.write(`${found.name} (${found.catalog} ${found.code}): ${found.meaning}\n`)
  }
  return EXIT_OK
}

/** The normalised options as plain options, to derive per-input options from. */
function optionsOf (options: NormalizedOptions): Parameters<typeof normalizeOptions>[0] {
  return {
    dialect: options.dialect?.id ?? 'auto',
    tz: options.tz,
    year: options.year,
    cftDateOrder: options.cftDateOrder,
    onError: options.onError,
    original: options.original,
    maxLine: options.maxLine,
    stats: options.stats,
    filter: options.filter,
    sampleLines: options.sampleLines
  }
}

const FLAGS: Record<string, string> = { tz: 'tz', year: 'year', cftDateOrder: 'cft-date-order', onError: 'on-error', maxLine: 'max-line', dialect: 'dialect', original: 'original', since: 'since', until: 'until', index: 'index', fields: 'fields', format: 'format' }

function optionFlag (option: string | undefined): string {
  return FLAGS[option ?? ''] ?? option ?? 'options'
}

/** A message on one line (yargs spreads some over several). */
function oneLine (err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  return message.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ') || 'unknown error'
}
