import { Injectable } from '@nestjs/common';
import type { CaseListItem } from '@gbt/contracts/views';
import type { CaseListRow } from './read-models';

export interface CaseListFilter {
  readonly status?: readonly string[];
  readonly level?: readonly string[];
  /** Only these organisations' cases (an applicant's, or the one asked for). */
  readonly organisationIds?: ReadonlySet<string>;
  /** Something due (surveillance, end of suspension, expiry) at or before this instant (ISO 8601). */
  readonly dueBefore?: string;
  /** Only cases whose certificate's level an upheld appeal has decided again (ADR 0038). */
  readonly levelReopened?: boolean;
  readonly limit: number;
  readonly offset: number;
}

/** Last change first; equal instants by case id, so pages never overlap. */
const before = (a: CaseListRow, b: CaseListRow) => (a.updatedAt !== b.updatedAt ? a.updatedAt > b.updatedAt : a._id < b._id);

const inListOrder = (a: CaseListRow, b: CaseListRow) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);

export const listItem = ({ _id, ...row }: CaseListRow): CaseListItem => ({ caseId: _id, ...row });

/**
 * Every case list row in memory, kept in list order (last change first), so that any filter, sort
 * and page is answered without a query (ADR 0024): FerretDB would read the whole `case_list` for
 * any filter or sort but `_id`. Loaded once at start from the read model, kept current by the
 * projector of this process. At 10,000 cases a filtered page is one pass over the array (about a
 * millisecond); a changed row moves with a binary search and one splice.
 */
@Injectable()
export class CaseIndex {
  private readonly byId = new Map<string, CaseListRow>();
  private readonly ordered: CaseListRow[] = [];
  /** Each organisation's rows: an applicant's list reads their organisations' cases, not every case. */
  private readonly byOrganisation = new Map<string, Set<CaseListRow>>();

  get size(): number {
    return this.byId.size;
  }

  get(caseId: string): CaseListRow | undefined {
    return this.byId.get(caseId);
  }

  set(row: CaseListRow): void {
    const old = this.byId.get(row._id);
    if (old) {
      this.ordered.splice(this.position(old), 1);
      this.byOrganisation.get(old.organisationId)?.delete(old);
    }
    this.byId.set(row._id, row);
    this.ordered.splice(this.position(row), 0, row);
    this.addToOrganisation(row);
  }

  clear(): void {
    this.byId.clear();
    this.ordered.length = 0;
    this.byOrganisation.clear();
  }

  /** Adds rows read in any order (a load at start): sorted once rather than placed one by one. */
  load(rows: Iterable<CaseListRow>): void {
    this.clear();
    for (const row of rows) this.byId.set(row._id, row);
    this.ordered.push(...this.byId.values());
    this.ordered.sort(inListOrder);
    for (const row of this.ordered) this.addToOrganisation(row);
  }

  query(filter: CaseListFilter): { total: number; items: CaseListItem[] } {
    const status = filter.status && new Set(filter.status);
    const level = filter.level && new Set(filter.level);
    const items: CaseListItem[] = [];
    let total = 0;
    for (const row of this.rowsOf(filter.organisationIds)) {
      if (status && !status.has(row.status)) continue;
      if (level && (row.level === null || !level.has(row.level))) continue;
      if (filter.organisationIds && !filter.organisationIds.has(row.organisationId)) continue;
      if (filter.dueBefore !== undefined && (row.dueBy === null || row.dueBy > filter.dueBefore)) continue;
      if (filter.levelReopened && !row.levelReopened) continue;
      if (total >= filter.offset && items.length < filter.limit) items.push(listItem(row));
      total++;
    }
    return { total, items };
  }

  /** The rows a filter can match, in list order: only its organisations' when it names them. */
  private rowsOf(organisationIds: ReadonlySet<string> | undefined): readonly CaseListRow[] {
    if (!organisationIds) return this.ordered;
    const rows: CaseListRow[] = [];
    for (const id of organisationIds) for (const row of this.byOrganisation.get(id) ?? []) rows.push(row);
    return rows.sort(inListOrder);
  }

  private addToOrganisation(row: CaseListRow): void {
    const rows = this.byOrganisation.get(row.organisationId);
    if (rows) rows.add(row);
    else this.byOrganisation.set(row.organisationId, new Set([row]));
  }

  /** Where a row is, or belongs, in list order. */
  private position(row: CaseListRow): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const at = this.ordered[mid];
      if (at && before(at, row)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
