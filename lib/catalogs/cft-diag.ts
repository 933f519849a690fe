/**
 * Transfer CFT internal diagnostic codes (DIAGI). The catalog record of a failed transfer, and the E
 * messages that end in `&diagi ,&diagp`, carry a three-digit DIAGI: 001-499 is a problem found on this
 * side, 501-999 a problem the partner reported, which is the partner's own code plus 500 (916 is 416,
 * MAXTRANS reached, at the partner). Each code belongs to an event class (SYS, NET, PROT, FILE, DATA, PARAM,
 * AUTH, OVER, OUT, USER, SSL) and leaves the transfer in a catalog state: D can still be retried (RESTART,
 * NEXT, RETRY or COMMUT), H and K are aborted. The protocol diagnostic DIAGP that comes with it is often a
 * mnemonic (`MAXTRANS`, `VNRELI`), listed here too.
 *
 * Sources: the Transfer CFT User Guide pages "DIAGI - Internal diagnostic codes" and "DIAGP - Protocol
 * diagnostic codes". Codes and mnemonics are taken from them as they are; the meanings are written here,
 * not copied. Codes the guide lists outside the ranges kept here are left out.
 */
import { defineCatalog, type Catalog, type CatalogEntry } from './catalog.js'
import { codeTable, type CodeTable } from './table.js'

type State = 'H' | 'K' | 'D' | 'D restart' | 'D retry' | 'D retry/commut' | 'D commut' | 'D next' | 'D or H' | 'no catalog'

const states: Record<State, string> = {
  H: 'the transfer ends in state H (aborted)',
  K: 'the transfer ends in state K (aborted)',
  D: 'the transfer goes to state D and can be retried',
  'D restart': 'the transfer goes to state D and is restarted later (RESTART)',
  'D retry': 'the transfer goes to state D and is retried on the same route (RETRY)',
  'D retry/commut': 'the transfer goes to state D and is retried, on the same route or another one (RETRY or COMMUT)',
  'D commut': 'the transfer goes to state D and is retried by another route: the next address, protocol or backup partner (COMMUT)',
  'D next': 'the transfer goes to state D and is tried again later without counting a restart (NEXT)',
  'D or H': 'depending on the case the transfer goes to state D and is restarted later, or ends in state H (aborted)',
  'no catalog': 'no catalog entry is created for the request'
}

/** code, short title, event class, resulting state, what happened. */
type Row = readonly [code: number, name: string, eventClass: string | undefined, state: State | undefined, meaning: string]

