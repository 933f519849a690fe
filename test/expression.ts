import t from 'tap'
import { compileExpression, ExpressionError } from '../lib/expression.js'
import { isUsageError, LogjsonError } from '../lib/errors.js'
import type { LogRecord } from '../lib/record.js'

const record: LogRecord = {
  '@timestamp': '2026-11-21T10:00:00.000Z',
  event: { dataset: 'xferlog', outcome: 'failure', code: '226', duration: 0.5 },
  file: { path: '/a b', size: 1200 },
  source: { ip: '10.0.0.7', port: 0 },
  user: { name: 'Anna' },
  message: 'line one\nline two',
  xferlog: { special_action: ['compressed', 'tar'], sizes: [1, 2, 3], anonymous: false, authenticated_user_id: null }
}

const where = (source: string, r: LogRecord = record): boolean => compileExpression(source)(r)

/** The error an expression is rejected with; an expression that compiles fails the test. */
function rejection (source: string): ExpressionError {
  try {
    compileExpression(source)
  } catch (err) {
    if (err instanceof ExpressionError) return err
    throw err
  }
  throw new Error(`${JSON.stringify(source)} compiled but should have been rejected`)
}

t.test('== and != on strings, numbers, booleans and null', async (t) => {
  t.equal(where('event.outcome == "failure"'), true)
  t.equal(where('event.outcome == "success"'), false)
  t.equal(where('event.outcome != "success"'), true)
  t.equal(where('event.outcome != "failure"'), false)
  t.equal(where('file.size == 1200'), true)
  t.equal(where('file.size == 1200.0'), true, 'numbers compare by value, not by spelling')
  t.equal(where('file.size == 1.2e3'), true)
  t.equal(where('file.size != 1200'), false)
  t.equal(where('event.duration == 0.5'), true)
  t.equal(where('xferlog.anonymous == false'), true)
  t.equal(where('xferlog.anonymous == true'), false)
  t.equal(where('xferlog.authenticated_user_id == null'), true)
  t.equal(where('xferlog.authenticated_user_id != null'), false)
  t.equal(where('source.port == 0'), true)
  t.equal(where('source.port == false'), false, 'no truthiness: 0 is not false')
  t.equal(where('x == -3', { x: -3 }), true)
  t.equal(where('x == 1e6', { x: 1000000 }), true)
  t.equal(where('x == -2.5E-1', { x: -0.25 }), true)
})

t.test('a string field is never coerced to a number, nor a number to a string', async (t) => {
  t.equal(where('event.code == 226'), false)
  t.equal(where('event.code == "226"'), true)
  t.equal(where('event.code != 226'), true)
  t.equal(where('file.size == "1200"'), false)
  t.equal(where('event.code > 100'), false)
  t.equal(where('file.size > "1"'), false)
  t.equal(where('event.code in [226, 227]'), false)
  t.equal(where('event.code in ["226", 227]'), true)
})

t.test('< <= > >= compare numbers with numbers and strings with strings', async (t) => {
  t.equal(where('file.size < 1201'), true)
  t.equal(where('file.size < 1200'), false)
  t.equal(where('file.size <= 1200'), true)
  t.equal(where('file.size <= 1199'), false)
  t.equal(where('file.size > 1199'), true)
  t.equal(where('file.size > 1200'), false)
  t.equal(where('file.size >= 1200'), true)
  t.equal(where('file.size >= 1201'), false)
  t.equal(where('n > 9', { n: 10 }), true, 'numerically, not as text')
  t.equal(where('s > "9"', { s: '10' }), false, 'as text, not numerically')
  t.equal(where('user.name < "B"'), true)
  t.equal(where('user.name > "B"'), false)
  t.equal(where('user.name >= "Anna"'), true)
  t.equal(where('user.name < true'), false, 'booleans have no order')
  t.equal(where('user.name >= null'), false)
  t.equal(where('xferlog.sizes > 0'), false, 'an array field has no order')
})

