import { creditCodeCheckCharacter, creditCodeProblem } from './credit-code';

describe('unified social credit code', () => {
  // Published examples of real registrations.
  it.each(['91350100M000100Y43', '91110000802100433B', '914403001922038216'])('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });

  it('computes the check character by hand-checked example', () => {
    // Weighted sum of the first 17 characters is 1640; 1640 mod 31 = 28; 31 - 28 = 3, the character "3".
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('names what is wrong', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('the check character of 91350100M000100Y44 should be 3, not 4');
    expect(creditCodeProblem('91350100M000100Y4')).toMatch(/18 characters/);
    expect(creditCodeProblem('91350100I000100Y43')).toMatch(/except I, O, S, V, Z/);
    expect(creditCodeProblem('91ABCDEFM000100Y43')).toMatch(/administrative division/);
  });
});