const rows: readonly Row[] = [
  [100, 'File input/output error', 'FILE', 'H', 'The operating system reported an input/output error on the file being transferred.'],
  [101, 'Receive file creation error', 'FILE', 'H', 'The file that was to receive the data could not be created.'],
  [102, 'File allocation error', 'FILE', 'H', 'The file to transfer could not be allocated, including a receive file that had to exist already (FDISP=OLD).'],
  [103, 'File deletion error', 'FILE', 'H', 'A file could not be deleted: an existing file that had to go before the receive file was created, or the sent file when its deletion was asked for.'],
  [104, 'File open error', 'FILE', 'H', 'The file to transfer could not be opened.'],
  [105, 'File close error', 'FILE', 'H', 'The file being transferred could not be closed.'],
  [106, 'Sync point recording error', 'FILE', 'H', 'Saving the current position in the file as a synchronization point failed.'],
  [107, 'Resync point positioning error', 'FILE', 'H', 'Moving back to a synchronization point in the file, to restart a transfer, failed.'],
  [108, 'File read error', 'FILE', 'H', 'Reading the file failed.'],
  [109, 'File write error', 'FILE', 'H', 'Writing data to the receive file failed.'],
  [110, 'File not found', 'FILE', 'H', 'The file to send does not exist, or the receive file that had to exist already is missing, in which case DIAGP reads NO OLD.'],
  [111, 'Insufficient space', 'FILE', 'H', 'There is not enough space to create the file.'],
  [112, 'Nonexistent unit', 'FILE', undefined, 'The unit or device named for the file does not exist.'],
  [113, 'File already exists', 'FILE', 'H', 'The file to create already exists although the transfer forbids it (FDISP=NEW), in which case DIAGP reads NO NEW.'],
  [114, 'File space full', 'FILE', 'H', 'Writing to the receive file failed because its space or volume is full.'],
  [115, 'File access not permitted', 'FILE', 'H', 'The owner of the transfer may not access the file, or a protected file could not be deleted.'],
  [120, 'Counter check error', 'PROT', 'H', 'The check on the transfer counters found a mismatch.'],
  [121, 'Interrupted by the operator', 'USER', 'H', 'An operator interrupted the transfer.'],
  [122, 'Memory allocation error', 'SYS', 'D restart', 'Memory could not be allocated while the transfer ran.'],
  [123, 'Invalid restart point', 'FILE', 'H', 'The restart point the partner asked for is not valid, so the file cannot be positioned there.'],
  [124, 'Transfer aborted', 'PROT', 'H', 'The transfer was aborted.'],
  [126, 'Record length error', 'FILE', 'H', 'A record does not fit the record length (LRECL) in use.'],
  [127, 'Receive file not empty', 'FILE', 'H', 'The receive file had to be empty (FDISP=VERIFY) but is not.'],
  [129, 'Decompression error', 'FILE', 'H', 'Decompressing the file failed.'],
  [130, 'Compression error', 'FILE', 'H', 'Compressing the file failed.'],
  [132, 'Indirection file error', 'PARAM', 'K', 'A parameter indirection file, such as a list of files or of partners, could not be read.'],
  [133, 'Invalid CFTDEST FOR parameter', 'PARAM', 'no catalog', 'The FOR parameter of the CFTDEST command does not fit the mode in use (LOCAL while switching, or COMMUT while not switching), so the request is refused.'],
  [134, 'CFTEXIT call error', 'FILE', 'H', 'Calling the exit declared with CFTEXIT failed.'],
  [135, 'File locked', 'FILE', 'D or H', 'The file to send or to receive is locked by another process.'],
  [136, 'Temporary file duplicate', 'FILE', 'H', 'The temporary (working) file already exists.'],
  [137, 'Rename impossible, file exists', 'FILE', 'H', 'A file with the final name already exists, so the temporary file cannot be renamed to it.'],
  [138, 'No temporary file defined', 'FILE', 'K', 'The transfer needs a temporary file, for example to copy, version or split the file, but none is defined (WFNAME).'],
  [139, 'Incorrect file attributes', undefined, undefined, 'The attributes of the file, such as its record length or format, are not correct.'],
  [142, 'Rename failed', 'FILE', 'H', 'Renaming the temporary file to its final name failed.'],
  [150, 'Cannot access file', 'PARAM', 'K', 'No file could be reached, for instance because the directory is empty or no file name matches the filter.'],
  [153, 'File overwritten', 'FILE', 'K', 'The file was overwritten during the transfer, which therefore cannot be restarted.'],
  [154, 'Transcoding error', undefined, undefined, 'The file could not be converted to the character set given by NCHARSET before it was sent.'],
  [155, 'Pre-processing launch failed', undefined, undefined, 'The pre-processing procedure (PREEXEC) could not be launched, usually because its file was not found; DIAGP then reads NO EXEC.'],
  [156, 'Rename retries exhausted', undefined, 'K', 'With FACTION=RETRYRENAME the final rename was tried the maximum number of times without success; DIAGP then reads RETRYRENAME.'],
  [158, 'Variable substitution error', undefined, undefined, 'A Transfer CFT variable could not be replaced, so the script named in message CFTS68E was not run.'],
  [200, 'Error in a child transfer', undefined, 'K', 'One of the transfers generated by this generic (parent) transfer failed; the child in error holds the details.'],
  [220, 'FPDU reception error', 'PROT', 'H', 'A protocol data unit (FPDU) received from the partner is not correct.'],
  [221, 'PI type mismatch', 'PROT', 'H', 'A parameter (PI) has a type that does not match its conversion type in the external format.'],
  [222, 'Mandatory PI missing', 'PROT', 'H', 'An FPDU lacks a parameter (PI) it must carry.'],
  [223, 'Invalid PI length', 'PROT', 'H', 'A parameter (PI) of an FPDU has a wrong length.'],
  [224, 'Invalid PGI length', 'PROT', 'H', 'A parameter group (PGI) of an FPDU has a wrong length.'],
  [225, 'PGI missing', 'PROT', 'H', 'An FPDU lacks a parameter group (PGI).'],
  [226, 'PGI inside another PGI', 'PROT', 'H', 'A parameter group (PGI) appears inside another one.'],
  [230, 'Protocol error', 'PROT', 'H', 'The protocol engine detected an error; DIAGP holds the PeSIT or ODETTE code, eNNsNN for an unexpected event in a state, or PDU iNN for a bad parameter.'],
  [231, 'Invalid action', 'PROT', 'H', 'The protocol engine met an action it cannot carry out.'],
  [232, 'Event not found', 'PROT', 'H', 'An interaction arrived that the protocol does not recognize in the current transfer context.'],
  [233, 'Message sending not supported', 'PROT', 'K', 'The protocol in use (PeSIT SIT, PeSIT EXT or ODETTE) does not allow sending messages.'],
  [240, 'Protocol time-out (RTO)', 'PROT', 'D retry/commut', 'Nothing happened within the RTO delay of the protocol.'],
  [241, 'Transfer time-out', undefined, undefined, 'The transfer timed out, on the requester or on the server side.'],
  [243, 'Network connection time-out', undefined, undefined, 'Setting up the network connection timed out.'],
  [244, 'Pre-connection time-out', undefined, undefined, 'The pre-connection phase timed out.'],
  [260, 'SSL security problem', 'SSL', 'K', 'A TLS/SSL security problem stopped the transfer; DIAGP reads PKI followed by I, E or S and the TLS alert number (PKI 040 is handshake_failure), or TLSDOWN.'],
  [261, 'Internal PKI error', 'SSL', 'K', 'The internal PKI reported an error; DIAGP reads PKI I followed by the TLS alert number.'],
  [262, 'PKI system error', 'SSL', 'K', 'The PKI system reported an error; DIAGP carries the TLS alert number.'],
  [263, 'External PKI error', 'SSL', 'K', 'An external PKI reported an error; DIAGP reads PKIE followed by the TLS alert number.'],
  [278, 'Invalid security profile', 'SSL', 'K', 'The security profile of the transfer is not valid.'],
  [301, 'Network addressing error', 'NET', 'D commut', 'The network address (IP) of the partner was wrong when connecting.'],
  [302, 'Network link broken', 'NET', 'D retry/commut', 'The network link was cut or timed out after the connection phase; DIAGP then reads VNRELI.'],
  [303, 'Network parameter error', 'NET', 'D commut', 'A network parameter was wrong when connecting, so the connection was refused on this side.'],
  [350, 'Requesting user not authorized', undefined, 'H', 'The user who asked for the transfer is not allowed to make it.'],
  [351, 'Remote requester not authorized', undefined, 'H', 'The remote requester may not use this transfer, which was held in state H while this side acted as sending server.'],
  [352, 'Remote requester may not create transfer', undefined, 'H', 'The remote requester may not create a transfer through an implicit CFTSEND (IMPL=YES) while this side acts as sending server.'],
  [401, 'Nested broadcast list refused', 'PARAM', 'K', 'A partner of an explicit multi-partner request is itself a partner list, which is refused.'],
  [402, 'Protocol not active', 'PARAM', 'K', 'The protocol of the partner is not among the protocols active in CFTPARM.'],
  [403, 'Invalid password', 'PARAM', 'no catalog', 'The password given was not valid. The code appears only in the log (CFTH22E); the requester sees DIAGI 909 and retries.'],
  [404, 'Open mode not authorized', 'PARAM', undefined, 'The open mode asked for is not allowed; in server mode no catalog entry is created.'],
  [405, 'All access points tried', 'OUT', 'K', 'Every way of reaching the partner (its hosts, its protocols, its backup partner) was tried without success.'],
  [406, 'Maximum retries reached', 'OUT', 'K', 'The restarts allowed by the RESTART parameter are used up (DIAGP MAXRST), or no other protocol is left to try for the partner.'],
  [408, 'Unknown partner', 'PARAM', 'K', 'The partner named is not defined by a CFTPART command.'],
  [409, 'Unknown network partner', 'PARAM', 'H', 'The network partner name (NPART) is not known.'],
  [410, 'Unknown protocol', 'PARAM', 'K', 'The protocol named is not defined by a CFTPROT command.'],
  [411, 'File identifier not authorized', 'AUTH', 'K', 'The file identifier (IDF) is not authorized for the partner.'],
  [412, 'Catalog access error', 'DATA', undefined, 'The catalog could not be accessed, so the transfer record was left unchanged; message CFTT21E gives details.'],
  [413, 'File identifier not authorized', 'AUTH', 'H', 'The file identifier is not authorized by the CFTAUTH settings of the partner.'],
  [414, 'Outside the time window', 'AUTH', 'K', 'The transfer would start outside the time window it is allowed in (DIAGP OUT TIME), or outgoing calls are not allowed at that time or on that network resource.'],
  [415, 'Maximum partners reached', 'OVER', 'D next', 'The maximum number of partners has been reached.'],
  [416, 'MAXTRANS reached', 'OVER', 'D next', 'The maximum number of simultaneous transfers has been reached (DIAGP MAXTRANS), or the connection limit of the network resource has (DIAGP MAXCNX).'],
  [417, 'MAXTASK reached', 'OVER', 'D next', 'The maximum number of file tasks (MAXTASK) has been reached, or the system lacks the resources to run an exit task.'],
  [418, 'Partner connection limit reached', 'OVER', 'D restart', 'The transfers in progress with the partner exceed its CNXIN, CNXOUT or CNXINOUT limit.'],
  [419, 'Transfer to retry not found', 'DATA', undefined, 'The transfer to retry is not in the catalog on the server side.'],
  [420, 'Replied transfer not found', 'DATA', undefined, 'A reply arrived, but the transfer it answers is not in the catalog on the server side.'],
  [421, 'Task execution error', 'SYS', undefined, 'A file task or an exit task could not be run.'],
  [423, 'Exit task creation error', undefined, 'H', 'An exit task could not be created.'],
  [424, 'Translation table not found', 'PARAM', 'H', 'No CFTXLATE table matches the direction and the two character sets of the transfer.'],
  [426, 'Directory exit error', 'USER', undefined, 'The directory exit task failed.'],
  [428, 'Address refused by VERIFY', undefined, 'no catalog', 'The address of the caller did not pass the VERIFY check of the CFTTCP object.'],
  [430, 'Partner inactive', 'PARAM', 'D', 'The partner is inactive on the requester side.'],
  [431, 'CFTAPPL definition missing', 'USER', 'no catalog', 'The CFTAPPL security definition is missing, so the transfer was not started.'],
  [432, 'Duplicate transfer', undefined, undefined, 'The transfer duplicates another one, as checked by the DUPLICAT parameter.'],
  [433, 'User or password error', undefined, undefined, 'The user name or the password (SPASSWD or RPASSWD) is wrong.'],
  [434, 'Default file identifier not authorized', 'AUTH', 'K', 'The default file identifier is not authorized.'],
  [435, 'Working directory mismatch', undefined, undefined, 'SFTP: the CFTSEND and CFTRECV models with the same id define different working directories.'],
  [436, 'SFTP key mismatch', undefined, undefined, 'SFTP: the client key does not match the key the server expects.'],
  [451, 'Connection refused by partner', 'PROT', 'D restart', 'The partner refused the protocol connection, broke the protocol rules or did not answer in time; DIAGP reads RELEASE, TIMEOUT or a protocol code.'],
  [452, 'Negative message confirmation', 'PROT', 'H', 'The partner answered a message with a negative confirmation.'],
  [453, 'Negative create confirmation', 'PROT', 'H', 'The partner answered the file creation with a negative confirmation.'],
  [454, 'Negative select confirmation', 'PROT', 'H', 'The partner answered the file selection with a negative confirmation.'],
  [455, 'Negative deselect confirmation', 'PROT', 'H', 'The partner answered the file release with a negative confirmation.'],
  [456, 'Negative open confirmation', 'PROT', 'H', 'The partner answered the file opening with a negative confirmation.'],
  [457, 'Negative close confirmation', 'PROT', undefined, 'The partner answered the file closing with a negative confirmation.'],
  [458, 'Negative read confirmation', 'PROT', undefined, 'The partner answered the read request with a negative confirmation.'],
  [459, 'Negative write confirmation', 'PROT', 'H', 'The partner answered the write request with a negative confirmation.'],
  [460, 'Negative end of transfer confirmation', 'PROT', 'H', 'The partner answered the end of the transfer with a negative confirmation.'],
  [461, 'Abort with diagnostic received', 'PROT', undefined, 'The partner aborted the transfer and sent a diagnostic with the abort.'],
  [462, 'No data sent on network', undefined, undefined, 'No data went out on the network.'],
  [463, 'Logon entry not recognized', undefined, undefined, 'The logon entry was not recognized.'],
  [600, 'File input/output error at partner', 'FILE', 'H', 'The partner aborted the transfer on a file input/output error; DIAGP holds the PeSIT or ODETTE code.'],
  [604, 'File open error at partner', 'FILE', 'H', 'The partner aborted the transfer because it could not open the file.'],
  [605, 'File close error at partner', 'FILE', 'H', 'The partner aborted the transfer because it could not close the file.'],
  [610, 'File not found at partner', 'FILE', 'H', 'The partner aborted the transfer because the file to read does not exist on its side.'],
  [611, 'Insufficient space at partner', 'FILE', 'H', 'The partner aborted the transfer because it lacks the space to create the file.'],
  [613, 'File already exists at partner', 'FILE', 'H', 'The partner aborted the transfer because the file to create already exists there.'],
  [614, 'File space full at partner', 'FILE', 'H', 'The partner aborted the transfer because its file space is full.'],
  [620, 'Counter check error at partner', 'PROT', 'H', 'The partner aborted the transfer on a counter check error.'],
  [621, 'Interrupted by the partner operator', 'PROT', 'H', 'An operator on the partner side interrupted the transfer.'],
  [626, 'Record length error at partner', 'PROT', 'H', 'The partner aborted the transfer on a record length error.'],
  [635, 'File access conflict at partner', 'FILE', 'H', 'The partner aborted the transfer because of a conflict over access to the file.'],
  [657, 'Too many open files (SFTP)', undefined, undefined, 'The CFTSFTP process has too many files open, an error number reported by the system.'],
  [660, 'No outstanding transfer at partner', undefined, 'H', 'The partner aborted because it has no outstanding transfer that matches the request.'],
  [720, 'Protocol abort by partner: bad FPDU', 'PROT', 'H', 'The partner aborted the protocol on an incorrect FPDU (PeSIT) or on a negotiation error (ODETTE).'],
  [722, 'Protocol abort by partner: missing PI', 'PROT', 'H', 'The partner aborted the protocol because a parameter (PI) was missing.'],
  [730, 'Protocol error at partner', 'PROT', 'H', 'The partner reported a protocol error, or (ODETTE) ended the session with an ESID; DIAGP holds the protocol code.'],
  [740, 'Time-out at partner', 'NET', 'D retry', 'The partner aborted the transfer on a time-out (PeSIT code 317).'],
  [850, 'Authorization problem at partner', 'PROT', 'H', 'The partner rejected the protocol exchange over an authorization problem.'],
  [904, 'Transfer denied by partner', 'PROT', 'H', 'The partner refused the transfer, for example over the open mode or its authorizations.'],
  [909, 'Requester unknown at partner', 'PROT', 'D restart', 'The partner does not know the identifier of this requester (PeSIT); a requester also sees it when the server refused its password.'],
  [916, 'MAXTRANS reached at partner', 'PROT', 'D next', 'The partner has reached its maximum number of simultaneous transfers (MAXTRANS); this is code 416 on the partner side.'],
  [920, 'Replied transfer not found at partner', 'PROT', 'D restart', 'A reply was sent, but the partner does not find the transfer it answers in its catalog.'],
  [925, 'Collect call refused', undefined, 'no catalog', 'The remote system refused the collect call.'],
  [928, 'Invalid caller number', undefined, 'H', 'The number of the caller is not valid.'],
  [930, 'Partner inactive on server side', 'PROT', undefined, 'The partner is set inactive on the server side.'],
  [933, 'Password parameter error', undefined, undefined, 'The requester failed the RPASSWD or SPASSWD password check; SFTP logins with a wrong user name or password report it as well.'],
  [963, 'PeSIT LOGON rejected', 'PROT', 'K', 'The partner rejected the pre-connection (PeSIT LOGON) string.'],
  [970, 'Password expired', 'PROT', 'K', 'The partner rejected the pre-connection (PeSIT LOGON) because the password has expired.']
]

