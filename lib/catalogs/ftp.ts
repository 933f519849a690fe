/**
 * FTP reply codes. The base set and the meaning of the first two digits come from RFC 959; the rest come from
 * the extensions that added codes or new uses for old ones: RFC 2228 (security, protected 6yz replies),
 * RFC 1639 (LPRT/LPSV), RFC 2428 (EPRT/EPSV), RFC 2389 (FEAT/OPTS), RFC 3659 (SIZE, MDTM, MLST, REST STREAM),
 * RFC 4217 (TLS), RFC 7151 (HOST) and RFC 1123 (REST errors). Two codes that servers send without any RFC
 * behind them are kept too, because logs carry them.
 */
import { defineCatalog, type Catalog } from './catalog.js'

export const ftp: Catalog = defineCatalog({
  id: 'ftp',
  title: 'FTP reply codes',
  description: 'Three-digit replies an FTP server sends on the control connection (RFC 959 and its extensions), as recorded in server and client transfer logs.',
  symbolic: false,
  entries: [
    { code: '110', name: 'Restart marker', meaning: 'Sent during a block- or compressed-mode transfer to record a checkpoint; the text has the fixed form "MARK yyyy = mmmm", pairing the client\'s marker with the server\'s so an interrupted transfer can resume from there.', source: 'RFC 959', outcome: 'success' },
    { code: '120', name: 'Service ready shortly', meaning: 'The server is not ready yet and gives the number of minutes to wait; a final reply (such as 220) follows when it is. RFC 7151 servers may send it before accepting a HOST command.', source: 'RFC 959', outcome: 'success' },
    { code: '125', name: 'Data connection already open', meaning: 'The data connection was already in place, so the transfer begins on it straight away; a completion reply follows when it ends.', source: 'RFC 959', outcome: 'success' },
    { code: '150', name: 'Opening data connection', meaning: 'The server accepted the file or listing request (RETR, STOR, LIST, MLSD and so on) and is about to open the data connection; a completion or failure reply follows.', source: 'RFC 959', outcome: 'success' },
    { code: '200', name: 'Command OK', meaning: 'The command was carried out. It is the usual answer to setting commands such as TYPE, PORT, PROT, CCC or OPTS.', source: 'RFC 959', outcome: 'success' },
    { code: '202', name: 'Command superfluous here', meaning: 'The server does not implement the command because this site has no need for it; nothing was done, but nothing went wrong either.', source: 'RFC 959', outcome: 'success' },
    { code: '211', name: 'System status or help', meaning: 'Status or help information about the server. RFC 2389 also uses it for the answer to FEAT, a multi-line reply listing the extensions the server supports (or a single line when there are none).', source: 'RFC 959', outcome: 'success' },
    { code: '212', name: 'Directory status', meaning: 'Status information about a directory, usually in answer to STAT with a path.', source: 'RFC 959', outcome: 'success' },
    { code: '213', name: 'File status', meaning: 'Status information about a file. RFC 3659 makes it the reply to SIZE (the size in bytes) and MDTM (the modification time as YYYYMMDDhhmmss).', source: 'RFC 959', outcome: 'success' },
    { code: '214', name: 'Help message', meaning: 'Help text meant for a person, such as the list of supported commands or how to use one; programs should not parse it.', source: 'RFC 959', outcome: 'success' },
    { code: '215', name: 'System type', meaning: 'The answer to SYST: the server names its operating system type, for example "UNIX Type: L8".', source: 'RFC 959', outcome: 'success' },
    { code: '220', name: 'Service ready', meaning: 'The greeting sent when a client connects: the server is ready for a login. RFC 7151 also uses it to accept a HOST command choosing a virtual host.', source: 'RFC 959', outcome: 'success' },
    { code: '221', name: 'Closing control connection', meaning: 'The server is ending the session, normally in answer to QUIT; the user is logged out.', source: 'RFC 959', outcome: 'success' },
    { code: '225', name: 'Data connection open, idle', meaning: 'The data connection is open but no transfer is running, for example after an ABOR when there was nothing to abort.', source: 'RFC 959', outcome: 'success' },
    { code: '226', name: 'Transfer complete', meaning: 'The server closed the data connection after the file transfer, listing or abort succeeded; for an upload or download this is the line that confirms it finished.', source: 'RFC 959', outcome: 'success' },
    { code: '227', name: 'Entering passive mode', meaning: 'The answer to PASV: the text gives the IPv4 address and port (h1,h2,h3,h4,p1,p2) the client should connect to for the data connection.', source: 'RFC 959', outcome: 'success' },
    { code: '228', name: 'Entering long passive mode', meaning: 'The answer to LPSV: the text gives a long-form address, with its address family, for the client to connect to for the data connection.', source: 'RFC 1639', outcome: 'success' },
    { code: '229', name: 'Entering extended passive mode', meaning: 'The answer to EPSV: the text gives only the port, in the form (|||port|), and the client reuses the control connection\'s address, which works for IPv6 and through NAT.', source: 'RFC 2428', outcome: 'success' },
    { code: '230', name: 'User logged in', meaning: 'The login succeeded and the session may go on with other commands.', source: 'RFC 959', outcome: 'success' },
    { code: '232', name: 'Logged in by security exchange', meaning: 'The user is logged in, authorized by the security data already exchanged (AUTH/ADAT), so no password was needed.', source: 'RFC 2228', outcome: 'success' },
    { code: '234', name: 'Security exchange complete', meaning: 'The server accepted the AUTH mechanism and needs no further security data; for AUTH TLS or AUTH SSL (RFC 4217) it means the TLS handshake on the control connection starts now.', source: 'RFC 2228', outcome: 'success' },
    { code: '235', name: 'Security exchange succeeded', meaning: 'The ADAT security exchange finished successfully; the text may carry a final ADAT=base64 token for the client.', source: 'RFC 2228', outcome: 'success' },
    { code: '250', name: 'File action completed', meaning: 'The requested file action (CWD, DELE, RMD, RNTO and the like) succeeded. RFC 3659 also uses it for the multi-line answer to MLST, which lists the facts about one file.', source: 'RFC 959', outcome: 'success' },
    { code: '257', name: 'Path created or reported', meaning: 'Gives a path name in double quotes: the directory MKD just created, or the current directory in answer to PWD.', source: 'RFC 959', outcome: 'success' },
    { code: '331', name: 'Password required', meaning: 'The user name was taken and the server now waits for PASS; it does not mean the account exists, since many servers answer this way to any name.', source: 'RFC 959', outcome: 'success' },
    { code: '332', name: 'Account required for login', meaning: 'The server needs an ACCT command with account information before the login can complete.', source: 'RFC 959', outcome: 'success' },
    { code: '334', name: 'Security mechanism accepted', meaning: 'The server accepts the AUTH mechanism and expects the client to continue with ADAT; the text may already carry an ADAT=base64 token.', source: 'RFC 2228', outcome: 'success' },
    { code: '335', name: 'More security data needed', meaning: 'The ADAT data was acceptable but the exchange is not finished; the client must send more, and the text may carry a token for it.', source: 'RFC 2228', outcome: 'success' },
    { code: '336', name: 'Password required, with challenge', meaning: 'The user name was taken and a password is needed; the text carries a challenge (for one-time passwords, say) the password must answer.', source: 'RFC 2228', outcome: 'success' },
    { code: '350', name: 'Pending further information', meaning: 'The command was accepted but waits for the next one: RNFR waits for RNTO, and REST (including RFC 3659 REST STREAM) waits for the transfer command that uses the offset.', source: 'RFC 959', outcome: 'success' },
    { code: '421', name: 'Service not available', meaning: 'The server is closing the control connection and may send this in answer to any command, for example on shutdown, after an idle timeout or when too many users are connected. Reconnect later.', source: 'RFC 959', outcome: 'failure' },
    { code: '425', name: 'Cannot open data connection', meaning: 'The data connection could not be set up; look at the active/passive mode, firewalls and NAT between client and server.', source: 'RFC 959', outcome: 'failure' },
    { code: '426', name: 'Transfer aborted', meaning: 'The data connection was closed and the transfer stopped before it finished, whether by an abort or a broken connection; the file may be incomplete.', source: 'RFC 959', outcome: 'failure' },
    { code: '430', name: 'Invalid user name or password', meaning: 'Some servers use it to reject a login because the user name or password is wrong; RFC 959 has no such code and standard servers send 530 instead.', source: 'non-standard', outcome: 'failure' },
    { code: '431', name: 'Security resource unavailable', meaning: 'The server lacks a resource it needs to process the security request (AUTH, ADAT, PROT); with RFC 4217 it means TLS cannot be offered right now. Retrying later may work.', source: 'RFC 2228', outcome: 'failure' },
    { code: '434', name: 'Requested host unavailable', meaning: 'Listed in public code tables alongside HOST for a virtual host that cannot be served; some attribute it to RFC 7151, which has not been confirmed, so treat it as server-specific.', source: 'non-standard', outcome: 'failure' },
    { code: '450', name: 'File unavailable, try again', meaning: 'The file action was not taken because the file cannot be used right now, for example because it is busy or locked; retrying later may succeed.', source: 'RFC 959', outcome: 'failure' },
    { code: '451', name: 'Local processing error', meaning: 'The server hit an error of its own while handling the request and gave up on it; RFC 2389 also lists it for OPTS. It is worth retrying, and the server log may tell more.', source: 'RFC 959', outcome: 'failure' },
    { code: '452', name: 'Insufficient storage space', meaning: 'The action was not taken because the server has run short of space for now; free space or try again later.', source: 'RFC 959', outcome: 'failure' },
    { code: '500', name: 'Command not recognized', meaning: 'The server could not make sense of the command, or the line was too long; servers also send it for commands they do not know, such as FEAT or AUTH on servers without those extensions.', source: 'RFC 959', outcome: 'failure' },
    { code: '501', name: 'Syntax error in arguments', meaning: 'The command was known but its parameters were malformed, for example a bad EPRT address, an unknown OPTS option or (RFC 7151) an invalid HOST name.', source: 'RFC 959', outcome: 'failure' },
    { code: '502', name: 'Command not implemented', meaning: 'The server knows of the command but does not support it, for example FEAT or the security extensions on servers without them.', source: 'RFC 959', outcome: 'failure' },
    { code: '503', name: 'Bad sequence of commands', meaning: 'The command came at the wrong point of the session, such as RNTO without RNFR, PASS before USER, ADAT or PROT out of order, or (RFC 7151) HOST after login or AUTH.', source: 'RFC 959', outcome: 'failure' },
    { code: '504', name: 'Parameter not implemented', meaning: 'The command is supported but not with the parameter given, such as an unknown AUTH mechanism or TYPE. RFC 7151 also uses it when the HOST name is not a host the server knows.', source: 'RFC 959', outcome: 'failure' },
    { code: '521', name: 'Address family or PROT refused', meaning: 'Two meanings: after LPRT/LPSV (RFC 1639) the server does not support the requested address family and lists the ones it does; under RFC 4217 the data connection cannot be opened with the current PROT setting (for example the server insists on protected data). If the text mentions TLS, SSL or PROT, the second applies.', source: 'RFC 1639', outcome: 'failure' },
    { code: '522', name: 'Protocol or data TLS failure', meaning: 'Two meanings: after EPRT/EPSV (RFC 2428) the server does not support the requested network protocol and lists usable ones, such as "(1)" for IPv4 only or "(1,2)"; under RFC 4217 the TLS handshake on the data connection failed. If the text mentions TLS, SSL or PROT, the second applies.', source: 'RFC 2428', outcome: 'failure' },
    { code: '530', name: 'Not logged in', meaning: 'The login was refused, or the command needs a logged-in user; in logs it usually marks a wrong user name or password or a disabled account.', source: 'RFC 959', outcome: 'failure' },
    { code: '532', name: 'Account needed to store files', meaning: 'Storing a file requires account information; send ACCT first.', source: 'RFC 959', outcome: 'failure' },
    { code: '533', name: 'Protection level denied', meaning: 'The server refuses the protection level of the command (a MIC, CONF or ENC command, or CCC) because its policy does not allow it.', source: 'RFC 2228', outcome: 'failure' },
    { code: '534', name: 'Denied for policy reasons', meaning: 'The server refuses the request on policy grounds, for example rejecting an AUTH mechanism or a PROT level; under RFC 4217 it is how a server says TLS is required or not allowed.', source: 'RFC 2228', outcome: 'failure' },
    { code: '535', name: 'Security check failed', meaning: 'A protected command or ADAT data failed verification, for example a bad integrity hash or an out-of-sequence message.', source: 'RFC 2228', outcome: 'failure' },
    { code: '536', name: 'PROT level not supported', meaning: 'The data channel protection level asked for with PROT is not available with the security mechanism in use.', source: 'RFC 2228', outcome: 'failure' },
    { code: '537', name: 'Command protection not supported', meaning: 'The protection level of the command (MIC, CONF or ENC) is not supported by the security mechanism in use.', source: 'RFC 2228', outcome: 'failure' },
    { code: '550', name: 'File unavailable', meaning: 'The action was not taken because the file or directory does not exist or access to it is denied; SIZE and MDTM (RFC 3659) also answer with it for a missing file. Retrying unchanged will not help.', source: 'RFC 959', outcome: 'failure' },
    { code: '551', name: 'Page type unknown', meaning: 'The action stopped because the page type of a page-structured file was not recognized; rarely seen today.', source: 'RFC 959', outcome: 'failure' },
    { code: '552', name: 'Storage allocation exceeded', meaning: 'The file action was aborted because it would go over the storage allowed, typically a user quota or a size limit.', source: 'RFC 959', outcome: 'failure' },
    { code: '553', name: 'File name not allowed', meaning: 'The action was not taken because the server does not accept the file name, for instance because of forbidden characters or an upload filter.', source: 'RFC 959', outcome: 'failure' },
    // RFC 1123 for 554 and 555 is how ProFTPD's ftp.h and pyftpdlib's RFC notes attribute them; the RFC text
    // itself was not checked.
    { code: '554', name: 'Invalid REST parameter', meaning: 'A transfer that followed REST failed because the file cannot be positioned at the offset given, for example one beyond the end of the file; restart the transfer from an offset that exists.', source: 'RFC 1123', outcome: 'failure' },
    { code: '555', name: 'TYPE or STRU mismatch', meaning: 'A restarted transfer was refused because the representation type or file structure does not match what the REST offset assumes.', source: 'RFC 1123', outcome: 'failure' },
    { code: '631', name: 'Integrity-protected reply', meaning: 'A reply wrapped with integrity protection (answer to MIC); the base64 text has to be decoded with the security mechanism to get the real reply and its code.', source: 'RFC 2228' },
    { code: '632', name: 'Confidential and integrity-protected reply', meaning: 'A reply both encrypted and integrity-protected (answer to ENC); decode the base64 text with the security mechanism to find the real reply.', source: 'RFC 2228' },
    { code: '633', name: 'Confidentiality-protected reply', meaning: 'An encrypted reply (answer to CONF); decode the base64 text with the security mechanism to find the real reply.', source: 'RFC 2228' }
  ]
})

