/**
 * Code tables are looked up with text taken from input; a table without a prototype cannot answer
 * `__proto__` or `constructor` with something that is not a code.
 */
export type CodeTable<V> = Readonly<Record<string, V | undefined>>

export function codeTable<V> (entries: Record<string, V>): CodeTable<V> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, V>, entries))
}
