import { describe, expect, it } from 'vitest';
import { formatCidr, ipAllowed, parseCidr } from './cidr.ts';

describe('parseCidr', () => {
  it.each<[string, string | undefined]>([
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['203.0.113.7', '203.0.113.7/32'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    [' 192.168.1.0/24 ', '192.168.1.0/24'],
    ['2001:db8::/32', '2001:db8::/32'],
    ['2001:DB8:0:0:1::1/64', '2001:db8::/64'],
    ['::1', '::1/128'],
    ['::/0', '::/0'],
    ['fe80::1%eth0/64', 'fe80::/64'],
    ['::ffff:10.0.0.0/104', '10.0.0.0/8'], // an IPv4-mapped range is the IPv4 range
    ['::ffff:192.0.2.1', '192.0.2.1/32'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8/128'],
    ['10.0.0.0/33', undefined],
    ['256.0.0.1', undefined],
    ['10.0.0', undefined],
    ['10.0.0.0/8/8', undefined],
    ['10.0.0.0/x', undefined],
    ['2001:db8::/129', undefined],
    ['1::2::3', undefined],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['12345::', undefined],
    ['', undefined],
    ['localhost', undefined],
  ])('%j → %j', (text, expected) => {
    const c = parseCidr(text);
    expect(c && formatCidr(c)).toBe(expected);
  });
});

describe('ipAllowed', () => {
  it.each<[string, string[], string, boolean]>([
    ['an empty list allows anywhere', [], '198.51.100.1', true],
    ['inside an IPv4 range', ['198.51.100.0/24'], '198.51.100.77', true],
    ['outside it', ['198.51.100.0/24'], '198.51.101.1', false],
    ['one address', ['203.0.113.7'], '203.0.113.7', true],
    ['the next address', ['203.0.113.7'], '203.0.113.8', false],
    ['any of several ranges', ['10.0.0.0/8', '192.168.0.0/16'], '192.168.5.5', true],
    ['an IPv4-mapped peer (dual-stack socket) matches an IPv4 range', ['127.0.0.0/8'], '::ffff:127.0.0.1', true],
    ['an IPv4 peer matches an IPv4-mapped range', ['::ffff:127.0.0.0/104'], '127.0.0.1', true],
    ['inside an IPv6 range', ['2001:db8::/32'], '2001:db8:1::5', true],
    ['outside it', ['2001:db8::/32'], '2001:db9::1', false],
    ['IPv6 loopback', ['::1'], '::1', true],
    ['an IPv6 peer does not match an IPv4 range', ['0.0.0.0/0'], '2001:db8::1', false],
    ['an IPv4 peer does not match a non-mapped IPv6 range', ['::/0'], '10.0.0.1', false],
    ['0.0.0.0/0 allows every IPv4 peer', ['0.0.0.0/0'], '8.8.8.8', true],
    ['a bad entry matches nothing, the others still count', ['nonsense', '10.0.0.0/8'], '10.9.9.9', true],
    ['only bad entries: nobody', ['nonsense'], '10.9.9.9', false],
    ['a peer address that does not parse', ['10.0.0.0/8'], 'not-an-ip', false],
  ])('%s', (_name, ranges, ip, expected) => {
    expect(ipAllowed(ranges, ip)).toBe(expected);
  });
});
