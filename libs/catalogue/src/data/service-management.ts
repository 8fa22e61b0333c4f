import type { Indicator } from '../model';

/**
 * 5.1.4-5.1.5 paraphrase the standard's requirements (the verbatim text was not available);
 * 5.1.6-5.1.7 are platform defaults a certification body may rewrite. All points are defaults.
 */
export const serviceManagement: readonly Indicator[] = [
  {
    id: '5.1.4',
    name: { zh: '规范要求', en: 'Service rules' },
    requirements: [
      {
        id: '5.1.4.1',
        name: { zh: '服务规范', en: 'Written service rules' },
        text: {
          zh: '对各项售后服务活动制定书面规范（如售后服务手册），明确服务内容、流程和标准。',
          en: 'Every after-sales activity is governed by written rules (e.g. an after-sales service manual) stating its content, process and standards.',
        },
        points: 2, scored: true, method: 'document-review', sampled: false, source: 'standard', pointsSource: 'default',
        evidence: [
          { zh: '售后服务手册', en: 'after-sales service manual' },
          { zh: '服务流程与服务标准文件', en: 'service process and service standard documents' },
        ],
      },
      {
        id: '5.1.4.2',
        name: { zh: '法律法规', en: 'Applicable laws' },
        text: {
          zh: '识别适用的法律法规和标准，并使相关人员知晓。',
          en: 'Applicable laws, regulations and standards are identified and known to the staff concerned.',
        },
        points: 2, scored: true, method: 'sampled', sampled: true, source: 'standard', pointsSource: 'default',
        evidence: [
          { zh: '适用法律法规和标准清单', en: 'list of applicable laws, regulations and standards' },
          { zh: '抽样人员访谈记录', en: 'interview notes of sampled staff' },
        ],
      },
    ],
  },
  {
    id: '5.1.5',
    name: { zh: '监督', en: 'Supervision' },
    requirements: [
      {
        id: '5.1.5.1',
        name: { zh: '监督机构', en: 'Supervision body' },
        text: {
          zh: '设立售后服务监督机构并配备专职人员。',
          en: 'A body supervising after-sales service is set up and staffed full-time.',
        },
        points: 2, scored: true, method: 'document-review', sampled: false, source: 'standard', pointsSource: 'default',
        evidence: [
          { zh: '监督机构设立文件', en: 'document establishing the supervision body' },
          { zh: '专职监督人员名单', en: 'list of full-time supervision staff' },
        ],
      },
      {
        id: '5.1.5.2',
        name: { zh: '奖惩机制', en: 'Rewards and penalties' },
        text: {
          zh: '建立与监督结果挂钩的奖惩机制并有效实施。',
          en: 'Rewards and penalties are tied to supervision results and applied.',
        },
        points: 1, scored: true, method: 'document-review', sampled: false, source: 'standard', pointsSource: 'default',
        evidence: [{ zh: '奖惩制度及实施记录', en: 'reward and penalty rules and records of their use' }],
      },
      {
        id: '5.1.5.3',
        name: { zh: '内外部评价', en: 'Internal and external evaluation' },
        text: {
          zh: '开展售后服务的内部评价和外部评价。',
          en: 'After-sales service is evaluated internally and externally.',
        },
        points: 2, scored: true, method: 'document-review', sampled: false, source: 'standard', pointsSource: 'default',
        evidence: [
          { zh: '内部评价（检查、审核）报告', en: 'internal evaluation (inspection, audit) reports' },
          { zh: '外部评价报告（如第三方评价、顾客评价）', en: 'external evaluation reports (third party, customers)' },
        ],
      },
    ],
  },
  {
    id: '5.1.6',
    name: { zh: '改进', en: 'Improvement' },
    requirements: [
      {
        id: '5.1.6.1',
        name: { zh: '信息分析', en: 'Analysis of service information' },
        text: {
          zh: '定期收集和分析服务数据、顾客反馈、投诉和监督评价结果，识别改进机会。',
          en: 'Service data, customer feedback, complaints and supervision results are collected and analysed regularly to find opportunities for improvement.',
        },
        points: 1, scored: true, method: 'document-review', sampled: false, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '服务数据分析报告', en: 'service data analysis reports' }],
      },
      {
        id: '5.1.6.2',
        name: { zh: '改进措施', en: 'Improvement actions' },
        text: {
          zh: '针对识别的问题制定并实施纠正和改进措施，并验证其有效性。',
          en: 'Corrective and improvement actions are planned and taken for the problems found, and their effectiveness is verified.',
        },
        points: 2, scored: true, method: 'document-review', sampled: false, source: 'default', pointsSource: 'default',
        evidence: [
          { zh: '改进计划与实施记录', en: 'improvement plans and records of their implementation' },
          { zh: '改进效果验证记录', en: 'records verifying the effect of improvements' },
        ],
      },
    ],
  },
  {
    id: '5.1.7',
    name: { zh: '服务文化', en: 'Service culture' },
    requirements: [
      {
        id: '5.1.7.1',
        name: { zh: '服务理念', en: 'Service philosophy' },
        text: {
          zh: '确立并公开服务理念和服务承诺，并将其纳入企业文化。',
          en: 'A service philosophy and service commitments are defined, published and part of the corporate culture.',
        },
        points: 1, scored: true, method: 'document-review', sampled: false, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '服务理念与服务承诺文件及公开方式', en: 'service philosophy and commitments, and where they are published' }],
      },
      {
        id: '5.1.7.2',
        name: { zh: '文化践行', en: 'Culture in practice' },
        text: {
          zh: '服务人员理解服务理念并在服务活动中践行。',
          en: 'Service staff understand the service philosophy and practise it in their work.',
        },
        points: 2, scored: true, method: 'sampled', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '抽样人员访谈与服务现场观察记录', en: 'interviews of sampled staff and observation of service on site' }],
      },
    ],
  },
];
