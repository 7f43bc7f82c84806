import { opt, type Icm } from './runner.js'

/**
 * The demo's service catalogue and a few dozen requests over 2026-H1 in every state, some
 * answered late, some still open past their deadlines. Times are local (back-dated with --at).
 */
const SERVICES = [
  { code: 'IT-ACCOUNT', provider: 'IT', name: '账号开通', responseHours: '4', resolutionDays: '1', standard: '当天开通, 一次成功' },
  { code: 'IT-REPAIR', provider: 'IT', name: '电脑与网络报修', responseHours: '2', resolutionDays: '2', standard: '2小时内响应, 2个工作日内修复' },
  { code: 'HR-HIRE', provider: 'HR', name: '招聘需求', resolutionDays: '15', standard: '15个工作日内推荐合格候选人' },
  { code: 'FIN-REIMB', provider: 'FIN', name: '费用报销', resolutionDays: '3', standard: '单据齐全3个工作日内付款' },
  { code: 'ADM-ROOM', provider: 'ADM', name: '会议室与差旅', responseHours: '4', resolutionDays: '1' },
  { code: 'WH-SHIP', provider: 'WH', name: '发货安排', responseHours: '4', resolutionDays: '2', standard: '按计划日期发运, 零差错' },
  { code: 'PUR-ORDER', provider: 'PUR', name: '物料采购', resolutionDays: '10' },
  { code: 'QA-INSPECT', provider: 'QA', name: '检验申请', responseHours: '4', resolutionDays: '2' },
]

type Step =
  | ['evaluate', number, number, number, number, string, string]
  | ['accept', string, string]
  | ['reject', string, string]
  | ['start' | 'resume', string]
  | ['wait' | 'cancel', string, string]
  | ['resolve', string, string?]
  | ['close', string, number?]
  | ['change', { title?: string; neededBy?: string; to?: string }, string, string]

interface DemoRequest {
  from: string
  to?: string
  service?: string
  title: string
  channel: string
  at: string
  neededBy?: string
  steps: Step[]
}

