/**
 * Linux errno values: the numbers system calls fail with, and the strerror() texts that ProFTPD and other
 * Unix servers append to their log messages (`...: Permission denied`, `disconnecting client (Broken pipe)`).
 *
 * Sources: the Linux kernel headers include/uapi/asm-generic/errno-base.h and errno.h for the numbers, the
 * glibc error list and musl's src/errno/__strerror.h for the texts, and ProFTPD's "Log Messages" howto for
 * what the commonest ones mean on a file-transfer server. The meanings are written here, not copied.
 *
 * The numbers are those of the generic Linux ABI (x86, ARM, RISC-V, PowerPC, s390); Alpha, MIPS, SPARC and
 * PA-RISC differ above 34, and so do the BSDs, macOS and Solaris. Logs usually carry the text, not the
 * number, so `strerrorTexts` and `errnoFromMessage` map texts back to names.
 */
import { defineCatalog, type Catalog } from './catalog.js'
import { codeTable, type CodeTable } from './table.js'

const source = 'Linux errno'

export const errno: Catalog = defineCatalog({
  id: 'errno',
  title: 'errno values (Linux)',
  description: 'Linux errno numbers and constants, with the glibc and musl strerror() texts that ProFTPD and other Unix servers write at the end of failure messages.',
  symbolic: true,
  entries: [
    { code: '1', name: 'EPERM', meaning: 'The operation is not allowed at all, whatever the file permissions; on a server usually a configuration rule or missing privilege or system support. Solaris also prints this text for EACCES.', source, outcome: 'failure' },
    { code: '2', name: 'ENOENT', meaning: 'The file or directory named does not exist, or a directory on the way to it does not.', source, outcome: 'failure' },
    { code: '5', name: 'EIO', meaning: 'A low-level read or write failed, on a local disk or on a network file system.', source, outcome: 'failure' },
    { code: '9', name: 'EBADF', meaning: 'The program used a file descriptor that is not open (or not open for that kind of access), for instance reading a file it had already closed.', source, outcome: 'failure' },
    { code: '11', name: 'EAGAIN', aliases: ['EWOULDBLOCK'], meaning: 'The resource is momentarily not available, typically a non-blocking socket or file with nothing ready; the call is meant to be tried again later.', source, outcome: 'failure' },
    { code: '12', name: 'ENOMEM', meaning: 'The process could not get the memory it asked the system for.', source, outcome: 'failure' },
    { code: '13', name: 'EACCES', meaning: 'Access was refused by permissions: the user lacks filesystem rights on the file or a directory above it, or an access rule in the server configuration forbids it.', source, outcome: 'failure' },
    { code: '14', name: 'EFAULT', meaning: 'A system call was handed a memory address outside the process; a program bug rather than a user error.', source, outcome: 'failure' },
    { code: '16', name: 'EBUSY', meaning: 'The device or resource is in use and cannot be taken or changed right now, for example a mounted file system.', source, outcome: 'failure' },
    { code: '17', name: 'EEXIST', meaning: 'Something already exists under that name; on a server typically a directory being created or the target of a rename.', source, outcome: 'failure' },
    { code: '18', name: 'EXDEV', meaning: 'A rename or hard link tried to cross from one file system to another, which needs a copy instead.', source, outcome: 'failure' },
    { code: '20', name: 'ENOTDIR', meaning: 'A part of the path that should be a directory is a file or something else.', source, outcome: 'failure' },
    { code: '21', name: 'EISDIR', meaning: 'The operation works on files, but the path names a directory.', source, outcome: 'failure' },
    { code: '22', name: 'EINVAL', meaning: 'One of the values passed to the call was not acceptable; what exactly depends on the operation.', source, outcome: 'failure' },
    { code: '23', name: 'ENFILE', meaning: 'The whole system has reached its limit of open files and sockets.', source, outcome: 'failure' },
    { code: '24', name: 'EMFILE', meaning: 'This process has reached its own limit of open files and sockets; raising the descriptor limit or closing leaks helps.', source, outcome: 'failure' },
    { code: '27', name: 'EFBIG', meaning: 'The file would grow past the largest size allowed for it by the file system or a process limit.', source, outcome: 'failure' },
    { code: '28', name: 'ENOSPC', meaning: 'The file system being written to is full (out of blocks or of inodes).', source, outcome: 'failure' },
    { code: '30', name: 'EROFS', meaning: 'A write was attempted on a file system that is mounted read-only.', source, outcome: 'failure' },
    { code: '32', name: 'EPIPE', meaning: 'Data was written to a connection the other end had already closed; often a firewall, router or NAT that dropped the connection silently.', source, outcome: 'failure' },
    { code: '36', name: 'ENAMETOOLONG', meaning: 'The path or one of its components is longer than the system allows.', source, outcome: 'failure' },
    { code: '38', name: 'ENOSYS', meaning: 'The kernel or library does not implement the requested call.', source, outcome: 'failure' },
    { code: '39', name: 'ENOTEMPTY', meaning: 'The directory still holds entries, so it cannot be removed (or replaced by a rename); on FTP usually an RMD of a non-empty directory.', source, outcome: 'failure' },
    { code: '40', name: 'ELOOP', meaning: 'Resolving the path followed too many symbolic links, usually because links point at each other in a circle.', source, outcome: 'failure' },
    { code: '61', name: 'ENODATA', meaning: 'The requested data is not there; on file systems usually an extended attribute that the file does not have.', source, outcome: 'failure' },
    { code: '95', name: 'EOPNOTSUPP', aliases: ['ENOTSUP'], meaning: 'The object, socket or file system does not support the requested operation.', source, outcome: 'failure' },
    { code: '97', name: 'EAFNOSUPPORT', meaning: 'The address family is not supported, for instance an IPv6 address on a host where IPv6 is turned off.', source, outcome: 'failure' },
    { code: '98', name: 'EADDRINUSE', meaning: 'The address and port to listen on are already taken, most often by another server or by inetd/xinetd on the same machine.', source, outcome: 'failure' },
    { code: '99', name: 'EADDRNOTAVAIL', meaning: 'The address to bind to does not belong to this machine; on a server usually a wrong listen or passive-mode address.', source, outcome: 'failure' },
    { code: '100', name: 'ENETDOWN', meaning: 'The local network interface needed for the connection is down.', source, outcome: 'failure' },
    { code: '101', name: 'ENETUNREACH', meaning: 'There is no route from this host to the destination network.', source, outcome: 'failure' },
    { code: '102', name: 'ENETRESET', meaning: 'The network dropped the connection because the remote side or the path to it was reset.', source, outcome: 'failure' },
    { code: '103', name: 'ECONNABORTED', meaning: 'The local system gave up on the connection, for instance after a timeout or a protocol error during setup.', source, outcome: 'failure' },
    { code: '104', name: 'ECONNRESET', meaning: 'The remote end (or a device in between) answered with a TCP reset and the connection was torn down; usually the client or a firewall, router or NAT.', source, outcome: 'failure' },
    { code: '105', name: 'ENOBUFS', meaning: 'The kernel ran out of buffer memory for network operations.', source, outcome: 'failure' },
    { code: '107', name: 'ENOTCONN', meaning: 'The socket is not (or no longer) connected, so it cannot send or receive.', source, outcome: 'failure' },
    { code: '110', name: 'ETIMEDOUT', meaning: 'The remote end stopped answering and the connection attempt or transfer gave up waiting.', source, outcome: 'failure' },
    { code: '111', name: 'ECONNREFUSED', meaning: 'The remote host turned the connection down, because nothing listens on the port or an access rule or firewall blocks it; common for active-mode data connections.', source, outcome: 'failure' },
    { code: '112', name: 'EHOSTDOWN', meaning: 'The remote host is known to be down.', source, outcome: 'failure' },
    { code: '113', name: 'EHOSTUNREACH', meaning: 'The remote host cannot be reached, usually because of routing or a firewall.', source, outcome: 'failure' },
    { code: '116', name: 'ESTALE', meaning: 'The file handle refers to a file that is gone on the server side, typically on an NFS mount.', source, outcome: 'failure' },
    { code: '122', name: 'EDQUOT', meaning: 'The user has used up the disk quota set for them.', source, outcome: 'failure' },
    { code: '125', name: 'ECANCELED', meaning: 'The operation was cancelled before it completed.', source, outcome: 'failure' }
  ]
})

