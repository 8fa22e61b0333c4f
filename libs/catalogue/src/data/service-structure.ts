import type { Indicator } from '../model';

/**
 * 5.1.1-5.1.3: texts follow the standard as quoted by the certification guide in shared/seed.
 * Points are a default allocation except 5.1.2.2 (5 points, known) and 5.1.1.3 (explanatory, none).
 */
export const serviceStructure: readonly Indicator[] = [
  {
    id: '5.1.1',
    name: { zh: '组织架构', en: 'Organisation' },
    requirements: [
      {
        id: '5.1.1.1',
        name: { zh: '售后服务部门', en: 'After-sales department' },
        text: {
          zh: '设立或指定专门从事售后服务工作的部门，并有合理的职能划分和岗位设置。',
          en: 'A department dedicated to after-sales service is established or designated, with a sensible division of functions and posts.',
        },
        points: 3, scored: true, method: 'document-review', sampled: false, source: 'standard', pointsSource: 'default',
        evidence: [
          { zh: '组织架构图', en: 'organisation chart' },
          { zh: '部门职能与岗位说明书', en: 'department functions and job descriptions' },
        ],
      },
      {
        id: '5.1.1.2',
        name: { zh: '服务网点', en: 'Service outlets' },
        text: {
          zh: '根据需要，服务网点覆盖商品销售区域，能够对服务网点进行有效管理。',
          en: 'Where needed, service outlets cover the sales area of the products and are managed effectively.',
        },
        points: 3, scored: true, method: 'sampled', sampled: true, source: 'standard', pointsSource: 'default',
        evidence: [
          { zh: '服务网点清单与销售区域对照', en: 'list of outlets mapped against sales regions' },
          { zh: '网点设立条件与管理制度', en: 'outlet set-up criteria and management rules' },
          { zh: '抽样网点的人员、派工和及时率记录', en: 'staff, dispatch and timeliness records of sampled outlets' },
        ],
      },
      {
        // Explanatory clause: the standard gives it no points (see README).
        id: '5.1.1.3',
        name: { zh: '网点设立方式', en: 'Owned or contracted outlets' },
        text: { zh: '可通过自建或委托设立服务网点。', en: 'Service outlets may be owned or contracted.' },
        points: 0, scored: false, method: 'document-review', sampled: false, source: 'standard', pointsSource: 'standard',
        evidence: [{ zh: '委托服务协议（如有）', en: 'contracted service agreements, if any' }],
      },
    ],
  },
  {
    id: '5.1.2',
    name: { zh: '人员配置', en: 'Staffing' },
    requirements: [
      {
        id: '5.1.2.1',
        name: { zh: '人员资质', en: 'Qualified staff' },
        text: {
          zh: '根据行业特性，配置符合岗位要求并有相应资质水平的售后服务技术人员和业务人员。',
          en: 'According to the industry, after-sales technical and business staff meet the requirements of their posts and hold the corresponding qualifications.',
        },
        points: 5, scored: true, method: 'sampled', sampled: true, source: 'standard', pointsSource: 'default',
        evidence: [
          { zh: '服务人员花名册与岗位要求', en: 'roster of service staff and post requirements' },
          { zh: '资质证书（含外包人员）', en: 'qualification certificates, contracted staff included' },
        ],
      },
      {
        id: '5.1.2.2',
        name: { zh: '售后服务管理师', en: 'Certified after-sales service managers' },
        text: {
          zh: '按服务管理人员总数的10%配置售后服务管理师，负责对售后服务工作的管理和对售后服务活动的指导。',
          en: 'Certified after-sales service managers (售后服务管理师) number 10% of all service managers; they manage after-sales work and guide after-sales activities.',
        },
        points: 5, scored: true, method: 'document-review', sampled: false, source: 'standard', pointsSource: 'standard',
        evidence: [
          { zh: '服务管理人员名单（总部及分支机构、网点）', en: 'list of service managers at headquarters, branches and outlets' },
          { zh: '售后服务管理师证书', en: 'after-sales service manager certificates' },
        ],
      },
    ],
  },
  {
    id: '5.1.3',
    name: { zh: '资源配置', en: 'Resources' },
    requirements: [
      {
        id: '5.1.3.1',
        name: { zh: '经费保障', en: 'Funding' },
        text: {
          zh: '应提供充足的经费保障，并能提前准备应对特定问题的专项经费。（注：当商品涉及安全问题或批次质量问题时，需要提供专项经费，例如赔偿准备金、保险等。）',
          en: 'Adequate funding is provided, with a special reserve prepared in advance for specific problems (e.g. a compensation reserve or insurance where products involve safety or batch-quality issues).',
        },
        points: 3, scored: true, method: 'document-review', sampled: false, source: 'standard', pointsSource: 'default',
        evidence: [
          { zh: '售后服务经费预算与执行记录', en: 'after-sales budget and spending records' },
          { zh: '赔偿准备金、产品责任险等专项经费证明', en: 'proof of a compensation reserve, product liability insurance or similar' },
          { zh: '商品安全风险识别与应对措施', en: 'identified product safety risks and planned responses' },
        ],
      },
      {
        id: '5.1.3.2',
        name: { zh: '内部保障', en: 'Internal support' },
        text: {
          zh: '售后服务组织应提供内部保障，具体包括：长期保持服务专业技术培训和业务人员的业务技能培训，使其有良好的素质和能力；定期或不定期的服务文化的培训；有效的评优、奖励、晋升和员工关怀机制。',
          en: 'Internal support: continuous technical and business-skills training of service staff; regular or occasional service-culture training; effective appraisal, reward, promotion and staff-care mechanisms.',
        },
        points: 3, scored: true, method: 'document-review', sampled: false, source: 'standard', pointsSource: 'default',
        evidence: [
          { zh: '年度培训计划、培训记录与考核结果', en: 'annual training plan, training records and test results' },
          { zh: '服务文化培训记录', en: 'service-culture training records' },
          { zh: '评优、奖励、晋升和员工关怀制度及记录', en: 'appraisal, reward, promotion and staff-care rules and records' },
        ],
      },
      {
        id: '5.1.3.3',
        name: { zh: '基础设施', en: 'Infrastructure' },
        text: {
          zh: '售后服务组织应提供基础设施，具体包括：办公场所和服务场所；售后服务设施，例如顾客信息系统、安全保障措施等；售后服务活动中涉及的工具、备品备件等。',
          en: 'Infrastructure: offices and service premises; after-sales facilities such as a customer information system and safety measures; tools and spare parts used in after-sales activities.',
        },
        points: 3, scored: true, method: 'sampled', sampled: true, source: 'standard', pointsSource: 'default',
        evidence: [
          { zh: '抽样服务场所的现场检查记录', en: 'inspection records of sampled service premises' },
          { zh: '顾客信息系统演示', en: 'demonstration of the customer information system' },
          { zh: '安全标识、设备及工具、备品备件清单', en: 'safety signs and equipment, tool and spare-part inventories' },
        ],
      },
    ],
  },
];