interface FirstDigitClass {
  name: string
  meaning: string
  outcome?: 'success' | 'failure'
  level: 'info' | 'warning' | 'error'
}

interface SecondDigitGroup {
  name: string
  meaning: string
}

/**
 * What the first digit says on its own, for codes the catalog does not list. 6yz has no outcome because the
 * protected reply inside decides it.
 */
export const ftpFirstDigit: Readonly<Record<string, FirstDigitClass>> = Object.freeze(Object.assign(Object.create(null) as Record<string, FirstDigitClass>, {
  1: { name: 'Positive Preliminary', meaning: 'The action has started; another reply will follow before the client may send its next command.', outcome: 'success', level: 'info' },
  2: { name: 'Positive Completion', meaning: 'The action finished successfully and the server is ready for a new command.', outcome: 'success', level: 'info' },
  3: { name: 'Positive Intermediate', meaning: 'The command was accepted but is on hold until the client supplies more, such as PASS after USER or RNTO after RNFR.', outcome: 'success', level: 'info' },
  4: { name: 'Transient Negative Completion', meaning: 'The action failed for a reason expected to pass; sending the same command again later may succeed.', outcome: 'failure', level: 'warning' },
  5: { name: 'Permanent Negative Completion', meaning: 'The action failed and the same command sent again unchanged will fail again.', outcome: 'failure', level: 'error' },
  6: { name: 'Protected', meaning: 'An RFC 2228 protected reply: the text is a base64 reply under integrity or confidentiality protection that must be decoded to find the real one.', level: 'info' }
}))

/** The area of the protocol the second digit points at. */
export const ftpSecondDigit: Readonly<Record<string, SecondDigitGroup>> = Object.freeze(Object.assign(Object.create(null) as Record<string, SecondDigitGroup>, {
  0: { name: 'Syntax', meaning: 'How the command was written: syntax errors, and commands that are well formed but unneeded or not implemented.' },
  1: { name: 'Information', meaning: 'Answers to requests for information, such as status and help.' },
  2: { name: 'Connections', meaning: 'The state of the control and data connections.' },
  3: { name: 'Authentication and accounting', meaning: 'Logging in, account information and, since RFC 2228, the security exchange.' },
  4: { name: 'Unspecified', meaning: 'No group is assigned to this digit.' },
  5: { name: 'File system', meaning: 'The state of the server\'s file system as it affects the requested transfer or file action.' }
}))
