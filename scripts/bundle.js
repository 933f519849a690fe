#!/usr/bin/env node
// Bundles the command and its `--jobs` worker, after `tsc` has built dist/: Node loads one file in place
// of some forty modules (the library's and yargs'), which saves about a fifth of the command's start, paid
// again by every worker. The library itself (dist/index.js and the modules it imports) stays as built.
//   dist/command.js  the command (bin/logjson.js runs it)
//   dist/worker.js   a `--jobs` worker, replaced by a bundle of itself (jobs.js starts it by that name)
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const dist = join(dirname(dirname(fileURLToPath(import.meta.url))), 'dist')

// yargs lays out --help with cliui and string-width, whose modules build Unicode-property regular
// expressions and Intl segmenters as they load: 30 ms of every start (a third of the bundle's load), spent
// even when no help is shown. yargs takes both through its platform shim, so the bundle hands the shim
// stand-ins that load the real module the first time they are called.
const deferHelpLayout = {
  name: 'defer-help-layout',
  setup (build) {
    build.onResolve({ filter: /^(cliui|string-width)$/ }, (args) => {
      if (!/[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]/.test(args.importer)) return undefined
      return { path: args.path, namespace: 'deferred', pluginData: { resolveDir: args.resolveDir } }
    })
    build.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => ({
      contents: `let loaded
export default function (...args) {
  loaded ??= require(${JSON.stringify(args.path)}).default
  return loaded(...args)
}`,
      resolveDir: args.pluginData.resolveDir
    }))
  }
}

// yargs checks its own state with node:assert's strictEqual and notStrictEqual, and loading node:assert
// takes about 3 ms of every start. The bundle hands it the same two checks, which load node:assert only
// when one fails (to throw the error it would have thrown).
const assertOnFailure = {
  name: 'assert-on-failure',
  setup (build) {
    build.onResolve({ filter: /^assert$/ }, (args) => {
      if (!/[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]/.test(args.importer)) return undefined
      return { path: 'assert', namespace: 'assert-on-failure' }
    })
    build.onLoad({ filter: /.*/, namespace: 'assert-on-failure' }, () => ({
      contents: `export function strictEqual (actual, expected, message) {
  if (!Object.is(actual, expected)) require('node:assert').strictEqual(actual, expected, message)
}
export function notStrictEqual (actual, expected, message) {
  if (Object.is(actual, expected)) require('node:assert').notStrictEqual(actual, expected, message)
}`
    }))
  }
}

const common = {
  bundle: true,
  plugins: [deferHelpLayout, assertOnFailure],
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  sourcemap: true,
  // yargs' CommonJS parts call `require`; an ES module bundle has none of its own.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" }
}

await build({ ...common, entryPoints: [join(dist, 'cli.js')], outfile: join(dist, 'command.js') })
await build({ ...common, entryPoints: [join(dist, 'worker.js')], outfile: join(dist, 'worker.js'), allowOverwrite: true })
