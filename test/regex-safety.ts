import t from 'tap'
import ts from 'typescript'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { check, type Diagnostics } from 'recheck'
import { projectRoot } from './helpers/records.js'

// Every regular expression of the library, proved free of catastrophic (exponential or polynomial)
// backtracking by the recheck analyser (https://makenowjust-labs.github.io/recheck/), rather than only
// timed against inputs someone thought of. The literals are read from the source; the patterns made at
// run time (built from templates and catalog text) are caught as the modules build them. Patterns users
// give to `--where … =~` are theirs, and are not made here.

interface Found { source: string, flags: string, where: string }

function literals (): Found[] {
  const found: Found[] = []
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [])
  for (const file of walk(join(projectRoot, 'lib'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source)
        const end = text.lastIndexOf('/')
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
        found.push({ source: text.slice(1, end), flags: text.slice(end + 1), where: `${relative(projectRoot, file)}:${line}` })
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return found
}

/** The patterns the library builds with `new RegExp` while its modules load and while `build` runs. */
async function builtAtRunTime (build: (lib: { templates: () => void }) => void): Promise<Found[]> {
  const found: Found[] = []
  const original = globalThis.RegExp
  globalThis.RegExp = new Proxy(original, {
    construct (target, args: [string | RegExp, string?]) {
      const pattern = new target(...args)
      found.push({ source: pattern.source, flags: pattern.flags, where: 'built at run time' })
      return pattern
    }
  })
  try {
    const cft = await import('../lib/dialects/transfer-cft.js')
    const { cftMessages } = await import('../lib/catalogs/cft-messages.js')
    await import('../lib/index.js')
    build({ templates: () => { for (const id of cftMessages.keys()) cft.templatesOf(id) } })
  } finally {
    globalThis.RegExp = original
  }
  return found
}

/**
 * The shape of the patterns made from Transfer CFT message templates: anchored at both ends, words
 * separated by single spaces, each word literal or `(\S+)`. No word can match a space, so each word has one
 * place to go: from the one start the anchor allows, a failing match gives back at most the word it is in,
 * and the whole match costs time linear in the line. The analyser confirms this on one of them; the
 * hundreds of others only need the shape checked, which keeps the test fast.
 */
const LITERAL_WORD = /^(?:[^\\.*+?^${}()|[\]\s]|\\[.*+?^${}()|[\]\\/])+$/
function hasTemplateShape ({ source, flags }: Found): boolean {
  if (!source.startsWith('^') || !source.endsWith('$') || flags !== 'i') return false
  return source.slice(1, -1).split(' ').every((word) => word === '(\\S+)' || LITERAL_WORD.test(word))
}

const EXTRA_SEEDS = [1, 2]

/**
 * The analyser's proofs, kept from run to run (test/regex-proofs.json): a proof holds for the exact text
 * and flags of a pattern, the analyser's version and the fuzzing seeds, and proving the library's 150-odd
 * patterns again on every run took 25–40 s of CPU, the suite's longest file. A pattern that is new or
 * changed is proved on the run (every pattern, when the file is missing or was made another way); so are
 * a few of the kept ones, drawn at random each run, so that a wrong entry in the file does not stay hidden.
 * `npm run prove-patterns` writes the file anew (it sets LOGJSON_RECORD_PROOFS, and the test then proves
 * every pattern and records them).
 */
const PROOFS_FILE = join(projectRoot, 'test', 'regex-proofs.json')
const RECORDING = process.env.LOGJSON_RECORD_PROOFS === '1'
const AUDITED = 8
interface Proof { checker: string, complexity: string }
/** What the proofs were made with: the analyser's version, and the seeds large patterns were fuzzed with. */
interface ProofFile { recheck: string, fuzzSeeds: number[], proofs: Record<string, Proof> }
const recheckVersion = (JSON.parse(readFileSync(join(projectRoot, 'node_modules', 'recheck', 'package.json'), 'utf8')) as { version: string }).version

/** The kept proofs, if they were made the way this run would make them; none without the file. */
function keptProofs (): Map<string, Proof> {
  if (RECORDING || !existsSync(PROOFS_FILE)) return new Map()
  const file = JSON.parse(readFileSync(PROOFS_FILE, 'utf8')) as ProofFile
  const same = file.recheck === recheckVersion && JSON.stringify(file.fuzzSeeds) === JSON.stringify(EXTRA_SEEDS)
  return same ? new Map(Object.entries(file.proofs)) : new Map()
}

/** Some of `keys`, drawn at random. */
function sample (keys: string[], count: number): Set<string> {
  const drawn = new Set<string>()
  while (drawn.size < Math.min(count, keys.length)) drawn.add(keys[Math.floor(Math.random() * keys.length)]!)
  return drawn
}

t.test('no regular expression of the library backtracks catastrophically', async (t) => {
  t.notOk(hasTemplateShape({ source: '^(\\S+)+ x$', flags: 'i', where: '' }), 'the shape check refuses a nested quantifier')
  t.notOk(hasTemplateShape({ source: '^a.* x$', flags: 'i', where: '' }), 'and a wildcard')
  const built = await builtAtRunTime((lib) => lib.templates())
  const templates = built.filter(hasTemplateShape)
  t.ok(templates.length > 200, `${templates.length} Transfer CFT template patterns have the linear shape`)
  const all = [...literals(), ...built.filter((found) => !hasTemplateShape(found)), templates[0]!]
  const unique = new Map<string, Found>()
  for (const found of all) unique.set(`/${found.source}/${found.flags}`, found)
  t.ok(unique.size > 100, `${unique.size} other distinct patterns (literals and built ones)`)
  const kept = keptProofs()
  const audited = sample([...unique.keys()].filter((text) => kept.has(text)), AUDITED)
  const proved = new Map<string, Proof>()
  let fuzzed = 0
  let checkedNow = 0
  for (const [text, found] of unique) {
    const proof = kept.get(text)
    if (proof !== undefined && !audited.has(text)) {
      if (proof.checker === 'fuzz') fuzzed++
      proved.set(text, proof)
      continue
    }
    checkedNow++
    const first = await check(found.source, found.flags, { timeout: 30_000 })
    // The automaton checker's answer is a proof. A pattern too large for it goes to the fuzz checker, whose
    // search for a slow input is random: xferlog's line pattern was once quadratic, and the default seed
    // missed what seeds 1 and 2 each found. Such patterns are searched with those seeds as well.
    const runs: Diagnostics[] = first.checker === 'fuzz' ? [first, ...await Promise.all(EXTRA_SEEDS.map((randomSeed) => check(found.source, found.flags, { timeout: 30_000, randomSeed })))] : [first]
    if (first.checker === 'fuzz') fuzzed++
    let safe = true
    for (const diagnostics of runs) {
      const attack = diagnostics.status === 'vulnerable' ? `; attack: ${diagnostics.attack.pattern.slice(0, 120)}` : ''
      const complexity = diagnostics.status === 'unknown' ? diagnostics.error.kind : diagnostics.complexity.summary
      if (diagnostics.status !== 'safe') {
        safe = false
        t.fail(`${found.where} ${text}: ${diagnostics.status} (${complexity})${attack}`)
      }
    }
    if (safe && first.status === 'safe') proved.set(text, { checker: first.checker, complexity: first.complexity.summary })
    if (audited.has(text)) t.ok(safe, `a kept proof proved again: ${text.slice(0, 80)}`)
  }
  t.ok(fuzzed > 0, `${fuzzed} patterns too large for the automaton checker, fuzzed with ${EXTRA_SEEDS.length + 1} seeds`)
  t.pass(`${unique.size} patterns checked, ${checkedNow} of them by the analyser on this run`)
  if (RECORDING) {
    const proofs = Object.fromEntries([...proved].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0))
    writeFileSync(PROOFS_FILE, JSON.stringify({ recheck: recheckVersion, fuzzSeeds: EXTRA_SEEDS, proofs } satisfies ProofFile, null, 1) + '\n')
  } else if (checkedNow > audited.size) {
    t.comment(`patterns without a kept proof: ${checkedNow - audited.size}; \`npm run prove-patterns\` keeps the proofs of those found safe`)
  }
})
