import { Controller, Get, Header, Inject, Param, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { certificateDates, certificateNumberProblem, certificateStanding, shanghaiDate, type CertificateStatus, type Standing, type StandingReason } from '@gbt/certificate-core';
import type { Level } from '@gbt/catalogue';
import type { ReasonCode } from '@gbt/contracts';
import { CLOCK, type Clock } from '@gbt/platform';
import { COMPLAINT_SETTINGS, type ComplaintSettings } from '../complaints/complaint-settings';
import { ComplaintViews } from '../complaints/complaint-views';
import { RegistryRateLimit } from './rate-limit.guard';
import { Registry } from './registry';
import { publicView } from './public-view';
import { LEVEL_NAMES, type RegistryEntry } from './registry-entry';

const STATUS_NAMES: Record<CertificateStatus, string> = {
  valid: '有效 Valid',
  suspended: '暂停 Suspended',
  withdrawn: '撤销 Withdrawn',
  cancelled: '注销 Cancelled',
  expired: '过期 Expired',
  superseded: '已被替代 Superseded',
};
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A calendar date as it is, an instant as its calendar date in Asia/Shanghai (ADR 26). */
const day = (value: string | undefined) => (value ? escape(/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : shanghaiDate(value)) : '');

/** The reason codes of a standing put into words, Chinese then English; parameters are escaped here. */
const REASON_TEXTS: Record<StandingReason, (p: Readonly<Record<string, string>>) => string> = {
  issued: (p) => `${day(p.since)} 颁发，有效期至 ${day(p.validUntil)} · Issued on ${day(p.since)}, valid until ${day(p.validUntil)}`,
  reinstated: (p) => `${day(p.since)} 恢复，有效期至 ${day(p.validUntil)} · Reinstated on ${day(p.since)}, valid until ${day(p.validUntil)}`,
  suspended: (p) => `${day(p.since)} 起暂停${p.until ? `，整改期限 ${day(p.until)}` : ''} · Suspended since ${day(p.since)}${p.until ? `, to be fixed by ${day(p.until)}` : ''}: ${escape(p.detail)}`,
  withdrawn: (p) => `${day(p.since)} 撤销 · Withdrawn on ${day(p.since)}: ${escape(p.detail)}`,
  cancelled: (p) => `${day(p.since)} 注销 · Cancelled on ${day(p.since)}: ${escape(p.detail)}`,
  superseded: (p) => `${day(p.since)} 换发新证 ${escape(p.by)} · Replaced on ${day(p.since)} by ${escape(p.by)}`,
  'validity-ended': (p) => `有效期至 ${day(p.validUntil)}，已届满 · Validity ended after ${day(p.validUntil)}`,
};

const levelName = (level: string | undefined, lang: 'zh' | 'en') => escape(level && level in LEVEL_NAMES ? LEVEL_NAMES[level as Level][lang] : (level ?? ''));

type Texts = (p: Readonly<Record<string, string>>) => string;
/** The history's reason codes in words, Chinese then English (the console has its own, messages-zh/en.tsx). */
const HISTORY_TEXTS: Record<Extract<ReasonCode, `certificate.${string}`>, Texts> = {
  'certificate.issued': (p) => `颁发，有效期至 ${day(p.validUntil)} · Issued, valid until ${day(p.validUntil)}`,
  'certificate.reinstated': () => '整改经验证，恢复 · Reinstated: the fix was verified',
  'certificate.suspended': (p) => `暂停，整改期限 ${day(p.until)} · Suspended, to be fixed by ${day(p.until)}: ${escape(p.detail ?? '')}`,
  'certificate.suspended-surveillance-failed': (p) => `监督不合格，暂停，整改期限 ${day(p.until)} · Suspended after a failed surveillance, to be fixed by ${day(p.until)}: ${escape(p.detail ?? '')}`,
  'certificate.suspended-surveillance-not-maintained': (p) => `监督发现服务体系未有效保持，暂停，整改期限 ${day(p.until)} · Suspended: surveillance found the service system not maintained; to be fixed by ${day(p.until)}`,
  'certificate.suspended-surveillance-overdue': (p) => `监督逾期（应于 ${day(p.dueBy)} 前完成），暂停至 ${day(p.until)} · Suspended: surveillance due by ${day(p.dueBy)} was not done; deadline ${day(p.until)}`,
  'certificate.withdrawn': (p) => `撤销 · Withdrawn: ${escape(p.detail ?? '')}`,
  'certificate.withdrawn-deadline-passed': (p) => `整改期限 ${day(p.deadline)} 已过仍未解决，撤销 · Withdrawn: the suspension deadline ${day(p.deadline)} passed unresolved`,
  'certificate.withdrawn-decision-retaken': (p) => `认证决定重新作出，撤销 · Withdrawn: the decision was retaken on a changed basis: ${escape(p.detail ?? '')}`,
  'certificate.cancelled': (p) => `注销 · Cancelled: ${escape(p.detail ?? '')}`,
  'certificate.expired': (p) => `有效期至 ${day(p.validUntil)}，已届满 · Validity ended after ${day(p.validUntil)}`,
  'certificate.surveillance-passed': (p) => `监督合格，下次监督期限 ${day(p.nextBy)} · Surveillance passed; the next is due by ${day(p.nextBy)}`,
  'certificate.surveillance-failed': (p) => `监督不合格 · Surveillance failed: ${escape(p.detail ?? '')}`,
  'certificate.surveillance-failed-not-maintained': () => '监督不合格：服务体系未有效保持 · Surveillance failed: the service system was not maintained',
  'certificate.scope-changed': (p) => `范围变更（${escape(p.change ?? '')}），换发新版本 · Scope changed (${escape(p.change ?? '')}): a new version was issued`,
  'certificate.recertification-started': () => '到期前开始再认证 · Recertification started before expiry',
  'certificate.superseded': (p) => `再认证换发新证 ${escape(p.by ?? '')} · Replaced by ${escape(p.by ?? '')} on recertification`,
  'certificate.level-redecided': (p) => `申诉成立，等级重新决定：${levelName(p.previousLevel, 'zh')} → ${levelName(p.level, 'zh')}，换发新版本 · Level re-decided on appeal: ${levelName(p.previousLevel, 'en')} → ${levelName(p.level, 'en')}; a new version was issued`,
  'certificate.withdrawal-set-aside': () => '申诉成立，撤销决定已撤回，证书恢复有效 · Withdrawal set aside on appeal: the certificate is valid again',
  'certificate.withdrawal-set-aside-suspended': (p) => `申诉成立，撤销决定已撤回，恢复暂停，整改期限 ${day(p.until)} · Withdrawal set aside on appeal: suspended again, to be fixed by ${day(p.until)}`,
  'certificate.recorded': (p) => escape(p.detail ?? ''),
};


function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,"Noto Sans SC",sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}.status{font-size:1.4rem;font-weight:700;padding:.6rem 1rem;border-radius:.4rem}.reason{font-size:1rem;font-weight:400}.valid{background:#e6f4ea;color:#137333}.bad{background:#fce8e6;color:#a50e0e}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd}</style></head><body>${body}</body></html>`;
}

