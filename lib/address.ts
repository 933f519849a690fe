/**
 * Which texts are IP addresses as the record's `*.ip` fields hold them. Node's tests take an IPv6 address
 * with a zone (`fe80::1%eth0`, a link-local address and its interface), which Elasticsearch's `ip` type
 * refuses, failing the whole document; such a text is no address here, and goes where host names go.
 */
import { isIP as netIsIP } from 'node:net'

/** 4 or 6 for an address, 0 otherwise (as `net.isIP`, zones refused). */
export function isIP (text: string): number {
  return text.includes('%') ? 0 : netIsIP(text)
}

export function isIPv4 (text: string): boolean {
  return isIP(text) === 4
}

export function isIPv6 (text: string): boolean {
  return isIP(text) === 6
}
