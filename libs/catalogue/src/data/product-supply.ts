import type { Indicator } from '../model';

/**
 * 5.2.1-5.2.3. The standard's text for these indicators was not available: every requirement here
 * is a platform default that a certification body may rewrite in its own catalogue version.
 */
export const productSupply: readonly Indicator[] = [
  {
    id: '5.2.1',
    name: { zh: '商品信息', en: 'Product information' },
    requirements: [
      {
        id: '5.2.1.1',
        name: { zh: '信息真实完整', en: 'Accurate and complete information' },
        text: {
          zh: '商品说明书、标识、合格证和三包凭证等信息真实、准确、完整，包含必要的安全警示，符合法律法规要求。',
          en: 'Manuals, labels, certificates of conformity and guarantee cards are true, accurate and complete, carry the necessary safety warnings and meet legal requirements.',
        },
        points: 3, scored: true, method: 'sampled', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [
          { zh: '抽样商品的说明书、标识和三包凭证', en: 'manuals, labels and guarantee cards of sampled products' },
          { zh: '适用的标签和说明书标准', en: 'applicable labelling and manual standards' },
        ],
      },
      {
        id: '5.2.1.2',
        name: { zh: '信息告知', en: 'Information given to customers' },
        text: {
          zh: '在销售和交付时向顾客明示商品信息、服务承诺、收费标准和服务渠道。',
          en: 'At sale and delivery, customers are told the product information, service commitments, charges and how to obtain service.',
        },
        points: 3, scored: true, method: 'mystery-shopper', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '神秘顾客走访或来电记录', en: 'mystery-shopper visit or call reports' }],
      },
    ],
  },
  {
    id: '5.2.2',
    name: { zh: '技术支持', en: 'Technical support' },
    requirements: [
      {
        id: '5.2.2.1',
        name: { zh: '安装调试与使用指导', en: 'Installation and instruction' },
        text: {
          zh: '根据商品特性提供安装、调试和使用培训等技术服务。',
          en: 'Installation, commissioning and user training are provided as the product requires.',
        },
        points: 3, scored: true, method: 'sampled', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '抽样安装调试和培训服务记录', en: 'sampled installation, commissioning and training records' }],
      },
      {
        id: '5.2.2.2',
        name: { zh: '技术咨询', en: 'Technical enquiries' },
        text: {
          zh: '提供便捷的技术咨询渠道（如服务热线、在线服务），及时准确地答复顾客。',
          en: 'Convenient channels for technical enquiries (hotline, online service) answer customers promptly and correctly.',
        },
        points: 3, scored: true, method: 'mystery-shopper', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '神秘顾客咨询记录', en: 'mystery-shopper enquiry reports' }],
      },
    ],
  },
  {
    id: '5.2.3',
    name: { zh: '配送', en: 'Delivery' },
    requirements: [
      {
        id: '5.2.3.1',
        name: { zh: '配送承诺', en: 'Delivery commitments' },
        text: {
          zh: '明示配送范围、时限和收费，并按承诺准时配送。',
          en: 'Delivery area, lead times and charges are stated, and deliveries keep to them.',
        },
        points: 3, scored: true, method: 'sampled', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [
          { zh: '配送承诺文件', en: 'published delivery commitments' },
          { zh: '抽样配送单据', en: 'sampled delivery records' },
        ],
      },
      {
        id: '5.2.3.2',
        name: { zh: '配送质量与安全', en: 'Safe and intact delivery' },
        text: {
          zh: '包装、运输和交接能保证商品完好，配送人员规范服务，交接有验收记录。',
          en: 'Packaging, transport and hand-over keep products intact; delivery staff follow the service rules; hand-over is signed off.',
        },
        points: 3, scored: true, method: 'on-site', sampled: false, source: 'default', pointsSource: 'default',
        evidence: [
          { zh: '仓储、包装和运输的现场观察', en: 'observation of storage, packaging and transport' },
          { zh: '交接验收单', en: 'signed hand-over forms' },
        ],
      },
    ],
  },
];
