/**
 * The whole conversion as one Duplex: bytes in, NDJSON bytes out. The stages are the same ones exported on
 * their own, joined with pumpify; they pass batches, so the pipeline pays per chunk, not per line.
 */
import pumpify from 'pumpify'
import type { Duplex, Transform } from 'node:stream'
import { createSplit } from './split.js'
import { createDetect } from './detect.js'
import { createParse } from './parse.js'
import { createEnrich } from './enrich.js'
import { createFilter } from './filter.js'
import { createSerialize } from './serialize.js'
import { normalizeOptions, type Options } from './options.js'
import type { Stats } from './stats.js'

export interface Pipeline extends Duplex {
  /** The counters of this conversion (the `stats` option, or a new one). */
  readonly stats: Stats
}

export function createPipeline (options: Options = {}): Pipeline {
  const normalized = normalizeOptions(options)
  // onError 'fail': rejected records travel to the serializer, which writes every record before the
  // first one and then fails the stream, as the command does.
  const fail = normalized.onError === 'fail'
  const parseOptions = fail ? normalizeOptions({ ...options, onError: 'emit', stats: normalized.stats }) : normalized
  const stages: Transform[] = [
    createSplit({ maxLine: normalized.maxLine }),
    createDetect(parseOptions),
    createParse(parseOptions, { stopAtRejected: fail }),
    createEnrich()
  ]
  if (normalized.filter !== undefined) stages.push(createFilter(normalized.filter, { stats: normalized.stats }))
  stages.push(createSerialize({ stats: normalized.stats, stopAtRejected: fail }))
  const duplex = new pumpify(...stages) as unknown as Pipeline
  Object.defineProperty(duplex, 'stats', { value: normalized.stats, enumerable: true })
  return duplex
}
