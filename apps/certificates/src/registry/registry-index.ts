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
  /** The number and the credit code, upper case, one line each: what a code typed in the search box is looked for in. */
  readonly codes: string;
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
  const first = query.charCodeAt(0);
  // Allocated only when a syllable starts like the query: a search tests every entry, most fail at once.
  let failed: Set<number> | undefined;
  for (let i = 0; i < syllables.length; i++) {
    if (syllables[i]?.charCodeAt(0) !== first) continue;
    failed ??= new Set<number>();
    if (spellsFrom(syllables, query, i, 0, failed)) return true;
  }
  return false;
}

/** Whether syllables from `i` on spell the query from `pos` on; `failed` remembers (i, pos) pairs that cannot. */
function spellsFrom(syllables: readonly string[], query: string, i: number, pos: number, failed: Set<number>): boolean {
  if (pos === query.length) return true;
  if (i === syllables.length) return false;
  const key = i * 256 + pos;
  if (failed.has(key)) return false;
  const s = syllables[i] ?? '';
  for (let k = 1; k <= s.length && pos + k <= query.length && s.charCodeAt(k - 1) === query.charCodeAt(pos + k - 1); k++) {
    if (spellsFrom(syllables, query, i + 1, pos + k, failed)) return true;
  }
  failed.add(key);
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

/** What the search box holds as a credit code or number (or part of one), or null when it cannot be one. */
function codeOf(text: string): string | null {
  const code = text.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
  // A credit code or a number has digits; four characters or more, so "2" does not match everything.
  return code.length >= 4 && /\d/.test(code) ? code : null;
}

function anyMatcher(text: string): Matcher {
  const byName = nameMatcher(text);
  const code = codeOf(text);
  // Whitespace was taken out of the code, so it cannot match across the line break between the two.
  return (x) => (code !== null && x.codes.includes(code)) || byName(x);
}

const HAS_DIGIT = /[0-9]/;
/** Code searches gather candidates while at most one name in this many has a digit (few do in a real registry). */
const DIGIT_NAMED_SHARE = 8;

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
  return { entry, name: holderKey(entry.holder.name), syllables, codes: `${entry._id}\n${entry.holder.creditCode}`.toUpperCase() };
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
  /** Entries whose name has a digit: the only ones a typed code can match by name. */
  private readonly digitNamed = new Set<Indexed>();
  /** Every entry's codes in `ordered` order, one line each, and where each entry's line starts; built at the first code search after a change. */
  private codeLines: { text: string; starts: number[] } | null = null;

  get size(): number {
    return this.byNumber.size;
  }

  /** Replaces the whole index (a rebuild). */
  load(entries: Iterable<RegistryEntry>): void {
    this.byNumber.clear();
    this.digitNamed.clear();
    for (const entry of entries) this.byNumber.set(entry._id, indexed(entry));
    this.ordered = [...this.byNumber.values()].sort((a, b) => byNewest(a.entry, b.entry));
    for (const x of this.ordered) if (HAS_DIGIT.test(x.name)) this.digitNamed.add(x);
    this.codeLines = null;
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
    if (held) this.digitNamed.delete(held);
    if (HAS_DIGIT.test(next.name)) this.digitNamed.add(next);
    this.codeLines = null;
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
    const pool = this.codeCandidates(q) ?? this.ordered;
    if (sort !== '-validFrom') {
      const matches = pool.filter(test).map((x) => x.entry).sort(comparatorFor(sort));
      return { total: matches.length, items: matches.slice(q.offset, q.offset + q.limit) };
    }
    let total = 0;
    const items: RegistryEntry[] = [];
    const end = q.offset + q.limit;
    for (const x of pool) {
      if (!test(x)) continue;
      if (total >= q.offset && total < end) items.push(x.entry);
      total++;
    }
    return { total, items };
  }

  /**
   * When the search box holds a code, every entry it can match, in default order: those whose
   * codes contain it (found in one string of all codes rather than entry by entry) and those whose
   * name has a digit (a code has one, so a name without any cannot contain or spell it). A superset
   * of the matches: the query's own test still decides. Null when the box holds no code, or when
   * so many names have digits that testing every entry is cheaper than gathering and sorting them.
   */
  private codeCandidates(q: RegistryQuery): Indexed[] | null {
    const code = q.q?.trim() ? codeOf(q.q) : null;
    if (code === null || this.digitNamed.size * DIGIT_NAMED_SHARE > this.ordered.length) return null;
    const { text, starts } = (this.codeLines ??= this.buildCodeLines());
    const found = new Set<Indexed>(this.digitNamed);
    for (let at = text.indexOf(code); at !== -1; ) {
      const line = lineOf(starts, at);
      const x = this.ordered[line];
      if (x) found.add(x);
      const next = starts[line + 1];
      at = next === undefined ? -1 : text.indexOf(code, next);
    }
    return [...found].sort((a, b) => byNewest(a.entry, b.entry));
  }

  private buildCodeLines(): { text: string; starts: number[] } {
    const starts: number[] = [];
    let length = 0;
    for (const x of this.ordered) {
      starts.push(length);
      length += x.codes.length + 1;
    }
    return { text: this.ordered.map((x) => x.codes).join('\n'), starts };
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

/** The line (entry) a position of the codes' text falls in: the last start at or before it. */
function lineOf(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