t.test('@timestamp compares as an ISO string', async (t) => {
  t.equal(where('@timestamp >= "2026-11-21"'), true)
  t.equal(where('@timestamp < "2026-11-21"'), false)
  t.equal(where('@timestamp < "2026-11-21T10:00:00.001Z"'), true)
  t.equal(where('@timestamp >= "2026-11-21T10:00:00.001Z"'), false)
  t.equal(where('@timestamp >= "2026-11-21" and @timestamp < "2026-11-22"'), true)
  t.equal(where('@timestamp >= "2026-11-22"'), false)
  t.equal(where('@timestamp == "2026-11-21T10:00:00.000Z"'), true)
  // Other ISO forms of a time are the instant they name, not text to sort against the record's form.
  t.equal(where('@timestamp >= "2026-11-21T10:00:00Z"'), true, 'no milliseconds')
  t.equal(where('@timestamp == "2026-11-21T10:00:00Z"'), true)
  t.equal(where('@timestamp == "2026-11-21T11:00+01:00"'), true, 'an offset, no seconds')
  t.equal(where('@timestamp < "2026-11-21T10:00:00.0001Z"'), true, 'finer than milliseconds')
  t.equal(where('@timestamp > "2026-11-21T09:59:59.9999Z"'), true, '10:00:00.000 is after it')
  t.equal(where('@timestamp >= "not a time"'), false, 'other text still compares as text')
  // A fraction finer than a millisecond: each comparison as exact as the record's whole milliseconds allow.
  t.same(['<', '<=', '>', '>=', '==', '!='].map((op) => where(`@timestamp ${op} "2026-11-21T10:00:00.0005Z"`)), [true, true, false, false, false, true])
  t.same(['<', '<=', '>', '>=', '==', '!='].map((op) => where(`@timestamp ${op} "2026-11-21T09:59:59.9995Z"`)), [false, false, true, true, false, true])
  // Past the years records hold: after, or before, every record.
  t.equal(where('@timestamp <= "9999-12-31T23:59:59-01:00"'), true)
  t.equal(where('@timestamp > "0000-01-01T00:30:00+01:00"'), true)
})

t.test('a missing field fails every test except the negative ones', async (t) => {
  t.equal(where('user.id == "x"'), false)
  t.equal(where('user.id != "x"'), true)
  t.equal(where('user.id == null'), false, 'missing is not null; exists is the presence test')
  t.equal(where('user.id != null'), true)
  t.equal(where('user.id < 1'), false)
  t.equal(where('user.id <= "z"'), false)
  t.equal(where('user.id > 1'), false)
  t.equal(where('user.id >= ""'), false)
  t.equal(where('user.id in ["x", null]'), false)
  t.equal(where('user.id =~ /.*/'), false)
  t.equal(where('user.id !~ /.*/'), true)
  t.equal(where('not user.id == "x"'), true)
  t.equal(where('nothing.at.all == 1'), false)
  t.equal(where('file.size.bytes == 1200'), false, 'a path cannot go through a number')
  t.equal(where('file.path.length == 4'), false, 'nor read properties of a string')
})

t.test('exists: present and not null', async (t) => {
  t.equal(where('exists user.name'), true)
  t.equal(where('exists user.id'), false)
  t.equal(where('exists xferlog.authenticated_user_id'), false, 'null counts as absent')
  t.equal(where('exists xferlog.anonymous'), true, 'false is present')
  t.equal(where('exists source.port'), true, '0 is present')
  t.equal(where('exists e', { e: '' }), true, 'the empty string is present')
  t.equal(where('exists file'), true, 'an object is present')
  t.equal(where('not exists user.id'), true)
  t.equal(where('exists exists.x', { exists: { x: 1 } }), true, 'a keyword is an ordinary name inside a path')
})

