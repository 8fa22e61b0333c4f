import { Inject, Injectable } from '@nestjs/common';
import { certificateDates, certificateStanding } from '@gbt/certificate-core';
import { CLOCK, type Clock } from '@gbt/platform';
import { CaseMirror } from '../lifecycle/case-mirror';
import { Registry } from '../registry/registry';
import type { RegistryEntry } from '../registry/registry-entry';
import { iafCertificate, iafProblems, type IafCertificate, type IafProblem } from './iaf-certsearch';
import { ReportRecords } from './report-records';
import { REPORT_SETTINGS, type ReportSettings } from './report-settings';

/**
 * A certificate in the public open-data feed: what the registry shows anyone, without history
 * sentences, case ids or people. The holder is a company (its registered name and unified social
 * credit code are public register data); no contact of it is included.
 */
export interface OpenDataCertificate {
  readonly number: string;
  readonly version: number;
  readonly holderName: string;
  readonly holderCreditCode: string;
  readonly level: string;
  /** The standing now: valid, suspended, withdrawn, cancelled, expired or superseded. */
  readonly status: string;
  readonly statusSince: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly productCategories: readonly string[];
  readonly serviceCategories: readonly string[];
  readonly issuingBody: string;
  readonly supersedes: string | null;
  readonly supersededBy: string | null;
}

export const OPEN_DATA_FIELDS = ['number', 'version', 'holderName', 'holderCreditCode', 'level', 'status', 'statusSince', 'validFrom', 'validUntil', 'productCategories', 'serviceCategories', 'issuingBody', 'supersedes', 'supersededBy'] as const;

const byNumber = (a: RegistryEntry, b: RegistryEntry) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/** The registry's exports: IAF CertSearch's layout for staff, and the public open-data feed. Both read the in-process index (ADR 0023), no query. */
@Injectable()
export class RegistryExports {
  constructor(
    @Inject(Registry) private readonly registry: Registry,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
    @Inject(ReportRecords) private readonly records: ReportRecords,
    @Inject(REPORT_SETTINGS) private readonly settings: ReportSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every certificate in IAF's layout that passes its field list and limits; the others as problems. */
  async iaf(): Promise<{ certificates: IafCertificate[]; problems: IafProblem[] }> {
    const now = this.clock.now();
    const certificates: IafCertificate[] = [];
    const problems: IafProblem[] = [];
    for (const entry of this.registry.index.entries().sort(byNumber)) {
      // The address and outlets: the case's organisation (two point reads; an export, not a request path).
      const { state } = await this.mirror.get(entry.caseId);
      const holder = state ? await this.records.holder(state.organisationId) : null;
      const record = iafCertificate(entry, holder, this.settings, now);
      const found = iafProblems(record);
      if (found.length) problems.push(...found);
      else certificates.push(record);
    }
    return { certificates, problems };
  }

  /** A page of the open-data feed: certificates numbered after `after`, in number order, and the cursor of the next page. */
  openData(after: string | undefined, limit: number): { items: OpenDataCertificate[]; next: string | null } {
    const all = this.registry.index.entries().sort(byNumber);
    const from = after === undefined ? 0 : firstAfter(all, after);
    const page = all.slice(from, from + limit);
    const now = this.clock.now();
    const items = page.map((e) => {
      const standing = certificateStanding(e, now);
      return {
        number: e._id,
        version: e.version,
        holderName: e.holder.name,
        holderCreditCode: e.holder.creditCode.toUpperCase(),
        level: e.level,
        status: standing.status,
        statusSince: standing.params.since || standing.at,
        ...certificateDates(e),
        productCategories: e.scope.productCategories,
        serviceCategories: e.scope.serviceCategories,
        issuingBody: e.issuingBody,
        supersedes: e.supersedes,
        supersededBy: e.supersededBy,
      };
    });
    return { items, next: from + limit < all.length ? (page.at(-1)?._id ?? null) : null };
  }
}

/** The position of the first entry numbered after `after` (binary search on the number order). */
function firstAfter(sorted: readonly RegistryEntry[], after: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid]?._id ?? '') <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
