/**
 * Windows Sockets error codes, as Windows FTP/SFTP software (EFT, WS_FTP, CuteFTP, FileZilla, WinSCP, IIS FTP)
 * writes them into logs. Meanings are paraphrased from Microsoft's "Windows Sockets Error Codes" page; the
 * numbers come from winerror.h / winsock2.h, where most codes are WSABASEERR (10000) plus the old BSD errno,
 * which is why many meanings name that errno. The lowest six reuse ordinary Windows error numbers.
 */
import { defineCatalog, type Catalog } from './catalog.js'

export const winsock: Catalog = defineCatalog({
  id: 'winsock',
  title: 'Windows Sockets errors',
  description: 'WSAGetLastError values from winerror.h and Microsoft\'s Winsock error list; Windows FTP and SFTP clients and servers log them as "Socket error 10054", "Winsock error #10060" or by constant name.',
  symbolic: true,
  entries: [
    // Overlapped-I/O codes that are plain Windows error numbers under a WSA_ name.
    {
      code: '6',
      name: 'WSA_INVALID_HANDLE',
      meaning: 'The event object handle passed to a socket call was not a valid one; same number as ERROR_INVALID_HANDLE.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '8',
      name: 'WSA_NOT_ENOUGH_MEMORY',
      meaning: 'Windows could not allocate the memory a socket call needed; same number as ERROR_NOT_ENOUGH_MEMORY.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '87',
      name: 'WSA_INVALID_PARAMETER',
      meaning: 'At least one argument given to a socket call was rejected as invalid; same number as ERROR_INVALID_PARAMETER.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '995',
      name: 'WSA_OPERATION_ABORTED',
      meaning: 'A pending overlapped send or receive was abandoned because its socket was closed or its thread ended. In a transfer log this usually means the transfer was cancelled.',
      source: 'Winsock',
      outcome: 'failure'
    },
    // 996 and 997 report an operation still under way, not a failure, so no outcome is claimed.
    {
      code: '996',
      name: 'WSA_IO_INCOMPLETE',
      meaning: 'An overlapped operation was polled before its event had been signalled, so it has not finished yet; same number as ERROR_IO_INCOMPLETE.',
      source: 'Winsock'
    },
    {
      code: '997',
      name: 'WSA_IO_PENDING',
      meaning: 'An overlapped operation was accepted and will finish later; same number as ERROR_IO_PENDING.',
      source: 'Winsock'
    },
    {
      code: '10004',
      name: 'WSAEINTR',
      meaning: 'A blocking socket call was cut short before it finished, typically because it was cancelled (BSD EINTR).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10009',
      name: 'WSAEBADF',
      meaning: 'The file handle given to the call was not valid (BSD EBADF).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10013',
      name: 'WSAEACCES',
      meaning: 'Access to the socket was forbidden, for example because another program holds the port exclusively or a firewall blocks it (BSD EACCES). In transfer logs it usually means the server could not bind or listen on its port.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10014',
      name: 'WSAEFAULT',
      meaning: 'A socket call was handed a bad address: an invalid pointer or a buffer too small for the result (BSD EFAULT).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10022',
      name: 'WSAEINVAL',
      meaning: 'A socket call got an argument it does not accept, or the socket was not in a state that allows the call (BSD EINVAL).',
      source: 'Winsock',
      aliases: ['EAI_BADFLAGS'],
      outcome: 'failure'
    },
    {
      code: '10024',
      name: 'WSAEMFILE',
      meaning: 'The process has run out of sockets it may open (BSD EMFILE); a sign of local resource exhaustion.',
      source: 'Winsock',
      outcome: 'failure'
    },
    // Routine on non-blocking sockets: the caller simply tries again later.
    {
      code: '10035',
      name: 'WSAEWOULDBLOCK',
      meaning: 'A non-blocking socket operation could not finish straight away and should be retried (BSD EWOULDBLOCK). This is normally not an error.',
      source: 'Winsock'
    },
    {
      code: '10036',
      name: 'WSAEINPROGRESS',
      meaning: 'A blocking operation was still running when another call was made (BSD EINPROGRESS).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10037',
      name: 'WSAEALREADY',
      meaning: 'An operation was started on a non-blocking socket that already has the same operation under way (BSD EALREADY).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10038',
      name: 'WSAENOTSOCK',
      meaning: 'A socket operation was attempted on a handle that is not a socket (BSD ENOTSOCK).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10039',
      name: 'WSAEDESTADDRREQ',
      meaning: 'The operation needs a destination address and none was supplied (BSD EDESTADDRREQ).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10040',
      name: 'WSAEMSGSIZE',
      meaning: 'A datagram was larger than the buffer or the protocol limit allows (BSD EMSGSIZE).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10041',
      name: 'WSAEPROTOTYPE',
      meaning: 'The protocol asked for does not fit the type of socket being created (BSD EPROTOTYPE).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10042',
      name: 'WSAENOPROTOOPT',
      meaning: 'A socket option was unknown or not supported for this socket (BSD ENOPROTOOPT).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10043',
      name: 'WSAEPROTONOSUPPORT',
      meaning: 'The requested protocol is not available on this system (BSD EPROTONOSUPPORT).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10044',
      name: 'WSAESOCKTNOSUPPORT',
      meaning: 'The requested socket type is not available in this address family (BSD ESOCKTNOSUPPORT).',
      source: 'Winsock',
      aliases: ['EAI_SOCKTYPE'],
      outcome: 'failure'
    },
    {
      code: '10045',
      name: 'WSAEOPNOTSUPP',
      meaning: 'The operation does not apply to this kind of socket (BSD EOPNOTSUPP).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10046',
      name: 'WSAEPFNOSUPPORT',
      meaning: 'The protocol family is not configured or not implemented on this system (BSD EPFNOSUPPORT).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10047',
      name: 'WSAEAFNOSUPPORT',
      meaning: 'An address of a family the socket\'s protocol cannot handle was used (BSD EAFNOSUPPORT). In transfer logs this usually points to an IPv4/IPv6 mix-up.',
      source: 'Winsock',
      aliases: ['EAI_FAMILY'],
      outcome: 'failure'
    },
    {
      code: '10048',
      name: 'WSAEADDRINUSE',
      meaning: 'The local address and port are already taken by another socket (BSD EADDRINUSE). Typically a listener port held by another program, or an active-mode (PORT) data port that clashes with one in use.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10049',
      name: 'WSAEADDRNOTAVAIL',
      meaning: 'The address asked for does not belong to this machine or cannot be used here (BSD EADDRNOTAVAIL). Often a wrong bind address or a bad IP announced for passive mode.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10050',
      name: 'WSAENETDOWN',
      meaning: 'The local network, network interface or network stack is down (BSD ENETDOWN).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10051',
      name: 'WSAENETUNREACH',
      meaning: 'There is no route from this host to the destination network (BSD ENETUNREACH).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10052',
      name: 'WSAENETRESET',
      meaning: 'The connection was dropped because keep-alive probes went unanswered while it was in use (BSD ENETRESET).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10053',
      name: 'WSAECONNABORTED',
      meaning: 'The local network stack tore the connection down itself, for instance after a timeout (BSD ECONNABORTED). In transfer logs this is commonly a firewall or NAT device dropping the session or an idle data channel.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10054',
      name: 'WSAECONNRESET',
      meaning: 'The other side closed the connection abruptly with a reset (BSD ECONNRESET). Usually the peer crashed or restarted, a firewall injected a reset, or the peer rejected the TLS handshake.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10055',
      name: 'WSAENOBUFS',
      meaning: 'The system ran out of buffer space or queue room for the socket operation (BSD ENOBUFS), a sign of resource exhaustion.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10056',
      name: 'WSAEISCONN',
      meaning: 'A connect was requested on a socket that is connected already (BSD EISCONN).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10057',
      name: 'WSAENOTCONN',
      meaning: 'Data was sent or received on a socket that has no connection (BSD ENOTCONN).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10058',
      name: 'WSAESHUTDOWN',
      meaning: 'Sending was refused because that direction of the socket had already been shut down (BSD ESHUTDOWN).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10059',
      name: 'WSAETOOMANYREFS',
      meaning: 'Too many references to a kernel object were held (BSD ETOOMANYREFS).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10060',
      name: 'WSAETIMEDOUT',
      meaning: 'The remote host gave no answer within the allowed time (BSD ETIMEDOUT). Usually the host is down, the address or port is wrong, or a firewall silently drops the packets.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10061',
      name: 'WSAECONNREFUSED',
      meaning: 'The target machine answered but turned the connection away because nothing listens on that port (BSD ECONNREFUSED). Usually the service is stopped or the port is wrong.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10062',
      name: 'WSAELOOP',
      meaning: 'A name could not be translated (named after BSD ELOOP, too many levels of symbolic links).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10063',
      name: 'WSAENAMETOOLONG',
      meaning: 'A name or host name given to the call was longer than allowed (BSD ENAMETOOLONG).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10064',
      name: 'WSAEHOSTDOWN',
      meaning: 'The destination host appears to be down (BSD EHOSTDOWN).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10065',
      name: 'WSAEHOSTUNREACH',
      meaning: 'No route to the destination host could be found (BSD EHOSTUNREACH).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10066',
      name: 'WSAENOTEMPTY',
      meaning: 'A directory could not be removed because it still has entries (BSD ENOTEMPTY).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10067',
      name: 'WSAEPROCLIM',
      meaning: 'The Winsock implementation has reached its limit on how many processes may use it at once (BSD EPROCLIM).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10068',
      name: 'WSAEUSERS',
      meaning: 'A per-user quota has been used up (BSD EUSERS).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10069',
      name: 'WSAEDQUOT',
      meaning: 'The disk quota has been used up (BSD EDQUOT).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10070',
      name: 'WSAESTALE',
      meaning: 'A file handle refers to something that is no longer available (BSD ESTALE).',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10071',
      name: 'WSAEREMOTE',
      meaning: 'The item referred to is remote and cannot be handled locally (BSD EREMOTE).',
      source: 'Winsock',
      outcome: 'failure'
    },
    // Winsock-specific codes with no BSD counterpart.
    {
      code: '10091',
      name: 'WSASYSNOTREADY',
      meaning: 'The underlying network subsystem is not ready for use.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10092',
      name: 'WSAVERNOTSUPPORTED',
      meaning: 'The Winsock DLL on this system does not offer the version the program asked for.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10093',
      name: 'WSANOTINITIALISED',
      meaning: 'A socket function was called before WSAStartup had been called successfully.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10101',
      name: 'WSAEDISCON',
      meaning: 'The remote side has started a graceful shutdown of the connection.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10102',
      name: 'WSAENOMORE',
      meaning: 'A WSALookupServiceNext lookup has no further results to return.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10103',
      name: 'WSAECANCELLED',
      meaning: 'The call was cancelled before it could complete.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10104',
      name: 'WSAEINVALIDPROCTABLE',
      meaning: 'A service provider supplied a procedure call table that is not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10105',
      name: 'WSAEINVALIDPROVIDER',
      meaning: 'The requested Winsock service provider is not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10106',
      name: 'WSAEPROVIDERFAILEDINIT',
      meaning: 'A Winsock service provider could not be loaded or failed during initialisation.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10107',
      name: 'WSASYSCALLFAILURE',
      meaning: 'A system call that should never fail did fail.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10108',
      name: 'WSASERVICE_NOT_FOUND',
      meaning: 'The service being looked up is not known in the namespace searched.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10109',
      name: 'WSATYPE_NOT_FOUND',
      meaning: 'The requested class type could not be found.',
      source: 'Winsock',
      aliases: ['EAI_SERVICE'],
      outcome: 'failure'
    },
    {
      code: '10110',
      name: 'WSA_E_NO_MORE',
      meaning: 'A service lookup has no further results to return.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10111',
      name: 'WSA_E_CANCELLED',
      meaning: 'A service lookup was cancelled while it was in progress.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '10112',
      name: 'WSAEREFUSED',
      meaning: 'A database query was refused.',
      source: 'Winsock',
      outcome: 'failure'
    },
    // Name resolution (the 11001–11004 range is what DNS failures look like in these logs).
    {
      code: '11001',
      name: 'WSAHOST_NOT_FOUND',
      meaning: 'DNS answered authoritatively that the host name does not exist. Usually the host name in the configuration is misspelt or wrong.',
      source: 'Winsock',
      aliases: ['EAI_NONAME'],
      outcome: 'failure'
    },
    {
      code: '11002',
      name: 'WSATRY_AGAIN',
      meaning: 'The host name could not be resolved for now, without an authoritative answer; a later retry may work. Usually a problem with the DNS server.',
      source: 'Winsock',
      aliases: ['EAI_AGAIN'],
      outcome: 'failure'
    },
    {
      code: '11003',
      name: 'WSANO_RECOVERY',
      meaning: 'Name resolution hit an error in the name server that retrying will not fix.',
      source: 'Winsock',
      aliases: ['EAI_FAIL'],
      outcome: 'failure'
    },
    {
      code: '11004',
      name: 'WSANO_DATA',
      meaning: 'The name exists but has no record of the type asked for, for example no A or AAAA address.',
      source: 'Winsock',
      outcome: 'failure'
    },
    // Quality-of-service (RSVP) codes: rare in transfer logs, listed so the catalog is complete. The first
    // five are notices, not failures, so they claim no outcome.
    {
      code: '11005',
      name: 'WSA_QOS_RECEIVERS',
      meaning: 'QoS notice that at least one reservation message has come in.',
      source: 'Winsock'
    },
    {
      code: '11006',
      name: 'WSA_QOS_SENDERS',
      meaning: 'QoS notice that at least one path message has come in.',
      source: 'Winsock'
    },
    {
      code: '11007',
      name: 'WSA_QOS_NO_SENDERS',
      meaning: 'QoS notice that no senders remain.',
      source: 'Winsock'
    },
    {
      code: '11008',
      name: 'WSA_QOS_NO_RECEIVERS',
      meaning: 'QoS notice that no receivers remain.',
      source: 'Winsock'
    },
    {
      code: '11009',
      name: 'WSA_QOS_REQUEST_CONFIRMED',
      meaning: 'QoS notice that a reservation request has been confirmed.',
      source: 'Winsock'
    },
    {
      code: '11010',
      name: 'WSA_QOS_ADMISSION_FAILURE',
      meaning: 'A QoS reservation was not admitted because resources were lacking.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11011',
      name: 'WSA_QOS_POLICY_FAILURE',
      meaning: 'A QoS request was turned down by policy, for lack of credentials or rights.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11012',
      name: 'WSA_QOS_BAD_STYLE',
      meaning: 'The QoS reservation style was not recognised.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11013',
      name: 'WSA_QOS_BAD_OBJECT',
      meaning: 'A QoS filterspec or provider-specific part of a request was faulty.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11014',
      name: 'WSA_QOS_TRAFFIC_CTRL_ERROR',
      meaning: 'QoS traffic control reported a problem with the flowspec it was given.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11015',
      name: 'WSA_QOS_GENERIC_ERROR',
      meaning: 'A QoS error occurred that has no more specific code.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11016',
      name: 'WSA_QOS_ESERVICETYPE',
      meaning: 'The QoS flowspec named a service type that is not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11017',
      name: 'WSA_QOS_EFLOWSPEC',
      meaning: 'A QoS flowspec was not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11018',
      name: 'WSA_QOS_EPROVSPECBUF',
      meaning: 'The QoS provider-specific buffer was not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11019',
      name: 'WSA_QOS_EFILTERSTYLE',
      meaning: 'The QoS filter style given was not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11020',
      name: 'WSA_QOS_EFILTERTYPE',
      meaning: 'The QoS filter type given was not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11021',
      name: 'WSA_QOS_EFILTERCOUNT',
      meaning: 'The number of QoS filter specs did not match what was expected.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11022',
      name: 'WSA_QOS_EOBJLENGTH',
      meaning: 'A QoS object carried a length that is not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11023',
      name: 'WSA_QOS_EFLOWCOUNT',
      meaning: 'The number of QoS flow descriptors did not match what was expected.',
      source: 'Winsock',
      outcome: 'failure'
    },
    // The misspelling UNKOWN is how the constant is really defined in the headers.
    {
      code: '11024',
      name: 'WSA_QOS_EUNKOWNPSOBJ',
      meaning: 'The QoS provider-specific buffer held an object that was not recognised.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11025',
      name: 'WSA_QOS_EPOLICYOBJ',
      meaning: 'A QoS policy object in the provider-specific buffer was not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11026',
      name: 'WSA_QOS_EFLOWDESC',
      meaning: 'A QoS flow descriptor in the list was not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11027',
      name: 'WSA_QOS_EPSFLOWSPEC',
      meaning: 'A provider-specific QoS flowspec was not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11028',
      name: 'WSA_QOS_EPSFILTERSPEC',
      meaning: 'A provider-specific QoS filterspec was not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11029',
      name: 'WSA_QOS_ESDMODEOBJ',
      meaning: 'A QoS shape-discard mode object in the provider-specific buffer was not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11030',
      name: 'WSA_QOS_ESHAPERATEOBJ',
      meaning: 'A QoS shaping-rate object in the provider-specific buffer was not valid.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11031',
      name: 'WSA_QOS_RESERVED_PETYPE',
      meaning: 'A QoS policy element of a reserved type was found in the provider-specific buffer.',
      source: 'Winsock',
      outcome: 'failure'
    },
    // The last two are defined in the headers but absent from Microsoft's error page.
    {
      code: '11032',
      name: 'WSA_SECURE_HOST_NOT_FOUND',
      meaning: 'IPsec name policy required a secure host, and none was found for the name.',
      source: 'Winsock',
      outcome: 'failure'
    },
    {
      code: '11033',
      name: 'WSA_IPSEC_NAME_POLICY_ERROR',
      meaning: 'Name resolution failed because of an error in the IPsec name policy.',
      source: 'Winsock',
      outcome: 'failure'
    }
  ]
})
