/**
 * Certificate numbers: `GBT27922-<year>-<sequence, 6 digits>-<2 check digits>`, for example
 * GBT27922-2027-000042-NN. The check digits are ISO/IEC 7064 MOD 97-10 (as in IBANs) over the year
 * and the sequence: they catch every single wrong digit and every swap of two adjacent digits, so a
 * number read over the phone or typed from paper is refused rather than taken for another.
 */
export function mod9710CheckDigits(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new Error(`${digits} is not all digits`);
  const remainder = Number((BigInt(digits) * 100n) % 97n);
  return String(98 - remainder).padStart(2, '0');
}

const PATTERN = /^GBT27922-(\d{4})-(\d{6})-(\d{2})$/;

export function certificateNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new Error(`year ${year} is out of range`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) throw new Error(`sequence ${sequence} is out of range 1-999999`);
  const seq = String(sequence).padStart(6, '0');
  return `GBT27922-${year}-${seq}-${mod9710CheckDigits(`${year}${seq}`)}`;
}

/** What is wrong with a certificate number as written, or null when it is well formed. */
export function certificateNumberProblem(number: string): string | null {
  const match = PATTERN.exec(number.trim().toUpperCase());
  if (!match) return 'a certificate number looks like GBT27922-2027-000042-NN';
  const [, year, sequence, check] = match;
  return check === mod9710CheckDigits(`${year}${sequence}`) ? null : `the check digits of ${number} do not match: the number is mistyped or not genuine`;
}
