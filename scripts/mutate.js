// Mutations of real log lines, shared by the property tests (test/property.ts, which draws them with
// fast-check so that failures shrink) and the fuzz run (scripts/fuzz.js, which draws them from a seeded
// generator so that a million of them cost little). Each one keeps most of a real line, so the parsers get
// past their first checks and meet the damage deep inside, where hand-written tests rarely reach.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Pieces worth inserting: the separators and brackets the grammars cut on, characters JSON must escape,
 * an escaped invalid byte and a lone surrogate, keys that name prototype properties, numbers past the safe
 * range, and tokens other dialects start with (so detection is pulled both ways).
 */
export const vocabulary = [
  ' ', '  ', '\t', ';', ':', ',', '=', '= ', ' = ', '<', '>', '[', ']', '(', ')', '{', '}', '+', '-', '/', '.', '*', '_',
  '"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\udcff', '\ud800', 'é', '😀', '\ufeff',
  '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '__proto__=x', 'constructor=1', '<__proto__=y>',
  '0', '-1', '999999999999999999999', '1e309', 'NaN', '00', '4294967296',
  'CFTT57I', 'CFTY13E', 'DIAGI=916', 'proftpd[1]:', ' (x[1.2.3.4]) - ', 'Thu Sep  2 09:52:00 2004', '2006-03-06 10:11:03;',
  'D 20130711 14:56:33.365', '{"a":1}', '::ffff:1.2.3.4', '2001:db8::1', 'c', 'i', 'o', 'd'
]

export const mutationKinds = ['insert', 'delete', 'replace', 'duplicate', 'truncate', 'swap', 'repeat']

/**
 * Applies one mutation. `at` and `length` are fractions of the line (0 ≤ x < 1), so the same mutation
 * means something on a line of any length; `piece` is inserted or written over.
 */
export function mutate (line, { kind, at, length, piece }) {
  const position = Math.floor(at * (line.length + 1))
  const span = Math.max(1, Math.floor(length * (line.length - position)))
  switch (kind) {
    case 'insert': return line.slice(0, position) + piece + line.slice(position)
    case 'delete': return line.slice(0, position) + line.slice(position + span)
    case 'replace': return line.slice(0, position) + piece + line.slice(position + piece.length)
    case 'duplicate': return line.slice(0, position + span) + line.slice(position, position + span) + line.slice(position + span)
    case 'truncate': return line.slice(0, position)
    case 'swap': {
      const words = line.split(' ')
      const a = Math.floor(at * words.length)
      const b = Math.floor(length * words.length)
      ;[words[a], words[b]] = [words[b], words[a]]
      return words.join(' ')
    }
    case 'repeat': return line.slice(0, position) + piece.repeat(2 + Math.floor(length * 64)) + line.slice(position)
    default: throw new Error(`unknown mutation ${kind}`)
  }
}

/** The non-blank lines of every `.log` file in a folder, or none when it is absent. */
function linesIn (dir) {
  if (!existsSync(dir)) return []
  return readdirSync(dir).filter((name) => name.endsWith('.log')).sort()
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split(/\r\n|\r|\n/))
    .filter((line) => line.trim() !== '')
}

/** Folder names of the shared corpus that hold each dialect's logs. */
const corpusFolders = { 'eft-client': 'eft-cl' }

/**
 * Real lines of a dialect to mutate: the test fixtures (always there) and the shared corpus beside the
 * project (when present).
 */
export function seedLines (dialect) {
  return [
    ...linesIn(join(projectRoot, 'test', 'fixtures', dialect)),
    ...linesIn(join(projectRoot, '..', 'shared', 'corpus', corpusFolders[dialect] ?? dialect))
  ]
}
