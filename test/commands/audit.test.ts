import { describe, expect, it } from 'vitest'
import { cli, dbState } from '../helpers/harness.js'

/** Departments IT, PUR, WH, HR and position IT-HD; the clock is 2026-07-01 10:00 +08:00. */
async function company() {
  const t = cli()
  for (const code of ['IT', 'PUR', 'WH', 'HR']) await t.ok(['unit', 'add', code, '--name', `${code} 部`, '--kind', 'department'])
  await t.ok(['unit', 'add', 'IT-HD', '--name', 'IT服务台', '--kind', 'position', '--parent', 'IT'])
  await t.ok(['audit', 'add', '--title', '上半年审核', '--date', '2026-05-20', '--auditor', '赵磊', '--scope', 'IT,PUR, WH'])
  return t
}

describe('icm audit', () => {
  it('adds an audit: its code on stdout, the scope as codes', async () => {
    const t = await company()
    const r = await t.ok(['audit', 'add', '--title', '专项审核', '--date', '2026-06-02', '--auditor', '内审组', '--scope', 'hr,HR'])
    expect(r.stdout).toBe('AUD-0002\n')
    expect(r.stderr).toBe('✓ AUD-0002 专项审核 (2026-06-02, HR) added\n')
    const j = (await t.ok(['audit', 'show', 'AUD-0002', '--json'])).json()
    expect(j).toEqual({ code: 'AUD-0002', title: '专项审核', date: '2026-06-02', auditor: '内审组', scope: ['HR'], findingCount: 0, openFindings: 0, overdueFindings: 0, createdAt: '2026-07-01T10:00:00+08:00', findings: [] })
  })

  it('records findings in their own code series; a major one opens an improvement action in the same transaction', async () => {
    const t = await company()
    const minor = await t.ok(['audit', 'finding', 'AUD-0001', '--unit', 'IT-HD', '--severity', 'minor', '--description', '工单未记录响应时间', '--due', '2026-06-30'])
    expect(minor.stdout).toBe('FND-0001\n')
    expect(minor.stderr).toBe('✓ FND-0001 (minor) recorded for IT-HD, due 2026-06-30\n')
    const major = await t.ok(['audit', 'finding', 'aud-0001', '--unit', 'PUR', '--severity', 'MAJOR', '--description', '比价记录缺失', '--due', '2026-07-31'])
    expect(major.stdout).toBe('FND-0002\n')
    expect(major.stderr).toContain('✓ improvement action ACT-0001 opened for PUR, due 2026-07-31\n')
    const critical = await t.ok(['audit', 'finding', 'AUD-0001', '--unit', 'WH', '--severity', 'critical', '--description', '危化品混放', '--due', '2026-06-15', '--json'])
    expect(critical.json()).toMatchObject({ code: 'FND-0003', audit: 'AUD-0001', unit: 'WH', severity: 'critical', status: 'overdue', daysOverdue: 16, action: 'ACT-0002' })
    const actions = (await t.ok(['action', 'list', '--json'])).json()
    expect(actions.map((a: any) => [a.code, a.owner, a.source, a.sourceRef, a.due])).toEqual([
      ['ACT-0002', 'WH', 'audit', 'FND-0003', '2026-06-15'],
      ['ACT-0001', 'PUR', 'audit', 'FND-0002', '2026-07-31'],
    ])
    expect(actions[1].description).toBe('AUD-0001 major finding FND-0002: 比价记录缺失')
    const log = (await t.ok(['log', '--json'])).json().slice(-4)
    expect(log.map((e: any) => [e.action, e.entity])).toEqual([
      ['action.add', 'ACT-0001'], ['audit.finding', 'FND-0002'], ['action.add', 'ACT-0002'], ['audit.finding', 'FND-0003'],
    ])
  })

  it('shows findings open, overdue (due before today, not closed) and closed, and counts them in the list', async () => {
    const t = await company()
    await t.ok(['audit', 'finding', 'AUD-0001', '--unit', 'IT', '--severity', 'minor', '--description', 'a', '--due', '2026-06-30'])
    await t.ok(['audit', 'finding', 'AUD-0001', '--unit', 'PUR', '--severity', 'minor', '--description', 'b', '--due', '2026-07-01'])
    await t.ok(['audit', 'finding', 'AUD-0001', '--unit', 'WH', '--severity', 'minor', '--description', 'c', '--due', '2026-06-01'])
    await t.ok(['audit', 'close-finding', 'FND-0003', '--note', '已整改', '--at', '2026-06-20T15:00'])
    const show = (await t.ok(['audit', 'show', 'AUD-0001', '--json'])).json()
    expect(show.findings.map((f: any) => [f.code, f.status, f.daysOverdue])).toEqual([
      ['FND-0001', 'overdue', 1], ['FND-0002', 'open', null], ['FND-0003', 'closed', null],
    ])
    expect(show).toMatchObject({ findingCount: 3, openFindings: 2, overdueFindings: 1 })
    expect(show.findings[2]).toMatchObject({ closeNote: '已整改', closedAt: '2026-06-20T15:00:00+08:00' })
    const human = await t.ok(['audit', 'show', 'AUD-0001'])
    expect(human.stdout).toContain('findings\t3 (2 open, 1 overdue)\n')
    expect(human.stdout).toContain('FND-0001\tIT\tminor\t2026-06-30\toverdue 1d\t\ta\n')
    const list = await t.ok(['audit', 'list'])
    expect(list.stdout).toBe('code\tdate\ttitle\tauditor\tscope\tfindings\topen\toverdue\nAUD-0001\t2026-05-20\t上半年审核\t赵磊\tIT, PUR, WH\t3\t2\t1\n')
    expect((await t.ok(['audit', 'list', '--period', '2026-Q3', '--json'])).json()).toEqual([])
    expect((await t.ok(['audit', 'list', '--csv'])).stdout).toContain('AUD-0001,2026-05-20,上半年审核,赵磊,"IT, PUR, WH",3,2,1\r\n')
  })

  it('reminds that the improvement action of a closed finding is still open', async () => {
    const t = await company()
    await t.ok(['audit', 'finding', 'AUD-0001', '--unit', 'PUR', '--severity', 'major', '--description', 'b', '--due', '2026-07-31'])
    const r = await t.ok(['audit', 'close-finding', 'FND-0001', '--note', '已补记录'])
    expect(r.stderr).toBe('✓ FND-0001 closed\nicm: warning: improvement action ACT-0001 is still open (close it with icm action done ACT-0001 --note TEXT)\n')
    expect((await t.ok(['action', 'list', '--json'])).json()[0]).toMatchObject({ code: 'ACT-0001', status: 'open' })
  })

  it.each([
    ['an unknown audit', ['audit', 'finding', 'AUD-0099', '--unit', 'IT', '--severity', 'minor', '--description', 'x', '--due', '2026-07-31'], 4, /unknown audit 'AUD-0099'/],
    ['an unknown finding', ['audit', 'close-finding', 'FND-0099', '--note', 'x'], 4, /unknown finding 'FND-0099'/],
    ['an unknown audit to show', ['audit', 'show', 'AUD-0099'], 4, /unknown audit/],
    ['an unknown unit in the scope', ['audit', 'add', '--title', 't', '--date', '2026-06-01', '--auditor', 'a', '--scope', 'IT,NOPE'], 4, /unknown scope unit 'NOPE'/],
    ['an unknown finding unit', ['audit', 'finding', 'AUD-0001', '--unit', 'NOPE', '--severity', 'minor', '--description', 'x', '--due', '2026-07-31'], 4, /unknown unit 'NOPE'/],
    ['a unit outside the scope', ['audit', 'finding', 'AUD-0001', '--unit', 'HR', '--severity', 'major', '--description', 'x', '--due', '2026-07-31'], 3, /HR is not in the scope of AUD-0001 \(IT, PUR, WH\)/],
    ['an unknown severity', ['audit', 'finding', 'AUD-0001', '--unit', 'IT', '--severity', 'high', '--description', 'x', '--due', '2026-07-31'], 3, /invalid severity 'high'/],
    ['a due date before the audit', ['audit', 'finding', 'AUD-0001', '--unit', 'IT', '--severity', 'major', '--description', 'x', '--due', '2026-05-19'], 3, /before the audit date 2026-05-20/],
    ['an empty description', ['audit', 'finding', 'AUD-0001', '--unit', 'IT', '--severity', 'minor', '--description', '', '--due', '2026-07-31'], 3, /--description cannot be empty/],
    ['an empty scope', ['audit', 'add', '--title', 't', '--date', '2026-06-01', '--auditor', 'a', '--scope', ' , '], 3, /--scope names no unit/],
    ['a bad audit date', ['audit', 'add', '--title', 't', '--date', '2026-13-01', '--auditor', 'a', '--scope', 'IT'], 3, /invalid --date/],
    ['closing a closed finding', ['audit', 'close-finding', 'FND-0001', '--note', 'again'], 3, /FND-0001 is already closed \(done\)/],
    ['closing before the audit', ['audit', 'close-finding', 'FND-0002', '--note', 'x', '--at', '2026-05-01'], 3, /before its audit/],
    ['a missing --severity', ['audit', 'finding', 'AUD-0001', '--unit', 'IT', '--description', 'x', '--due', '2026-07-31'], 2, /missing required option --severity \(one of: minor, major, critical\)/],
    ['a missing --scope', ['audit', 'add', '--title', 't', '--date', '2026-06-01', '--auditor', 'a'], 2, /missing required option --scope/],
  ])('refuses %s with a clear error, its exit code, and no change', async (_what, args, code, message) => {
    const t = await company()
    await t.ok(['audit', 'finding', 'AUD-0001', '--unit', 'IT', '--severity', 'minor', '--description', 'a', '--due', '2026-06-30'])
    await t.ok(['audit', 'close-finding', 'FND-0001', '--note', 'done'])
    await t.ok(['audit', 'finding', 'AUD-0001', '--unit', 'WH', '--severity', 'minor', '--description', 'b', '--due', '2026-06-30'])
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).toMatch(/^icm: /)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
  })
})
