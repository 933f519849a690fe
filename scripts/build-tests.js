#!/usr/bin/env node
// Type-checks lib/ and test/ and compiles them into .test-build/, which the tap suite runs as plain
// JavaScript. Starting each test file through a TypeScript loader (tsx) took about a second of CPU more
// than starting it compiled: with some forty-five files on two cores, a third of the suite's time.
// The folder is made anew each time, so that a test file removed from test/ is not run from an old copy;
// package.json is copied beside the compiled lib/, which reads the version from `../package.json`, and
// scripts/ is linked (the tests share the mutations of scripts/mutate.js with the fuzz run, and that module
// finds the project from where it lies, so it must be the real file, not a copy).
import { spawnSync } from 'node:child_process'
import { copyFileSync, rmSync, symlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const out = join(root, '.test-build')
rmSync(out, { recursive: true, force: true })
const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.test.json')], { cwd: root, stdio: 'inherit' })
if (tsc.status !== 0) {
  process.exitCode = tsc.status ?? 1
} else {
  copyFileSync(join(root, 'package.json'), join(out, 'package.json'))
  symlinkSync(join('..', 'scripts'), join(out, 'scripts'), 'dir')
}
