/**
 * SFTP status codes, the number carried by an SSH_FXP_STATUS reply.
 *
 * Sources: the secsh-filexfer Internet-Drafts, from -02 (protocol version 3) to -13 (version 6, the last
 * one). Which draft introduced each code follows the annotated tables of Go's pkg/sftp and of phpseclib;
 * the full 0–31 list was checked against ProFTPD's mod_sftp and WinSCP's code page. The meanings are
 * written here for people reading transfer logs, not taken from the drafts.
 *
 * Most servers (OpenSSH among them) speak version 3 only, so a log will mostly show 0–8; the later codes
 * appear when a server such as ProFTPD negotiates version 4 or above.
 */
import { defineCatalog, type Catalog } from './catalog.js'

export const sftp: Catalog = defineCatalog({
  id: 'sftp',
  title: 'SFTP status codes',
  description: 'Status codes of SSH_FXP_STATUS replies (secsh-filexfer drafts, protocol versions 3–6), as SFTP servers and clients write them in their logs',
  symbolic: true,
  entries: [
    {
      code: '0',
      name: 'SSH_FX_OK',
      meaning: 'The request was carried out without error.',
      // The code already existed before -02, but -02 is the first draft of protocol version 3, the
      // oldest version anyone still runs.
      source: 'draft-ietf-secsh-filexfer-02',
      since: '3',
      outcome: 'success'
    },
    {
      code: '1',
      name: 'SSH_FX_EOF',
      meaning: 'There is no more data: a read went past the end of the file, or a directory listing has returned every entry. Normal at the end of a download or listing, a problem only if more data was expected.',
      source: 'draft-ietf-secsh-filexfer-02',
      since: '3'
      // No outcome: whether end of data is good news depends on what the client was doing.
    },
    {
      code: '2',
      name: 'SSH_FX_NO_SUCH_FILE',
      meaning: 'The file or directory named in the request is not there. OpenSSH also returns it when a directory along the path is missing or is not a directory.',
      source: 'draft-ietf-secsh-filexfer-02',
      since: '3',
      outcome: 'failure'
    },
    {
      code: '3',
      name: 'SSH_FX_PERMISSION_DENIED',
      meaning: 'The logged-in account is not allowed to do this to the file or directory.',
      source: 'draft-ietf-secsh-filexfer-02',
      since: '3',
      outcome: 'failure'
    },
    {
      code: '4',
      name: 'SSH_FX_FAILURE',
      meaning: 'The operation failed for a reason no more specific code covers. Servers speaking protocol version 3, such as OpenSSH, report most problems this way (existing file, full disk, quota, rename across devices), so only the accompanying text tells them apart.',
      source: 'draft-ietf-secsh-filexfer-02',
      since: '3',
      outcome: 'failure'
    },
    {
      code: '5',
      name: 'SSH_FX_BAD_MESSAGE',
      meaning: 'A packet was malformed or not understood, which points to a bug or a protocol mismatch between client and server; OpenSSH also uses it for an over-long name or an invalid argument.',
      source: 'draft-ietf-secsh-filexfer-02',
      since: '3',
      outcome: 'failure'
    },
    {
      code: '6',
      name: 'SSH_FX_NO_CONNECTION',
      meaning: 'The client has no connection to the server. A server never sends this: the client generates it itself.',
      source: 'draft-ietf-secsh-filexfer-02',
      since: '3',
      outcome: 'failure'
    },
    {
      code: '7',
      name: 'SSH_FX_CONNECTION_LOST',
      meaning: 'The connection to the server dropped before the operation finished. A server never sends this: the client generates it itself.',
      source: 'draft-ietf-secsh-filexfer-02',
      since: '3',
      outcome: 'failure'
    },
    {
      code: '8',
      name: 'SSH_FX_OP_UNSUPPORTED',
      meaning: 'The server does not implement the requested operation.',
      source: 'draft-ietf-secsh-filexfer-02',
      since: '3',
      outcome: 'failure'
    },
    {
      code: '9',
      name: 'SSH_FX_INVALID_HANDLE',
      meaning: 'The request referred to a file or directory handle the server does not know, for example one already closed.',
      source: 'draft-ietf-secsh-filexfer-03',
      since: '4',
      outcome: 'failure'
    },
    {
      code: '10',
      name: 'SSH_FX_NO_SUCH_PATH',
      meaning: 'The path is invalid or one of the directories in it does not exist.',
      source: 'draft-ietf-secsh-filexfer-03',
      since: '4',
      outcome: 'failure'
    },
    {
      code: '11',
      name: 'SSH_FX_FILE_ALREADY_EXISTS',
      meaning: 'The target file is already there, so the create or rename was refused.',
      source: 'draft-ietf-secsh-filexfer-03',
      since: '4',
      outcome: 'failure'
    },
    {
      code: '12',
      name: 'SSH_FX_WRITE_PROTECT',
      meaning: 'The file sits on media that cannot be written to, such as a read-only or write-protected volume.',
      source: 'draft-ietf-secsh-filexfer-03',
      since: '4',
      outcome: 'failure'
    },
    {
      code: '13',
      name: 'SSH_FX_NO_MEDIA',
      meaning: 'The drive holding the path has no medium in it.',
      // pkg/sftp dates this to -04 and phpseclib to -05; -04 still describes protocol version 4, so the
      // version and the draft agree with each other this way.
      source: 'draft-ietf-secsh-filexfer-04',
      since: '4',
      outcome: 'failure'
    },
    {
      code: '14',
      name: 'SSH_FX_NO_SPACE_ON_FILESYSTEM',
      meaning: 'The server\'s filesystem ran out of free space, typically in the middle of an upload.',
      source: 'draft-ietf-secsh-filexfer-05',
      since: '5',
      outcome: 'failure'
    },
    {
      code: '15',
      name: 'SSH_FX_QUOTA_EXCEEDED',
      meaning: 'Completing the operation would take the account over its storage quota.',
      source: 'draft-ietf-secsh-filexfer-05',
      since: '5',
      outcome: 'failure'
    },
    {
      code: '16',
      name: 'SSH_FX_UNKNOWN_PRINCIPAL',
      // Misspelled names some libraries export for the same code; logs made with them carry those.
      aliases: ['SSH_FX_UNKNOWN_PRINCIPLE'],
      meaning: 'A user or group named in the request (as owner, group or in an access list) does not exist on the server.',
      source: 'draft-ietf-secsh-filexfer-05',
      since: '5',
      outcome: 'failure'
    },
    {
      code: '17',
      name: 'SSH_FX_LOCK_CONFLICT',
      aliases: ['SSH_FX_LOCK_CONFlICT'],
      meaning: 'Another process has the file locked, so it could not be opened as asked.',
      source: 'draft-ietf-secsh-filexfer-05',
      since: '5',
      outcome: 'failure'
    },
    {
      code: '18',
      name: 'SSH_FX_DIR_NOT_EMPTY',
      meaning: 'The directory still has entries in it, so it could not be removed.',
      source: 'draft-ietf-secsh-filexfer-06',
      since: '6',
      outcome: 'failure'
    },
    {
      code: '19',
      name: 'SSH_FX_NOT_A_DIRECTORY',
      meaning: 'The path was used as a directory but names something else, such as a plain file.',
      source: 'draft-ietf-secsh-filexfer-06',
      since: '6',
      outcome: 'failure'
    },
    {
      code: '20',
      name: 'SSH_FX_INVALID_FILENAME',
      meaning: 'The server will not accept the file name, for example because it is too long or contains characters its filesystem forbids.',
      source: 'draft-ietf-secsh-filexfer-06',
      since: '6',
      outcome: 'failure'
    },
    {
      code: '21',
      name: 'SSH_FX_LINK_LOOP',
      meaning: 'Resolving the path meant following too many symbolic links, or links that point back at each other.',
      source: 'draft-ietf-secsh-filexfer-06',
      since: '6',
      outcome: 'failure'
    },
    {
      code: '22',
      name: 'SSH_FX_CANNOT_DELETE',
      meaning: 'The server refused to delete the file, for instance because it is read-only, in use or protected by policy.',
      source: 'draft-ietf-secsh-filexfer-07',
      since: '6',
      outcome: 'failure'
    },
    {
      code: '23',
      name: 'SSH_FX_INVALID_PARAMETER',
      meaning: 'A value in the request is out of range, or several values contradict each other.',
      source: 'draft-ietf-secsh-filexfer-07',
      since: '6',
      outcome: 'failure'
    },
    {
      code: '24',
      name: 'SSH_FX_FILE_IS_A_DIRECTORY',
      meaning: 'The path names a directory where the operation needs a regular file.',
      source: 'draft-ietf-secsh-filexfer-07',
      since: '6',
      outcome: 'failure'
    },
    {
      code: '25',
      name: 'SSH_FX_BYTE_RANGE_LOCK_CONFLICT',
      meaning: 'A read or write was blocked because another process holds a lock on that part of the file.',
      source: 'draft-ietf-secsh-filexfer-07',
      since: '6',
      outcome: 'failure'
    },
    {
      code: '26',
      name: 'SSH_FX_BYTE_RANGE_LOCK_REFUSED',
      meaning: 'The server would not grant the requested lock on a range of bytes in the file.',
      source: 'draft-ietf-secsh-filexfer-07',
      since: '6',
      outcome: 'failure'
    },
    {
      code: '27',
      name: 'SSH_FX_DELETE_PENDING',
      meaning: 'The file is already marked for deletion, so it can no longer be opened or changed.',
      source: 'draft-ietf-secsh-filexfer-07',
      since: '6',
      outcome: 'failure'
    },
    {
      code: '28',
      name: 'SSH_FX_FILE_CORRUPT',
      meaning: 'The server found the file damaged; its filesystem should be checked for integrity.',
      source: 'draft-ietf-secsh-filexfer-08',
      since: '6',
      outcome: 'failure'
    },
    {
      code: '29',
      name: 'SSH_FX_OWNER_INVALID',
      meaning: 'The user given as the new owner of the file cannot be made its owner.',
      source: 'draft-ietf-secsh-filexfer-10',
      since: '6',
      outcome: 'failure'
    },
    {
      code: '30',
      name: 'SSH_FX_GROUP_INVALID',
      meaning: 'The group given as the file\'s new primary group cannot be assigned to it.',
      source: 'draft-ietf-secsh-filexfer-10',
      since: '6',
      outcome: 'failure'
    },
    {
      code: '31',
      name: 'SSH_FX_NO_MATCHING_BYTE_RANGE_LOCK',
      meaning: 'The operation needed the client to hold a lock on a range of bytes, and no such lock had been granted.',
      source: 'draft-ietf-secsh-filexfer-13',
      since: '6',
      outcome: 'failure'
    }
  ]
})
