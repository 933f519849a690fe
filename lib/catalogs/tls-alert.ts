/**
 * TLS alert numbers. Transfer CFT writes them as `[NAME] CR=nnn` in CFTY13E (handshake failed locally) and
 * CFTY30E (alert received from the peer), and as the `nnn` of a DIAGP `PKI x nnn`; other TLS stacks log the
 * same numbers.
 *
 * Sources: RFC 8446 section 6 (TLS 1.3), RFC 5246 section 7.2 (TLS 1.2, for the alerts TLS 1.3 only
 * reserves) and the IANA "TLS Alerts" registry (for the two that came from RFC 6066 and are obsolete). The
 * list matches the "SSL alert errors" table of the Transfer CFT User Guide, which stops at 114 and gives
 * the wrong description for 112; the later alerts come from IANA. Meanings are written here, not copied.
 */
import { defineCatalog, type Catalog } from './catalog.js'
import { codeTable, type CodeTable } from './table.js'

export const tlsAlert: Catalog = defineCatalog({
  id: 'tls-alert',
  title: 'TLS alerts',
  description: 'TLS alert numbers and their IANA names, as Transfer CFT logs them in CFTY13E/CFTY30E ([NAME] CR=nnn) and in DIAGP PKI x nnn',
  symbolic: true,
  entries: [
    { code: '0', name: 'close_notify', meaning: 'The sender is closing the connection in an orderly way and will send nothing more. In Transfer CFT logs it can appear on the server side when the two ends had no cipher suite in common.', source: 'RFC 8446' },
    { code: '10', name: 'unexpected_message', meaning: 'A message arrived that does not belong at that point of the protocol.', source: 'RFC 8446', outcome: 'failure' },
    { code: '20', name: 'bad_record_mac', meaning: 'A record failed its integrity check or could not be decrypted.', source: 'RFC 8446', outcome: 'failure' },
    { code: '21', name: 'decryption_failed', meaning: 'A record could not be decrypted. Only TLS 1.0 sent this alert; later versions keep the number reserved.', source: 'RFC 5246', outcome: 'failure' },
    { code: '22', name: 'record_overflow', meaning: 'A record was longer than the protocol allows.', source: 'RFC 8446', outcome: 'failure' },
    { code: '30', name: 'decompression_failure', meaning: 'A record could not be decompressed. Obsolete: TLS 1.3 only reserves the number.', source: 'RFC 5246', outcome: 'failure' },
    { code: '40', name: 'handshake_failure', meaning: 'The two ends could not agree on security parameters they both accept, such as a common cipher suite or a usable certificate. This is the alert Transfer CFT logs most often.', source: 'RFC 8446', outcome: 'failure' },
    { code: '41', name: 'no_certificate', meaning: 'The peer had no certificate to send. Only SSL 3.0 used this alert; the number has been reserved since.', source: 'RFC 5246', outcome: 'failure' },
    { code: '42', name: 'bad_certificate', meaning: 'The certificate received was corrupt, or a signature in it did not verify.', source: 'RFC 8446', outcome: 'failure' },
    { code: '43', name: 'unsupported_certificate', meaning: 'The certificate received is of a type the receiver does not handle.', source: 'RFC 8446', outcome: 'failure' },
    { code: '44', name: 'certificate_revoked', meaning: 'The certificate received has been revoked by its signer.', source: 'RFC 8446', outcome: 'failure' },
    { code: '45', name: 'certificate_expired', meaning: 'The certificate received has expired or is not valid yet.', source: 'RFC 8446', outcome: 'failure' },
    { code: '46', name: 'certificate_unknown', meaning: 'Some other problem made the certificate unacceptable.', source: 'RFC 8446', outcome: 'failure' },
    { code: '47', name: 'illegal_parameter', meaning: 'A handshake field held a value that is out of range or does not fit with the other fields.', source: 'RFC 8446', outcome: 'failure' },
    { code: '48', name: 'unknown_ca', meaning: 'The certificate chain does not lead to a certificate authority the receiver knows or trusts.', source: 'RFC 8446', outcome: 'failure' },
    { code: '49', name: 'access_denied', meaning: 'The certificate was valid, but the receiver\'s access control decided not to go on with the handshake.', source: 'RFC 8446', outcome: 'failure' },
    { code: '50', name: 'decode_error', meaning: 'A message could not be parsed, because a field was out of range or a length was wrong.', source: 'RFC 8446', outcome: 'failure' },
    { code: '51', name: 'decrypt_error', meaning: 'A cryptographic step of the handshake failed, such as checking a signature or the Finished message.', source: 'RFC 8446', outcome: 'failure' },
    { code: '60', name: 'export_restriction', meaning: 'The parameters broke the old export restrictions. Obsolete: the number is reserved.', source: 'RFC 5246', outcome: 'failure' },
    { code: '70', name: 'protocol_version', meaning: 'The peer asked for a protocol version the receiver recognizes but does not support.', source: 'RFC 8446', outcome: 'failure' },
    { code: '71', name: 'insufficient_security', meaning: 'The server requires stronger cipher suites than any the client offered, so there is no suite both accept.', source: 'RFC 8446', outcome: 'failure' },
    { code: '80', name: 'internal_error', meaning: 'The sender could not go on because of a problem of its own, unrelated to the peer or the protocol, such as a failed memory allocation.', source: 'RFC 8446', outcome: 'failure' },
    { code: '86', name: 'inappropriate_fallback', meaning: 'The server saw a retry at a lower protocol version than it supports, a sign that the connection was downgraded (RFC 7507). Not in the Transfer CFT table.', source: 'RFC 8446', outcome: 'failure' },
    { code: '90', name: 'user_canceled', meaning: 'The handshake was called off for a reason that is not a protocol failure.', source: 'RFC 8446', outcome: 'failure' },
    { code: '100', name: 'no_renegotiation', meaning: 'The peer declined a request to renegotiate the session. TLS 1.3 no longer uses this alert.', source: 'RFC 5246', outcome: 'failure' },
    { code: '109', name: 'missing_extension', meaning: 'A handshake message lacks an extension that TLS 1.3 requires there. Not in the Transfer CFT table.', source: 'RFC 8446', outcome: 'failure' },
    { code: '110', name: 'unsupported_extension', meaning: 'A message carried an extension the receiver did not offer or that may not appear in it.', source: 'RFC 8446', outcome: 'failure' },
    { code: '111', name: 'certificate_unobtainable', meaning: 'The server could not fetch a certificate from the URL the client gave. Obsolete: TLS 1.3 only reserves the number.', source: 'IANA TLS Alerts', outcome: 'failure' },
    { code: '112', name: 'unrecognized_name', meaning: 'The server does not know the host name the client asked for through server name indication (SNI). The Transfer CFT table wrongly repeats the description of 111 for this code.', source: 'RFC 8446', outcome: 'failure' },
    { code: '113', name: 'bad_certificate_status_response', meaning: 'The certificate status (OCSP) response the client received is invalid or unacceptable.', source: 'RFC 8446', outcome: 'failure' },
    { code: '114', name: 'bad_certificate_hash_value', meaning: 'A certificate did not match the hash value the client had given. Obsolete: the number is reserved.', source: 'IANA TLS Alerts', outcome: 'failure' },
    { code: '115', name: 'unknown_psk_identity', meaning: 'The server recognizes none of the pre-shared key identities the client offered. Not in the Transfer CFT table.', source: 'RFC 8446', outcome: 'failure' },
    { code: '116', name: 'certificate_required', meaning: 'The server needs a client certificate and the client sent none (TLS 1.3). Not in the Transfer CFT table.', source: 'RFC 8446', outcome: 'failure' },
    { code: '120', name: 'no_application_protocol', meaning: 'The client and the server have no application protocol in common in ALPN. Not in the Transfer CFT table.', source: 'RFC 8446', outcome: 'failure' }
  ]
})

/** The alert names in upper case, as Transfer CFT writes them in brackets (`HANDSHAKE_FAILURE`), to the alert number. */
export const tlsAlertByName: CodeTable<string> = codeTable(
  Object.fromEntries(tlsAlert.entries.map((entry) => [entry.name.toUpperCase(), entry.code]))
)
