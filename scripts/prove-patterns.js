#!/usr/bin/env node
// Proves every regular expression of the library again with recheck and writes the proofs the test suite
// keeps (test/regex-proofs.json; see test/regex-safety.ts). Run after changing patterns, or when
// recheck is upgraded: until then the suite proves what is new on each run. It runs the compiled test,
// which `npm run prove-patterns` builds first.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const run = spawnSync(process.execPath, [join(root, '.test-build', 'test', 'regex-safety.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, LOGJSON_RECORD_PROOFS: '1' }
})
process.exitCode = run.status ?? 1
