import { ipAllowed, parseCidr } from '../../../accounts/rules/cidr.ts';

/**
 * Addresses a callback must not reach unless the operator allows it
 * (PETREL_ALLOW_PRIVATE_CALLBACKS): loopback, private, shared (CGNAT), link-local, unique local,
 * documentation, benchmarking, multicast, reserved, and the IPv6 forms that can carry any of them
 * (NAT64, 6to4, Teredo). IPv4-mapped IPv6 addresses are read as the IPv4 address they carry.
 */
export const NON_PUBLIC_RANGES: readonly string[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  '::1/128',
  '64:ff9b::/96',
  '64:ff9b:1::/48',
  '100::/64',
  '2001::/32',
  '2001:db8::/32',
  '2002::/16',
  'fc00::/7',
  'fe80::/10',
  'fec0::/10',
  'ff00::/8',
];

/** True for an address a callback may not reach; anything that is not an IP address counts as one. */
export function isNonPublicAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '');
  if (parseCidr(bare) === undefined || bare.includes('/')) return true;
  return ipAllowed(NON_PUBLIC_RANGES, bare);
}