/** musl's texts where they differ from glibc's (Alpine-based containers log these). */
const muslTexts: Record<string, string> = {
  'Bad file number': 'EBADF',
  'File table overflow': 'ENFILE',
  'I/O error': 'EIO',
  'Out of memory': 'ENOMEM',
  'Operation would block': 'EAGAIN',
  'Cross-device link': 'EXDEV',
  'Filename too long': 'ENAMETOOLONG',
  'Function not supported': 'ENOSYS',
  'Operation not supported on socket': 'EOPNOTSUPP',
  'Socket is not connected': 'ENOTCONN',
  'Network dropped connection because of reset': 'ENETRESET',
  'Stale NFS file handle': 'ESTALE',
  'Quota exceeded': 'EDQUOT'
}

/** glibc's texts (musl writes the same for the codes it does not list above). */
const glibcTexts: Record<string, string> = {
  'Operation not permitted': 'EPERM',
  'No such file or directory': 'ENOENT',
  'Input/output error': 'EIO',
  'Bad file descriptor': 'EBADF',
  'Resource temporarily unavailable': 'EAGAIN',
  'Cannot allocate memory': 'ENOMEM',
  'Permission denied': 'EACCES',
  'Bad address': 'EFAULT',
  'Device or resource busy': 'EBUSY',
  'File exists': 'EEXIST',
  'Invalid cross-device link': 'EXDEV',
  'Not a directory': 'ENOTDIR',
  'Is a directory': 'EISDIR',
  'Invalid argument': 'EINVAL',
  'Too many open files in system': 'ENFILE',
  'Too many open files': 'EMFILE',
  'File too large': 'EFBIG',
  'No space left on device': 'ENOSPC',
  'Read-only file system': 'EROFS',
  'Broken pipe': 'EPIPE',
  'File name too long': 'ENAMETOOLONG',
  'Function not implemented': 'ENOSYS',
  'Directory not empty': 'ENOTEMPTY',
  'Too many levels of symbolic links': 'ELOOP',
  'No data available': 'ENODATA',
  'Operation not supported': 'EOPNOTSUPP',
  'Address family not supported by protocol': 'EAFNOSUPPORT',
  'Address already in use': 'EADDRINUSE',
  'Cannot assign requested address': 'EADDRNOTAVAIL',
  'Network is down': 'ENETDOWN',
  'Network is unreachable': 'ENETUNREACH',
  'Network dropped connection on reset': 'ENETRESET',
  'Software caused connection abort': 'ECONNABORTED',
  'Connection reset by peer': 'ECONNRESET',
  'No buffer space available': 'ENOBUFS',
  'Transport endpoint is not connected': 'ENOTCONN',
  'Connection timed out': 'ETIMEDOUT',
  'Connection refused': 'ECONNREFUSED',
  'Host is down': 'EHOSTDOWN',
  'No route to host': 'EHOSTUNREACH',
  'Stale file handle': 'ESTALE',
  'Disk quota exceeded': 'EDQUOT',
  'Operation canceled': 'ECANCELED'
}

