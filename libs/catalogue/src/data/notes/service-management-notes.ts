import type { RequirementNotes } from '../../model';

/**
 * 5.1.4-5.1.7: the interpretation guide in shared/seed stops at 5.1.3, so these follow the
 * requirement texts, their expected evidence and the standard's intent (shared/docs/domain-gbt27922.md).
 */
export const serviceManagementNotes: Readonly<Record<string, RequirementNotes>> = {
  '5.1.4.1': {
    guidance: {
      zh: '每项售后服务活动都应有书面规范，写明服务内容、流程和标准。提交售后服务手册或成套的流程和标准文件即可。例如：上门安装作业规范（预约、到达时限、作业步骤、验收）；电话客服话术和首问负责制。',
      en: 'Every after-sales activity needs written rules stating what is done, how and to what standard. An after-sales service manual or a set of process and standard documents is enough. Examples: an on-site installation procedure (booking, arrival time, steps, sign-off); call-centre scripts and a first-contact-owns-it rule.',
    },
    evaluatorNotes: {
      zh: '对照组织实际开展的服务活动，检查每项活动是否都有书面规范，内容、流程和标准是否明确可执行、文件是否现行有效；缺少规范的活动应记录不符合。',
      en: 'Against the services the organisation actually provides, check that each has written rules whose content, process and standard are clear and usable, and that the documents are current. An activity without rules is a nonconformity.',
    },
  },
  '5.1.4.2': {
    guidance: {
      zh: '列出适用于您的商品和服务的法律法规和标准（如消费者权益保护法、三包规定、个人信息保护法、产品标准），并说明如何让相关人员知晓，如培训记录或考试。评审会抽样询问员工。',
      en: 'List the laws, regulations and standards that apply to your products and services (e.g. consumer protection law, guarantee (三包) rules, personal information protection law, product standards) and show how the staff concerned learn them, such as training records or tests. Reviewers will ask sampled staff.',
    },
    evaluatorNotes: {
      zh: '检查清单是否完整、现行（含行业特殊要求）；抽样询问一线和管理人员对与其岗位相关的法规条款是否知晓。按不合格样本比例扣分；发现违法违规应考虑特别扣分项。',
      en: 'Check the list is complete and current (industry-specific rules included); ask sampled front-line staff and managers about the provisions relevant to their posts. Deduct by the share of failed samples; a breach of law is a candidate special deduction.',
    },
  },
  '5.1.5.1': {
    guidance: {
      zh: '证明设立了监督售后服务的机构并配有专职人员。提交机构设立文件（任命或发文）和专职监督人员名单及职责。例如：质量与服务督察部，配 3 名专职督察员。',
      en: 'Show that a body supervising after-sales service exists and has full-time staff. Provide the document setting it up (appointment or notice) and the list of full-time supervisors with their duties. Example: a quality and service inspection office with three full-time inspectors.',
    },
    evaluatorNotes: {
      zh: '确认监督机构独立于被监督的服务执行部门，人员为专职而非兼任，职责明确并已实际开展监督（查看监督记录）。',
      en: 'Confirm that the supervising body is independent of the service units it supervises, that its staff are full-time rather than part-time, and that its duties are defined and exercised (look at supervision records).',
    },
  },
  '5.1.5.2': {
    guidance: {
      zh: '说明监督结果如何与奖惩挂钩，并提供执行记录。例如：神秘顾客检查不合格的网点扣减绩效；季度投诉率最低的团队获得奖励。',
      en: 'Show how supervision results lead to rewards and penalties, with records of their use. Examples: outlets failing a mystery-shopper check lose part of their bonus; the team with the lowest quarterly complaint rate is rewarded.',
    },
    evaluatorNotes: {
      zh: '检查奖惩制度是否与监督结果直接关联，并抽查记录确认已实际兑现；只有制度没有执行记录视为未有效实施。',
      en: 'Check that the rules link rewards and penalties directly to supervision results, and sample records to confirm they were applied; rules without records of use are not effective.',
    },
  },
  '5.1.5.3': {
    guidance: {
      zh: '提供售后服务内部评价（内部检查、审核）和外部评价（第三方评价、顾客评价）的报告。例如：年度内部服务审核报告；第三方满意度调查；行业协会评价结果。',
      en: 'Provide reports of internal evaluation (inspections, audits) and external evaluation (third parties, customers) of after-sales service. Examples: an annual internal service audit; a third-party satisfaction study; an industry association’s assessment.',
    },
    evaluatorNotes: {
      zh: '确认内部和外部评价两者都有，且在评价周期内按计划开展；评价发现的问题是否有跟踪（与 5.1.6 改进相衔接）。',
      en: 'Confirm both internal and external evaluation took place as planned within the period, and that problems they found are followed up (linking to improvement, 5.1.6).',
    },
  },
  '5.1.6.1': {
    guidance: {
      zh: '说明定期收集和分析服务数据、顾客反馈、投诉和监督评价结果，找出改进机会。提交数据分析报告即可，例如月度服务质量分析（及时率、一次修复率、投诉类型趋势）。',
      en: 'Show that service data, customer feedback, complaints and supervision results are collected and analysed regularly to find improvements. Analysis reports are enough, for example a monthly service quality review (timeliness, first-time fix rate, complaint trends).',
    },
    evaluatorNotes: {
      zh: '检查分析是否定期进行、数据来源是否覆盖服务数据、顾客反馈、投诉和监督结果，分析是否得出具体的改进机会而非仅罗列数据。',
      en: 'Check that analysis is regular, that its sources include service data, customer feedback, complaints and supervision results, and that it identifies concrete improvements rather than only listing figures.',
    },
  },
  '5.1.6.2': {
    guidance: {
      zh: '对发现的问题制定并实施纠正和改进措施，并验证效果。提交改进计划、实施记录和效果验证记录。例如：针对安装延误增加周末班次，三个月后及时率由 85% 提升到 96%。',
      en: 'Plan and take corrective and improvement actions for the problems found, and check their effect. Provide improvement plans, records of implementation and of the verified effect. Example: weekend shifts added against installation delays; three months later on-time installation rose from 85% to 96%.',
    },
    evaluatorNotes: {
      zh: '抽取已识别的问题，追踪其措施是否落实、是否有效果验证；措施与问题原因是否对应；重复发生的问题说明改进无效。',
      en: 'Take problems the organisation identified and trace whether actions were taken and their effect verified; actions must address the causes; problems that keep recurring show improvement is not effective.',
    },
  },
  '5.1.7.1': {
    guidance: {
      zh: '提交企业确立的服务理念和服务承诺，以及公开的位置（官网、门店、说明书、合同等），并说明如何纳入企业文化。例如：“24 小时响应、48 小时修复”的承诺印在保修卡和官网上。',
      en: 'Provide your service philosophy and commitments, where they are published (website, shops, manuals, contracts) and how they are part of the corporate culture. Example: a “24-hour response, 48-hour fix” promise printed on the guarantee card and the website.',
    },
    evaluatorNotes: {
      zh: '确认服务理念和承诺已书面确立并对顾客公开，承诺内容具体可衡量，并体现在企业文化和内部文件中；公开的承诺应与其他要求（维修、配送时限等）一致。',
      en: 'Confirm the philosophy and commitments are written, published to customers, concrete and measurable, and present in the corporate culture and internal documents; published promises must agree with other requirements (repair and delivery times).',
    },
  },
  '5.1.7.2': {
    guidance: {
      zh: '评审会抽样访谈服务人员并现场观察服务，确认员工理解并践行服务理念。您可以提供服务文化宣贯材料和员工践行的事例作为补充。',
      en: 'Reviewers will interview sampled service staff and observe service on site to confirm staff understand and live the service philosophy. You may add service-culture material and examples of staff putting it into practice.',
    },
    evaluatorNotes: {
      zh: '抽样访谈员工能否说出服务理念及其在本岗位的含义，现场观察服务行为是否与承诺一致。按不合格样本比例扣分。',
      en: 'Ask sampled staff to state the service philosophy and what it means for their post, and observe on site whether their conduct matches the commitments. Deduct by the share of failed samples.',
    },
  },
};
