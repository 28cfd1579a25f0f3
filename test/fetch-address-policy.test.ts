import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressPolicy, refusedAddressReason, refusedHostNameReason } from '../src/ingest/fetch/address-policy.js';

test('loopback, private, shared, link-local, unspecified, multicast, broadcast and reserved IPv4 addresses are refused', () => {
  const cases: [string, string][] = [
    ['127.0.0.1', '127.0.0.1 is a loopback address'],
    ['127.255.3.4', '127.255.3.4 is a loopback address'],
    ['10.0.0.5', '10.0.0.5 is a private address'],
    ['172.16.0.1', '172.16.0.1 is a private address'],
    ['172.31.255.255', '172.31.255.255 is a private address'],
    ['192.168.1.1', '192.168.1.1 is a private address'],
    ['100.64.0.1', '100.64.0.1 is a shared (carrier-grade NAT) address'],
    ['100.127.255.254', '100.127.255.254 is a shared (carrier-grade NAT) address'],
    ['169.254.1.1', '169.254.1.1 is a link-local address'],
    ['169.254.169.254', '169.254.169.254 is a cloud metadata address'],
    ['0.0.0.0', '0.0.0.0 is an unspecified ("this network") address'],
    ['0.1.2.3', '0.1.2.3 is an unspecified ("this network") address'],
    ['224.0.0.1', '224.0.0.1 is a multicast address'],
    ['239.255.255.250', '239.255.255.250 is a multicast address'],
    ['255.255.255.255', '255.255.255.255 is the broadcast address'],
    ['240.0.0.1', '240.0.0.1 is a reserved address'],
  ];
  for (const [address, reason] of cases) assert.equal(refusedAddressReason(address), reason, address);
});

test('the edges of each IPv4 range are judged exactly', () => {
  for (const address of ['172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '169.253.255.255', '11.0.0.0', '9.255.255.255', '192.169.0.0', '1.1.1.1', '93.184.216.34', '223.255.255.255']) {
    assert.equal(refusedAddressReason(address), null, address);
  }
});

test('IPv6 loopback, unspecified, unique-local, link-local, multicast and metadata addresses are refused', () => {
  const cases: [string, string][] = [
    ['::1', '::1 is a loopback address'],
    ['0:0:0:0:0:0:0:1', '0:0:0:0:0:0:0:1 is a loopback address'],
    ['[::1]', '::1 is a loopback address'],
    ['::', ':: is an unspecified address'],
    ['fc00::1', 'fc00::1 is a unique-local (private) address'],
    ['fd12:3456::1', 'fd12:3456::1 is a unique-local (private) address'],
    ['fd00:ec2::254', 'fd00:ec2::254 is a cloud metadata address'],
    ['fe80::1', 'fe80::1 is a link-local address'],
    ['febf::1', 'febf::1 is a link-local address'],
    ['fe80::1%eth0', 'fe80::1%eth0 is a link-local address'],
    ['ff02::1', 'ff02::1 is a multicast address'],
  ];
  for (const [address, reason] of cases) assert.equal(refusedAddressReason(address), reason, address);
  for (const address of ['2001:4860:4860::8888', '2606:4700::1111', '2a00:1450:4001::200e']) assert.equal(refusedAddressReason(address), null, address);
});

test('IPv6 addresses that carry a refused IPv4 address inside them are refused too', () => {
  const cases: [string, string][] = [
    ['::ffff:127.0.0.1', '::ffff:127.0.0.1 embeds 127.0.0.1, a loopback address'],
    ['::ffff:7f00:1', '::ffff:7f00:1 embeds 127.0.0.1, a loopback address'],
    ['::ffff:10.1.2.3', '::ffff:10.1.2.3 embeds 10.1.2.3, a private address'],
    ['::ffff:169.254.169.254', '::ffff:169.254.169.254 is a cloud metadata address (169.254.169.254)'],
    ['64:ff9b::192.168.0.1', '64:ff9b::192.168.0.1 embeds 192.168.0.1, a private address'],
    ['2002:0a00:0001::1', '2002:0a00:0001::1 embeds 10.0.0.1, a private address'],
  ];
  for (const [address, reason] of cases) assert.equal(refusedAddressReason(address), reason, address);
  assert.equal(refusedAddressReason('::ffff:8.8.8.8'), null);
});

test('metadata host names are refused by name; other names wait for their addresses', () => {
  assert.equal(refusedHostNameReason('metadata.google.internal'), 'metadata.google.internal is a cloud metadata host');
  assert.equal(refusedHostNameReason('METADATA.google.internal.'), 'metadata.google.internal is a cloud metadata host');
  assert.equal(refusedHostNameReason('news.example'), null);
  assert.equal(refusedAddressReason('news.example'), null);
});

test('a policy allows everything when asked, or exact exceptions only', () => {
  assert.equal(addressPolicy({ allowPrivateAddresses: true }).refuse('10.0.0.5'), null);
  assert.equal(addressPolicy({ allowPrivateAddresses: true }).refuseName('metadata.google.internal'), null);
  const withException = addressPolicy({ allowAddresses: ['127.0.0.1', '::1'] });
  assert.equal(withException.refuse('127.0.0.1'), null);
  assert.equal(withException.refuse('0:0:0:0:0:0:0:1'), null);
  assert.equal(withException.refuse('127.0.0.2'), '127.0.0.2 is a loopback address');
  assert.equal(addressPolicy().refuse('10.0.0.5'), '10.0.0.5 is a private address');
});
