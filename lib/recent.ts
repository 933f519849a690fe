/**
 * Small caches of what is worked out from text that comes back line after line: whether a host is an
 * address, an operation's action word, a key's lower-case form, a client's address and port.
 *
 * Bounded twice. In entries: a cache starts over when full, so a log of ever-new values cannot grow it. And
 * in bytes: a key longer than `LONGEST_KEY` characters is worked out every time and never kept, since text
 * that long does not repeat often enough to be worth keeping, and a few thousand keys of a few hundred
 * kilobytes each held the better part of a gigabyte.
 */

/** Keys longer than this are not kept (a host name has at most 253 characters). */
export const LONGEST_KEY = 256

/**
 * A copy of `text` holding only its own characters. V8 gives a slice of a long string as a view of it, so a
 * short key cut from a long line would keep all of the line alive for as long as the cache keeps the key.
 * Joined to one more character, the text is copied out when the join is sliced again.
 */
export function ownCopy (text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1)
}

export class Recent<V> {
  readonly #values = new Map<string, V>()

  /**
   * @param capacity how many keys are kept before the cache starts over
   * @param make works a key's value out (a value may be `undefined`: that is kept too)
   */
  constructor (readonly capacity: number, readonly make: (key: string) => V) {}

  get (key: string): V {
    let value = this.#values.get(key)
    if (value === undefined && !this.#values.has(key)) {
      if (key.length > LONGEST_KEY) return this.make(key)
      // Made from the copy, so that what the value holds of its key (a slice, the key itself) is of the
      // copy too.
      const own = ownCopy(key)
      value = this.make(own)
      if (this.#values.size >= this.capacity) this.#values.clear()
      this.#values.set(own, value)
    }
    return value as V
  }
}