function describe (row: Row): string {
  const [, , eventClass, state, meaning] = row
  const stateText = state === undefined ? undefined : states[state]
  if (eventClass !== undefined && stateText !== undefined) return `${meaning} Event class ${eventClass}; ${stateText}.`
  if (eventClass !== undefined) return `${meaning} Event class ${eventClass}.`
  if (stateText !== undefined) return `${meaning} ${stateText.charAt(0).toUpperCase()}${stateText.slice(1)}.`
  return meaning
}

export const cftDiag: Catalog = defineCatalog({
  id: 'cft-diag',
  title: 'Transfer CFT diagnostic codes',
  description: 'DIAGI codes of Axway Transfer CFT transfers (catalog records, &diagi in E messages): 001-499 found locally, 501-999 reported by the partner',
  symbolic: false,
  entries: rows.map((row): CatalogEntry => ({
    code: String(row[0]),
    name: row[1],
    meaning: describe(row),
    source: 'Transfer CFT diagnostic codes',
    outcome: 'failure'
  }))
})

const byCode = new Map<string, CatalogEntry>(cftDiag.entries.map((entry) => [entry.code, entry]))
const explained = new Map<number, { entry: CatalogEntry, remote: boolean, known: boolean }>()

/**
 * What a DIAGI code means. A code in the table is `known`; a partner code (501-999) that is not is
 * explained through the local code 500 below it when the table has that one; any other code from 1 to 999
 * gets a general explanation with `known` false. `remote` is true for 501-999.
 */
