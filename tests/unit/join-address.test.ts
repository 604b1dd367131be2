import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { joinOrigins, shownAddress } from '../../src/features/workshop/join-address.ts';

const nic = (address: string, internal = false, family: 'IPv4' | 'IPv6' = 'IPv4') =>
  ({ address, internal, family, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;

const laptop = {
  lo: [nic('127.0.0.1', true)],
  wlan0: [nic('192.168.43.20'), nic('fe80::1', false, 'IPv6')],
  eth0: [nic('10.0.0.5')],
};

describe('joinOrigins()', () => {
  it('gives the configured public address, whatever host the browser used', () => {
    expect(joinOrigins({ publicUrl: 'https://kube.example.go.id/x', host: '0.0.0.0', port: 4321 }, laptop)).toEqual([
      'https://kube.example.go.id',
    ]);
  });

  it("gives this machine's LAN addresses with the port when it listens everywhere", () => {
    expect(joinOrigins({ publicUrl: undefined, host: '0.0.0.0', port: 4321 }, laptop)).toEqual([
      'http://192.168.43.20:4321',
      'http://10.0.0.5:4321',
    ]);
  });

  it('gives the one address it listens on, and localhost when it has no network', () => {
    expect(joinOrigins({ publicUrl: undefined, host: '192.168.43.20', port: 80 }, laptop)).toEqual([
      'http://192.168.43.20:80',
    ]);
    expect(joinOrigins({ publicUrl: undefined, host: '0.0.0.0', port: 4321 }, { lo: laptop.lo })).toEqual([
      'http://localhost:4321',
    ]);
  });
});

describe('shownAddress()', () => {
  it('drops the http:// nobody needs to type, and keeps https://', () => {
    expect(shownAddress('http://192.168.43.20:4321')).toBe('192.168.43.20:4321');
    expect(shownAddress('https://kube.example.go.id')).toBe('https://kube.example.go.id');
  });
});