type ViewHistory = ReturnType<typeof publicView>['history'];
/** Codes whose detail is what a person wrote; any other code of a cause is the system's own reason. */
const WORDED_BY_A_PERSON = new Set<string>(['certificate.suspended', 'certificate.withdrawn', 'certificate.cancelled', 'certificate.recorded']);

/** A suspension or withdrawal the system made is worded from its history code: its stored detail is the lifecycle's English sentence. */
function standingText(history: ViewHistory, standing: Standing): string {
  const by = ['suspended', 'withdrawn', 'cancelled'].includes(standing.status)
    ? [...history].reverse().find((h) => h.status === standing.status && h.at === standing.params.since)
    : undefined;
  if (by && !WORDED_BY_A_PERSON.has(by.code) && by.code in HISTORY_TEXTS) return `${day(standing.params.since)} · ${HISTORY_TEXTS[by.code as keyof typeof HISTORY_TEXTS](by.params)}`;
  return REASON_TEXTS[standing.reason](standing.params);
}

/** That complaints are handled (counts only, never who complained), and where to file one. */
function complaintsLine(e: RegistryEntry, tally: { receivedLast12Months: number; closedLast12Months: number }, formUrl: string): string {
  const { receivedLast12Months: n, closedLast12Months: m } = tally;
  const form = `${formUrl}?certificate=${encodeURIComponent(e._id)}`;
  return `<p class="complaints" data-complaints-received="${n}" data-complaints-closed="${m}">近 12 个月收到投诉 ${n} 件，已办结 ${m} 件 · Complaints received in the last 12 months: ${n}, closed: ${m}<br><a href="${escape(form)}">投诉该企业的售后服务 Complain about this company's after-sales service</a></p>`;
}

