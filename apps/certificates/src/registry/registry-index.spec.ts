import type { Level } from '@gbt/catalogue';
import type { PublicStatus, RegistryEntry } from './registry-entry';
import { matcherFor, RegistryIndex, spells, syllablesOf } from './registry-index';

let sequence = 0;
function entry(name: string, over: Partial<Omit<RegistryEntry, 'holder'>> & { creditCode?: string } = {}): RegistryEntry {
  const n = ++sequence;
  const { creditCode = `91350100M${String(n).padStart(6, '0')}Y4X`, ...rest } = over;
  const number = `GBT27922-2027-${String(n).padStart(6, '0')}-01`;
  return {
    _id: number,
    caseId: `case-${n}`,
    cycle: 1,
    version: 1,
    holder: { name, creditCode },
    holderKey: name.toLowerCase(),
    level: 'three-star' as Level,
    scope: {} as RegistryEntry['scope'],
    issuingBody: 'CB',
    validFrom: `2027-01-${String((n % 28) + 1).padStart(2, '0')}T00:00:00.000Z`,
    validUntil: `2030-01-${String((n % 28) + 1).padStart(2, '0')}T00:00:00.000Z`,
    status: 'valid' as PublicStatus,
    statusReason: 'issued',
    suspendedUntil: null,
    supersedes: null,
    supersededBy: null,
    history: [{ eventId: `e${n}`, status: 'valid', change: 'issued', reason: 'issued', at: '2027-01-01T00:00:00.000Z' }],
    ...rest,
  };
}

const names = (r: { items: RegistryEntry[] }) => r.items.map((e) => e.holder.name);
const page = { limit: 20, offset: 0 };

