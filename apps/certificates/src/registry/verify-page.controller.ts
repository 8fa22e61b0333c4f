import { Controller, Get, Header, Inject, Param, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { certificateNumberProblem } from '@gbt/certificate-core';
import { RegistryRateLimit } from './rate-limit.guard';
import { Registry } from './registry';
import { LEVEL_NAMES, type RegistryEntry } from './registry-entry';

const STATUS_NAMES: Record<string, string> = {
  valid: '有效 Valid',
  suspended: '暂停 Suspended',
  withdrawn: '撤销 Withdrawn',
  cancelled: '注销 Cancelled',
  expired: '过期 Expired',
  superseded: '已被替代 Superseded',
};
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const day = (iso: string) => escape(iso.slice(0, 10));

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,"Noto Sans SC",sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}.status{font-size:1.4rem;font-weight:700;padding:.6rem 1rem;border-radius:.4rem}.valid{background:#e6f4ea;color:#137333}.bad{background:#fce8e6;color:#a50e0e}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd}</style></head><body>${body}</body></html>`;
}

function render(e: RegistryEntry): string {
  const history = e.history.map((h) => `<tr><td>${day(h.at)}</td><td>${escape(STATUS_NAMES[h.status] ?? h.status)}</td><td>${escape(h.reason)}</td></tr>`).join('');
  return page(
    `${e._id} ${e.holder.name}`,
    `<h1>证书验证 Certificate verification</h1>
<p class="status ${e.status === 'valid' ? 'valid' : 'bad'}">${escape(STATUS_NAMES[e.status] ?? e.status)}${e.status === 'valid' ? '' : `: ${escape(e.statusReason)}`}</p>
<table><tr><th>证书编号 Number</th><td>${escape(e._id)} (v${e.version})</td></tr>
<tr><th>获证组织 Holder</th><td>${escape(e.holder.name)}</td></tr>
<tr><th>统一社会信用代码 Credit code</th><td>${escape(e.holder.creditCode)}</td></tr>
<tr><th>等级 Level</th><td>${escape(LEVEL_NAMES[e.level].zh)} ${escape(LEVEL_NAMES[e.level].en)}</td></tr>
<tr><th>有效期 Valid</th><td>${day(e.validFrom)} – ${day(e.validUntil)}</td></tr>
<tr><th>发证机构 Issuing body</th><td>${escape(e.issuingBody)}</td></tr>
${e.supersededBy ? `<tr><th>替代证书 Replaced by</th><td><a href="./${escape(e.supersededBy)}">${escape(e.supersededBy)}</a></td></tr>` : ''}</table>
<h2>历史 History</h2><table>${history}</table>
<p><a href="../registry/certificates/${escape(e._id)}/certificate.pdf">PDF</a> · <a href="../registry/certificates/${escape(e._id)}/certificate.json">JSON</a> · <a href="../.well-known/certificate-keys.json">keys</a></p>`,
  );
}

/** The page a certificate's QR code opens: status, reasons and history, no login. */
@ApiExcludeController()
@UseGuards(RegistryRateLimit)
@Controller('verify')
export class VerifyPageController {
  constructor(@Inject(Registry) private readonly registry: Registry) {}

  @Get(':number')
  @Header('content-type', 'text/html; charset=utf-8')
  async verify(@Param('number') number: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const problem = certificateNumberProblem(number);
    const entry = problem ? null : await this.registry.get(number);
    if (entry) return render(entry);
    res.status(problem ? 400 : 404);
    return page('证书验证 Certificate verification', `<h1>证书验证 Certificate verification</h1><p class="status bad">${escape(problem ?? `未找到证书 No certificate ${number} is registered: it may be forged or mistyped.`)}</p>`);
  }
}