t.test('in: the field, or any element of an array field, is in the list', async (t) => {
  t.equal(where('event.outcome in ["success", "failure"]'), true)
  t.equal(where('event.outcome in ["success", "unknown"]'), false)
  t.equal(where('event.outcome in ["failure"]'), true)
  t.equal(where('file.size in [1, 1200, "x"]'), true)
  t.equal(where('file.size in [1, 2]'), false)
  t.equal(where('xferlog.anonymous in [true, false]'), true)
  t.equal(where('xferlog.authenticated_user_id in [null]'), true)
  t.equal(where('xferlog.special_action in ["tar", "gzip"]'), true)
  t.equal(where('xferlog.special_action in ["gzip", "zip"]'), false)
  t.equal(where('xferlog.sizes in [3]'), true)
  t.equal(where('not event.outcome in ["failure"]'), false)
  t.equal(where('event.outcome in[ "failure" ,"x" ]'), true, 'whitespace is free')
})

t.test('arrays: == and =~ hold when any element does, != and !~ when none does', async (t) => {
  t.equal(where('xferlog.special_action == "tar"'), true)
  t.equal(where('xferlog.special_action == "compressed"'), true)
  t.equal(where('xferlog.special_action == "gzip"'), false)
  t.equal(where('xferlog.special_action != "tar"'), false)
  t.equal(where('xferlog.special_action != "gzip"'), true)
  t.equal(where('xferlog.sizes == 2'), true)
  t.equal(where('xferlog.sizes == "2"'), false)
  t.equal(where('xferlog.special_action =~ /^t/'), true)
  t.equal(where('xferlog.special_action =~ /^g/'), false)
  t.equal(where('xferlog.special_action !~ /^t/'), false)
  t.equal(where('xferlog.special_action !~ /^g/'), true)
  t.equal(where('xferlog.sizes =~ /2/'), false, 'numbers are not matched as text')
  t.equal(where('xferlog.special_action.length == 2'), false, 'a path does not read array properties')
  t.equal(where('list.a == 1', { list: [{ a: 1 }] }), false, 'nor walk into array elements')
})

t.test('=~ and !~ with regex literals, flags and strings', async (t) => {
  t.equal(where('file.path =~ /^\\/a /'), true, 'an escaped slash stays in the pattern')
  t.equal(where('file.path =~ /[/]a/'), true, 'a slash inside a class does not end the pattern')
  t.equal(where('file.path =~ /^\\/b/'), false)
  t.equal(where('user.name =~ /^anna$/'), false)
  t.equal(where('user.name =~ /^anna$/i'), true)
  t.equal(where('user.name !~ /^anna$/i'), false)
  t.equal(where('user.name !~ /^anna$/'), true)
  t.equal(where('message =~ /^line two$/'), false)
  t.equal(where('message =~ /^line two$/m'), true)
  t.equal(where('message =~ /one.line/'), false)
  t.equal(where('message =~ /one.line/s'), true)
  t.equal(where('s =~ /^.$/', { s: '😀' }), false, 'without u an astral character is two units')
  t.equal(where('s =~ /^.$/u', { s: '😀' }), true)
  t.equal(where('s =~ /^\\p{Lu}/u', { s: 'Émile' }), true)
  t.equal(where('user.name =~ /^a/im'), true, 'several flags')
  t.equal(where('user.name =~ "^An"'), true, 'a string is a pattern')
  t.equal(where('user.name =~ "^an"'), false, 'a string pattern has no flags')
  t.equal(where('file.path =~ "a\\\\sb"'), true, '"\\\\s" in a string is the pattern \\s')
  t.equal(where('file.size =~ /1200/'), false, 'only strings are matched')
  t.equal(where('user.name=~/nn/ and file.size==1200'), true, 'no spaces needed before a regex')
  const test = compileExpression('user.name =~ /n/')
  t.same([test(record), test(record), test(record)], [true, true, true], 'matching is stateless across records')
})

