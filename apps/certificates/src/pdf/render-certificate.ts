import { readFileSync } from 'node:fs';
import { canonicalJson, EMBEDDED_CERTIFICATE_NAME, type CertificatePayload, type CertificateStatus, type SignedCertificate } from '@gbt/certificate-core';
import { LEVEL_NAMES, type Level } from '@gbt/catalogue';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export interface RenderOptions {
  /** Printed under the QR code and encoded in it: where anyone can check the certificate. */
  readonly verifyUrl: string;
  /** The issuing body's English name, printed under payload.issuingBody when given. */
  readonly issuingBodyEn?: string;
  /** A certificate no longer valid is stamped across with its status and the day it began. */
  readonly stamp?: PdfStamp;
}

/** A status other than valid, and the calendar day (Asia/Shanghai) it began. */
export interface PdfStamp {
  readonly status: Exclude<CertificateStatus, 'valid'>;
  readonly since: string;
}

const STAMP_WORDS: Record<PdfStamp['status'], readonly [string, string]> = {
  suspended: ['已暂停', 'SUSPENDED'],
  withdrawn: ['已撤销', 'WITHDRAWN'],
  expired: ['已过期', 'EXPIRED'],
  cancelled: ['已注销', 'CANCELLED'],
  superseded: ['已被替代', 'SUPERSEDED'],
};

const STARS: Record<CertificatePayload['level'], number> = { compliant: 0, 'three-star': 3, 'four-star': 4, 'five-star': 5 };
const LEVELS = Object.fromEntries(Object.entries(LEVEL_NAMES).map(([level, names]) => [level, { ...names, stars: STARS[level as Level] }])) as Record<Level, { zh: string; en: string; stars: number }>;

type Doc = PDFKit.PDFDocument;
// A4 landscape, in points.
const WIDTH = 841.89;
const HEIGHT = 595.28;
const NAVY = '#1b3a6b';
const GOLD = '#b08d3c';
const GREY = '#5a6270';
const INK = '#1a1a1a';
const STAMP_RED = '#c0161c';

// Read once per process: the TTFs are ~10 MB each; pdfkit embeds only the glyphs used.
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function notoSansSc() {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

function dateOf(day: string): Date {
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime())) throw new Error(`${day} is not a YYYY-MM-DD date`);
  return date;
}

/**
 * The bilingual A4 certificate, with the signed certificate JSON attached as certificate.json.
 * The same certificate always renders to the same bytes: dates come from the payload, and
 * pdfkit derives its file /ID and font subset tags from those, not from the clock or chance.
 */
export async function renderCertificatePdf(signed: SignedCertificate, options: RenderOptions): Promise<Buffer> {
  const { payload } = signed;
  const issued = dateOf(payload.issuedOn);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    // Uncompressed so the attachment can be read back with no inflater; the subset fonts stay small.
    compress: false,
    lang: 'zh-CN',
    displayTitle: true,
    // Keywords carry the dates (and a stamp) as plain text, so a reader or test can find them in the bytes.
    info: { Title: `商品售后服务评价体系认证证书 ${payload.number}`, Author: payload.issuingBody, Subject: 'GB/T 27922-2011', Keywords: keywords(payload, options.stamp), CreationDate: issued, ModDate: issued },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', notoSansSc().regular);
  doc.registerFont('bold', notoSansSc().bold);

  drawFrame(doc);
  drawHeading(doc, payload);
  drawDetails(doc, payload);
  drawQrCode(doc, options.verifyUrl, 622, 168, 150);
  drawFooter(doc, signed, options);
  if (options.stamp) drawStamp(doc, options.stamp);
  doc.file(Buffer.from(canonicalJson(signed)), {
    name: EMBEDDED_CERTIFICATE_NAME,
    type: 'application/json',
    description: `Signed certificate ${payload.number}`,
    creationDate: issued,
    modifiedDate: issued,
  });
  doc.end();
  return done;
}

