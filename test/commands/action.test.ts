import { describe, expect, it } from 'vitest'
import { cli, dbState } from '../helpers/harness.js'

// The harness clock: 2026-07-01T10:00+08:00, so "today" is 2026-07-01.
async function company() {
  const t = cli()
  await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
  await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
  return t
}

describe('icm action', () => {
  it('adds an action: its code on stdout, a ✓ on stderr', async () => {
    const t = await company()
    const r = await t.ok(['action', 'add', '--owner', 'IT', '--description', '每周公布工单处理时效', '--due', '2026-08-31'])
    expect(r.stdout).toBe('ACT-0001\n')
    expect(r.stderr).toBe('✓ ACT-0001 opened for IT, due 2026-08-31\n')
  })

  it('adds with --json: the action, owner as a code, source manual by default', async () => {
    const t = await company()
    const r = await t.ok(['action', 'add', '--owner', '人力资源部', '--description', '新员工礼仪培训', '--due', '2026-07-15', '--json'])
    expect(r.json()).toEqual({
      code: 'ACT-0001',
      source: 'manual',
      sourceRef: null,
      owner: 'HR',
      description: '新员工礼仪培训',
      due: '2026-07-15',
      status: 'open',
      daysOverdue: null,
      doneNote: null,
      doneAt: null,
      doneOnTime: null,
      createdAt: '2026-07-01T10:00:00+08:00',
    })
  })

  it('keeps a source and its reference, and back-dates with --at', async () => {
    const t = await company()
    const r = await t.ok(['action', 'add', '--owner', 'IT', '--description', 'x', '--due', '2026-06-30', '--source', 'Survey', '--ref', '2026H1-SERVICE', '--at', '2026-06-01T09:00', '--json'])
    expect(r.json()).toMatchObject({ source: 'survey', sourceRef: '2026H1-SERVICE', createdAt: '2026-06-01T09:00:00+08:00' })
  })

  it('lists open, overdue and done actions, oldest due first, with filters', async () => {
    const t = await company()
    await t.ok(['action', 'add', '--owner', 'IT', '--description', '逾期一天', '--due', '2026-06-30', '--at', '2026-06-01'])
    await t.ok(['action', 'add', '--owner', 'HR', '--description', '今天到期', '--due', '2026-07-01'])
    await t.ok(['action', 'add', '--owner', 'IT', '--description', '已完成', '--due', '2026-05-31', '--at', '2026-05-01'])
    await t.ok(['action', 'done', 'act-0003', '--note', '已上线', '--at', '2026-05-20T15:00'])

    const all = (await t.ok(['action', 'list', '--json'])).json()
    expect(all.map((a: any) => [a.code, a.due, a.status, a.daysOverdue])).toEqual([
      ['ACT-0003', '2026-05-31', 'done', null],
      ['ACT-0001', '2026-06-30', 'overdue', 1], // due yesterday
      ['ACT-0002', '2026-07-01', 'open', null], // due today is not late yet
    ])
    expect(all[0]).toMatchObject({ doneNote: '已上线', doneAt: '2026-05-20T15:00:00+08:00' })

    const code = (args: string[]) => t.ok(['action', 'list', ...args, '--json']).then((r) => r.json().map((a: any) => a.code))
    expect(await code(['--status', 'overdue'])).toEqual(['ACT-0001'])
    expect(await code(['--status', 'open'])).toEqual(['ACT-0001', 'ACT-0002'])
    expect(await code(['--status', 'DONE'])).toEqual(['ACT-0003'])
    expect(await code(['--owner', 'HR'])).toEqual(['ACT-0002'])
    expect(await code(['--owner', '信息技术部', '--status', 'open'])).toEqual(['ACT-0001'])
  })

  it('shows the overdue days in the table and says so when nothing matches', async () => {
    const t = await company()
    await t.ok(['action', 'add', '--owner', 'IT', '--description', '逾期三天', '--due', '2026-06-28', '--at', '2026-06-01'])
    const r = await t.ok(['action', 'list'])
    expect(r.stdout).toBe('code\towner\tdue\tstatus\tsource\tdescription\nACT-0001\tIT\t2026-06-28\toverdue 3d\tmanual\t逾期三天\n')
    const none = await t.ok(['action', 'list', '--status', 'done'])
    expect(none.stdout).toBe('')
    expect(none.stderr).toBe('no improvement actions match\n')
    const csv = await t.ok(['action', 'list', '--csv'])
    expect(csv.stdout).toBe('code,owner,due,status,source,description\r\nACT-0001,IT,2026-06-28,overdue 3d,manual,逾期三天\r\n')
  })

  it('closes an action with a note and records both events', async () => {
    const t = await company()
    await t.ok(['action', 'add', '--owner', 'IT', '--description', 'x', '--due', '2026-08-31'])
    const r = await t.ok(['action', 'done', 'ACT-0001', '--note', '已完成', '--json'])
    expect(r.json()).toMatchObject({ code: 'ACT-0001', status: 'done', doneNote: '已完成', doneAt: '2026-07-01T10:00:00+08:00' })
    expect(r.stderr).toBe('✓ ACT-0001 done\n')
    const log = (await t.ok(['log', '--entity', 'ACT-0001', '--json'])).json()
    expect(log.map((e: any) => [e.action, e.details])).toEqual([
      ['action.add', { owner: 'IT', description: 'x', due: '2026-08-31', source: 'manual', ref: null }],
      ['action.done', { note: '已完成' }],
    ])
  })

  it.each([
    ['an unknown owner', ['action', 'add', '--owner', 'NOPE', '--description', 'x', '--due', '2026-08-31'], 4, /unknown owner unit 'NOPE'/],
    ['an impossible due date', ['action', 'add', '--owner', 'IT', '--description', 'x', '--due', '2026-02-30'], 3, /invalid --due '2026-02-30': no such day/],
    ['a due date that is not a date', ['action', 'add', '--owner', 'IT', '--description', 'x', '--due', 'soon'], 3, /invalid --due 'soon'/],
    ['a due date before the action is opened', ['action', 'add', '--owner', 'IT', '--description', 'x', '--due', '2026-06-30'], 3, /--due 2026-06-30 is before the action is opened \(2026-07-01\)/],
    ['an empty description', ['action', 'add', '--owner', 'IT', '--description', ' ', '--due', '2026-08-31'], 3, /--description cannot be empty/],
    ['an unknown source', ['action', 'add', '--owner', 'IT', '--description', 'x', '--due', '2026-08-31', '--source', 'rumour'], 3, /invalid action source 'rumour'/],
    ['--at in the future', ['action', 'add', '--owner', 'IT', '--description', 'x', '--due', '2026-08-31', '--at', '2026-07-02'], 3, /is in the future/],
    ['a missing --owner without a terminal', ['action', 'add', '--description', 'x', '--due', '2026-08-31'], 2, /missing required option --owner/],
    ['an unknown action', ['action', 'done', 'ACT-0099', '--note', 'x'], 4, /unknown improvement action 'ACT-0099' \(see icm action list\)/],
    ['an action done twice', ['action', 'done', 'ACT-0002', '--note', 'again'], 3, /ACT-0002 is already done \(已完成\)/],
    ['an empty note', ['action', 'done', 'ACT-0001', '--note', ''], 3, /--note cannot be empty/],
    ['a blank note', ['action', 'done', 'ACT-0001', '--note', '   '], 3, /--note cannot be empty/],
    ['done before it was opened', ['action', 'done', 'ACT-0001', '--note', 'x', '--at', '2026-06-01'], 3, /is before ACT-0001 was opened/],
    ['a missing --note without a terminal', ['action', 'done', 'ACT-0001'], 2, /missing required option --note/],
    ['an unknown status filter', ['action', 'list', '--status', 'late'], 3, /invalid action status 'late'/],
    ['an unknown owner filter', ['action', 'list', '--owner', 'NOPE'], 4, /unknown unit 'NOPE'/],
  ])('refuses %s with a clear error, its exit code, and no change', async (_what, args, code, message) => {
    const t = await company()
    await t.ok(['action', 'add', '--owner', 'IT', '--description', 'open one', '--due', '2026-08-31', '--at', '2026-06-15'])
    await t.ok(['action', 'add', '--owner', 'HR', '--description', 'done one', '--due', '2026-08-31'])
    await t.ok(['action', 'done', 'ACT-0002', '--note', '已完成'])
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).toMatch(/^icm: /)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
  })

  it('asks for a missing option on a terminal', async () => {
    const t = await company()
    const r = await t.run(['action', 'add', '--owner', 'IT', '--due', '2026-08-31'], { tty: true, answers: ['上线看板'] })
    expect(r.code).toBe(0)
    expect((await t.ok(['action', 'list', '--json'])).json()[0]).toMatchObject({ description: '上线看板' })
  })
})