function render(e: RegistryEntry, standing: Standing, complaints: string): string {
  const view = publicView(e, '', new Date(standing.at)).history;
  const history = view.map((h) => `<tr><td>${day(h.at)}</td><td>${escape(STATUS_NAMES[h.status] ?? h.status)}</td><td>${h.code in HISTORY_TEXTS ? HISTORY_TEXTS[h.code as keyof typeof HISTORY_TEXTS](h.params) : escape(h.reason)}${h.sites?.length ? `（走访网点 sites visited：${escape(h.sites.join('、'))}）` : ''}</td></tr>`)
    .join('');
  const dates = certificateDates(e);
  const ok = standing.status === 'valid';
  return page(
    `${e._id} ${e.holder.name}`,
    `<h1>证书验证 Certificate verification</h1>
<p class="status ${ok ? 'valid' : 'bad'}" data-status="${escape(standing.status)}" data-reason="${escape(standing.reason)}">${escape(STATUS_NAMES[standing.status])}<br><span class="reason">${standingText(view, standing)}</span></p>
<table><tr><th>证书编号 Number</th><td>${escape(e._id)} (v${e.version})</td></tr>
<tr><th>获证组织 Holder</th><td>${escape(e.holder.name)}</td></tr>
<tr><th>统一社会信用代码 Credit code</th><td>${escape(e.holder.creditCode)}</td></tr>
<tr><th>等级 Level</th><td>${escape(LEVEL_NAMES[e.level].zh)} ${escape(LEVEL_NAMES[e.level].en)}</td></tr>
<tr><th>有效期 Valid</th><td data-valid-from="${day(dates.validFrom)}" data-valid-until="${day(dates.validUntil)}">${day(dates.validFrom)} – ${day(dates.validUntil)}</td></tr>
<tr><th>发证机构 Issuing body</th><td>${escape(e.issuingBody)}</td></tr>
${e.supersededBy ? `<tr><th>替代证书 Replaced by</th><td><a href="./${escape(e.supersededBy)}">${escape(e.supersededBy)}</a></td></tr>` : ''}</table>
${complaints}
<h2>历史 History</h2><table>${history}</table>
<p><a href="../registry/certificates/${escape(e._id)}/certificate.pdf">PDF</a> · <a href="../registry/certificates/${escape(e._id)}/certificate.json">JSON</a> · <a href="../.well-known/certificate-keys.json">keys</a></p>`,
  );
}

/** The page a certificate's QR code opens: status, reasons and history, no login. */
@ApiExcludeController()
@UseGuards(RegistryRateLimit)
@Controller('verify')
export class VerifyPageController {
  constructor(
    @Inject(Registry) private readonly registry: Registry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ComplaintViews) private readonly complaints: ComplaintViews,
    @Inject(COMPLAINT_SETTINGS) private readonly complaintSettings: ComplaintSettings,
  ) {}

  @Get(':number')
  @Header('content-type', 'text/html; charset=utf-8')
  async verify(@Param('number') number: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const problem = certificateNumberProblem(number);
    const entry = problem ? null : await this.registry.get(number);
    // The same standing the registry's answer carries, so this page and the offline verifier agree.
    if (entry) {
      const complaints = complaintsLine(entry, await this.complaints.publicTally(entry._id, this.clock.now()), this.complaintSettings.formUrl);
      return render(entry, certificateStanding(entry, this.clock.now()), complaints);
    }
    res.status(problem ? 400 : 404);
    return page('证书验证 Certificate verification', `<h1>证书验证 Certificate verification</h1><p class="status bad">${escape(problem ?? `未找到证书 No certificate ${number} is registered: it may be forged or mistyped.`)}</p>`);
  }
}