function keywords(payload: CertificatePayload, stamp: PdfStamp | undefined): string {
  const dates = `issued ${payload.issuedOn}; valid until ${payload.validUntil}`;
  return stamp ? `${dates}; ${STAMP_WORDS[stamp.status][1]} since ${stamp.since}` : dates;
}

/** The status across the page in red, over everything, so no print or screenshot of it reads as valid. */
function drawStamp(doc: Doc, stamp: PdfStamp) {
  const [zh, en] = STAMP_WORDS[stamp.status];
  doc.save();
  doc.rotate(-24, { origin: [WIDTH / 2, HEIGHT / 2] });
  doc.opacity(0.72);
  doc.lineWidth(5).strokeColor(STAMP_RED).rect(WIDTH / 2 - 300, HEIGHT / 2 - 90, 600, 180).stroke();
  const words = `${zh} ${en}`;
  doc.font('bold').fontSize(fitted(doc, words, 'bold', 58, 560)).fillColor(STAMP_RED).text(words, WIDTH / 2 - 300, HEIGHT / 2 - 88, { width: 600, align: 'center', lineBreak: false });
  doc.font('bold').fontSize(20).text(`自 ${stamp.since} 起 · since ${stamp.since}`, WIDTH / 2 - 300, HEIGHT / 2 + 22, { width: 600, align: 'center', lineBreak: false });
  doc.restore();
}

function drawFrame(doc: Doc) {
  doc.lineWidth(4).strokeColor(NAVY).rect(20, 20, WIDTH - 40, HEIGHT - 40).stroke();
  doc.lineWidth(0.8).strokeColor(GOLD).rect(30, 30, WIDTH - 60, HEIGHT - 60).stroke();
  for (const [x, y] of [[30, 30], [WIDTH - 30, 30], [30, HEIGHT - 30], [WIDTH - 30, HEIGHT - 30]]) {
    doc.fillColor(GOLD).rect(x - 4, y - 4, 8, 8).fill();
  }
}

function centred(doc: Doc, text: string, y: number, font: string, size: number, color: string) {
  doc.font(font).fontSize(size).fillColor(color).text(text, 40, y, { width: WIDTH - 80, align: 'center', lineBreak: false });
}

function drawHeading(doc: Doc, payload: CertificatePayload) {
  centred(doc, '商品售后服务评价体系认证证书', 52, 'bold', 28, NAVY);
  centred(doc, 'Certificate of After-Sales Service Certification', 94, 'regular', 15, NAVY);
  centred(doc, 'GB/T 27922-2011', 116, 'regular', 10, GREY);
  centred(doc, `证书编号 Certificate No.  ${payload.number}    版本 Version  ${payload.version}`, 134, 'regular', 10.5, INK);
  doc.lineWidth(0.6).strokeColor(GOLD).moveTo(70, 156).lineTo(WIDTH - 70, 156).stroke();
}

/** A label in Chinese over its English, then the value beside it; returns the next row's y. */
function row(doc: Doc, y: number, zh: string, en: string, draw: (x: number, y: number, width: number) => void, height = 34): number {
  doc.font('bold').fontSize(11).fillColor(NAVY).text(zh, 70, y, { lineBreak: false });
  doc.font('regular').fontSize(7.5).fillColor(GREY).text(en, 70, y + 16, { lineBreak: false });
  draw(200, y, 390);
  return y + height;
}

function fitted(doc: Doc, text: string, font: string, size: number, width: number): number {
  doc.font(font);
  while (size > 9 && doc.fontSize(size).widthOfString(text) > width) size -= 0.5;
  return size;
}

