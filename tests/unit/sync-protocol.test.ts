import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  fieldPackage,
  newKeyPair,
  PACKAGE_FORMAT,
  packageSignedText,
  signWith,
  verifyWith,
  type FieldPackage,
} from '../../src/features/sync/protocol.ts';

// The signatures that keep a paket lapangan and every request honest (README: "Field kit", "Signatures").

const device = newKeyPair();
const body = JSON.stringify({ deviceId: 'dev1', at: 1_700_000_000_000, cursor: 0 });

describe('signWith() and verifyWith()', () => {
  it('accepts the device’s signature of the exact text', () => {
    expect(verifyWith(device.publicKey, body, signWith(device.privateKey, body))).toBe(true);
  });

  it('refuses the text once one character of it changed', () => {
    const signature = signWith(device.privateKey, body);
    expect(verifyWith(device.publicKey, body.replace('dev1', 'dev2'), signature)).toBe(false);
  });

  it('refuses a signature made with another device’s key', () => {
    const stranger = newKeyPair();
    expect(verifyWith(device.publicKey, body, signWith(stranger.privateKey, body))).toBe(false);
  });

  it('answers false, without throwing, for a garbage key or signature', () => {
    const signature = signWith(device.privateKey, body);
    expect(verifyWith('bm90IGEga2V5', body, signature)).toBe(false);
    expect(verifyWith('', body, signature)).toBe(false);
    expect(verifyWith(device.publicKey, body, 'not base64 at all!')).toBe(false);
  });

  it('keeps the private key out of what goes to the district', () => {
    expect(device.publicKey).not.toBe(device.privateKey);
    expect(Buffer.from(device.publicKey, 'base64')).toHaveLength(44);
  });
});

describe('canonicalJson()', () => {
  it('gives the same text whatever order the keys were written in, at every level', () => {
    const a = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } };
    const b = { a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('keeps the order of arrays, which is the order a batch applies in', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});

describe('packageSignedText()', () => {
  const batch = { deviceId: 'dev1', at: 1, fromSeq: 1, toSeq: 3, contentVersion: 'abc', changes: [] };
  const unsigned: Omit<FieldPackage, 'signature'> = {
    format: PACKAGE_FORMAT,
    version: 1,
    deviceId: 'dev1',
    createdAt: 1_700_000_000_000,
    batches: [batch],
  };

  it('ignores the signature field, so a file read back verifies against its own signature', () => {
    const signature = signWith(device.privateKey, packageSignedText(unsigned));
    const file = fieldPackage.parse(JSON.parse(JSON.stringify({ ...unsigned, signature })));
    expect(packageSignedText(file)).toBe(packageSignedText(unsigned));
    expect(verifyWith(device.publicKey, packageSignedText(file), file.signature)).toBe(true);
  });

  it('refuses a file whose batches were altered after it was signed', () => {
    const signature = signWith(device.privateKey, packageSignedText(unsigned));
    const altered: FieldPackage = { ...unsigned, batches: [{ ...batch, toSeq: 4 }], signature };
    expect(verifyWith(device.publicKey, packageSignedText(altered), signature)).toBe(false);
  });
});
