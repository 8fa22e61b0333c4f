import type { Indicator } from '../model';

/**
 * 5.2.4-5.2.6. The standard's text for these indicators was not available: every requirement here
 * is a platform default that a certification body may rewrite in its own catalogue version.
 */
export const productAftercare: readonly Indicator[] = [
  {
    id: '5.2.4',
    name: { zh: '维修', en: 'Repair' },
    requirements: [
      {
        id: '5.2.4.1',
        name: { zh: '维修承诺与时限', en: 'Repair commitments' },
        text: {
          zh: '明示维修服务承诺（响应时限和修复时限），并按承诺执行。',
          en: 'Repair commitments (response and fix times) are stated and kept.',
        },
        points: 3, scored: true, method: 'sampled', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [
          { zh: '维修服务承诺', en: 'published repair commitments' },
          { zh: '抽样维修工单', en: 'sampled repair orders' },
        ],
      },
      {
        id: '5.2.4.2',
        name: { zh: '维修记录与质量', en: 'Repair records and quality' },
        text: {
          zh: '维修有记录、可追溯，维修质量经过检验，返修得到控制。',
          en: 'Repairs are recorded and traceable, their quality is checked, and repeat repairs are controlled.',
        },
        points: 2, scored: true, method: 'sampled', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [
          { zh: '抽样维修记录与检验记录', en: 'sampled repair and inspection records' },
          { zh: '返修率统计', en: 'repeat-repair statistics' },
        ],
      },
      {
        id: '5.2.4.3',
        name: { zh: '备件与收费', en: 'Spare parts and charges' },
        text: {
          zh: '在承诺或规定的期限内保证备品备件供应，维修收费标准公开透明。',
          en: 'Spare parts stay available for the promised or required period, and repair charges are published.',
        },
        points: 2, scored: true, method: 'document-review', sampled: false, source: 'default', pointsSource: 'default',
        evidence: [
          { zh: '备件供应期限规定与库存记录', en: 'spare-part supply periods and stock records' },
          { zh: '公开的维修收费标准', en: 'published repair price list' },
        ],
      },
    ],
  },
  {
    id: '5.2.5',
    name: { zh: '质量保证', en: 'Quality guarantee' },
    requirements: [
      {
        id: '5.2.5.1',
        name: { zh: '保证条款', en: 'Guarantee terms' },
        text: {
          zh: '明示质量保证（三包）条款，其内容不低于法律法规和国家标准的要求。',
          en: 'Guarantee (三包: repair, replacement, return) terms are published and are no less than the law and national standards require.',
        },
        points: 2, scored: true, method: 'document-review', sampled: false, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '质量保证（三包）条款', en: 'guarantee terms' }],
      },
      {
        id: '5.2.5.2',
        name: { zh: '退换货', en: 'Returns and exchanges' },
        text: {
          zh: '按承诺和法律规定办理退货、换货和修理，并有处理记录。',
          en: 'Returns, exchanges and repairs under guarantee are handled as promised and as the law requires, and are recorded.',
        },
        points: 3, scored: true, method: 'sampled', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '抽样退换货处理记录', en: 'sampled return and exchange records' }],
      },
      {
        id: '5.2.5.3',
        name: { zh: '缺陷商品处置', en: 'Defective products and recalls' },
        text: {
          zh: '建立缺陷商品召回和批次质量问题的处置程序。',
          en: 'A procedure exists for recalling defective products and handling batch-quality problems.',
        },
        points: 1, scored: true, method: 'document-review', sampled: false, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '召回与批次质量问题处置程序', en: 'recall and batch-quality procedure' }],
      },
    ],
  },
  {
    id: '5.2.6',
    name: { zh: '废弃商品回收', en: 'End-of-life recovery' },
    requirements: [
      {
        id: '5.2.6.1',
        name: { zh: '回收渠道', en: 'Take-back channel' },
        text: {
          zh: '根据商品特性和法律要求，提供废弃商品或包装的回收渠道并告知顾客。',
          en: 'As the product and the law require, a take-back channel for end-of-life products or packaging exists and customers are told about it.',
        },
        points: 2, scored: true, method: 'document-review', sampled: false, source: 'default', pointsSource: 'default',
        evidence: [
          { zh: '回收政策与回收网点', en: 'take-back policy and collection points' },
          { zh: '向顾客告知回收渠道的材料', en: 'material telling customers about take-back' },
        ],
      },
      {
        id: '5.2.6.2',
        name: { zh: '合规处置', en: 'Compliant disposal' },
        text: {
          zh: '回收的废弃商品交由有资质的机构处置，并有处置记录。',
          en: 'Recovered products are disposed of by qualified organisations, with records.',
        },
        points: 2, scored: true, method: 'document-review', sampled: false, source: 'default', pointsSource: 'default',
        evidence: [
          { zh: '处置机构资质证明', en: 'qualifications of the disposal organisation' },
          { zh: '处置记录', en: 'disposal records' },
        ],
      },
    ],
  },
];