t.test('not, and, or: precedence and parentheses', async (t) => {
  const r = { a: 1, b: 0, c: 0 }
  // a is true, b and c are false: the grouping decides the result.
  t.equal(where('a == 1 or b == 1 and c == 1', r), true, 'a or (b and c)')
  t.equal(where('(a == 1 or b == 1) and c == 1', r), false)
  t.equal(where('a == 1 or (b == 1 and c == 1)', r), true)
  t.equal(where('c == 1 and b == 1 or a == 1', r), true, '(c and b) or a')
  t.equal(where('c == 1 and (b == 1 or a == 1)', r), false)
  t.equal(where('not a == 1 and b == 1', r), false, '(not a) and b')
  t.equal(where('not (a == 1 and b == 1)', r), true)
  t.equal(where('not a == 1 or a == 1', r), true, '(not a) or a')
  t.equal(where('not (a == 1 or a == 1)', r), false)
  t.equal(where('not not a == 1', r), true)
  t.equal(where('not not not a == 1', r), false)
  t.equal(where('a == 1 and a == 1 and c == 1', r), false)
  t.equal(where('b == 1 or c == 1 or a == 1', r), true)
  t.equal(where('b == 1 or c == 1 or b == 1', r), false)
  t.equal(where('((((a == 1))))', r), true)
  t.equal(where('(a==1)and(c==0)', r), true, 'no spaces needed around parentheses')
})

t.test('keywords in any case, field names as written', async (t) => {
  t.equal(where('NOT user.id == 1 AND file.size == 1200'), true)
  t.equal(where('Not user.name == "Anna" Or FILE.size == 1200'), false, 'field names are case-sensitive')
  t.equal(where('event.outcome IN ["failure"]'), true)
  t.equal(where('EXISTS user.name'), true)
  t.equal(where('eXiStS user.id'), false)
  t.equal(where('xferlog.anonymous == FALSE'), true)
  t.equal(where('xferlog.anonymous == True'), false)
  t.equal(where('xferlog.authenticated_user_id == NULL'), true)
  t.equal(where('a.and.or.not.in.true == 1', { a: { and: { or: { not: { in: { true: 1 } } } } } }), true)
})

t.test('strings: both quotes and the escapes', async (t) => {
  t.equal(where("user.name == 'Anna'"), true)
  t.equal(where('s == "say \\"hi\\""', { s: 'say "hi"' }), true)
  t.equal(where("s == 'it\\'s'", { s: "it's" }), true)
  t.equal(where('s == "it\'s"', { s: "it's" }), true, 'the other quote needs no escape')
  t.equal(where('s == "a\\\\b"', { s: 'a\\b' }), true)
  t.equal(where('s == "a\\\\b"', { s: 'a\\\\b' }), false)
  t.equal(where('message == "line one\\nline two"'), true)
  t.equal(where('s == "a\\tb"', { s: 'a\tb' }), true)
  t.equal(where('s == "\\u00e9t\\u00C9"', { s: 'étÉ' }), true)
  t.equal(where('s == "\\ud83d\\ude00"', { s: '😀' }), true, 'surrogate pairs combine')
  t.equal(where('s == "\\/\\r\\b\\f"', { s: '/\r\b\f' }), true, 'and the rest of the JSON escapes')
  t.equal(where('s == "and or not ( ) [ ] == /"', { s: 'and or not ( ) [ ] == /' }), true, 'nothing is special inside a string')
  t.equal(where('s == ""', { s: '' }), true)
  t.equal(where('s == "😀 é"', { s: '😀 é' }), true)
})

