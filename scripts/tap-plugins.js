#!/usr/bin/env node
// Rebuilds tap's Test class for this project's plugin list before the suite runs, when it was built for
// another list (as `npm ci` installs it: with the default plugins, @tapjs/typescript among them).
// tap notices the difference itself, but only after it has chosen how to start the test files: that first
// run loads every test through the TypeScript plugin's loader as well as through tsx, and takes about
// twice as long (150 s against 80 s on a fresh clone). Rebuilding first costs some 7 s, once.
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
