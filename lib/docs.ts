/**
 * The generated documents: each is a pure function of a table in the code, written to docs/ by
 * `npm run docs`, and checked by the tests to be up to date.
 */
import { schema } from './schema.js'
import { codeTables } from './catalogs/index.js'
import { catalogs } from './catalogs/explain.js'
import { messageRules, monthNames } from './catalogs/proftpd.js'

/** The schema as a Markdown table, for docs/schema.md. */
export function schemaMarkdown (): string {
  const rows = schema.map((field) => {
    const type = field.array === true ? `${field.type}[]` : field.type
    const values = field.values === undefined ? '' : ` One of: ${field.values.map((v) => `\`${v}\``).join(', ')}.`
    const dialects = field.dialects.includes('*') ? 'all' : field.dialects.join(', ')
    return `| \`${field.name}\` | ${type} | ${dialects} | ${field.description}${values} |`
  })
  return [
    '# Record schema',
    '',
    'Generated from `lib/schema.ts` by `npm run docs`; do not edit by hand.',
    '',
    'Every dialect writes the same name, with the same type, for the same concept. A field whose value is',
    'unknown is left out. Types are Elasticsearch types: `keyword`, `text` and `ip` are JSON strings, `date`',
    'is an ISO-8601 string in UTC, `long` a JSON number, `boolean` true or false; `[]` marks a list.',
    '',
    '| field | type | dialects | meaning |',
    '|---|---|---|---|',
    ...rows,
    ''
  ].join('\n')
}

/** Text safe inside a Markdown table cell. */
function cell (text: string): string {
  return text.replace(/\|/g, '\\|')
}

/** The code tables as Markdown, for docs/codes.md. */
export function codesMarkdown (): string {
  const out = [
    '# Codes and their words',
    '',
    'Generated from `lib/catalogs/` by `npm run docs`; do not edit by hand. `logjson explain <catalog> <code>`',
    'prints one entry; `logjson explain <catalog> --list` prints a whole catalog as NDJSON.',
    ''
  ]
  for (const catalog of catalogs) {
    out.push(`## ${catalog.title} (\`${catalog.id}\`)`, '', catalog.description, '')
    const since = catalog.entries.some((entry) => entry.since !== undefined)
    out.push(`| code | name | meaning | source${since ? ' | since version' : ''} |`, `|---|---|---|---${since ? '|---' : ''}|`)
    for (const entry of catalog.entries) {
      const aliases = entry.aliases === undefined ? '' : ` (also ${entry.aliases.map((a) => `\`${a}\``).join(', ')})`
      const name = catalog.symbolic ? `\`${entry.name}\`${aliases}` : cell(entry.name)
      out.push(`| ${entry.code} | ${name} | ${cell(entry.meaning)} | ${entry.source}${since ? ` | ${entry.since ?? ''}` : ''} |`)
    }
    out.push('')
  }
  out.push(
    '## proftpd: messages → `event.action`, `log.level`, `event.outcome`',
    '',
    'A message is matched against these rules in order (the first match wins); a message no rule matches keeps',
    'its text in `message`, with the level of its syslog `facility.severity` token when the line has one.',
    '',
    '| message (example) | event.action | log.level | event.outcome |',
    '|---|---|---|---|'
  )
  for (const rule of messageRules) out.push(`| \`${cell(rule.example)}\` | \`${rule.action}\` | ${rule.level ?? ''} | ${rule.outcome ?? ''} |`)
  out.push('', '## proftpd: month names of syslog timestamps', '', Object.entries(monthNames).map(([name, month]) => `\`${name}\` ${String(month)}`).join(', '), '')
  for (const info of codeTables) {
    out.push(`## ${info.dialect}: ${info.name} → \`${info.field}\``, '', '| code | written as |', '|---|---|')
    for (const [code, word] of Object.entries(info.table)) out.push(`| \`${code}\` | \`${word}\` |`)
    out.push('')
  }
  return out.join('\n')
}

/** Every generated document, by its path under docs/. */
export const generatedDocs: Readonly<Record<string, () => string>> = Object.freeze({
  'schema.md': schemaMarkdown,
  'codes.md': codesMarkdown
})
