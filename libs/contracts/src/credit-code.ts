/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a 31-character
 * alphabet (no I, O, S, V, Z); the last is a check character over the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + ALPHABET.indexOf(ch) * (WEIGHTS[i] ?? 0), 0);
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** Returns what is wrong with a credit code, or null when it is valid. */
export function creditCodeProblem(code: string): string | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) {
    return 'a unified social credit code has 18 characters: digits and capital letters except I, O, S, V, Z';
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'characters 3 to 8 of a unified social credit code are the administrative division code (digits)';
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  return code[17] === expected ? null : `the check character of ${code} should be ${expected}, not ${code[17]}`;
}
