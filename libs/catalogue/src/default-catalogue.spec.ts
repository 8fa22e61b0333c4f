import { gbt27922v1Data } from './data/gbt27922-2011-v1';
import { SAMPLING_METHODS } from './model';
import { allRequirements, findIndicator, findRequirement, pointsOf } from './lookup';
import { catalogueVersions, defaultCatalogue, getCatalogue } from './registry';
import { validateCatalogue } from './validate';

describe('default catalogue gbt27922-2011.v1', () => {
  it('validates without problems', () => {
    expect(validateCatalogue(gbt27922v1Data)).toEqual([]);
  });

  it("has the standard's three categories with 40 / 35 / 25 points, 100 in all", () => {
    expect(defaultCatalogue.categories.map((c) => [c.id, c.name.zh, c.totalPoints, pointsOf(c)])).toEqual([
      ['5.1', '售后服务体系', 40, 40],
      ['5.2', '商品服务', 35, 35],
      ['5.3', '顾客服务', 25, 25],
    ]);
  });

  it('has the 15 indicators in clause order with the documented default allocation', () => {
    const indicators = defaultCatalogue.categories.flatMap((c) => c.indicators).map((i) => [i.id, i.name.zh, pointsOf(i)]);
    expect(indicators).toEqual([
      ['5.1.1', '组织架构', 6],
      ['5.1.2', '人员配置', 10],
      ['5.1.3', '资源配置', 9],
      ['5.1.4', '规范要求', 4],
      ['5.1.5', '监督', 5],
      ['5.1.6', '改进', 3],
      ['5.1.7', '服务文化', 3],
      ['5.2.1', '商品信息', 6],
      ['5.2.2', '技术支持', 6],
      ['5.2.3', '配送', 6],
      ['5.2.4', '维修', 7],
      ['5.2.5', '质量保证', 6],
      ['5.2.6', '废弃商品回收', 4],
      ['5.3.1', '顾客关系', 12],
      ['5.3.2', '投诉处理', 13],
    ]);
  });

  it('gives the 售后服务管理师 requirement exactly the 5 points known from the standard', () => {
    const managers = findRequirement(defaultCatalogue, '5.1.2.2');
    expect(managers?.name.zh).toBe('售后服务管理师');
    expect(managers?.text.zh).toContain('10%');
    expect(managers?.points).toBe(5);
    expect(managers?.pointsSource).toBe('standard');
  });

  it('keeps the explanatory outlet clause 5.1.1.3 without points', () => {
    expect(findRequirement(defaultCatalogue, '5.1.1.3')).toMatchObject({ points: 0, scored: false, sampled: false, source: 'standard' });
  });

  it('marks texts of 5.1.1-5.1.5 as from the standard and the rest as defaults', () => {
    const bySource = (source: string) =>
      [...new Set(allRequirements(defaultCatalogue).filter((l) => l.requirement.source === source).map((l) => l.indicator.id))];
    expect(bySource('standard')).toEqual(['5.1.1', '5.1.2', '5.1.3', '5.1.4', '5.1.5']);
    expect(bySource('default')).toHaveLength(10);
  });

  it('flags sampled requirements consistently with their method', () => {
    const requirements = allRequirements(defaultCatalogue).map((l) => l.requirement);
    expect(requirements.filter((r) => r.method === 'sampled' && !r.sampled)).toEqual([]);
    expect(requirements.filter((r) => r.sampled && !SAMPLING_METHODS.includes(r.method))).toEqual([]);
    expect(requirements.filter((r) => r.sampled).map((r) => r.id)).toContain('5.1.2.1');
  });

  it('is frozen, so no caller can change the shared catalogue', () => {
    expect(Object.isFrozen(defaultCatalogue.categories[0]?.indicators[0]?.requirements[0])).toBe(true);
  });
});

describe('registry and lookups', () => {
  it('lists the built-in version and finds it', () => {
    expect(catalogueVersions).toEqual(['gbt27922-2011.v1']);
    expect(getCatalogue('gbt27922-2011.v1')).toBe(defaultCatalogue);
    expect(getCatalogue('gbt27922-2011.v9')).toBeUndefined();
  });

  it('finds requirements and indicators by id, and only real ones', () => {
    expect(findRequirement(defaultCatalogue, '5.3.2.3')?.name.en).toBe('Complaints handled');
    expect(findRequirement(defaultCatalogue, '5.3.2')).toBeUndefined();
    expect(findRequirement(defaultCatalogue, '9.9.9.9')).toBeUndefined();
    expect(findIndicator(defaultCatalogue, '5.2.6')?.name.zh).toBe('废弃商品回收');
    expect(findIndicator(defaultCatalogue, '5.2.6.1')).toBeUndefined();
  });

  it('counts 40 requirements, 39 of them scored', () => {
    const all = allRequirements(defaultCatalogue);
    expect(all).toHaveLength(40);
    expect(all.filter((l) => l.requirement.scored)).toHaveLength(39);
  });
});