/**
 * strerror() text → errno name, for glibc and musl. Where the two libraries gave one text to different
 * names, glibc's wins (it is spread last).
 */
export const strerrorTexts: CodeTable<string> = codeTable({ ...muslTexts, ...glibcTexts })

export interface ErrnoMatch {
  /** The errno constant (`EACCES`). */
  readonly name: string
  /** The strerror() text as the message wrote it. */
  readonly text: string
  /** Where the text starts in the message. */
  readonly at: number
}

/** Whether a character code is whitespace a log line may end with (space, tab, CR, LF). */
function isTrailingSpace (c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a
}

/**
 * The errno a log message ends with: a strerror() text after the last `: `
 * (`chroot to '/srv' failed for user 'bob': Permission denied`) or in parentheses at the very end
 * (`disconnecting client (Connection reset by peer)`). A trailing period and trailing whitespace are
 * ignored. Linear: one scan back from the end and one table lookup.
 */
export function errnoFromMessage (message: string): ErrnoMatch | undefined {
  let end = message.length
  while (end > 0 && isTrailingSpace(message.charCodeAt(end - 1))) end--
  if (end > 0 && message.charCodeAt(end - 1) === 0x2e /* . */) end--
  while (end > 0 && isTrailingSpace(message.charCodeAt(end - 1))) end--
  if (end === 0) return undefined
  let at: number
  let stop = end
  if (message.charCodeAt(end - 1) === 0x29 /* ) */) {
    const open = message.lastIndexOf('(', end - 2)
    if (open < 0) return undefined
    at = open + 1
    stop = end - 1
  } else {
    const colon = message.lastIndexOf(': ', end - 2)
    if (colon < 0) return undefined
    at = colon + 2
  }
  if (at >= stop) return undefined
  const text = message.slice(at, stop)
  const name = strerrorTexts[text]
  return name === undefined ? undefined : { name, text, at }
}
