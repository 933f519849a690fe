import t from 'tap'
import { LogjsonError } from '../lib/index.js'
import { isUsageError } from '../lib/errors.js'

t.test('one error class with a code and the details that locate the problem', async (t) => {
  const cause = new Error('disk on fire')
  const err = new LogjsonError('REJECTED_LINE', 'x.log, line 3: bad', { line: 3, file: 'x.log', cause })
  t.ok(err instanceof Error)
  t.equal(err.name, 'LogjsonError')
  t.same([err.code, err.line, err.file, err.option, err.cause], ['REJECTED_LINE', 3, 'x.log', undefined, cause])
  t.equal(new LogjsonError('INVALID_OPTION', 'bad', { option: 'tz' }).option, 'tz')
})

t.test('usage errors are the option errors', async (t) => {
  t.ok(isUsageError(new LogjsonError('INVALID_OPTION', '')))
  t.ok(isUsageError(new LogjsonError('UNKNOWN_DIALECT', '')))
  t.ok(isUsageError(new LogjsonError('UNKNOWN_TIMEZONE', '')))
  t.notOk(isUsageError(new LogjsonError('REJECTED_LINE', '')))
  t.notOk(isUsageError(new LogjsonError('INVALID_CHUNK', '')))
  t.notOk(isUsageError(new Error('plain')))
})