t.test('fields are own properties only: the prototype is never reached', async (t) => {
  for (const source of ['__proto__ == "x"', 'constructor == "x"', 'toString == "x"', 'hasOwnProperty != "x"',
    'constructor.name == "Object"', '__proto__.constructor.name == "Object"', 'event.constructor.name == "Object"']) {
    const test = compileExpression(source)
    t.equal(test(record), source.includes('!='), source)
    t.equal(test({}), source.includes('!='), `${source} on {}`)
  }
  t.equal(where('exists __proto__'), false)
  t.equal(where('exists constructor'), false)
  t.equal(where('exists event.toString'), false)
  t.equal(where('__proto__ =~ /object/i'), false)
  t.equal(where('constructor in ["x"]'), false)
  t.equal(where('x == 1', Object.create({ x: 1 }) as LogRecord), false, 'an inherited property is not a field')
  const data = JSON.parse('{"__proto__":{"constructor":"x"},"constructor":"y"}') as LogRecord
  t.equal(where('__proto__.constructor == "x"', data), true, 'a key named __proto__ is plain data')
  t.equal(where('constructor == "y"', data), true, 'and so is constructor')
  t.equal(where('exists __proto__', data), true)
})

t.test('the expression is never run as JavaScript', async (t) => {
  t.equal(rejection('process.exit(1)').column, 13)
  t.equal(rejection('constructor.constructor("return process")()').column, 24)
  t.equal(rejection('a == 1; b').column, 7)
  t.equal(rejection('a == `x`').column, 6)
  t.equal(rejection('a == 1 || b == 2').column, 8)
  t.equal(rejection('a == 1 && b == 2').column, 8)
  t.equal(rejection('!(a == 1)').column, 1)
})

t.test('errors: one line, the column of the token at fault', async (t) => {
  const cases: Array<[string, number, string]> = [
    ['', 1, 'the expression is empty'],
    ['   ', 4, 'the expression is empty'],
    ['event.outcome ==', 17, 'expected a value after "==" but the expression ended'],
    ['event.outcome == and x', 18, 'expected a value after "==" but found "and"'],
    ['event.outcome == failure', 18, 'expected a value after "==" but found "failure"'],
    ['event.outcome', 14, 'expected an operator (==, !=, <, <=, >, >=, in, =~, !~) after "event.outcome" but the expression ended'],
    ['file.size 1200', 11, 'expected an operator (==, !=, <, <=, >, >=, in, =~, !~) after "file.size" but found the number 1200'],
    ['a = 1', 3, 'unexpected "=" (equality is "==")'],
    ['a == 1 and b # 2', 14, 'unexpected character "#"'],
    ['message == "😀" and %', 20, 'unexpected character "%"'],
    ['a == "abc', 6, 'unterminated string'],
    ["a == 'abc\\'", 6, 'unterminated string'],
    ['a == "ab\ncd"', 6, 'unterminated string'],
    ['a == "a\\qb"', 8, 'unknown escape "\\q" in a string'],
    ['a == "\\u12G4"', 7, 'expected four hex digits after "\\u"'],
    ['a =~ /abc', 6, 'unterminated regular expression'],
    ['a =~ /[/', 6, 'unterminated regular expression'],
    ['a =~ /(/', 6, 'invalid regular expression /(/: Unterminated group'],
    ['a =~ "(" or b == 1', 6, 'invalid regular expression /(/: Unterminated group'],
    ['a =~ /x/ig', 10, 'unsupported regular expression flag "g" (use i, m, s or u)'],
    ['a =~ /x/ii', 10, 'repeated regular expression flag "i"'],
    ['a =~ 5', 6, 'expected a /regular expression/ or a string after "=~" but found the number 5'],
    ['a == /x/', 6, 'unexpected "/" (a regular expression can only follow "=~" or "!~")'],
    ['(a == 1 and (b == 2)', 21, 'expected ")" to match the "(" opened at column 1 but the expression ended'],
    ['(a == 1 ]', 9, 'expected ")" to match the "(" opened at column 1 but found "]"'],
    ['a == 1)', 7, 'expected "and", "or" or the end of the expression but found ")"'],
    ['a == 1 b == 2', 8, 'expected "and", "or" or the end of the expression but found "b"'],
    ['a == 1 and', 11, 'expected a field, "not", "exists" or "(" but the expression ended'],
    ['a == 1 or or b == 1', 11, 'expected a field, "not", "exists" or "(" but found "or"'],
    ['()', 2, 'expected a field, "not", "exists" or "(" but found ")"'],
    ['"x" == a', 1, 'expected a field, "not", "exists" or "(" but found a string'],
    ['exists', 7, 'expected a field after "exists" but the expression ended'],
    ['exists (a)', 8, 'expected a field after "exists" but found "("'],
    ['a in ["x", "y"', 15, 'expected "," or "]" in the list opened at column 6 but the expression ended'],
    ['a in ["x" "y"]', 11, 'expected "," or "]" in the list opened at column 6 but found a string'],
    ['a in []', 7, 'expected a value in the list but found "]"'],
    ['a in ["x",]', 11, 'expected a value after "," but found "]"'],
    ['a in "x"', 6, 'expected "[" after "in" but found a string'],
    ['a..b == 1', 3, 'expected a field name after "."'],
    ['a. == 1', 3, 'expected a field name after "."'],
    ['a == 01', 6, 'a number cannot start with 0'],
    ['a == 1.2.3', 6, 'invalid number "1.2.3"'],
    ['a == 12abc', 6, 'invalid number "12abc"'],
    ['a == 1.', 8, 'expected a digit after the decimal point'],
    ['a == 1e+', 9, 'expected a digit in the exponent'],
    ['a == -x', 7, 'expected a digit after "-"']
  ]
  for (const [source, column, message] of cases) {
    const err = rejection(source)
    t.equal(err.message, `${message} at column ${column}`, JSON.stringify(source))
    t.equal(err.column, column, `${JSON.stringify(source)} column`)
    t.notMatch(err.message, /[\n\r\u2028\u2029]/, `${JSON.stringify(source)} one line`)
  }
  t.notMatch(rejection('a =~ "\\n("').message, /[\n\r]/, 'a pattern with a line break is still reported on one line')
})

