import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateNumber, embeddedCertificate, sealPdf, signCertificate, verifySealedPdf, type CertificatePayload } from '@gbt/certificate-core';
import { renderCertificatePdf } from './render-certificate';

const payload: CertificatePayload = {
  number: certificateNumber(2027, 42),
  version: 1,
  holder: { name: '福州爱克美电器有限公司', creditCode: '91350100M000100Y43' },
  scope: { productCategories: ['家用电器', '厨房电器'], serviceCategories: ['安装', '维修', '退换货'], sites: ['福州市鼓楼区五四路 88 号'], outlets: [] },
  level: 'five-star',
  issuingBody: '示例认证中心有限公司',
  issuedOn: '2027-03-01',
  validUntil: '2030-02-28',
};
const options = { verifyUrl: `https://certs.example.cn/verify/${payload.number}`, issuingBodyEn: 'Example Certification Centre Co., Ltd.' };

describe('renderCertificatePdf', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const signed = signCertificate(payload, privateKey, 'cert-2027');

  it('renders one bilingual page with the font embedded and the signed certificate attached', async () => {
    const pdf = await renderCertificatePdf(signed, options);
    // For a person to look at: the repo ignores .infra/.
    const artifacts = join(__dirname, '../../../../.infra/artifacts');
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, 'sample-certificate.pdf'), pdf);

    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/FontFile[23] \d+ 0 R/);
    expect(text).toMatch(/\/Type \/Pages\n\/Count 1\n/);
    expect(embeddedCertificate(pdf)).toEqual(signed);
    expect(verifySealedPdf(sealPdf(pdf, privateKey, 'cert-2027'), new Map([['cert-2027', publicKey]]))).toEqual({ valid: true, keyId: 'cert-2027', certificate: signed });
  });

  it('renders the same bytes for the same certificate', async () => {
    const [first, second] = await Promise.all([renderCertificatePdf(signed, options), renderCertificatePdf(signed, options)]);
    expect(first.equals(second)).toBe(true);
  });

  it('keeps a certificate with a long name and scope on one page', async () => {
    const long = signCertificate(
      {
        ...payload,
        level: 'compliant',
        holder: { ...payload.holder, name: '福建省福州市爱克美家用电器销售与售后服务连锁股份有限公司鼓楼区第一分公司' },
        scope: { ...payload.scope, outlets: Array.from({ length: 80 }, (_, i) => `福州第${i + 1}服务网点`) },
      },
      privateKey,
      'cert-2027',
    );
    const pdf = await renderCertificatePdf(long, options);
    expect(pdf.toString('latin1')).toMatch(/\/Type \/Pages\n\/Count 1\n/);
    expect(embeddedCertificate(pdf)).toEqual(long);
  });

  it('states the dates in its plain-text keywords, and stamps a certificate no longer valid with its status and day', async () => {
    const clean = (await renderCertificatePdf(signed, options)).toString('latin1');
    expect(clean).toContain('(issued 2027-03-01; valid until 2030-02-28)');
    const stamped = await renderCertificatePdf(signed, { ...options, stamp: { status: 'suspended', since: '2028-05-02' } });
    writeFileSync(join(__dirname, '../../../../.infra/artifacts/sample-certificate-suspended.pdf'), stamped);
    const text = stamped.toString('latin1');
    expect(text).toContain('(issued 2027-03-01; valid until 2030-02-28; SUSPENDED since 2028-05-02)');
    // Drawn over the page (the stamp's glyphs are added to the embedded subset), still one page, the same signed JSON inside.
    expect(stamped.length).toBeGreaterThan(Buffer.byteLength(clean, 'latin1'));
    expect(text).toMatch(/\/Type \/Pages\n\/Count 1\n/);
    expect(embeddedCertificate(stamped)).toEqual(signed);
  });
});