export function explainDiagi (code: string): { entry: CatalogEntry, remote: boolean, known: boolean } | undefined {
  if (typeof code !== 'string' || !/^\s*\d{1,3}\s*$/.test(code)) return undefined
  const number = Number(code)
  if (number < 1 || number === 500) return undefined
  const cached = explained.get(number)
  if (cached !== undefined) return cached
  const remote = number > 500
  const entry = byCode.get(String(number))
  let result: { entry: CatalogEntry, remote: boolean, known: boolean }
  if (entry !== undefined) result = { entry, remote, known: true }
  else if (remote) result = { entry: explainRemote(number), remote, known: false }
  else {
    result = {
      entry: Object.freeze({
        code: String(number),
        name: 'Local problem',
        meaning: `A problem found on this side (codes 001-499); code ${number} is not in the table.`,
        source: 'Transfer CFT diagnostic codes',
        outcome: 'failure' as const
      }),
      remote,
      known: false
    }
  }
  Object.freeze(result)
  explained.set(number, result)
  return result
}

function explainRemote (number: number): CatalogEntry {
  const local = byCode.get(String(number - 500))
  return Object.freeze({
    code: String(number),
    name: local === undefined ? 'Problem reported by the partner' : `${local.name} (reported by the partner)`,
    meaning: local === undefined
      ? `A problem reported by the partner (codes 501-999); on its side this is code ${number - 500}, which is not in the table.`
      : `Reported by the partner, where it is code ${local.code}: ${local.meaning}`,
    source: 'Transfer CFT diagnostic codes',
    outcome: 'failure' as const
  })
}

