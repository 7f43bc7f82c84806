import type { Icm } from './runner.js'

/**
 * The demo's collaboration projects, recognitions, internal audit and employee reports (policy
 * chapters 5 and 8.1), back-dated over 2026-H1 through the real commands. IT owns a project
 * completed on time with quality 4 (scores 80) and is a member of one completed late with
 * quality 3 (36) and of one cancelled (left out), so its collaboration score C for 2026-H1 is
 * (80 + 36) / 2 = 58. The reports are filed without a reporter: the demo has no reports key.
 */
export async function demoCollaboration(icm: Icm): Promise<void> {
  await projects(icm)
  await audit(icm)
  await recognitions(icm)
  await reports(icm)
}

async function projects(icm: Icm): Promise<void> {
  // On time, with quality: IT owns it, FIN and PUR take part.
  const erp = (await icm.json('project', 'add', '--name', 'ERP 财务模块上线', '--owner', 'IT', '--start', '2026-01-05', '--due', '2026-04-30', '--at', '2026-01-05T10:00')).code
  await icm('project', 'member', erp, '--unit', 'FIN', '--duty', '科目映射与期初数据核对', '--at', '2026-01-05T10:05')
  await icm('project', 'member', erp, '--unit', 'PUR', '--duty', '采购订单历史数据迁移', '--at', '2026-01-05T10:06')
  await icm('project', 'progress', erp, '--percent', '30', '--note', '总账与应付模块配置完成', '--at', '2026-02-10T17:00')
  await icm('project', 'progress', erp, '--percent', '75', '--note', '用户验收测试通过', '--at', '2026-03-27T17:30')
  await icm('project', 'complete', erp, '--quality', '4', '--date', '2026-04-28', '--note', '4月账期起在新系统结账')

  // Completed late: HR owns it, IT and ADM take part.
  const onboarding = (await icm.json('project', 'add', '--name', '新员工入职一站式办理', '--owner', 'HR', '--start', '2026-02-02', '--due', '2026-03-31', '--at', '2026-02-02T09:30')).code
  await icm('project', 'member', onboarding, '--unit', 'IT', '--duty', '入职前一天备好账号与电脑', '--at', '2026-02-02T09:35')
  await icm('project', 'member', onboarding, '--unit', 'ADM', '--duty', '工位与门禁卡', '--at', '2026-02-02T09:36')
  await icm('project', 'progress', onboarding, '--percent', '50', '--note', '流程与表单定稿', '--at', '2026-03-06T16:00')
  await icm('project', 'progress', onboarding, '--percent', '80', '--note', '门禁系统对接延误', '--at', '2026-03-31T16:00')
  await icm('project', 'complete', onboarding, '--quality', '3', '--date', '2026-04-14', '--note', '比计划晚两周上线')

  // Joint problem solving, still open past its due date.
  const defects = (await icm.json('project', 'add', '--name', '来料不良率协同分析', '--kind', 'problem', '--owner', 'QA', '--start', '2026-03-02', '--due', '2026-05-29', '--at', '2026-03-02T11:00')).code
  await icm('project', 'member', defects, '--unit', 'PUR', '--duty', '约谈供应商并收集改善报告', '--at', '2026-03-02T11:05')
  await icm('project', 'member', defects, '--unit', 'PROD', '--duty', '提供产线不良数据', '--at', '2026-03-02T11:06')
  await icm('project', 'progress', defects, '--percent', '40', '--note', '锁定两家主要供应商', '--at', '2026-04-20T15:00')

  // Cancelled: left out of the collaboration score.
  const barcode = (await icm.json('project', 'add', '--name', '仓库条码系统', '--owner', 'WH', '--start', '2026-02-16', '--due', '2026-06-30', '--at', '2026-02-16T14:00')).code
  await icm('project', 'member', barcode, '--unit', 'IT', '--duty', '手持终端与接口开发', '--at', '2026-02-16T14:05')
  await icm('project', 'progress', barcode, '--percent', '10', '--note', '需求调研', '--at', '2026-03-10T10:00')
  await icm('project', 'cancel', barcode, '--reason', '并入ERP二期统一实施', '--at', '2026-04-10T09:00')
}

async function audit(icm: Icm): Promise<void> {
  const aud = (await icm.json('audit', 'add', '--title', '2026上半年内部客户服务审核', '--date', '2026-05-20', '--auditor', '内审组 赵磊', '--scope', 'IT,PUR,WH', '--at', '2026-05-20T17:00')).code
  const f1 = (await icm.json('audit', 'finding', aud, '--unit', 'IT-HD', '--severity', 'minor', '--description', '服务台工单未记录首次响应时间', '--due', '2026-06-30', '--at', '2026-05-21T10:00')).code
  await icm('audit', 'finding', aud, '--unit', 'PUR', '--severity', 'major', '--description', '三家以上比价记录缺失（抽查12单缺5单）', '--due', '2026-06-30', '--at', '2026-05-21T10:10')
  await icm('audit', 'finding', aud, '--unit', 'WH', '--severity', 'minor', '--description', '出库单签字不全', '--due', '2026-07-31', '--at', '2026-05-21T10:20')
  await icm('audit', 'close-finding', f1, '--note', '工单系统增加响应时间必填项', '--at', '2026-06-12T16:00')
}

async function recognitions(icm: Icm): Promise<void> {
  await icm('recognition', 'add', '--unit', 'IT', '--period', '2026-H1', '--reason', 'ERP财务模块按期高质量上线', '--at', '2026-06-30T16:00')
  await icm('recognition', 'add', '--unit', 'QA', '--period', '2026-Q1', '--reason', '牵头来料不良协同分析，跨部门响应快', '--at', '2026-04-08T10:00')
  await icm('recognition', 'add', '--person', '李娜', '--period', '2026-H1', '--reason', '主动协助财务完成ERP期初数据核对', '--at', '2026-06-30T16:05')
}

async function reports(icm: Icm): Promise<void> {
  const r1 = (await icm.json('report', 'file', '--about', 'PUR', '--description', '部分采购单未按规定三家比价即下单', '--at', '2026-04-08T20:15')).code
  await icm('report', 'decide', r1, '--valid', '--reward', '500', '--note', '经内审抽查属实，已纳入审核发现', '--at', '2026-05-22T11:00')
  await icm('report', 'file', '--about', 'WH', '--description', '夜班出库单由他人代签', '--at', '2026-06-12T22:40')
}
