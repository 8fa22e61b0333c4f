import fc from 'fast-check';
import { certificateNumber, certificateNumberProblem, mod9710CheckDigits } from './certificate-number';

describe('certificate numbers', () => {
  it('computes the ISO/IEC 7064 MOD 97-10 check digits (worked example)', () => {
    // 2027000042 * 100 = 202700004200; its remainder mod 97 is 92; 98 - 92 = 06 (and 202700004206 mod 97 = 1).
    expect(mod9710CheckDigits('2027000042')).toBe('06');
    expect(certificateNumber(2027, 42)).toBe('GBT27922-2027-000042-06');
  });

  it('accepts what it issues, whatever the case it is typed in', () => {
    expect(certificateNumberProblem(certificateNumber(2027, 42))).toBeNull();
    expect(certificateNumberProblem(certificateNumber(2027, 42).toLowerCase())).toBeNull();
    expect(certificateNumberProblem('GBT27922-27-42')).toMatch(/looks like GBT27922-2027-000042-NN/);
  });

  it('refuses every single wrong digit and every swap of two adjacent different digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 9999 }), fc.integer({ min: 1, max: 999_999 }), fc.nat(9), fc.nat(9), (year, sequence, at, digit) => {
        const good = certificateNumber(year, sequence);
        const body = good.slice(9, 20).replace('-', ''); // the year and sequence digits
        const changed = body.slice(0, at) + String(digit) + body.slice(at + 1);
        fc.pre(changed !== body);
        const check = good.slice(-2);
        const typo = `GBT27922-${changed.slice(0, 4)}-${changed.slice(4)}-${check}`;
        expect(certificateNumberProblem(typo)).not.toBeNull();
        const i = Math.min(at, 8);
        const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
        if (swapped !== body) expect(certificateNumberProblem(`GBT27922-${swapped.slice(0, 4)}-${swapped.slice(4)}-${check}`)).not.toBeNull();
      }),
    );
  });
});