/** DIAGP mnemonics, as written in the catalog record and after `&diagi ,` in E messages. */
export const diagpMnemonics: CodeTable<string> = codeTable({
  HOLD: 'The transfer is on hold, waiting for a receive request.',
  INACT: 'The transfer was refused because the partner is inactive.',
  MALLOC: 'The working memory the transfer needs could not be allocated.',
  MAXRETRY: 'The retries allowed by the RETRY parameters are used up.',
  MAXRST: 'The restarts allowed for the protocol (RESTART parameter of CFTPROT) are used up.',
  MAXTASK: 'The limit on tasks (MAXTASK parameter of CFTPARM) had already been reached.',
  MAXTRANS: 'The limit on simultaneous transfers (MAXTRANS parameter of CFTPARM) had already been reached.',
  'NO AUTH': 'The partner or the file is not authorized (AUTH parameter, CFTAUTH command or the security settings of the partner).',
  'NO NEW': 'The receive file already exists although the request asked for FDISP=NEW.',
  'NO OLD': 'The receive file does not exist although the request asked for FDISP=OLD.',
  'NO OPEN': 'Transfers in open mode are not allowed with this partner (OPEN parameter of CFTPART).',
  'NO PART': 'No CFTPART command defines this partner.',
  'NO PROT': 'No CFTPROT command defines this protocol.',
  OPER: 'An operator asked for the transfer to be interrupted.',
  'OUT TIME': 'The transfer fell outside the time window it is allowed in (MAXDATE and MAXTIME of the request).',
  RELEASE: 'The network connection dropped unexpectedly, because of the partner or of the network.',
  RESTART0: 'The transfer was interrupted and will start again from the beginning of the file.',
  RESTARTF: 'The transfer was interrupted and will resume from its last restart point.',
  RTO: 'The time-out of the transfer phase, set by the RTO parameter of CFTPROT, expired.',
  TIMEOUT: 'No answer came in time during the connection phase, for example to a pre-connection (LOGON) string or a CONNECT FPDU.',
  TLSDOWN: 'The TLS session with the partner could not be set up or was lost; it comes with DIAGI 260.',
  VNRELI: 'The network connection was released unexpectedly after the connection phase; it comes with DIAGI 302.',
  'WF RENAM': 'At the end of the transfer the temporary file (WFNAME) could not be renamed to its final name (FNAME).'
})
