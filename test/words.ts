import t from 'tap'
import { hasWordStart } from '../lib/dialects/words.js'

t.test('a word at the start of a line or after any character \\s may stand for, and not inside another word', async (t) => {
  for (const line of ['proftpd[1]: x', 'host proftpd[1]', 'a\tproftpd', 'a\u00a0proftpd', 'a\u3000proftpd', '/x/proftpd proftpd[2]']) t.ok(hasWordStart(line, 'proftpd'), JSON.stringify(line))
  for (const line of ['/pub/proftpd-1.3.8.tar.gz', 'xproftpd', 'proftp', '']) t.notOk(hasWordStart(line, 'proftpd'), JSON.stringify(line))
  // Every character \s matches is one the test takes as white space.
  for (let code = 0; code < 0x10000; code++) {
    const char = String.fromCharCode(code)
    if (/\s/.test(char) && !hasWordStart(`a${char}CFT`, 'CFT')) t.fail(`U+${code.toString(16)}`)
  }
})
