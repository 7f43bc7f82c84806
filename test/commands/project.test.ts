import { describe, expect, it } from 'vitest'
import { projectScore } from '../../src/domain/assessment/kpi.js'
import { openStore } from '../../src/storage/open.js'
import { listProjectParticipations } from '../../src/storage/projects-repo.js'
import { unitCodesById } from '../../src/storage/units-repo.js'
import { cli, dbState } from '../helpers/harness.js'

/** A company with four departments and a position; the clock is 2026-07-01 10:00 +08:00. */
async function company() {
  const t = cli()
  for (const [code, name] of [['IT', '信息技术部'], ['FIN', '财务部'], ['HR', '人力资源部'], ['PUR', '采购部']]) {
    await t.ok(['unit', 'add', code!, '--name', name!, '--kind', 'department'])
  }
  await t.ok(['unit', 'add', 'IT-HD', '--name', 'IT服务台', '--kind', 'position', '--parent', 'IT'])
  return t
}

/** PRJ-0001 IT on time q4; PRJ-0002 HR late q3 with IT member; PRJ-0003 PUR open past due with FIN; PRJ-0004 FIN cancelled with IT; PRJ-0005 IT open, due in H2. */
async function portfolio() {
  const t = await company()
  await t.ok(['project', 'add', '--name', 'ERP 上线', '--owner', 'IT', '--start', '2026-01-05', '--due', '2026-04-30', '--at', '2026-01-05T10:00'])
  await t.ok(['project', 'member', 'PRJ-0001', '--unit', 'FIN', '--duty', '科目映射'])
  await t.ok(['project', 'complete', 'PRJ-0001', '--quality', '4', '--date', '2026-04-28'])
  await t.ok(['project', 'add', '--name', '入职一站式', '--owner', 'HR', '--start', '2026-02-02', '--due', '2026-03-31'])
  await t.ok(['project', 'member', 'PRJ-0002', '--unit', 'IT', '--duty', '账号与电脑'])
  await t.ok(['project', 'complete', 'PRJ-0002', '--quality', '3', '--date', '2026-04-14'])
  await t.ok(['project', 'add', '--name', '来料不良分析', '--owner', 'PUR', '--kind', 'problem', '--start', '2026-03-02', '--due', '2026-05-29'])
  await t.ok(['project', 'member', 'PRJ-0003', '--unit', 'FIN', '--duty', '索赔核算'])
  await t.ok(['project', 'add', '--name', '条码系统', '--owner', 'FIN', '--start', '2026-02-16', '--due', '2026-06-30'])
  await t.ok(['project', 'member', 'PRJ-0004', '--unit', 'IT', '--duty', '接口'])
  await t.ok(['project', 'cancel', 'PRJ-0004', '--reason', '并入二期'])
  await t.ok(['project', 'add', '--name', '预算系统', '--owner', 'IT', '--due', '2026-09-30'])
  return t
}