describe('the registry search index', () => {
  const huawei = entry('华为科技有限公司', { validFrom: '2027-03-01T00:00:00.000Z', level: 'five-star' });
  const chongqing = entry('重庆长安汽车股份有限公司', { validFrom: '2027-02-01T00:00:00.000Z' });
  const bank = entry('厦门银行股份有限公司', { validFrom: '2027-01-15T00:00:00.000Z', status: 'suspended' });
  const acme = entry('ACME Green Buildings（上海）有限公司', { validFrom: '2027-01-10T00:00:00.000Z', creditCode: '91310000ACME00001X' });
  const index = new RegistryIndex();
  index.load([bank, acme, huawei, chongqing]);

  it('splits names into toneless syllables, in context, Latin words kept whole', () => {
    expect(syllablesOf('华为科技')).toEqual(['hua', 'wei', 'ke', 'ji']);
    expect(syllablesOf('重庆长安')).toEqual(['chong', 'qing', 'chang', 'an']);
    expect(syllablesOf('ACME Green（上海）')).toEqual(['acme', 'green', 'shang', 'hai']);
    expect(spells(['hua', 'wei', 'ke', 'ji'], 'hwkj')).toBe(true);
    expect(spells(['hua', 'wei', 'ke', 'ji'], 'huaweikj')).toBe(true);
    expect(spells(['hua', 'wei', 'ke', 'ji'], 'weike')).toBe(true);
    expect(spells(['hua', 'wei', 'ke', 'ji'], 'hwx')).toBe(false);
    expect(spells(['hua', 'wei', 'ke', 'ji'], 'uawei')).toBe(false);
  });

  it('finds a Chinese substring', () => {
    expect(names(index.search({ ...page, q: '科技' }))).toEqual(['华为科技有限公司']);
    expect(names(index.search({ ...page, holder: '长安汽车' }))).toEqual(['重庆长安汽车股份有限公司']);
    expect(index.search({ ...page, q: '股份有限公司' }).total).toBe(2);
  });

  it('finds pinyin initials and full pinyin, spaced or not, any case', () => {
    expect(names(index.search({ ...page, q: 'hwkj' }))).toEqual(['华为科技有限公司']);
    expect(names(index.search({ ...page, q: 'HWKJ' }))).toEqual(['华为科技有限公司']);
    expect(names(index.search({ ...page, q: 'huaweikeji' }))).toEqual(['华为科技有限公司']);
    expect(names(index.search({ ...page, holder: 'hua wei' }))).toEqual(['华为科技有限公司']);
    // 重 in 重庆 is chong, 长 in 长安 is chang; 银行 is yinhang.
    expect(names(index.search({ ...page, q: 'cqca' }))).toEqual(['重庆长安汽车股份有限公司']);
    expect(names(index.search({ ...page, q: 'chongqing' }))).toEqual(['重庆长安汽车股份有限公司']);
    expect(names(index.search({ ...page, q: 'yinhang' }))).toEqual(['厦门银行股份有限公司']);
    expect(index.search({ ...page, q: 'zhongqing' }).total).toBe(0);
  });

  it('finds a Latin (English) name case-insensitively, and the Chinese in it', () => {
    expect(names(index.search({ ...page, q: 'green build' }))).toEqual([acme.holder.name]);
    expect(names(index.search({ ...page, q: 'acme' }))).toEqual([acme.holder.name]);
    expect(names(index.search({ ...page, q: 'shanghai' }))).toEqual([acme.holder.name]);
  });

  it('finds a credit code and a certificate number, whole or in part', () => {
    expect(names(index.search({ ...page, q: '91310000acme00001x' }))).toEqual([acme.holder.name]);
    expect(names(index.search({ ...page, q: huawei._id.toLowerCase() }))).toEqual([huawei.holder.name]);
    expect(names(index.search({ ...page, q: huawei._id.slice(-9) }))).toEqual([huawei.holder.name]);
    // Too short to be read as a code: "2" would otherwise match every number.
    expect(index.search({ ...page, q: '2' }).total).toBe(0);
  });

  it('filters by level and status, with or without text', () => {
    expect(names(index.search({ ...page, level: 'five-star' }))).toEqual(['华为科技有限公司']);
    expect(names(index.search({ ...page, status: 'suspended' }))).toEqual(['厦门银行股份有限公司']);
    expect(index.search({ ...page, q: 'gfyx', status: 'valid' }).total).toBe(1);
    expect(index.search({ ...page, q: 'hwkj', level: 'three-star' }).total).toBe(0);
  });

  it('sorts newest first by default, or by either date either way, and pages with the total', () => {
    expect(names(index.search(page))).toEqual([huawei, chongqing, bank, acme].map((e) => e.holder.name));
    expect(names(index.search({ ...page, sort: 'validFrom' }))).toEqual([acme, bank, chongqing, huawei].map((e) => e.holder.name));
    const second = index.search({ limit: 2, offset: 2 });
    expect(second.total).toBe(4);
    expect(names(second)).toEqual([bank, acme].map((e) => e.holder.name));
    expect(index.search({ limit: 2, offset: 4 })).toEqual({ total: 4, items: [] });
  });

  it('moves an updated entry between statuses, and ignores an older copy arriving late', () => {
    const own = new RegistryIndex();
    const a = entry('深圳绿建科技有限公司');
    own.load([a, entry('广州建筑集团')]);
    const suspended: RegistryEntry = { ...a, status: 'suspended', history: [...a.history, { eventId: 'x', status: 'suspended', change: 'suspended', reason: 'r', at: a.validFrom }] };
    expect(own.upsert(suspended)).toBe(true);
    expect(own.search({ ...page, status: 'valid', q: 'szlj' }).total).toBe(0);
    expect(names(own.search({ ...page, status: 'suspended' }))).toEqual(['深圳绿建科技有限公司']);
    expect(own.upsert(a)).toBe(false);
    expect(own.search({ ...page, status: 'suspended' }).total).toBe(1);
    expect(own.size).toBe(2);
  });

  it('keeps the order as entries are added one by one', () => {
    const own = new RegistryIndex();
    const all = Array.from({ length: 60 }, (_, i) => entry(`公司${i}`, { validFrom: `2027-0${(i % 9) + 1}-1${i % 10}T00:00:00.000Z` }));
    for (const e of all) own.upsert(e);
    const loaded = new RegistryIndex();
    loaded.load(all);
    expect(own.search({ limit: 100, offset: 0 }).items.map((e) => e._id)).toEqual(loaded.search({ limit: 100, offset: 0 }).items.map((e) => e._id));
    expect(own.search({ limit: 100, offset: 0, sort: '-validUntil' }).total).toBe(60);
  });

  it('answers a typed code from its codes and digit-bearing names exactly as a test of every entry would', () => {
    const own = new RegistryIndex();
    const all = [
      entry('深圳绿建科技有限公司', { creditCode: '91440300MA5F000017' }),
      entry('深圳绿建科技有限公司', { creditCode: '91440300MA5F000017', validFrom: '2028-01-01T00:00:00.000Z' }),
      entry('广州建筑集团', { creditCode: '91440101MA5F000025' }),
      // Names a code can match by name: the code within it, or spelled by its syllables.
      entry('Acme 91440300MA5F Holdings'),
      entry('第3建筑公司1440'),
      entry('Plain Name Ltd', { level: 'five-star' as Level }),
      // Enough names without digits that a code search gathers candidates instead of testing every entry.
      ...['重庆长安汽车', '厦门银行', '华为技术', '中建三局', '远大住工', '万科物业', '金地集团', '长安福特', '恒通物流', '鼎盛建设', '瑞丰银行', '海天味业', '东方电气', '新城控股'].map((name) => entry(name)),
    ];
    own.load(all.slice(0, 4));
    // A code search before the changes: what it built must not answer after them.
    expect(own.search({ ...page, q: '9144' }).total).toBe(4);
    for (const e of all.slice(4)) own.upsert(e);
    const moved = { ...all[2]!, status: 'suspended' as PublicStatus, history: [...all[2]!.history, { eventId: 'y', status: 'suspended' as PublicStatus, change: 'suspended', reason: 'r', at: all[2]!.validFrom }] };
    own.upsert(moved);
    const current = [...all.slice(0, 2), moved, ...all.slice(3)];
    expect(own.search({ ...page, q: 'MA5F0000' }).total).toBe(3);
    const queries = ['91440300MA5F000017', '91440300ma5f', 'MA5F0000', all[2]!._id, all[0]!._id.slice(-9), '3jz', 'd3jz1440', '1440', ' 9144 0300 ', '０００１'];
    for (const q of queries) {
      for (const filter of [{}, { status: 'suspended' as PublicStatus }, { level: 'five-star' as Level }]) {
        const test = matcherFor({ q, ...filter });
        const expected = current.filter(test).map((e) => e._id).sort();
        const found = own.search({ q, ...filter, limit: 100, offset: 0 });
        expect({ q, filter, ids: found.items.map((e) => e._id).sort() }).toEqual({ q, filter, ids: expected });
        expect(found.total).toBe(expected.length);
      }
    }
    expect(own.search({ ...page, q: '91440300MA5F000017' }).items.map((e) => e._id)).toEqual([all[1]!._id, all[0]!._id]);
    expect(own.search({ ...page, q: '3jz' }).total).toBeGreaterThan(0);
    expect(own.search({ ...page, q: '9144' }).total).toBe(4);
  });
});
