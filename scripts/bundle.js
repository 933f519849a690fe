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

const common = {
  bundle: true,
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
