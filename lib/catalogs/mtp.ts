/**
 * MTP/IP error classes, the first number of the `(class,error)` pair on ExpeDat's F lines. The sign says
 * where the error arose (negative: this side; positive: the remote peer, which proves the two could talk);
 * the absolute value says which layer raised it. Facts from Data Expedition's Tech Note 0013 and the
 * servedat logging page, which notes that most errors in a servedat log are class -4. Only the classes
 * those sources name are listed; the error numbers within a class are not published in them.
 */
import { defineCatalog, type Catalog } from './catalog.js'

export const mtpLayers: Readonly<Record<string, string>> = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, {
  2: 'Network',
  3: 'MTP',
  4: 'Server'
}))

export const mtp: Catalog = defineCatalog({
  id: 'mtp',
  title: 'MTP/IP error classes',
  description: 'The error class of Data Expedition\'s MTP/IP transport (ExpeDat, SyncDat servedat F lines): the sign tells local from remote, the size the layer that raised the error.',
  symbolic: false,
  entries: [
    { code: '-4', name: 'Local Server', meaning: 'servedat itself refused or failed the transaction on this machine, for example over a path, a permission or a configuration setting; the most common class.', source: 'DEI TN0013', outcome: 'failure' },
    { code: '-3', name: 'Local MTP', meaning: 'The MTP transport layer on this machine raised the error, such as a session that timed out or was torn down.', source: 'DEI TN0013', outcome: 'failure' },
    { code: '-2', name: 'Local Network', meaning: 'This machine\'s operating system or an ICMP message reported a network failure while the transaction ran.', source: 'DEI TN0013', outcome: 'failure' },
    { code: '0', name: 'Success', meaning: 'The transaction completed without error.', source: 'DEI TN0013', outcome: 'success' },
    { code: '2', name: 'Remote Network', meaning: 'The remote peer\'s operating system or network reported a failure; it was reached, so the path between the two worked at least in part.', source: 'DEI TN0013', outcome: 'failure' },
    { code: '3', name: 'Remote MTP', meaning: 'The MTP transport layer of the remote peer raised the error.', source: 'DEI TN0013', outcome: 'failure' },
    { code: '4', name: 'Remote Server', meaning: 'The application on the remote side refused or failed the transaction.', source: 'DEI TN0013', outcome: 'failure' }
  ]
})