function drawDetails(doc: Doc, payload: CertificatePayload) {
  const level = LEVELS[payload.level];
  const single = (text: string, font = 'regular', size = 12) => (x: number, y: number, width: number) => {
    doc.font(font).fontSize(fitted(doc, text, font, size, width)).fillColor(INK).text(text, x, y, { width, lineBreak: false, ellipsis: true });
  };
  let y = 170;
  doc.font('regular').fontSize(9.5).fillColor(INK).text('兹证明下列组织的商品售后服务经评价符合 GB/T 27922-2011《商品售后服务评价体系》的要求，特发此证。', 70, y, { lineBreak: false });
  doc.fontSize(8).fillColor(GREY).text('This certifies that the after-sales service of the organisation below conforms to GB/T 27922-2011 at the level stated.', 70, y + 15, { lineBreak: false });
  y = 212;
  y = row(doc, y, '获证组织', 'Certificate holder', single(payload.holder.name, 'bold', 16), 38);
  y = row(doc, y, '统一社会信用代码', 'Unified social credit code', single(payload.holder.creditCode));
  y = row(doc, y, '认证等级', 'Certification level', (x, top) => {
    const stars = level.stars > 0 && hasGlyph(doc, 'bold', '★') ? '★'.repeat(level.stars) : '';
    // Separate runs on one baseline: pdfkit's continued text aligns tops, so mixed sizes would sag.
    const baseline = top + 14;
    let at = x;
    for (const [text, font, size, color] of [[stars, 'bold', 15, GOLD], [level.zh, 'bold', 14, NAVY], [level.en, 'regular', 11, NAVY]] as const) {
      if (!text) continue;
      doc.font(font).fontSize(size).fillColor(color).text(text, at, baseline, { baseline: 'alphabetic', lineBreak: false });
      at += doc.widthOfString(text) + 10;
    }
  });
  const scope = payload.scope;
  const list = (items: readonly string[]) => (items.length ? items.join('、') : '—');
  const scopeLines: [string, readonly string[]][] = [
    ['商品类别 Products', scope.productCategories],
    ['服务类别 Services', scope.serviceCategories],
    ['服务场所 Sites', scope.sites],
    ['服务网点 Outlets', scope.outlets],
  ];
  y = row(doc, y, '认证范围', 'Scope', (x, top, width) => {
    scopeLines.forEach(([label, items], i) => {
      doc.font('regular').fontSize(8).fillColor(GREY).text(label, x, top + i * 17 + 1, { lineBreak: false });
      // One line each: a long outlet list must not push the page onto a second sheet, so it is
      // cut with an ellipsis and its full count shown; the complete list is in certificate.json.
      doc.fontSize(10).fillColor(INK);
      const total = `  等 ${items.length} 项 (${items.length} in total)`;
      const cut = doc.widthOfString(list(items)) > width - 88;
      const room = width - 88 - (cut ? doc.widthOfString(total) : 0);
      doc.text(list(items), x + 88, top + i * 17 - 1, { width: room, height: 15, ellipsis: true, lineBreak: false });
      if (cut) doc.text(total, x + 88 + room, top + i * 17 - 1, { lineBreak: false });
    });
  }, 76);
  y = row(doc, y, '签发日期', 'Date of issue', single(payload.issuedOn));
  row(doc, y, '有效期至', 'Valid until', single(payload.validUntil));
}

