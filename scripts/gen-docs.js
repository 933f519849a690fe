#!/usr/bin/env node
// Writes the generated documents under docs/ (run through `npm run docs`, which builds first).
import { writeFileSync } from 'node:fs'
import { generatedDocs } from '../dist/index.js'

for (const [name, render] of Object.entries(generatedDocs)) {
  const target = new URL(`../docs/${name}`, import.meta.url)
  writeFileSync(target, render())
  console.log(`wrote docs/${name}`)
}
