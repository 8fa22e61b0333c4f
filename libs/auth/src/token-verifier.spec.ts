import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { AuthenticationError, TokenVerifier } from './token-verifier';

const ISSUER = 'urn:test:issuer';
const AUDIENCE = 'gbt27922-certification';

async function key(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  const sign = (sub: string) =>
    new SignJWT({ roles: ['reviewer'] }).setProtectedHeader({ alg: 'EdDSA', kid }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject(sub).setIssuedAt().setExpirationTime('5m').sign(privateKey);
  return { jwk, sign };
}

describe('TokenVerifier on a JWKS file that another process adds keys to', () => {
  it('finds a key added to the file just after it read it, instead of refusing the token for a second', async () => {
    const first = await key('first');
    const second = await key('second');
    const file = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [first.jwk] }));
    const verifier = new TokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksFile: file });
    expect(await verifier.verify(await first.sign('rita'))).toMatchObject({ id: 'rita', roles: ['reviewer'] });

    // The directory starts and adds its key within the second after the file was read.
    writeFileSync(file, JSON.stringify({ keys: [first.jwk, second.jwk] }));
    const [a, b] = await Promise.all([verifier.verify(await second.sign('roy')), verifier.verify(await second.sign('lena'))]);
    expect([a.id, b.id]).toEqual(['roy', 'lena']);
  });

  it('still refuses a token signed by a key the file never gets', async () => {
    const known = await key('known');
    const stranger = await key('stranger');
    const file = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [known.jwk] }));
    const verifier = new TokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksFile: file });
    await expect(verifier.verify(await stranger.sign('mallory'))).rejects.toThrow(AuthenticationError);
  });
});