/** A fontkit font as pdfkit keeps it: the one part of its internals that answers whether a glyph exists. */
interface GlyphQuery {
  hasGlyphForCodePoint(codePoint: number): unknown;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** The current font's fontkit font, found by looking rather than by assertion: undefined if pdfkit's internals ever move. */
function fontkitFontOf(doc: unknown): GlyphQuery | undefined {
  if (!isObject(doc) || !('_font' in doc) || !isObject(doc._font) || !('font' in doc._font)) return undefined;
  const font = doc._font.font;
  if (!isObject(font) || !('hasGlyphForCodePoint' in font)) return undefined;
  const query = font.hasGlyphForCodePoint;
  return typeof query === 'function' ? { hasGlyphForCodePoint: (c) => Reflect.apply(query, font, [c]) } : undefined;
}

function hasGlyph(doc: Doc, font: string, char: string): boolean {
  // pdfkit exposes no glyph query; its fontkit font does. If that ever moves, the stars are left out.
  const codePoint = char.codePointAt(0);
  return codePoint !== undefined && fontkitFontOf(doc.font(font))?.hasGlyphForCodePoint(codePoint) === true;
}

/**
 * The outline of the union of dark modules, as closed loops of grid points. Filling abutting
 * squares leaves hairline seams in some viewers (Acrobat, poppler); filling outlines cannot.
 * Every dark module contributes its sides that face a light one, clockwise, so holes come out
 * anticlockwise and a nonzero fill leaves them empty.
 */
function qrOutline(url: string): { size: number; loops: [number, number][][] } {
  const modules = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
  const n = modules.size;
  const dark = (r: number, c: number) => r >= 0 && c >= 0 && r < n && c < n && modules.get(r, c) === 1;
  const edges = new Map<string, [number, number][]>();
  const edge = (from: [number, number], to: [number, number]) => edges.set(`${from}`, [...(edges.get(`${from}`) ?? []), to]);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!dark(r, c)) continue;
      if (!dark(r - 1, c)) edge([c, r], [c + 1, r]);
      if (!dark(r, c + 1)) edge([c + 1, r], [c + 1, r + 1]);
      if (!dark(r + 1, c)) edge([c + 1, r + 1], [c, r + 1]);
      if (!dark(r, c - 1)) edge([c, r + 1], [c, r]);
    }
  }
  const loops: [number, number][][] = [];
  for (const [start, ends] of edges) {
    while (ends.length > 0) {
      const loop: [number, number][] = [start.split(',').map(Number) as [number, number]];
      for (let at = ends.pop() as [number, number]; `${at}` !== start; at = edges.get(`${at}`)?.pop() as [number, number]) loop.push(at);
      // Keep only the corners: straight runs of module sides become one line.
      loops.push(loop.filter((p, i) => {
        const [a, b] = [loop[(i + loop.length - 1) % loop.length], loop[(i + 1) % loop.length]];
        return (b[0] - p[0]) * (p[1] - a[1]) !== (b[1] - p[1]) * (p[0] - a[0]);
      }));
    }
  }
  return { size: n, loops };
}

function drawQrCode(doc: Doc, url: string, x: number, y: number, size: number) {
  const outline = qrOutline(url);
  const cell = size / outline.size;
  for (const [first, ...rest] of outline.loops) {
    doc.moveTo(x + first[0] * cell, y + first[1] * cell);
    for (const [c, r] of rest) doc.lineTo(x + c * cell, y + r * cell);
    doc.closePath();
  }
  doc.fillColor('#000000').fill('nonzero');
  doc.link(x, y, size, size, url);
  doc.font('regular').fontSize(7).fillColor(INK).text(url, x - 20, y + size + 8, { width: size + 40, align: 'center' });
  doc.fontSize(9).fillColor(NAVY).text('扫描二维码或访问上述网址核验证书', x - 20, y + size + 36, { width: size + 40, align: 'center' });
  doc.fontSize(7.5).fillColor(GREY).text('Scan the QR code or visit the URL to verify', x - 20, y + size + 50, { width: size + 40, align: 'center' });
}

function drawFooter(doc: Doc, signed: SignedCertificate, options: RenderOptions) {
  doc.lineWidth(0.6).strokeColor(GOLD).moveTo(70, 478).lineTo(WIDTH - 70, 478).stroke();
  doc.font('regular').fontSize(8).fillColor(GREY).text('颁证机构 Issuing body', 70, 488, { lineBreak: false });
  doc.font('bold').fontSize(12).fillColor(INK).text(signed.payload.issuingBody, 70, 500, { width: 480, lineBreak: false, ellipsis: true });
  if (options.issuingBodyEn) doc.font('regular').fontSize(9).fillColor(INK).text(options.issuingBodyEn, 70, 518, { width: 480, lineBreak: false, ellipsis: true });
  doc.font('regular').fontSize(6.5).fillColor(GREY).text(
    `签名密钥 Signing key: ${signed.keyId} (${signed.algorithm})  ·  本文件内附带数字签名的 ${EMBEDDED_CERTIFICATE_NAME}，可离线核验 / This PDF carries the digitally signed ${EMBEDDED_CERTIFICATE_NAME} for offline verification.`,
    70, 545, { width: WIDTH - 140, lineBreak: false, ellipsis: true },
  );
}
