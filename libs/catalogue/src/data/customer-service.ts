import type { Indicator } from '../model';

/**
 * 5.3.1-5.3.2. The standard's text for these indicators was not available: every requirement here
 * is a platform default that a certification body may rewrite in its own catalogue version.
 */
export const customerService: readonly Indicator[] = [
  {
    id: '5.3.1',
    name: { zh: '顾客关系', en: 'Customer relations' },
    requirements: [
      {
        id: '5.3.1.1',
        name: { zh: '顾客信息管理', en: 'Customer records and privacy' },
        text: {
          zh: '建立顾客档案，并保护顾客个人信息安全。',
          en: 'Customer records are kept and customers’ personal information is protected.',
        },
        points: 3, scored: true, method: 'document-review', sampled: false, source: 'default', pointsSource: 'default',
        evidence: [
          { zh: '顾客档案或顾客信息系统', en: 'customer records or customer information system' },
          { zh: '个人信息保护制度', en: 'personal information protection rules' },
        ],
      },
      {
        id: '5.3.1.2',
        name: { zh: '顾客回访', en: 'Follow-up contacts' },
        text: {
          zh: '对服务进行回访，回访有记录，顾客意见得到跟进。',
          en: 'Customers are contacted after service, contacts are recorded and their comments followed up.',
        },
        points: 3, scored: true, method: 'sampled', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '抽样回访记录', en: 'sampled follow-up records' }],
      },
      {
        id: '5.3.1.3',
        name: { zh: '满意度测量', en: 'Satisfaction measurement' },
        text: {
          zh: '定期测量顾客满意度，分析结果并采取措施。',
          en: 'Customer satisfaction is measured regularly, the results analysed and acted upon.',
        },
        points: 2, scored: true, method: 'document-review', sampled: false, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '顾客满意度调查报告与改进措施', en: 'satisfaction survey reports and resulting actions' }],
      },
      {
        id: '5.3.1.4',
        name: { zh: '顾客评价', en: 'Customers’ view' },
        text: {
          zh: '在认证机构的抽样调查中，顾客确认获得了承诺的服务。',
          en: 'In the certification body’s sample survey, customers confirm they received the promised service.',
        },
        points: 2, scored: true, method: 'customer-survey', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '认证机构顾客调查结果', en: 'results of the certification body’s customer survey' }],
      },
      {
        id: '5.3.1.5',
        name: { zh: '服务沟通', en: 'Service conduct' },
        text: {
          zh: '服务人员礼貌、规范、有效地与顾客沟通。',
          en: 'Service staff communicate with customers courteously, correctly and effectively.',
        },
        points: 2, scored: true, method: 'mystery-shopper', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '神秘顾客走访或来电记录', en: 'mystery-shopper visit or call reports' }],
      },
    ],
  },
  {
    id: '5.3.2',
    name: { zh: '投诉处理', en: 'Complaint handling' },
    requirements: [
      {
        id: '5.3.2.1',
        name: { zh: '投诉渠道', en: 'Complaint channels' },
        text: {
          zh: '公开投诉渠道（电话、网络、现场等），并保持畅通。',
          en: 'Complaint channels (telephone, online, in person) are published and reachable.',
        },
        points: 3, scored: true, method: 'mystery-shopper', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [
          { zh: '公开的投诉渠道', en: 'published complaint channels' },
          { zh: '神秘顾客投诉测试记录', en: 'mystery-shopper complaint test reports' },
        ],
      },
      {
        id: '5.3.2.2',
        name: { zh: '投诉处理制度', en: 'Complaint procedure' },
        text: {
          zh: '建立投诉处理制度，明确受理、处理和反馈的职责与时限。',
          en: 'A complaint procedure assigns responsibilities and time limits for receiving, handling and answering complaints.',
        },
        points: 3, scored: true, method: 'document-review', sampled: false, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '投诉处理制度', en: 'complaint procedure' }],
      },
      {
        id: '5.3.2.3',
        name: { zh: '投诉处理实施', en: 'Complaints handled' },
        text: {
          zh: '投诉在承诺时限内得到处理并向顾客反馈，处理过程有完整记录。',
          en: 'Complaints are handled and answered within the promised time, with complete records.',
        },
        points: 4, scored: true, method: 'sampled', sampled: true, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '抽样投诉案例及处理记录', en: 'sampled complaint cases and their records' }],
      },
      {
        id: '5.3.2.4',
        name: { zh: '投诉分析', en: 'Complaint analysis' },
        text: {
          zh: '对投诉进行统计分析，并将结果用于改进。',
          en: 'Complaints are analysed and the results used for improvement.',
        },
        points: 3, scored: true, method: 'document-review', sampled: false, source: 'default', pointsSource: 'default',
        evidence: [{ zh: '投诉统计分析报告', en: 'complaint analysis reports' }],
      },
    ],
  },
];
