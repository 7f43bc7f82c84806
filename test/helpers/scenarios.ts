import path from 'node:path'
import { FIXTURES, cli, writeFile, type CliOptions } from './harness.js'

/**
 * DESIGN.md §3's worked example built through the commands (clock: Wed 2026-07-01 10:00 +08:00):
 * IT gets S 75, T 75, C 70, H 90, self 80, superior 90 → 79.0 C 1.0; HR only self 90 and
 * superior 80 → 90.0 A 1.2; FIN has no data → insufficient.
 */
export async function workedExample(opts: CliOptions = {}) {
  const t = cli(opts)
  for (const [code, name, kind, parent] of [
    ['IT', '信息技术部', 'department'],
    ['IT-HD', 'IT服务台', 'position', 'IT'],
    ['HR', '人力资源部', 'department'],
    ['FIN', '财务部', 'department'],
  ] as const) {
    await t.ok(['unit', 'add', code, '--name', name, '--kind', kind, ...(parent ? ['--parent', parent] : [])])
  }
  // S: five responses rating IT (two of them its service desk) with overall 4, 4, 3, 5, 4 → mean 4 → 75
  await t.ok(['survey', 'create', '2026H1-SERVICE', '--title', '2026上半年内部服务满意度', '--period', '2026-H1'])
  const csv = writeFile(
    t.dir,
    'survey.csv',
    'response_id,respondent_unit,rated_unit,overall\n1,HR,IT,4\n2,FIN,IT,4\n3,HR,IT,3\n4,FIN,IT-HD,5\n5,HR,IT-HD,4\n6,IT,HR,5\n',
  )
  await t.ok(['survey', 'import', '2026H1-SERVICE', csv])
  // T: four requests due in H1, three answered on time → 75
  const req = async (n: number, logged: string, responded: string) => {
    await t.ok(['request', 'log', '--from', 'HR', '--to', n === 3 ? 'IT-HD' : 'IT', '--title', `request ${n}`, '--at', logged])
    await t.ok(['request', 'respond', `REQ-000${n}`, '--accept', '--expected', '2026-06-30', '--at', responded])
  }
  await req(1, '2026-03-02T09:00', '2026-03-02T10:00')
  await req(2, '2026-03-03T09:00', '2026-03-04T10:00') // due 17:00, answered next day 10:00: 1 + 1 = 2 business hours late
  await req(3, '2026-04-01T09:00', '2026-04-01T11:00')
  await req(4, '2026-05-06T09:00', '2026-05-06T10:00')
  // C: IT owns a project completed on time with quality 4 (80) and is a member of one completed late with quality 5 (60)
  await t.ok(['project', 'add', '--name', 'ERP 升级', '--owner', 'IT', '--start', '2026-03-01', '--due', '2026-05-31', '--at', '2026-03-01T10:00'])
  await t.ok(['project', 'complete', 'PRJ-0001', '--quality', '4', '--date', '2026-05-28'])
  await t.ok(['project', 'add', '--name', '招聘系统', '--owner', 'HR', '--start', '2026-03-01', '--due', '2026-04-30', '--at', '2026-03-01T10:00'])
  await t.ok(['project', 'member', 'PRJ-0002', '--unit', 'IT', '--duty', '系统对接', '--at', '2026-03-02T10:00'])
  await t.ok(['project', 'complete', 'PRJ-0002', '--quality', '5', '--date', '2026-05-08'])
  // H: one complaint, verified resolved before its deadline with satisfaction 4 → 100·(0.6 + 0.4·0.75) = 90
  await t.ok(['config', 'set', 'complaint.handler', '王敏'])
  await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'FIN', '--channel', 'email', '--summary', '报表经常出错', '--at', '2026-04-01T10:00'])
  await t.ok(['complaint', 'investigate', 'CMP-0001', '--team', '王敏,张伟', '--at', '2026-04-01T14:00'])
  await t.ok(['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', '增加校验', '--deadline', '2026-04-15', '--at', '2026-04-02T10:00'])
  await t.ok(['complaint', 'feedback', 'CMP-0001', '--accepted', '--at', '2026-04-03T10:00'])
  await t.ok(['complaint', 'root-cause', 'CMP-0001', '--category', 'process', '--analysis', '缺少校验环节', '--at', '2026-04-03T11:00'])
  await t.ok(['complaint', 'verify', 'CMP-0001', '--resolved', 'yes', '--satisfaction', '4', '--at', '2026-04-10T15:00'])
  await t.ok(['assess', 'input', '--period', '2026-H1', '--unit', 'IT', '--self', '80', '--superior', '90'])
  await t.ok(['assess', 'input', '--period', '2026-H1', '--unit', 'HR', '--self', '90', '--superior', '80'])
  return t
}


/** The fixture organisation (test/fixtures/org.csv) and an empty 2026-H1 survey S, for the survey import tests. */
export async function withSurvey(title = '满意度') {
  const t = cli()
  await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
  await t.ok(['survey', 'create', 'S', '--title', title, '--period', '2026-H1'])
  return t
}
