import { pinyin } from 'pinyin-pro';
import type { Level } from '@gbt/catalogue';
import { holderKey, type PublicStatus, type RegistryEntry } from './registry-entry';

/** How results are ordered: by the date the certificate was issued (newest first by default) or by its end of validity. */
export const REGISTRY_SORTS = ['-validFrom', 'validFrom', '-validUntil', 'validUntil'] as const;
export type RegistrySort = (typeof REGISTRY_SORTS)[number];

export interface RegistryQuery {
  /** What a person types in the search box: a holder name (Chinese, pinyin initials or full pinyin, Latin), a credit code or a certificate number, or part of one. */
  readonly q?: string;
  /** A holder name, or part of it: Chinese, pinyin initials or full pinyin, Latin. */
  readonly holder?: string;
  readonly level?: Level;
  readonly status?: PublicStatus;
  readonly sort?: RegistrySort;
  readonly limit: number;
  readonly offset: number;
}

/** An entry with what it is searched by, computed once when it enters the index. */
interface Indexed {
  readonly entry: RegistryEntry;
  /** NFKC, lower case: Chinese substrings and Latin names. */
  readonly name: string;
  /** The name's syllables: the pinyin of each Chinese character (in context, toneless), Latin and digit runs as they are. */
  readonly syllables: readonly string[];
  readonly number: string;
  readonly creditCode: string;
}

const compact = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s'’·-]+/g, '');
const HAN = /\p{Script=Han}/u;

/** The syllables of a holder's name, lower case, punctuation dropped: 华为科技（深圳）ACME → hua wei ke ji shen zhen acme. */
export function syllablesOf(name: string): string[] {
  const text = name.normalize('NFKC');
  if (!HAN.test(text)) return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter(Boolean);
}

/**
 * Whether a run of the syllables spells the query, each syllable giving a non-empty prefix of
 * itself: "hwkj" (initials), "huaweikeji" (full), "huaweikj", "weike" all match 华为科技. The
 * syllable where the query ends may be cut short anywhere.
 */
export function spells(syllables: readonly string[], query: string): boolean {
  if (!query) return false;
  const failed = new Set<number>();
  const from = (i: number, pos: number): boolean => {
    if (pos === query.length) return true;
    if (i === syllables.length) return false;
    const key = i * 256 + pos;
    if (failed.has(key)) return false;
    const s = syllables[i] ?? '';
    for (let k = 1; k <= s.length && pos + k <= query.length && s.charCodeAt(k - 1) === query.charCodeAt(pos + k - 1); k++) {
      if (from(i + 1, pos + k)) return true;
    }
    failed.add(key);
    return false;
  };
  const first = query.charCodeAt(0);
  for (let i = 0; i < syllables.length; i++) if (syllables[i]?.charCodeAt(0) === first && from(i, 0)) return true;
  return false;
}

/** A compiled query: each test is cheap enough to run over every entry. */
interface Matcher {
  (x: Indexed): boolean;
}

function nameMatcher(text: string): Matcher {
  const key = holderKey(text).trim();
  const letters = compact(text);
  const pinyinQuery = /^[a-z0-9]+$/.test(letters) && /[a-z]/.test(letters) ? letters : null;
  return (x) => x.name.includes(key) || (pinyinQuery !== null && spells(x.syllables, pinyinQuery));
}

function anyMatcher(text: string): Matcher {
  const byName = nameMatcher(text);
  const code = text.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
  // A credit code or a number has digits; four characters or more, so "2" does not match everything.
  const byCode = code.length >= 4 && /\d/.test(code);
  return (x) => (byCode && (x.number.includes(code) || x.creditCode.includes(code))) || byName(x);
}

/** The test a query puts every entry to; the same for the in-process index and for entries read by key. */
export function matcherFor(q: Omit<RegistryQuery, 'limit' | 'offset' | 'sort'>): (entry: RegistryEntry) => boolean {
  const test = compile(q);
  return (entry) => test(indexed(entry));
}

function compile(q: Omit<RegistryQuery, 'limit' | 'offset' | 'sort'>): Matcher {
  const tests: Matcher[] = [];
  if (q.level) tests.push((x) => x.entry.level === q.level);
  if (q.status) tests.push((x) => x.entry.status === q.status);
  if (q.holder?.trim()) tests.push(nameMatcher(q.holder));
  if (q.q?.trim()) tests.push(anyMatcher(q.q));
  return (x) => tests.every((t) => t(x));
}

