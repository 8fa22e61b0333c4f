import type { RequirementNotes } from '../../model';

/**
 * 5.1.1-5.1.3, written for this platform from the interpretation chapter in shared/seed (what each
 * requirement covers, industry examples, what evaluators must look at), not copied from it.
 */
export const serviceStructureNotes: Readonly<Record<string, RequirementNotes>> = {
  '5.1.1.1': {
    guidance: {
      zh: '说明由哪个部门负责售后服务，以及配送、维修、投诉、培训、监督、改进等环节分别由谁承担。提交组织架构图和各部门职能、岗位说明即可。例如：家电企业的客服中心下设安装维修部和投诉受理组；服务外包时写明由哪个内部岗位管理外包方。',
      en: 'Show which department runs after-sales service and who covers each step: delivery, repair, complaints, training, supervision, improvement. An organisation chart with the functions and job descriptions of each unit is enough. Examples: an appliance maker whose customer centre has an installation-and-repair unit and a complaints desk; where service is outsourced, the internal post that manages the contractor.',
    },
    evaluatorNotes: {
      zh: '核对架构图中是否有明确的售后服务部门，职能是否覆盖服务全过程（含监督、改进、商品信息、配送维修、投诉反馈等适用环节）；岗位设置是否与企业的商品和服务规模相适应；无人负责的环节应作为不符合记录。',
      en: 'Check that the chart names a department for after-sales service and that its functions cover every applicable step of service (supervision, improvement, product information, delivery and repair, complaint feedback). Posts must fit the products and the size of the service; a step nobody is responsible for is a nonconformity.',
    },
  },
  '5.1.1.2': {
    guidance: {
      zh: '服务网点包括门店、展厅以及配送、维修站点等一切面向顾客提供服务的地点。请提供网点清单并对照销售区域，说明网点的设立条件和管理办法，以及网点的人员、派工和及时率记录。例如：工程机械在外省销售，就在当地设服务中心；没有网点、由总部直接派工的，说明如何保证到达时限。',
      en: 'Service outlets are every place that serves customers: shops, showrooms, delivery and repair points. Provide a list of outlets set against the regions where you sell, the conditions and rules for running an outlet, and staffing, dispatch and on-time records. Examples: machinery sold in another province is served by a service centre there; if headquarters dispatches engineers instead of running outlets, show how response times are kept.',
    },
    evaluatorNotes: {
      zh: '按行业识别哪些场所属于服务网点；核对销售区域是否都有服务覆盖。抽样网点检查其服务能力：技术人员数量、派工量、及时率控制；检查总部对网点设立条件、资源和执行能力的控制与监督。按不合格样本比例扣分。',
      en: 'Identify which sites count as outlets for this industry and check that every sales region is covered. In sampled outlets check the capacity to serve: number of technicians, dispatch volume, control of timeliness; check how headquarters controls set-up, resources and performance of outlets. Deduct by the share of failed samples.',
    },
  },
  '5.1.1.3': {
    guidance: {
      zh: '说明性条款，不计分：网点可以自建、委托（如特约维修网点）、加盟或与经销商合营。如有委托或加盟网点，请附服务协议，以便评审在 5.1.1.2 中一并考虑。',
      en: 'Explanatory, no points: outlets may be your own, contracted (e.g. authorised repair shops), franchised or run jointly with dealers. If some are contracted or franchised, attach the service agreements so that reviewers can take them into account under 5.1.1.2.',
    },
    evaluatorNotes: {
      zh: '本条不评分。确认委托或加盟网点有书面协议，并在 5.1.1.2 的抽样和管理检查中包括这些网点。',
      en: 'Not scored. Confirm that contracted or franchised outlets have written agreements and include them in the sampling and management checks of 5.1.1.2.',
    },
  },
  '5.1.2.1': {
    guidance: {
      zh: '证明服务技术人员和业务人员符合岗位要求并持有相应资质。提交人员名册、岗位要求和资质证书；证书可以是国家、地方、行业协会颁发，也可以是企业培训考核后自行颁发。法律法规有特殊要求的（如电工、压力设备）必须持有法定证书。外包服务人员也要有资质规定。',
      en: 'Show that service technicians and business staff meet their post requirements and are qualified. Provide the staff roster, post requirements and certificates; certificates may come from national, local or industry bodies, or from your own training and test. Where the law requires a licence (e.g. electricians, pressure equipment) it must be the statutory one. Set qualification rules for contracted staff too.',
    },
    evaluatorNotes: {
      zh: '抽样人员核对证书与岗位要求是否一致、是否在有效期内；法规有特殊资质要求的岗位必须持法定证书；检查企业是否对外包人员资质作出规定并执行。按不合格样本比例扣分。',
      en: 'For sampled staff compare certificates with the post requirements and check they are valid; posts with a statutory licence must hold it; check that rules for contracted staff exist and are applied. Deduct by the share of failed samples.',
    },
  },
  '5.1.2.2': {
    guidance: {
      zh: '售后服务管理师人数应达到服务管理人员总数的 10%。服务管理人员包括总部各服务部门、环节和岗位的负责人（基层、中层、高层），以及分公司和网点的管理人员。请提交这两部分管理人员名单和管理师证书。例如：共 40 名服务管理人员，至少需要 4 名持证管理师。',
      en: 'Certified after-sales service managers must be at least 10% of all service managers. Service managers are the heads of service departments, steps and posts at headquarters (junior to senior) and the managers of branches and outlets. Provide both lists and the managers’ certificates. Example: with 40 service managers, at least 4 must be certified.',
    },
    evaluatorNotes: {
      zh: '核对管理人员名单是否完整（总部与分公司、网点两个层面都要计入），按总数计算 10% 的要求人数，逐一核验证书真实有效，并确认持证人实际承担管理和指导工作。人数不足即不符合，本条为 5 分。',
      en: 'Check the list of managers is complete (headquarters and branches or outlets both count), compute 10% of the total, verify each certificate, and confirm certificate holders actually manage and guide service work. Too few is a nonconformity; this requirement carries 5 points.',
    },
  },
  '5.1.3.1': {
    guidance: {
      zh: '说明售后服务经费有计划并已落实，并为安全或批次质量问题准备了专项经费。可提交服务预算与支出记录，以及赔偿准备金、产品责任险或运输保险的证明，和识别出的商品安全风险及应对方案。经费可包括网点运行、人员薪酬、维修保养、工具车辆、培训、服务文化宣贯等。',
      en: 'Show that after-sales spending is planned and carried out, and that a special reserve exists for safety or batch-quality problems. Provide the service budget and spending records, proof of a compensation reserve, product liability or transit insurance, and the product safety risks you identified with planned responses. Spending may cover outlets, pay, repair and maintenance, tools and vehicles, training, service culture.',
    },
    evaluatorNotes: {
      zh: '核对经费是否有预算并实际执行，覆盖的项目是否与行业和服务规模相符；重点确认组织是否识别了商品可能的安全问题，并有应对风险的专项经费和危机处置措施（准备金、保险等）。',
      en: 'Check that funding is budgeted and actually spent, on items that fit the industry and size of service. Above all confirm that the organisation has identified possible product safety problems and holds a special reserve and crisis measures for them (reserve, insurance).',
    },
  },
  '5.1.3.2': {
    guidance: {
      zh: '证明持续开展技术和业务技能培训、服务文化培训，并有评优、奖励、晋升和员工关怀机制。提交年度培训计划、培训记录和考核结果、服务文化培训记录，以及评优奖励制度和执行记录。例如：维修工程师季度技术考核；新员工服务理念宣讲；年度服务之星评选。',
      en: 'Show continuous technical and business-skills training, service-culture training, and mechanisms for appraisal, reward, promotion and staff care. Provide the annual training plan, training records and test results, service-culture training records, and the reward rules with records of their use. Examples: quarterly technical tests for repair engineers; service-philosophy sessions for new staff; a yearly service-star award.',
    },
    evaluatorNotes: {
      zh: '检查培训计划是否覆盖专业技术、营销与顾客沟通、人员素质，是否按计划实施并考核；是否专门开展服务文化培训；评优是否包含技术等级和能力评价，奖励、晋升和员工关怀是否实际执行而非仅有制度。',
      en: 'Check that training covers technical skills, sales and customer communication and personal conduct, follows the plan and is tested; that service-culture training is held as such; that appraisal includes skill grades and competence, and that rewards, promotion and staff care are applied, not only written down.',
    },
  },
  '5.1.3.3': {
    guidance: {
      zh: '证明具备服务所需的场所、设施、工具和备件。提交服务场所（展厅、柜台、维修间、仓库、办公场地）的照片或清单、顾客信息系统的说明或截图、安全标识和设备，以及工具和备品备件清单。例如：汽车 4S 店的维修工位和专用诊断设备；家电企业的备件库存台账。',
      en: 'Show the premises, facilities, tools and spare parts service needs. Provide photos or a list of service premises (showrooms, counters, workshops, stores, offices), a description or screenshots of the customer information system, safety signs and equipment, and tool and spare-part inventories. Examples: a car dealer’s repair bays and diagnostic equipment; an appliance maker’s spare-part stock ledger.',
    },
    evaluatorNotes: {
      zh: '抽样场所现场查看：场所是否与商品和服务特性相适应；顾客信息系统是否在用；重点查看安全相关标识和设备；工具和备品备件是否充足并满足必要条件（如校准、存放）。按不合格样本比例扣分。',
      en: 'Visit sampled premises: do they fit the products and services; is the customer information system in use; look closely at safety signs and equipment; are tools and spare parts sufficient and in the required condition (calibration, storage). Deduct by the share of failed samples.',
    },
  },
};