const REQUESTS: DemoRequest[] = [
  // IT: mostly on time, one late response, one still open past due
  { from: 'HR', service: 'IT-ACCOUNT', title: '新员工账号 ×3', channel: 'online', at: '2026-01-12T10:00', steps: [['accept', '2026-01-13', '2026-01-12T11:30'], ['start', '2026-01-12T13:00'], ['resolve', '2026-01-12T17:00', '已开通'], ['close', '2026-01-13T09:30', 5]] },
  { from: 'SALES', to: 'IT', title: 'CRM 导出回款报表', channel: 'meeting', at: '2026-02-02T09:30', neededBy: '2026-02-27', steps: [['evaluate', 4, 3, 5, 2, '张伟', '2026-02-02T14:00'], ['evaluate', 5, 4, 4, 4, '李娜', '2026-02-02T15:00'], ['accept', '2026-02-27', '2026-02-02T16:00'], ['start', '2026-02-03T09:00'], ['wait', '等待销售部提供字段清单', '2026-02-04T10:00'], ['resume', '2026-02-06T10:00'], ['resolve', '2026-02-11T16:00', '报表已上线'], ['close', '2026-02-12T10:00', 4]] },
  { from: 'FIN', service: 'IT-REPAIR', title: '财务共享盘无法访问', channel: 'hotline', at: '2026-03-03T09:10', steps: [['accept', '2026-03-04', '2026-03-03T10:30'], ['start', '2026-03-03T14:10'], ['resolve', '2026-03-03T17:00'], ['close', '2026-03-04T09:00', 3]] },
  { from: 'PROD', to: 'IT', title: 'MES 与 ERP 物料编码同步', channel: 'mailbox', at: '2026-04-13T10:00', neededBy: '2026-05-29', steps: [['evaluate', 4, 4, 4, 3, '张伟', '2026-04-13T15:00'], ['accept', '2026-05-29', '2026-04-14T09:30'], ['start', '2026-04-15T09:00']] },
  { from: 'QA', to: 'IT', title: '检验报告模板电子签名', channel: 'online', at: '2026-06-22T14:00', neededBy: '2026-06-26', steps: [] },
  { from: 'ADM', service: 'IT-ACCOUNT', title: '访客 Wi-Fi 账号', channel: 'hotline', at: '2026-05-11T09:00', steps: [['reject', '访客网络由行政部自助开通, 已发操作指引', '2026-05-11T10:00']] },
  // HR
  { from: 'SALES', service: 'HR-HIRE', title: '招聘销售代表 2 名', channel: 'meeting', at: '2026-01-19T10:00', neededBy: '2026-03-02', steps: [['evaluate', 5, 4, 4, 4, '王敏', '2026-01-19T15:00'], ['accept', '2026-02-27', '2026-01-19T16:00'], ['start', '2026-01-21T09:00'], ['resolve', '2026-02-26T17:00', '两名候选人已入职'], ['close', '2026-03-02T10:00', 4]] },
  { from: 'RD', service: 'HR-HIRE', title: '招聘结构工程师', channel: 'mailbox', at: '2026-03-09T09:00', steps: [['evaluate', 4, 2, 3, 3, '王敏', '2026-03-10T09:00'], ['accept', '2026-04-30', '2026-03-11T16:00'], ['start', '2026-03-12T09:00'], ['resolve', '2026-04-28T16:00'], ['close', '2026-04-29T09:00', 3]] },
  { from: 'PROD', to: 'HR', title: '新员工岗前培训', channel: 'survey', at: '2026-05-18T09:00', steps: [['accept', '2026-06-05', '2026-05-18T15:00'], ['start', '2026-05-19T09:00'], ['resolve', '2026-06-04T17:00'], ['close', '2026-06-05T10:00', 5]] },
  { from: 'WH', to: 'HR', title: '夜班补贴政策说明', channel: 'hotline', at: '2026-06-24T16:00', steps: [] },
  // FIN
  { from: 'SALES', service: 'FIN-REIMB', title: '1月差旅报销', channel: 'online', at: '2026-02-03T10:00', steps: [['accept', '2026-02-06', '2026-02-03T15:00'], ['start', '2026-02-04T09:00'], ['resolve', '2026-02-05T16:00'], ['close', '2026-02-06T09:00', 4]] },
  { from: 'PUR', service: 'FIN-REIMB', title: '供应商预付款', channel: 'mailbox', at: '2026-03-16T09:00', neededBy: '2026-03-18', steps: [['evaluate', 4, 4, 5, 4, '李强', '2026-03-16T11:00', ], ['accept', '2026-03-18', '2026-03-16T11:30'], ['start', '2026-03-16T13:00'], ['resolve', '2026-03-17T16:00'], ['close', '2026-03-18T09:00', 5]] },
  { from: 'RD', service: 'FIN-REIMB', title: '样品采购报销', channel: 'online', at: '2026-04-20T09:00', steps: [['accept', '2026-04-24', '2026-04-21T16:30'], ['start', '2026-04-22T09:00'], ['wait', '发票抬头有误, 等待研发部重开发票', '2026-04-22T11:00'], ['resume', '2026-04-28T10:00'], ['resolve', '2026-04-29T15:00'], ['close', '2026-04-30T09:00', 3]] },
  { from: 'HR', to: 'FIN', title: '年终奖核算口径确认', channel: 'meeting', at: '2026-06-15T10:00', steps: [['evaluate', 5, 4, 5, 4, '李强', '2026-06-15T14:00'], ['accept', '2026-06-30', '2026-06-15T15:00'], ['start', '2026-06-16T09:00']] },
  // ADM
  { from: 'SALES', service: 'ADM-ROOM', title: '客户来访会议室', channel: 'online', at: '2026-03-23T09:00', steps: [['accept', '2026-03-24', '2026-03-23T10:00'], ['start', '2026-03-23T10:30'], ['resolve', '2026-03-23T11:00'], ['close', '2026-03-24T09:00', 5]] },
  { from: 'RD', service: 'ADM-ROOM', title: '展会差旅安排', channel: 'mailbox', at: '2026-04-07T09:00', steps: [['accept', '2026-04-10', '2026-04-07T11:00'], ['start', '2026-04-08T10:00'], ['resolve', '2026-04-13T17:00'], ['close', '2026-04-14T09:00', 2]] },
  { from: 'IT', to: 'ADM', title: '机房门禁权限调整', channel: 'hotline', at: '2026-05-25T09:00', steps: [['cancel', '需求方已撤回', '2026-05-26T10:00']] },
  // WH
  { from: 'SALES', service: 'WH-SHIP', title: '华东客户加急发货', channel: 'hotline', at: '2026-02-09T09:00', neededBy: '2026-02-10', steps: [['evaluate', 5, 4, 5, 3, '周杰', '2026-02-09T10:00'], ['accept', '2026-02-10', '2026-02-09T10:30'], ['start', '2026-02-09T11:00'], ['resolve', '2026-02-10T15:00'], ['close', '2026-02-11T09:00', 4]] },
  { from: 'PROD', service: 'WH-SHIP', title: '半成品转运', channel: 'online', at: '2026-04-27T09:00', steps: [['accept', '2026-04-30', '2026-04-27T11:00'], ['start', '2026-04-28T09:00'], ['resolve', '2026-05-08T16:00'], ['close', '2026-05-09T10:00', 2]] },
  { from: 'SALES-REP', to: 'WH', title: '库存日报推送到销售群', channel: 'survey', at: '2026-06-08T09:00', steps: [['evaluate', 3, 4, 3, 4, '周杰', '2026-06-08T14:00'], ['accept', '2026-06-19', '2026-06-08T15:00'], ['start', '2026-06-10T09:00'], ['wait', '等待销售部确认推送时间', '2026-06-11T10:00']] },
  // PUR
  { from: 'PROD', service: 'PUR-ORDER', title: '紧急采购轴承', channel: 'hotline', at: '2026-01-26T09:00', neededBy: '2026-01-30', steps: [['evaluate', 5, 3, 5, 3, '杨帆', '2026-01-26T11:00'], ['accept', '2026-01-30', '2026-01-26T14:00'], ['start', '2026-01-26T15:00'], ['resolve', '2026-01-29T16:00'], ['close', '2026-01-30T09:00', 5]] },
  { from: 'RD', service: 'PUR-ORDER', title: '研发样件采购', channel: 'mailbox', at: '2026-03-30T09:00', steps: [['change', { title: '研发样件采购(增加2种规格)' }, '研发部追加两种规格', '2026-03-31T10:00'], ['accept', '2026-04-17', '2026-03-31T16:00'], ['start', '2026-04-01T10:00'], ['resolve', '2026-04-16T16:00'], ['close', '2026-04-17T09:00', 4]] },
  { from: 'QA', to: 'PUR', title: '更换来料不合格供应商', channel: 'meeting', at: '2026-05-06T09:00', steps: [['evaluate', 4, 3, 4, 3, '杨帆', '2026-05-06T15:00'], ['reject', '需先完成供应商审核, 请质量部发起审核申请', '2026-05-06T16:30']] },
  // QA
  { from: 'PUR', service: 'QA-INSPECT', title: '新供应商首件检验', channel: 'online', at: '2026-02-24T09:00', steps: [['accept', '2026-02-26', '2026-02-24T11:00'], ['start', '2026-02-24T13:00'], ['resolve', '2026-02-25T17:00'], ['close', '2026-02-26T09:00', 4]] },
  { from: 'PROD', service: 'QA-INSPECT', title: '工艺变更验证', channel: 'online', at: '2026-06-01T09:00', steps: [['accept', '2026-06-03', '2026-06-01T12:00'], ['start', '2026-06-01T13:00'], ['resolve', '2026-06-03T16:00'], ['close', '2026-06-04T09:00', 4]] },
  { from: 'SALES', to: 'QA', title: '客户审厂资料准备', channel: 'meeting', at: '2026-06-25T10:00', neededBy: '2026-07-03', steps: [['evaluate', 5, 4, 5, 4, '赵磊', '2026-06-25T15:00']] },
  // PROD and RD
  { from: 'SALES', to: 'PROD', title: '插单生产 500 件', channel: 'hotline', at: '2026-03-02T09:00', neededBy: '2026-03-13', steps: [['evaluate', 4, 3, 5, 2, '刘洋', '2026-03-02T10:00'], ['accept', '2026-03-13', '2026-03-02T16:00'], ['start', '2026-03-03T08:30'], ['resolve', '2026-03-12T17:00'], ['close', '2026-03-13T09:00', 4]] },
  { from: 'QA', to: 'RD', title: '图纸公差标注统一', channel: 'research', at: '2026-04-08T09:00', steps: [['accept', '2026-05-15', '2026-04-08T16:00'], ['start', '2026-04-13T09:00'], ['resolve', '2026-05-14T16:00'], ['close', '2026-05-15T10:00', 3]] },
  { from: 'PROD', to: 'RD', title: '工艺文件电子化', channel: 'survey', at: '2026-06-17T09:00', steps: [['change', { neededBy: '2026-09-30' }, '生产部同意延后到三季度', '2026-06-18T10:00']] },
]