t.test('ExpressionError is a usage error about the where option', async (t) => {
  const err = rejection('a ==')
  t.ok(err instanceof LogjsonError)
  t.equal(err.name, 'ExpressionError')
  t.equal(err.code, 'INVALID_OPTION')
  t.equal(err.option, 'where')
  t.equal(isUsageError(err), true)
  t.throws(() => compileExpression(42 as never), { code: 'INVALID_OPTION', option: 'where' })
})

t.test('nesting is bounded, length is not', async (t) => {
  const nested = (n: number): string => '('.repeat(n) + 'a == 1' + ')'.repeat(n)
  t.equal(where(nested(100), { a: 1 }), true)
  const tooDeep = rejection(nested(101))
  t.equal(tooDeep.message, 'nesting deeper than 100 levels at column 101')
  t.equal(tooDeep.column, 101)
  t.equal(where('not '.repeat(100) + 'a == 1', { a: 1 }), true, 'an even number of nots')
  t.equal(rejection('not '.repeat(101) + 'a == 1').column, 401)
  t.equal(rejection('(not '.repeat(50) + '(a == 1' + ')'.repeat(51)).column, 251, 'parentheses and nots add up')
  const siblings = (part: string): string => Array.from({ length: 150 }, () => part).join(' and ')
  t.equal(where(siblings('not a == 2'), { a: 1 }), true, 'side by side nots do not nest')
  t.equal(where(siblings('(a == 1)'), { a: 1 }), true, 'side by side parentheses do not nest')
  const wide = Array.from({ length: 20000 }, (_, i) => `a == ${i}`).join(' or ')
  t.equal(where(wide, { a: 19999 }), true, 'a long flat chain does not deepen the recursion')
  t.equal(where(wide, { a: 20000 }), false)
})
