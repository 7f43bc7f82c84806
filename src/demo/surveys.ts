import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { opt, type Icm } from './runner.js'
import { DEMO_SURVEY_2026H1_CSV } from './survey-2026h1.js'

/**
 * The demo's surveys and follow-up visits (policy chapters 4.3 and 6): a 2026-H1 service survey
 * imported from a bundled 问卷星-style export through the real import, and visits of suppliers to
 * their internal customers over the half year (some pairs never visited, so `icm visit due` has
 * something to say).
 */
export async function demoSurveys(icm: Icm): Promise<void> {
  await icm('survey', 'create', '2026H1-SERVICE', '--title', '2026年上半年内部服务满意度调查', '--period', '2026-H1', '--kind', 'service')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icm-demo-survey-'))
  try {
    const file = path.join(dir, '2026H1-内部服务满意度-问卷星导出.csv')
    fs.writeFileSync(file, DEMO_SURVEY_2026H1_CSV)
    await icm('survey', 'import', '2026H1-SERVICE', file)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }

  for (const v of DEMO_VISITS) await icm('visit', 'log', '--by', v.by, '--customer', v.customer, '--date', v.date, ...opt('--satisfaction', v.satisfaction), '--notes', v.notes)
}

const DEMO_VISITS: { by: string; customer: string; date: string; satisfaction?: string; notes: string }[] = [
  { by: 'IT', customer: 'HR', date: '2026-01-22', satisfaction: '3', notes: '考勤系统宕机事件回访，HR希望月底前主动巡检' },
  { by: 'IT', customer: 'HR', date: '2026-04-16', satisfaction: '4', notes: '巡检执行情况良好，考勤未再中断' },
  { by: 'IT', customer: 'FIN', date: '2026-03-18', satisfaction: '2', notes: '月结报表问题尚未根治，财务不满意' },
  { by: 'ADM', customer: 'SALES', date: '2026-02-26', satisfaction: '5', notes: '会议室预订改为线上后反馈很好' },
  { by: 'RD', customer: 'PROD', date: '2026-05-12', satisfaction: '4', notes: '工艺文件版本管理改进，生产现场确认' },
  { by: 'HR', customer: 'PROD', date: '2026-06-09', satisfaction: '4', notes: '岗位培训计划与生产排班协调' },
  { by: 'PUR-BUYER', customer: 'FIN-AP', date: '2026-05-28', notes: '采购订单与验收单传递时效沟通' },
]