export async function demoRequests(icm: Icm): Promise<void> {
  for (const s of SERVICES) {
    await icm('service', 'add', s.code, '--provider', s.provider, '--name', s.name, ...opt('--response-hours', s.responseHours), ...opt('--resolution-days', s.resolutionDays), ...opt('--standard', s.standard))
  }
  for (const r of REQUESTS) {
    const { code } = await icm.json('request', 'log', '--from', r.from, ...opt('--to', r.to), ...opt('--service', r.service), '--title', r.title, '--channel', r.channel, ...opt('--needed-by', r.neededBy), '--at', r.at)
    for (const step of r.steps) await runStep(icm, code, step)
  }
}

async function runStep(icm: Icm, code: string, step: Step): Promise<void> {
  switch (step[0]) {
    case 'evaluate': {
      const [, reasonableness, feasibility, impact, costBenefit, evaluator, at] = step
      return icm('request', 'evaluate', code, '--reasonableness', String(reasonableness), '--feasibility', String(feasibility), '--impact', String(impact), '--cost-benefit', String(costBenefit), '--evaluator', evaluator, '--at', at)
    }
    case 'accept':
      return icm('request', 'respond', code, '--accept', '--expected', step[1], '--at', step[2])
    case 'reject':
      return icm('request', 'respond', code, '--reject', '--reason', step[1], '--at', step[2])
    case 'start':
    case 'resume':
      return icm('request', step[0], code, '--at', step[1])
    case 'wait':
    case 'cancel':
      return icm('request', step[0], code, '--reason', step[1], '--at', step[2])
    case 'resolve':
      return icm('request', 'resolve', code, '--at', step[1], ...opt('--note', step[2]))
    case 'close':
      return icm('request', 'close', code, '--at', step[1], ...opt('--satisfaction', step[2]))
    case 'change': {
      const [, change, reason, at] = step
      return icm('request', 'change', code, ...opt('--title', change.title), ...opt('--needed-by', change.neededBy), ...opt('--to', change.to), '--reason', reason, '--at', at)
    }
  }
}
