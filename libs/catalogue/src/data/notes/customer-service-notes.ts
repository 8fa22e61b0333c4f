import type { RequirementNotes } from '../../model';

/**
 * 5.3: the interpretation guide in shared/seed does not reach these requirements; the notes follow
 * the requirement texts, their expected evidence and the standard's intent (shared/docs/domain-gbt27922.md).
 */
export const customerServiceNotes: Readonly<Record<string, RequirementNotes>> = {
  '5.3.1.1': {
    guidance: {
      zh: '建立顾客档案并保护顾客个人信息。提交顾客信息系统或档案的说明（可附脱敏截图）和个人信息保护制度。例如：权限分级访问的 CRM；员工保密承诺书。',
      en: 'Keep customer records and protect customers’ personal information. Provide a description of the customer system or records (anonymised screenshots welcome) and your personal information protection rules. Examples: a CRM with role-based access; staff confidentiality undertakings.',
    },
    evaluatorNotes: {
      zh: '检查档案是否覆盖购买和服务历史；个人信息保护措施是否落实（访问权限、最小必要、保存期限、泄露处置），是否符合个人信息保护法规。',
      en: 'Check that records hold purchase and service history; that protection is in place (access rights, data minimisation, retention, breach handling) and complies with personal information law.',
    },
  },
  '5.3.1.2': {
    guidance: {
      zh: '服务后对顾客回访并记录，顾客意见要有跟进。提交回访记录。例如：维修完成 3 天内电话回访，不满意的转交主管处理并回复。',
      en: 'Contact customers after service, record it and follow up their comments. Provide follow-up records. Example: a call within 3 days of a repair; dissatisfied customers passed to a supervisor who replies.',
    },
    evaluatorNotes: {
      zh: '抽样服务单核对是否按规定回访、回访是否有记录，顾客提出的问题是否闭环跟进。按不合格样本比例扣分。',
      en: 'For sampled service orders check the follow-up happened as required and was recorded, and that issues raised were followed through to closure. Deduct by the share of failed samples.',
    },
  },
  '5.3.1.3': {
    guidance: {
      zh: '定期测量顾客满意度，分析结果并采取措施。提交满意度调查报告和据此采取的措施。例如：年度满意度调查显示送货时间评价低，随后增加了配送车辆。',
      en: 'Measure customer satisfaction regularly, analyse the results and act on them. Provide survey reports and the resulting actions. Example: the yearly survey rated delivery times low, so delivery vehicles were added.',
    },
    evaluatorNotes: {
      zh: '检查测量是否定期、方法和样本是否合理，结果是否分析到具体问题，措施是否落实。',
      en: 'Check that measurement is regular with a sound method and sample, that results are analysed down to specific problems, and that actions were taken.',
    },
  },
  '5.3.1.4': {
    guidance: {
      zh: '认证机构将抽样调查您的顾客，确认他们获得了承诺的服务。请在需要时配合提供可联系的顾客名单；您无需为本条上传文件。',
      en: 'The certification body will survey a sample of your customers to confirm they received the promised service. Provide a list of contactable customers when asked; you need not upload anything for this requirement.',
    },
    evaluatorNotes: {
      zh: '确认抽样名单由认证机构独立抽取，而非由企业挑选；依据调查结果统计未获得承诺服务的顾客比例扣分。',
      en: 'Make sure the sample is drawn independently by the certification body, not chosen by the organisation; deduct by the share of customers who did not receive the promised service.',
    },
  },
  '5.3.1.5': {
    guidance: {
      zh: '服务人员应礼貌、规范、有效地与顾客沟通。本条由神秘顾客到店或来电检验；您可以提供服务礼仪规范和沟通培训材料。',
      en: 'Service staff must communicate courteously, correctly and effectively. Mystery-shopper visits or calls test this; you may provide your service etiquette rules and communication training material.',
    },
    evaluatorNotes: {
      zh: '依据神秘顾客报告评判礼貌用语、规范流程和问题是否得到有效解决。按不合格样本比例扣分。',
      en: 'From the mystery-shopper reports judge courtesy, adherence to the procedure and whether the customer’s question was actually resolved. Deduct by the share of failed samples.',
    },
  },
  '5.3.2.1': {
    guidance: {
      zh: '公开投诉渠道（电话、网络、现场等）并保持畅通。提交公开渠道的截图或照片；认证机构会以神秘顾客方式测试投诉渠道。',
      en: 'Publish complaint channels (telephone, online, in person) and keep them reachable. Provide screenshots or photos of where they are published; the certification body tests them as a mystery shopper.',
    },
    evaluatorNotes: {
      zh: '确认渠道已公开且易于找到；依据神秘顾客测试报告检查是否接通、是否登记受理、是否给出处理时限。按不合格样本比例扣分。',
      en: 'Confirm the channels are published and easy to find; from the mystery-shopper tests check they were reachable, the complaint was registered and a handling time was given. Deduct by the share of failed samples.',
    },
  },
  '5.3.2.2': {
    guidance: {
      zh: '建立投诉处理制度，写明受理、处理和反馈的职责与时限。提交投诉处理程序。例如：24 小时内受理确认，7 个工作日内给出处理结果，重大投诉升级到总经理。',
      en: 'Have a complaint procedure stating who receives, handles and answers complaints and within what time. Provide the procedure. Example: acknowledged within 24 hours, resolved within 7 working days, serious complaints escalated to the general manager.',
    },
    evaluatorNotes: {
      zh: '检查程序是否涵盖受理、登记、调查、处理、反馈、升级和记录，职责和时限是否明确，与公开的投诉承诺是否一致。',
      en: 'Check that the procedure covers receipt, registration, investigation, resolution, answer, escalation and records, with clear responsibilities and time limits consistent with the published complaint commitments.',
    },
  },
  '5.3.2.3': {
    guidance: {
      zh: '投诉应在承诺时限内处理并反馈顾客，全过程有记录。提交投诉案例及其处理记录。例如：投诉登记、调查结论、处理方案、顾客反馈确认。',
      en: 'Handle and answer complaints within the promised time, with complete records. Provide complaint cases and their records. Example: registration, findings, the remedy and the customer’s confirmation.',
    },
    evaluatorNotes: {
      zh: '抽样投诉案例核对时限是否符合制度和承诺、记录是否完整、顾客是否得到反馈；重大投诉处理不当考虑特别扣分项。按不合格样本比例扣分。',
      en: 'For sampled complaints check timeliness against the procedure and commitments, completeness of records and that the customer got an answer; badly handled serious complaints are candidate special deductions. Deduct by the share of failed samples.',
    },
  },
  '5.3.2.4': {
    guidance: {
      zh: '对投诉进行统计分析，并将结果用于改进。提交投诉分析报告及由此产生的改进。例如：季度投诉按原因分类，主要原因为安装延误，据此调整排班。',
      en: 'Analyse complaints and use the results for improvement. Provide complaint analysis reports and the improvements they led to. Example: quarterly complaints grouped by cause; installation delays lead, so rosters were changed.',
    },
    evaluatorNotes: {
      zh: '检查分析是否定期、是否按原因和趋势分类，并能追溯到具体的改进措施（与 5.1.6 衔接）。',
      en: 'Check that analysis is regular, grouped by cause and trend, and traceable to concrete improvements (linking to 5.1.6).',
    },
  },
};