describe('icm project', () => {
  it('adds a project: its code on stdout, a ✓ on stderr, the start defaulting to today', async () => {
    const t = await company()
    const r = await t.ok(['project', 'add', '--name', 'ERP 上线', '--owner', 'it', '--due', '2026-09-30'])
    expect(r.stdout).toBe('PRJ-0001\n')
    expect(r.stderr).toBe('✓ PRJ-0001 ERP 上线 added: owner IT, 2026-07-01 → due 2026-09-30\n')
    const j = await t.ok(['project', 'add', '--name', '问题', '--owner', '信息技术部', '--due', '2026-08-01', '--kind', 'problem', '--start', '2026-06-01', '--json'])
    expect(j.json()).toMatchObject({
      code: 'PRJ-0002', kind: 'problem', owner: 'IT', members: [], start: '2026-06-01', due: '2026-08-01',
      status: 'open', progress: 0, timing: 'open', daysLate: null, daysOverdue: null, score: null, createdAt: '2026-07-01T10:00:00+08:00',
    })
  })

  it('shows members and duties, the progress history and whether it was on time', async () => {
    const t = await company()
    await t.ok(['project', 'add', '--name', 'ERP 上线', '--owner', 'IT', '--start', '2026-01-05', '--due', '2026-04-30', '--at', '2026-01-05T10:00'])
    await t.ok(['project', 'member', 'PRJ-0001', '--unit', 'FIN', '--duty', '科目映射'])
    await t.ok(['project', 'member', 'PRJ-0001', '--unit', 'PUR', '--duty', '订单迁移'])
    await t.ok(['project', 'progress', 'PRJ-0001', '--percent', '30', '--note', '配置完成', '--at', '2026-02-10T17:00'])
    const p = await t.ok(['project', 'progress', 'prj-0001', '--percent', '75', '--at', '2026-03-27T17:30'])
    expect(p.stderr).toBe('✓ PRJ-0001 at 75%\n')
    const c = await t.ok(['project', 'complete', 'PRJ-0001', '--quality', '4', '--date', '2026-04-28', '--note', '按期', '--json'])
    expect(c.json()).toMatchObject({ status: 'completed', progress: 100, completedOn: '2026-04-28', quality: 4, timing: 'on_time', score: 80 })
    expect(c.stderr).toBe('✓ PRJ-0001 completed on 2026-04-28, on time, quality 4\n')
    const show = (await t.ok(['project', 'show', 'PRJ-0001', '--json'])).json()
    expect(show.members).toEqual([{ unit: 'FIN', duty: '科目映射' }, { unit: 'PUR', duty: '订单迁移' }])
    expect(show.progressHistory).toEqual([
      { at: '2026-02-10T17:00:00+08:00', percent: 30, note: '配置完成', actor: 'tester' },
      { at: '2026-03-27T17:30:00+08:00', percent: 75, note: null, actor: 'tester' },
    ])
    const human = await t.ok(['project', 'show', 'PRJ-0001'])
    expect(human.stdout).toContain('timing\ton time\n')
    expect(human.stdout).toContain('members and duties:\nunit\tduty\nFIN\t科目映射\nPUR\t订单迁移\n')
    expect(human.stdout).toContain('progress:\nat\tpercent\tnote\tby\n2026-02-10T17:00:00+08:00\t30%\t配置完成\ttester\n')
  })

  it('says how many days late a completion was, and how many days overdue an open project is', async () => {
    const t = await portfolio()
    const late = (await t.ok(['project', 'show', 'PRJ-0002', '--json'])).json()
    expect(late).toMatchObject({ timing: 'late', daysLate: 14, daysOverdue: null, score: 36 })
    const open = (await t.ok(['project', 'show', 'PRJ-0003', '--json'])).json()
    expect(open).toMatchObject({ status: 'open', timing: 'overdue', daysOverdue: 33, daysLate: null, score: 0 })
    expect((await t.ok(['project', 'show', 'PRJ-0003'])).stdout).toContain('timing\toverdue 33 days\n')
    expect((await t.ok(['project', 'show', 'PRJ-0004', '--json'])).json()).toMatchObject({ status: 'cancelled', timing: 'cancelled', score: null, cancelReason: '并入二期', cancelledAt: '2026-07-01T10:00:00+08:00' })
  })

  it.each([
    ['every project by due date', [], ['PRJ-0002', 'PRJ-0001', 'PRJ-0003', 'PRJ-0004', 'PRJ-0005']],
    ['--late: completed after due or open past due', ['--late'], ['PRJ-0002', 'PRJ-0003']],
    ['--period 2026-H1 (by due date)', ['--period', '2026-H1'], ['PRJ-0002', 'PRJ-0001', 'PRJ-0003', 'PRJ-0004']],
    ['--period 2026-Q2', ['--period', '2026-q2'], ['PRJ-0001', 'PRJ-0003', 'PRJ-0004']],
    ['--unit IT: owner or member', ['--unit', 'IT'], ['PRJ-0002', 'PRJ-0001', 'PRJ-0004', 'PRJ-0005']],
    ['--unit FIN --period 2026-H1', ['--unit', 'FIN', '--period', '2026-H1'], ['PRJ-0001', 'PRJ-0003', 'PRJ-0004']],
    ['--status open', ['--status', 'open'], ['PRJ-0003', 'PRJ-0005']],
    ['--status completed --late', ['--status', 'completed', '--late'], ['PRJ-0002']],
    ['--unit IT-HD (no projects)', ['--unit', 'IT-HD'], []],
  ])('lists %s', async (_what, args, codes) => {
    const t = await portfolio()
    const r = await t.ok(['project', 'list', ...args, '--json'])
    expect(r.json().map((p: any) => p.code)).toEqual(codes)
  })

  it('lists as tab-separated lines when piped, and as CSV', async () => {
    const t = await portfolio()
    const r = await t.ok(['project', 'list', '--late'])
    expect(r.stdout).toBe(
      'code\tkind\tname\towner\tmembers\tdue\tstatus\tprogress\ttiming\tquality\n' +
        'PRJ-0002\tproject\t入职一站式\tHR\tIT\t2026-03-31\tcompleted\t100%\tlate 14 days\t3\n' +
        'PRJ-0003\tproblem\t来料不良分析\tPUR\tFIN\t2026-05-29\topen\t0%\toverdue 33 days\t\n',
    )
    const csv = await t.ok(['project', 'list', '--unit', 'HR', '--csv'])
    expect(csv.stdout).toBe('code,kind,name,owner,members,due,status,progress,timing,quality\r\nPRJ-0002,project,入职一站式,HR,IT,2026-03-31,completed,100%,late 14 days,3\r\n')
    const none = await t.ok(['project', 'list', '--period', '2025'])
    expect(none.stdout).toBe('')
    expect(none.stderr).toBe('no projects match\n')
  })

  it('changes the duty of a unit that is already a member, and logs every change', async () => {
    const t = await company()
    await t.ok(['project', 'add', '--name', 'ERP', '--owner', 'IT', '--due', '2026-09-30'])
    await t.ok(['project', 'member', 'PRJ-0001', '--unit', 'FIN', '--duty', '科目映射'])
    const again = await t.ok(['project', 'member', 'PRJ-0001', '--unit', 'fin', '--duty', '期初数据'])
    expect(again.stderr).toBe('✓ PRJ-0001: duty of FIN changed to 期初数据\n')
    const same = await t.ok(['project', 'member', 'PRJ-0001', '--unit', 'FIN', '--duty', '期初数据'])
    expect(same.stderr).toContain('nothing changed')
    expect((await t.ok(['project', 'show', 'PRJ-0001', '--json'])).json().members).toEqual([{ unit: 'FIN', duty: '期初数据' }])
    await t.ok(['project', 'progress', 'PRJ-0001', '--percent', '20'])
    await t.ok(['project', 'complete', 'PRJ-0001', '--quality', '5'])
    const log = (await t.ok(['log', '--entity', 'PRJ-0001', '--json'])).json()
    expect(log.map((e: any) => e.action)).toEqual(['project.add', 'project.member', 'project.member', 'project.progress', 'project.complete'])
    expect(log[2].details).toEqual({ unit: 'FIN', duty: '期初数据', previousDuty: '科目映射' })
    expect(log[4].details).toMatchObject({ date: '2026-07-01', quality: 5, timing: 'on_time' })
  })

  it('keeps the progress of the latest update in time when an older one is back-filled', async () => {
    const t = await company()
    await t.ok(['project', 'add', '--name', 'ERP', '--owner', 'IT', '--start', '2026-01-05', '--due', '2026-09-30'])
    await t.ok(['project', 'progress', 'PRJ-0001', '--percent', '60', '--at', '2026-06-01T10:00'])
    const r = await t.ok(['project', 'progress', 'PRJ-0001', '--percent', '30', '--at', '2026-03-01T10:00', '--json'])
    expect(r.json().progress).toBe(60)
    expect(r.stderr).not.toContain('warning')
    const back = await t.ok(['project', 'progress', 'PRJ-0001', '--percent', '50'])
    expect(back.stderr).toContain('icm: warning: PRJ-0001 went back from 60% to 50%')
  })

  it.each([
    ['an unknown owner', ['project', 'add', '--name', 'x', '--owner', 'NOPE', '--due', '2026-09-30'], 4, /unknown owner unit 'NOPE'/],
    ['an unknown project', ['project', 'show', 'PRJ-0099'], 4, /unknown project 'PRJ-0099' \(see icm project list\)/],
    ['an unknown member unit', ['project', 'member', 'PRJ-0001', '--unit', 'NOPE', '--duty', 'x'], 4, /unknown member unit 'NOPE'/],
    ['progress on an unknown project', ['project', 'progress', 'PRJ-0099', '--percent', '10'], 4, /unknown project/],
    ['an unknown unit in list', ['project', 'list', '--unit', 'NOPE'], 4, /unknown unit 'NOPE'/],
    ['a due date before the start date', ['project', 'add', '--name', 'x', '--owner', 'IT', '--start', '2026-03-01', '--due', '2026-02-28'], 3, /due date 2026-02-28 is before the start date 2026-03-01/],
    ['a due date before today without --start', ['project', 'add', '--name', 'x', '--owner', 'IT', '--due', '2026-06-30'], 3, /before the start date 2026-07-01/],
    ['an impossible due date', ['project', 'add', '--name', 'x', '--owner', 'IT', '--due', '2026-02-30'], 3, /invalid --due '2026-02-30': no such day/],
    ['an empty name', ['project', 'add', '--name', '', '--owner', 'IT', '--due', '2026-09-30'], 3, /--name cannot be empty/],
    ['an unknown kind', ['project', 'add', '--name', 'x', '--owner', 'IT', '--due', '2026-09-30', '--kind', 'task'], 3, /invalid project kind 'task'/],
    ['--at in the future', ['project', 'add', '--name', 'x', '--owner', 'IT', '--due', '2026-09-30', '--at', '2026-07-02'], 3, /in the future/],
    ['quality 0', ['project', 'complete', 'PRJ-0001', '--quality', '0'], 3, /--quality must be a whole number from 1 to 5, got '0'/],
    ['quality 6', ['project', 'complete', 'PRJ-0001', '--quality', '6'], 3, /--quality must be a whole number from 1 to 5/],
    ['percent 101', ['project', 'progress', 'PRJ-0001', '--percent', '101'], 3, /--percent must be a whole number from 0 to 100, got '101'/],
    ['percent -1', ['project', 'progress', 'PRJ-0001', '--percent', '-1'], 3, /--percent must be a whole number from 0 to 100/],
    ['completing a completed project', ['project', 'complete', 'PRJ-0002', '--quality', '4'], 3, /cannot complete PRJ-0002: it was completed on 2026-06-10/],
    ['completing a cancelled project', ['project', 'complete', 'PRJ-0003', '--quality', '4'], 3, /cannot complete PRJ-0003: it was cancelled/],
    ['cancelling a completed project', ['project', 'cancel', 'PRJ-0002', '--reason', 'x'], 3, /cannot cancel PRJ-0002/],
    ['progress on a cancelled project', ['project', 'progress', 'PRJ-0003', '--percent', '10'], 3, /cannot record progress on PRJ-0003: it was cancelled/],
    ['a member on a completed project', ['project', 'member', 'PRJ-0002', '--unit', 'HR', '--duty', 'x'], 3, /cannot change the members of PRJ-0002/],
    ['the owner as a member', ['project', 'member', 'PRJ-0001', '--unit', 'IT', '--duty', 'x'], 3, /IT owns PRJ-0001/],
    ['an empty duty', ['project', 'member', 'PRJ-0001', '--unit', 'FIN', '--duty', ' '], 3, /--duty cannot be empty/],
    ['a completion date in the future', ['project', 'complete', 'PRJ-0001', '--quality', '4', '--date', '2026-07-02'], 3, /completion date 2026-07-02 is in the future/],
    ['a completion before the start', ['project', 'complete', 'PRJ-0001', '--quality', '4', '--date', '2026-01-01'], 3, /before the project started \(2026-02-01\)/],
    ['progress before the start', ['project', 'progress', 'PRJ-0001', '--percent', '10', '--at', '2026-01-15'], 3, /before PRJ-0001 started/],
    ['an empty cancel reason', ['project', 'cancel', 'PRJ-0001', '--reason', ''], 3, /--reason cannot be empty/],
    ['a bad period', ['project', 'list', '--period', '2026-H3'], 3, /invalid period '2026-H3'/],
    ['a bad status', ['project', 'list', '--status', 'late'], 3, /invalid project status 'late'/],
    ['a missing --due', ['project', 'add', '--name', 'x', '--owner', 'IT'], 2, /missing required option --due/],
    ['a quality of 0', ['project', 'complete', 'PRJ-0001', '--quality', '0'], 3, /--quality must be a whole number from 1 to 5/],
    ['a missing project code', ['project', 'complete'], 2, /missing required argument/],
  ])('refuses %s with a clear error, its exit code, and no change', async (_what, args, code, message) => {
    const t = await company()
    await t.ok(['project', 'add', '--name', 'A', '--owner', 'IT', '--start', '2026-02-01', '--due', '2026-09-30'])
    await t.ok(['project', 'add', '--name', 'B', '--owner', 'FIN', '--start', '2026-02-01', '--due', '2026-06-30'])
    await t.ok(['project', 'complete', 'PRJ-0002', '--quality', '4', '--date', '2026-06-10'])
    await t.ok(['project', 'add', '--name', 'C', '--owner', 'FIN', '--start', '2026-02-01', '--due', '2026-06-30'])
    await t.ok(['project', 'cancel', 'PRJ-0003', '--reason', 'x'])
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).toMatch(/^icm: /)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
  })

  it('gives the assessment every unit\'s part in the projects due in a period (owner or member)', async () => {
    const t = await portfolio()
    const store = await openStore(t.db)
    try {
      const codes = await unitCodesById(store.db)
      const parts = await listProjectParticipations(store.db, { dueFrom: '2026-01-01', dueTo: '2026-06-30' })
      expect(parts.map((p) => [p.code, codes.get(p.unitId), p.role, p.status])).toEqual([
        ['PRJ-0001', 'IT', 'owner', 'completed'],
        ['PRJ-0001', 'FIN', 'member', 'completed'],
        ['PRJ-0002', 'HR', 'owner', 'completed'],
        ['PRJ-0002', 'IT', 'member', 'completed'],
        ['PRJ-0003', 'PUR', 'owner', 'open'],
        ['PRJ-0003', 'FIN', 'member', 'open'],
        ['PRJ-0004', 'FIN', 'owner', 'cancelled'],
        ['PRJ-0004', 'IT', 'member', 'cancelled'],
      ])
      // IT in 2026-H1: owner on time q4 → 80, member late q3 → 36, cancelled left out
      const it = parts.filter((p) => codes.get(p.unitId) === 'IT')
      expect(it.map((p) => projectScore({ due: p.due, completedOn: p.completedOn, quality: p.quality, cancelled: p.status === 'cancelled' }, '2026-07-01'))).toEqual([80, 36, null])
    } finally {
      await store.close()
    }
  })

  it('completes a project without a quality: the base score alone (DESIGN.md §3: completed late without quality → 60)', async () => {
    const t = await company()
    await t.ok(['project', 'add', '--name', '招聘系统', '--owner', 'HR', '--start', '2026-03-01', '--due', '2026-04-30'])
    const r = await t.ok(['project', 'complete', 'PRJ-0001', '--date', '2026-05-08', '--json'])
    expect(r.json()).toMatchObject({ code: 'PRJ-0001', status: 'completed', completedOn: '2026-05-08', quality: null, score: 60 })
    expect(r.stderr).toContain('PRJ-0001 completed on 2026-05-08')
    expect(r.stderr).toContain('no quality given')
    const log = (await t.ok(['log', '--entity', 'PRJ-0001', '--json'])).json()
    expect(log.at(-1)).toMatchObject({ action: 'project.complete', details: { date: '2026-05-08', quality: null } })
  })

  it('asks for a missing option on a terminal', async () => {
    const t = await company()
    const r = await t.run(['project', 'add', '--owner', 'IT'], { tty: true, answers: ['ERP 上线', '2026-09-30'] })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('PRJ-0001\n')
  })
})