const syllableCache = new Map<string, readonly string[]>();
function indexed(entry: RegistryEntry): Indexed {
  let syllables = syllableCache.get(entry.holder.name);
  if (!syllables) {
    syllables = syllablesOf(entry.holder.name);
    if (syllableCache.size > 100_000) syllableCache.clear();
    syllableCache.set(entry.holder.name, syllables);
  }
  return { entry, name: holderKey(entry.holder.name), syllables, number: entry._id.toUpperCase(), creditCode: entry.holder.creditCode.toUpperCase() };
}

/** Newest first, then by number: the registry's order since it began. */
const byNewest = (a: RegistryEntry, b: RegistryEntry) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/** Orders entries as a sort asks, the number breaking ties. */
export function comparatorFor(sort: RegistrySort): (a: RegistryEntry, b: RegistryEntry) => number {
  if (sort === '-validFrom') return byNewest;
  const field = sort.replace('-', '') as 'validFrom' | 'validUntil';
  const sign = sort.startsWith('-') ? -1 : 1;
  return (a, b) => (a[field] < b[field] ? -sign : a[field] > b[field] ? sign : a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}

/**
 * The public registry in memory, for search: every entry with its name's pinyin, kept in the
 * registry's default order (newest first). A search tests each entry (a few string comparisons),
 * counting all matches and keeping one page; at 10,000 entries that is a few milliseconds
 * (docs/benchmarks.md, registry-search). Not shared between processes: see ADR 0023 for how each
 * instance keeps its own current.
 */
export class RegistryIndex {
  private readonly byNumber = new Map<string, Indexed>();
  /** Sorted by `byNewest`. */
  private ordered: Indexed[] = [];

  get size(): number {
    return this.byNumber.size;
  }

  /** Replaces the whole index (a rebuild). */
  load(entries: Iterable<RegistryEntry>): void {
    this.byNumber.clear();
    for (const entry of entries) this.byNumber.set(entry._id, indexed(entry));
    this.ordered = [...this.byNumber.values()].sort((a, b) => byNewest(a.entry, b.entry));
  }

  /**
   * Adds or replaces an entry. An entry only ever gains history, so a copy with less history than
   * the one held is older and is ignored: copies read at different moments may arrive out of order.
   */
  upsert(entry: RegistryEntry): boolean {
    const held = this.byNumber.get(entry._id);
    if (held && held.entry.history.length > entry.history.length) return false;
    const next = indexed(entry);
    if (held) {
      const at = this.position(held.entry);
      if (this.ordered[at] === held && held.entry.validFrom === entry.validFrom) {
        this.ordered[at] = next;
      } else {
        this.ordered.splice(this.ordered.indexOf(held), 1);
        this.ordered.splice(this.position(entry), 0, next);
      }
    } else {
      this.ordered.splice(this.position(entry), 0, next);
    }
    this.byNumber.set(entry._id, next);
    return true;
  }

  get(number: string): RegistryEntry | undefined {
    return this.byNumber.get(number)?.entry;
  }

  /** Every entry, in no set order (the exports and the open-data feed order them by number). */
  entries(): RegistryEntry[] {
    return [...this.byNumber.values()].map((x) => x.entry);
  }

  search(q: RegistryQuery): { total: number; items: RegistryEntry[] } {
    const test = compile(q);
    const sort = q.sort ?? '-validFrom';
    if (sort !== '-validFrom') {
      const matches = this.ordered.filter(test).map((x) => x.entry).sort(comparatorFor(sort));
      return { total: matches.length, items: matches.slice(q.offset, q.offset + q.limit) };
    }
    let total = 0;
    const items: RegistryEntry[] = [];
    const end = q.offset + q.limit;
    for (const x of this.ordered) {
      if (!test(x)) continue;
      if (total >= q.offset && total < end) items.push(x.entry);
      total++;
    }
    return { total, items };
  }

  /** Where an entry goes (or is) in `ordered`: binary search on the default order. */
  private position(entry: RegistryEntry): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.ordered[mid];
      if (at && byNewest(at.entry, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
