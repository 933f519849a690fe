#!/usr/bin/env node
// Rebuilds tap's Test class for this project's plugin list before the suite runs, when it was built for
// another list (as `npm ci` installs it: with all the default plugins). The list leaves out the plugins
// the tests do not use, among them the TypeScript and mock plugins, whose loaders start with every test
// file. tap notices the difference itself, but only after it has chosen how to start the test files, so
// that a fresh clone's first suite would run the old way. Rebuilding first costs some 7 s, once.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
// tap reads its configuration from the working directory: this project's, wherever this is run from.
process.chdir(root)
const { TapConfig } = await import('@tapjs/config')
const { signature } = await import('@tapjs/test')
const config = await TapConfig.load()

if (signature !== config.pluginSignature) {
  process.stderr.write('tap: building the test class for this project\'s plugins\n')
  const built = spawnSync(join(root, 'node_modules', '.bin', 'tap'), ['build'], { cwd: root, stdio: 'inherit' })
  process.exitCode = built.status ?? 1
}
