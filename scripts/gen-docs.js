#!/usr/bin/env node
// Writes docs/schema.md from the schema in lib/schema.ts (run `npm run build` first; `npm run docs` does).
import { writeFileSync } from 'node:fs'
import { schemaMarkdown } from '../dist/index.js'

const target = new URL('../docs/schema.md', import.meta.url)
writeFileSync(target, schemaMarkdown())
console.log(`wrote ${target.pathname}`)
