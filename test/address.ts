import t from 'tap'
import { parseLine } from '../lib/index.js'
import { isIP } from '../lib/address.js'
import { convert } from './helpers/records.js'

// Elasticsearch's ip type refuses an IPv6 address with a zone (`fe80::1%eth0`), failing the whole
// document: no record puts one in an ip field, whether read from bytes or from text.
t.test('an IPv6 address with a zone is no address for an ip field', async (t) => {
  t.same([isIP('fe80::1%eth0'), isIP('fe80::1'), isIP('192.0.2.1'), isIP('192.0.2.1%1'), isIP('host')], [0, 6, 4, 0, 0])
  const cases: Array<{ dialect: string, line: string, expected: Record<string, unknown> }> = [
    { dialect: 'xferlog', line: 'Mon Jan  5 12:00:01 2004 3 fe80::1%eth0 5 /a b _ o r user ftp 0 * c', expected: { source: { domain: 'fe80::1%eth0' } } },
    { dialect: 'eft-client', line: '2006-03-06 10:11:03; sftp; fe80::1%12; 22; u; C:\\a; /a; download; 0;', expected: { destination: { domain: 'fe80::1%12', port: 22 } } },
    // ExpeDat's client has no name field: its address is read without the zone, the server's interface.
    { dialect: 'expedat', line: 'F 20130711 14:47:25.527 E98E9CA3 SEND [fe80::1%4]:4321 alice - "up/a" "" 0 (0,0) "1 second"', expected: { source: { ip: 'fe80::1', port: 4321 } } },
    { dialect: 'expedat', line: 'F 20130711 14:47:25.527 E98E9CA3 SEND fe80::1%eth0:4321 alice - "up/a" "" 0 (0,0) "1 second"', expected: { source: { ip: 'fe80::1', port: 4321 } } }
  ]
  for (const { dialect, line, expected } of cases) {
    const text = parseLine(line, { dialect, tz: 'UTC' })!
    const { records } = await convert(t, `${line}\n`, { dialect, tz: 'UTC' })
    for (const [how, record] of [['text', text], ['bytes', records[0]!]] as const) {
      t.match(record, expected, `${dialect}, ${how}: ${line.slice(0, 40)}`)
      t.notMatch(JSON.stringify([record.source?.ip, record.destination?.ip]), /%/, `${dialect}, ${how}: no zone in an ip field`)
    }
  }
})
