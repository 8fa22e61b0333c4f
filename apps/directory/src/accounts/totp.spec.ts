import { randomBytes } from 'node:crypto';
import { SecretBox, totpCode, totpMatches, totpStep } from './totp';

// RFC 6238 appendix B: the seeds are ASCII "1234567890" repeated to the hash's key length.
const seed = (bytes: number) => base32(Buffer.from('1234567890'.repeat(7).slice(0, bytes), 'ascii'));
function base32(buffer: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of buffer) bits += byte.toString(2).padStart(8, '0');
  return (bits.match(/.{1,5}/g) ?? []).map((chunk) => alphabet[parseInt(chunk.padEnd(5, '0'), 2)]).join('');
}

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ])('gives the RFC vector at %i s for SHA-1, SHA-256 and SHA-512', (seconds, sha1, sha256, sha512) => {
    const at = new Date(seconds * 1000);
    expect(totpCode(seed(20), at, 8, 'SHA1')).toBe(sha1);
    expect(totpCode(seed(32), at, 8, 'SHA256')).toBe(sha256);
    expect(totpCode(seed(64), at, 8, 'SHA512')).toBe(sha512);
  });

  it('accepts the code of this step and its neighbours, nothing further or malformed', () => {
    const secret = seed(20);
    const at = new Date(1_700_000_000_000);
    expect(totpMatches(secret, totpCode(secret, at), at)).toBe(true);
    expect(totpMatches(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at)).toBe(true);
    expect(totpMatches(secret, totpCode(secret, new Date(at.getTime() + 90_000)), at)).toBe(false);
    expect(totpMatches(secret, 'abcdef', at)).toBe(false);
  });

  it("names the time step a code belongs to, the neighbours' included, for refusing a code used before", () => {
    const secret = seed(20);
    const at = new Date(1_700_000_000_000);
    const step = Math.floor(1_700_000_000 / 30);
    expect(totpStep(secret, totpCode(secret, at), at)).toBe(step);
    expect(totpStep(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at)).toBe(step - 1);
    expect(totpStep(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at)).toBe(step + 1);
    expect(totpStep(secret, totpCode(secret, new Date(at.getTime() + 90_000)), at)).toBeNull();
  });
});

describe('SecretBox', () => {
  it('opens what it sealed, and refuses a changed or foreign box', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([v, iv, tag, flipped.toString('base64')].join('.'))).toThrow();
  });
});
