import { describe, expect, it } from 'vitest';
import { generatePin, isWeakPin, newPin } from '../../src/features/auth/pin.ts';

describe('isWeakPin()', () => {
  it.each(['1234', '0000', '5555', '4321', '123456', '654321', '7890', '0987', '1212', '123123', '111111'])(
    'refuses %s, a PIN a guesser tries first',
    (pin) => {
      expect(isWeakPin(pin)).toBe(true);
    },
  );

  it.each(['1004', '2000', '6969', '1122', '2580', '159753'])('refuses %s from the most common PINs', (pin) => {
    expect(isWeakPin(pin)).toBe(true);
  });

  it('refuses the years people reach for, 1950 to 2029', () => {
    expect(isWeakPin('1950')).toBe(true);
    expect(isWeakPin('1987')).toBe(true);
    expect(isWeakPin('2029')).toBe(true);
    expect(isWeakPin('1949')).toBe(false);
  });

  it.each(['3917', '8604', '2468', '975310', '40721'])('accepts %s, which has no such pattern', (pin) => {
    expect(isWeakPin(pin)).toBe(false);
  });
});

describe('newPin()', () => {
  it('says why a weak PIN is refused, and still checks the digits first', () => {
    expect(newPin().safeParse('1234').error?.issues[0]?.message).toBe('errors.pinWeak');
    expect(newPin().safeParse('12a4').error?.issues[0]?.message).toBe('errors.pin');
    expect(newPin().parse('3917')).toBe('3917');
  });
});

describe('generatePin()', () => {
  it('makes PINs of the asked length that are never weak', () => {
    for (let i = 0; i < 2000; i++) {
      const pin = generatePin(i % 2 ? 4 : 6);
      expect(pin).toMatch(i % 2 ? /^\d{4}$/ : /^\d{6}$/);
      expect(isWeakPin(pin)).toBe(false);
    }
  });
});
