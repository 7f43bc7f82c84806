/**
 * The demo company: the organisation of test/fixtures/org.csv, its business processes, position
 * dependencies, manual links and China's official 2026 holiday calendar (icm calendar load cn 2026).
 */
export const DEMO_UNITS: { code: string; name: string; kind: 'department' | 'position'; parent?: string; head?: string; duties?: string }[] = [
  { code: 'HR', name: '人力资源部', kind: 'department', head: '王敏', duties: '招聘、培训、薪酬与员工关系' },
  { code: 'FIN', name: '财务部', kind: 'department', head: '李强', duties: '核算、付款、预算与报销' },
  { code: 'IT', name: '信息技术部', kind: 'department', head: '张伟', duties: 'IT服务台、网络、ERP与办公系统' },
  { code: 'PROD', name: '生产部', kind: 'department', head: '刘洋', duties: '生产计划与制造' },
  { code: 'SALES', name: '销售部', kind: 'department', head: '陈静', duties: '客户订单与回款' },
  { code: 'PUR', name: '采购部', kind: 'department', head: '杨帆', duties: '供应商管理与采购执行' },
  { code: 'QA', name: '质量管理部', kind: 'department', head: '赵磊', duties: '来料、过程与出厂检验' },
  { code: 'ADM', name: '行政部', kind: 'department', head: '黄丽', duties: '办公环境、会议、差旅与门禁' },
  { code: 'WH', name: '仓储物流部', kind: 'department', head: '周杰', duties: '收货、仓储与发运' },
  { code: 'RD', name: '研发部', kind: 'department', head: '吴芳', duties: '产品设计与工艺文件' },
  { code: 'HR-REC', name: '招聘专员', kind: 'position', parent: 'HR' },
  { code: 'FIN-AP', name: '应付会计', kind: 'position', parent: 'FIN' },
  { code: 'IT-HD', name: 'IT服务台', kind: 'position', parent: 'IT' },
  { code: 'PUR-BUYER', name: '采购员', kind: 'position', parent: 'PUR' },
  { code: 'WH-KEEPER', name: '仓管员', kind: 'position', parent: 'WH' },
  { code: 'SALES-REP', name: '销售代表', kind: 'position', parent: 'SALES' },
  { code: 'PROD-PLAN', name: '生产计划员', kind: 'position', parent: 'PROD' },
  { code: 'QA-INSP', name: '质检员', kind: 'position', parent: 'QA' },
]

export const DEMO_PROCESSES: { code: string; name: string; steps: { unit: string; output: string; after?: string }[] }[] = [
  {
    code: 'P2P',
    name: '采购到付款',
    steps: [
      { unit: 'PROD-PLAN', output: '物料需求计划' },
      { unit: 'PUR-BUYER', output: '采购订单' },
      { unit: 'QA-INSP', output: '来料检验报告' },
      { unit: 'WH-KEEPER', output: '入库单' },
      { unit: 'FIN-AP', output: '付款凭证', after: '3,4' },
    ],
  },
  {
    code: 'H2O',
    name: '招聘到入职',
    steps: [
      { unit: 'SALES', output: '用人需求' },
      { unit: 'HR-REC', output: '录用通知' },
      { unit: 'IT-HD', output: '账号与电脑' },
      { unit: 'ADM', output: '工位与门禁', after: '2' },
      { unit: 'FIN', output: '薪资档案', after: '2' },
    ],
  },
  {
    code: 'O2D',
    name: '订单到交付',
    steps: [
      { unit: 'SALES-REP', output: '销售订单' },
      { unit: 'PROD-PLAN', output: '生产计划' },
      { unit: 'PROD', output: '成品' },
      { unit: 'QA-INSP', output: '出厂检验报告' },
      { unit: 'WH', output: '发货单' },
      { unit: 'FIN', output: '开票与收款', after: '5' },
    ],
  },
]

export const DEMO_DEPENDENCIES: { customer: string; supplier: string; support: string }[] = [
  { customer: 'FIN-AP', supplier: 'PUR-BUYER', support: '采购订单与验收单' },
  { customer: 'SALES-REP', supplier: 'WH-KEEPER', support: '实时库存查询' },
  { customer: 'PROD-PLAN', supplier: 'PUR-BUYER', support: '物料到货计划' },
  { customer: 'QA-INSP', supplier: 'RD', support: '检验标准与图纸' },
  { customer: 'HR-REC', supplier: 'IT-HD', support: '招聘系统账号' },
]

export const DEMO_LINKS: { supplier: string; customer: string; provides: string }[] = [
  { supplier: 'IT', customer: 'HR', provides: '考勤系统维护' },
  { supplier: 'IT', customer: 'FIN', provides: 'ERP系统支持' },
  { supplier: 'ADM', customer: 'SALES', provides: '会议室与差旅安排' },
  { supplier: 'RD', customer: 'PROD', provides: '工艺文件' },
  { supplier: 'HR', customer: 'PROD', provides: '岗位培训' },
]
