import type { RequirementNotes } from '../../model';

/**
 * 5.2: the interpretation guide in shared/seed does not reach these requirements; the notes follow
 * the requirement texts, their expected evidence and the standard's intent (shared/docs/domain-gbt27922.md).
 */
export const productServiceNotes: Readonly<Record<string, RequirementNotes>> = {
  '5.2.1.1': {
    guidance: {
      zh: '商品说明书、标识、合格证和三包凭证应真实、准确、完整，带有必要的安全警示。请提交在售主要商品的说明书、标签和三包凭证样本，以及适用的标识和说明书标准。例如：电器铭牌标注额定参数和警示；食品标签含配料和保质期。',
      en: 'Manuals, labels, certificates of conformity and guarantee cards must be true, accurate and complete, with the necessary safety warnings. Provide samples for your main products on sale and the labelling and manual standards that apply. Examples: an appliance rating plate with ratings and warnings; a food label with ingredients and shelf life.',
    },
    evaluatorNotes: {
      zh: '抽样商品对照适用标准检查信息是否真实、准确、完整，安全警示是否齐全醒目，三包凭证内容是否符合规定。按不合格样本比例扣分。',
      en: 'For sampled products check the information against the applicable standards: true, accurate, complete, safety warnings present and visible, guarantee cards as the rules require. Deduct by the share of failed samples.',
    },
  },
  '5.2.1.2': {
    guidance: {
      zh: '销售和交付时应主动告知顾客商品信息、服务承诺、收费标准和服务渠道。本条由认证机构安排神秘顾客到店或来电检验；您可以提供告知用的材料（价目表、服务卡、交付清单）。',
      en: 'At sale and delivery customers must be told the product information, service commitments, charges and how to get service. The certification body checks this with mystery-shopper visits or calls; you may provide the material you use to inform customers (price lists, service cards, delivery checklists).',
    },
    evaluatorNotes: {
      zh: '依据神秘顾客报告判断每次接触中是否告知了商品信息、服务承诺、收费和服务渠道四项内容，告知是否与公开承诺一致。按不合格样本比例扣分。',
      en: 'From the mystery-shopper reports judge whether each contact covered product information, commitments, charges and service channels, consistent with the published commitments. Deduct by the share of failed samples.',
    },
  },
  '5.2.2.1': {
    guidance: {
      zh: '商品需要时，应提供安装、调试和使用培训。提交抽样期间的安装、调试和培训记录（含顾客签认）。例如：空调上门安装单；工业设备调试报告和操作培训签到表。',
      en: 'Where the product needs it, provide installation, commissioning and user training. Provide installation, commissioning and training records from the period, signed by customers. Examples: air-conditioner installation orders; commissioning reports and operator training attendance for industrial equipment.',
    },
    evaluatorNotes: {
      zh: '抽样记录核对服务是否按规范完成、有顾客确认、时限符合承诺；对不需安装的商品确认是否提供了使用指导。按不合格样本比例扣分。',
      en: 'In sampled records check that work followed the procedure, was confirmed by the customer and met the promised time; for products needing no installation confirm that usage guidance was given. Deduct by the share of failed samples.',
    },
  },
  '5.2.2.2': {
    guidance: {
      zh: '提供便捷的技术咨询渠道（服务热线、在线客服等），及时准确地答复顾客。本条由神秘顾客咨询检验；请说明渠道、服务时间和答复时限。',
      en: 'Offer convenient channels for technical questions (hotline, online service) that answer promptly and correctly. Mystery-shopper enquiries test this; state your channels, opening hours and answer times.',
    },
    evaluatorNotes: {
      zh: '依据神秘顾客咨询报告检查渠道是否接通、等待时间、答复是否准确完整、是否在承诺时限内回复。按不合格样本比例扣分。',
      en: 'From the mystery-shopper enquiry reports check that channels were reachable, the waiting time, whether answers were correct and complete and given within the promised time. Deduct by the share of failed samples.',
    },
  },
  '5.2.3.1': {
    guidance: {
      zh: '公开配送范围、时限和收费，并按承诺准时配送。提交公开的配送承诺（官网、订单页面截图）和配送记录。例如：“市区 48 小时送达，免运费”。',
      en: 'Publish your delivery area, lead times and charges, and deliver on time. Provide the published delivery commitments (website, order page screenshots) and delivery records. Example: “delivered within 48 hours in the city, free of charge”.',
    },
    evaluatorNotes: {
      zh: '核对公开承诺的内容是否明确；抽样配送记录比较承诺时限与实际送达时间、实收费用与公示标准。按不合格样本比例扣分。',
      en: 'Check that the published commitments are explicit; in sampled delivery records compare promised and actual delivery times, and charges with the published rates. Deduct by the share of failed samples.',
    },
  },
  '5.2.3.2': {
    guidance: {
      zh: '包装、运输和交接应保证商品完好，配送人员规范服务，交接有验收签字。评审会现场查看仓储、包装和运输；请提供交接单样本和配送人员服务规范。',
      en: 'Packaging, transport and hand-over must keep products intact, delivery staff follow the service rules, and hand-over is signed off. Reviewers look at storage, packaging and transport on site; provide sample hand-over forms and the delivery staff rules.',
    },
    evaluatorNotes: {
      zh: '现场检查仓储和包装是否防护得当、运输是否有防损措施、外包物流是否受控；查看交接单是否有顾客验收签字，破损与投诉记录是否得到处理。',
      en: 'On site check that storage and packaging protect the goods, transport prevents damage, outsourced logistics are controlled; check hand-over forms carry the customer’s signature and that damage and complaints were dealt with.',
    },
  },
  '5.2.4.1': {
    guidance: {
      zh: '公开维修响应时限和修复时限，并按承诺执行。提交公开的维修承诺和维修工单。例如：“接报 2 小时内响应，市区 24 小时内上门”。',
      en: 'Publish repair response and fix times and keep them. Provide the published repair commitments and repair orders. Example: “response within 2 hours, on site within 24 hours in the city”.',
    },
    evaluatorNotes: {
      zh: '抽样维修工单，比较报修、响应、上门和修复时间与承诺时限；超时是否有原因说明和顾客沟通。按不合格样本比例扣分。',
      en: 'In sampled repair orders compare report, response, visit and fix times with the commitments; check whether late jobs were explained to the customer. Deduct by the share of failed samples.',
    },
  },
  '5.2.4.2': {
    guidance: {
      zh: '维修应有记录、可追溯，维修质量经过检验，返修受控。提交维修和检验记录以及返修统计。例如：工单记录故障、更换部件和检测结果；30 天内返修率按月统计。',
      en: 'Repairs must be recorded and traceable, their quality checked and repeat repairs controlled. Provide repair and inspection records and repeat-repair statistics. Examples: orders showing fault, parts replaced and test results; the monthly 30-day repeat-repair rate.',
    },
    evaluatorNotes: {
      zh: '抽样维修记录检查是否能追溯到商品、人员和部件，是否有修后检验；返修是否统计、分析并采取措施。按不合格样本比例扣分。',
      en: 'In sampled records check traceability to product, technician and parts and that repairs were tested afterwards; check that repeat repairs are counted, analysed and acted upon. Deduct by the share of failed samples.',
    },
  },
  '5.2.4.3': {
    guidance: {
      zh: '在承诺或规定期限内保证备件供应，并公开维修收费标准。提交备件供应期限、库存记录和公开的维修价目表。例如：停产后备件保证供应 7 年；官网公布常用配件价格和工时费。',
      en: 'Keep spare parts available for the promised or required period and publish repair charges. Provide spare-part supply periods, stock records and the published repair price list. Examples: parts kept for 7 years after a model ends; common part prices and labour rates on the website.',
    },
    evaluatorNotes: {
      zh: '核对备件供应期限是否不低于承诺和法规要求，库存能否支撑；价目表是否公开、清楚，实际收费是否与公示一致。',
      en: 'Check that the supply period meets the promise and the law and that stock supports it; that the price list is public and clear and actual charges agree with it.',
    },
  },
  '5.2.5.1': {
    guidance: {
      zh: '公开质量保证（三包：修理、更换、退货）条款，内容不得低于法律法规和国家标准的要求。提交三包条款或保修政策文本。例如：家电整机保修一年、主要部件三年。',
      en: 'Publish guarantee (三包: repair, replacement, return) terms no weaker than the law and national standards require. Provide the guarantee terms or warranty policy. Example: one year on the whole appliance, three years on main components.',
    },
    evaluatorNotes: {
      zh: '逐条对照适用的三包规定和国家标准，确认期限和范围不低于法定要求、没有免除法定责任的条款，并已向顾客公开。',
      en: 'Compare each term with the applicable guarantee rules and national standards: periods and coverage at least the legal minimum, no clauses excluding legal liability, and published to customers.',
    },
  },
  '5.2.5.2': {
    guidance: {
      zh: '按承诺和法律规定办理退货、换货和修理，并有处理记录。提交退换货处理记录。例如：7 日内性能故障退货的登记、检测和退款记录。',
      en: 'Handle returns, exchanges and guarantee repairs as promised and as the law requires, with records. Provide return and exchange records. Example: register, test report and refund of a return for a performance fault within 7 days.',
    },
    evaluatorNotes: {
      zh: '抽样退换货记录检查是否符合三包条款和法定时限，处理结果是否有顾客确认，是否存在不当拒绝。按不合格样本比例扣分。',
      en: 'In sampled records check compliance with the guarantee terms and legal time limits, the customer’s confirmation of the outcome, and any improper refusals. Deduct by the share of failed samples.',
    },
  },
  '5.2.5.3': {
    guidance: {
      zh: '建立缺陷商品召回和批次质量问题的处置程序。提交程序文件；有过召回的，附召回记录。例如：发现批次缺陷后的停售、通知顾客、召回和报告主管部门的步骤。',
      en: 'Have a procedure for recalling defective products and handling batch-quality problems. Provide the procedure and, if you have recalled products, the records. Example: steps to stop sales, notify customers, recall and report to the authorities after a batch defect is found.',
    },
    evaluatorNotes: {
      zh: '检查程序是否涵盖发现、评估、停售、通知、召回、报告和记录，职责和时限是否明确，与 5.1.3.1 的专项经费是否衔接；适用召回法规的行业确认符合法规要求。',
      en: 'Check that the procedure covers detection, assessment, stopping sales, notification, recall, reporting and records with clear responsibilities and deadlines, and links to the special reserve of 5.1.3.1; where recall regulations apply, confirm compliance.',
    },
  },
  '5.2.6.1': {
    guidance: {
      zh: '根据商品特性和法律要求，提供废弃商品或包装的回收渠道并告知顾客。提交回收政策、回收点清单和告知顾客的材料。例如：以旧换新；电池和包装回收箱。不适用的商品可申请删减。',
      en: 'Where the product and the law require it, offer a take-back channel for end-of-life products or packaging and tell customers about it. Provide the take-back policy, collection points and the material informing customers. Examples: trade-in schemes; battery and packaging collection boxes. Where it does not apply, ask for an exclusion.',
    },
    evaluatorNotes: {
      zh: '判断本条是否适用（如电子电器、电池、包装负有回收义务）；适用时检查渠道是否实际可用并已告知顾客；不适用的应按删减处理而非给分。',
      en: 'Decide whether this applies (e.g. take-back duties for electronics, batteries, packaging); if it does, check the channel works and customers are told; if not, treat it as an exclusion rather than awarding points.',
    },
  },
  '5.2.6.2': {
    guidance: {
      zh: '回收的废弃商品应交由有资质的机构处置，并有处置记录。提交处置机构的资质证明和处置（转移）记录。例如：与持有废弃电器电子产品处理资格的企业签订的协议和转移联单。',
      en: 'Recovered products must go to qualified disposal organisations, with records. Provide the disposal organisation’s qualifications and disposal (transfer) records. Example: an agreement with a licensed e-waste processor and the transfer manifests.',
    },
    evaluatorNotes: {
      zh: '核验处置机构资质真实有效、覆盖所处置的类别；处置记录的数量与回收量是否对应。',
      en: 'Verify the disposal organisation’s licence is valid and covers the categories handled, and that disposal records match the quantities recovered.',
    },
  },
};
