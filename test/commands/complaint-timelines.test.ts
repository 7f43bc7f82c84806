import { describe, expect, it } from 'vitest'
import { cli, dbState } from '../helpers/harness.js'

// Business time on the official 2026 calendar: Labour Day Fri 05-01 … Tue 05-05 off, Sat 05-09 worked;
// Mon–Fri 09:00–18:00. complaint.investigate_hours is 8 by default.

async function company() {
  let now = '2026-05-06T15:30:00+08:00'
  const t = cli({ now: () => new Date(now) })
  await t.ok(['calendar', 'load', 'cn', '2026'])
  await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
  await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
  await t.ok(['config', 'set', 'complaint.handler', '王敏'])
  // received Thu 04-30 14:00: 4 h that day, the holiday, then 4 h on Wed 05-06 → team due Wed 05-06 13:00
  await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', '考勤系统宕机', '--at', '2026-04-30T14:00'])
  return { ...t, at: (iso: string) => (now = iso) }
}

const show = async (t: { ok: (a: string[]) => Promise<{ json(): any }> }) => (await t.ok(['complaint', 'show', 'CMP-0001', '--json'])).json()

describe('complaint timelines', () => {
  it('lists a complaint without a team 2.5 business hours past its investigation deadline', async () => {
    const t = await company()
    const list = (await t.ok(['complaint', 'list', '--overdue', '--json'])).json()
    expect(list.map((c: any) => [c.code, c.overdueReasons, c.investigation])).toEqual([
      ['CMP-0001', ['investigation'], { due: '2026-05-06T13:00:00+08:00', late: null, overdue: true, hoursLate: 2.5 }],
    ])
    const piped = await t.ok(['complaint', 'list', '--overdue'])
    expect(piped.stdout.split('\n')[1]).toContain('\tno team 2.5h\t')
    expect((await t.ok(['complaint', 'show', 'CMP-0001'])).stdout).toContain('team due\t2026-05-06T13:00:00+08:00 (no team, overdue 2.5 business hours)')
  })

  it('follows the investigation hours of config', async () => {
    const t = await company()
    await t.ok(['config', 'set', 'complaint.investigate_hours', '16'])
    // 4 h on Thu 04-30, 9 h on Wed 05-06, 3 h on Thu 05-07 → Thu 05-07 12:00
    expect((await show(t)).investigation).toEqual({ due: '2026-05-07T12:00:00+08:00', late: null, overdue: false, hoursLate: null })
    expect((await t.ok(['complaint', 'list', '--overdue', '--json'])).json()).toEqual([])
  })

  it('plans dated milestones, shows the one past due and marks it done with progress', async () => {
    const t = await company()
    await t.ok(['complaint', 'investigate', 'CMP-0001', '--team', '张伟', '--at', '2026-05-06T15:00'])
    expect((await show(t)).investigation).toEqual({ due: '2026-05-06T13:00:00+08:00', late: true, overdue: false, hoursLate: 2 })
    const planned = await t.ok(['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', '扩容', '--milestone', '2026-05-08 备用服务器上线', '--milestone', '2026年5月20日 监控告警上线', '--at', '2026-05-06T15:10', '--json'])
    expect(planned.json().milestones).toEqual([
      { n: 1, due: '2026-05-08', title: '备用服务器上线', done: false, doneAt: null, superseded: false, daysOverdue: null },
      { n: 2, due: '2026-05-20', title: '监控告警上线', done: false, doneAt: null, superseded: false, daysOverdue: null },
    ])
    // Mon 05-11: milestone 1 is 3 days past due; the plan deadline (5 business days from Wed 15:10, the Saturday worked) is Tue 05-12
    t.at('2026-05-11T10:00:00+08:00')
    const overdue = (await t.ok(['complaint', 'list', '--overdue', '--json'])).json()
    expect(overdue.map((c: any) => [c.code, c.plan.deadline, c.overdue, c.overdueReasons, c.milestones[0].daysOverdue])).toEqual([['CMP-0001', '2026-05-12', false, ['milestone 1'], 3]])
    expect((await t.ok(['complaint', 'show', 'CMP-0001'])).stdout).toMatch(/1\t2026-05-08\t备用服务器上线\toverdue 3d/)

    await t.ok(['complaint', 'progress', 'CMP-0001', '--note', '备用服务器已到货', '--at', '2026-05-11T09:00'])
    const done = await t.ok(['complaint', 'progress', 'CMP-0001', '--milestone', '1', '--done', '--note', '备用服务器上线', '--at', '2026-05-11T09:30', '--json'])
    expect(done.json().milestones[0]).toMatchObject({ n: 1, done: true, doneAt: '2026-05-11T09:30:00+08:00', daysOverdue: null })
    expect((await t.ok(['complaint', 'list', '--overdue', '--json'])).json()).toEqual([])
    const c = await show(t)
    expect(c.status).toBe('planned')
    expect(c.timeline.filter((s: any) => s.step === 'progress').map((s: any) => s.details)).toEqual([
      { note: '备用服务器已到货' },
      { note: '备用服务器上线', milestone: 1, title: '备用服务器上线', done: true },
    ])
    const log = (await t.ok(['log', '--json'])).json().filter((e: any) => e.action === 'complaint.progress')
    expect(log.map((e: any) => e.details.milestone ?? null)).toEqual([null, 1])

    // a disputed plan and a new one with its own milestones: milestone 2 (open) is superseded, 1 stays done
    await t.ok(['complaint', 'feedback', 'CMP-0001', '--disputed', '--at', '2026-05-11T09:40'])
    await t.ok(['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', '更换服务器', '--milestone', '2026-05-15 新服务器上线', '--at', '2026-05-11T09:50'])
    expect((await show(t)).milestones.map((m: any) => [m.n, m.done, m.superseded])).toEqual([[1, true, false], [2, false, true], [3, false, false]])
  })

  it.each([
    ['a milestone before the complaint was received', ['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', 'x', '--milestone', '2026-04-29 太早'], 3, /--milestone 2026-04-29 is before CMP-0001 was received \(2026-04-30\)/],
    ['a milestone without what is due', ['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', 'x', '--milestone', '2026-05-20'], 3, /needs a date and what is due/],
    ['--done on a milestone that does not exist', ['complaint', 'progress', 'CMP-0001', '--milestone', '9', '--done', '--note', 'x'], 4, /CMP-0001 has no milestone 9 \(it has 1\)/],
    ['--done without --milestone', ['complaint', 'progress', 'CMP-0001', '--done', '--note', 'x'], 2, /--done needs --milestone N/],
    ['progress on an unknown complaint', ['complaint', 'progress', 'CMP-0099', '--note', 'x'], 4, /unknown complaint/],
    ['a blank note', ['complaint', 'progress', 'CMP-0001', '--note', ' '], 3, /--note/],
    ['progress before receipt', ['complaint', 'progress', 'CMP-0001', '--note', 'x', '--at', '2026-04-29T10:00'], 3, /before CMP-0001 was received/],
    ['a zero investigation time', ['config', 'set', 'complaint.investigate_hours', '0'], 3, /complaint.investigate_hours/],
  ])('refuses %s with one line, its exit code and no change', async (_what, args, code, message) => {
    const t = await company()
    await t.ok(['complaint', 'investigate', 'CMP-0001', '--team', '张伟', '--at', '2026-05-06T15:00'])
    await t.ok(['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', '扩容', '--milestone', '2026-05-08 备用服务器上线', '--at', '2026-05-06T15:10'])
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(await dbState(t.db)).toBe(before)
  })

  it('refuses progress on a closed complaint (3)', async () => {
    const t = await company()
    await t.ok(['complaint', 'investigate', 'CMP-0001', '--team', '张伟', '--at', '2026-05-06T15:00'])
    await t.ok(['complaint', 'root-cause', 'CMP-0001', '--category', 'system', '--analysis', '容量不足', '--at', '2026-05-06T15:05'])
    await t.ok(['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', '扩容', '--at', '2026-05-06T15:10'])
    await t.ok(['complaint', 'feedback', 'CMP-0001', '--accepted', '--at', '2026-05-06T15:20'])
    await t.ok(['complaint', 'verify', 'CMP-0001', '--resolved', 'yes', '--satisfaction', '4', '--at', '2026-05-06T15:25'])
    const before = await dbState(t.db)
    const r = await t.run(['complaint', 'progress', 'CMP-0001', '--note', 'x'])
    expect([r.code, r.stderr.trim()]).toEqual([3, 'icm: CMP-0001 is closed (verified resolved) (progress is tracked while a complaint is open)'])
    expect(await dbState(t.db)).toBe(before)
  })
})
