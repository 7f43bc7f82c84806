import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, dbState, writeFile } from '../helpers/harness.js'

describe('icm config', () => {
  it('lists every key of DESIGN.md §4 with its default', async () => {
    const t = cli()
    await t.ok(['init'])
    const list = (await t.ok(['config', 'list', '--json'])).json()
    expect(Object.fromEntries(list.map((e: any) => [e.key, e.value]))).toEqual({
      'sla.response_hours': '8',
      'sla.resolution_days': '5',
      'sla.work_hours': '09:00-18:00',
      'sla.work_days': '1-5',
      'complaint.handler': null,
      'complaint.channels': 'email,phone,online,in_person',
      'complaint.plan_days': '5',
      'complaint.investigate_hours': '8',
      'visit.interval_days': '90',
      'ui.lang': null,
      'assess.weights': 'S=30,T=20,C=15,H=15,self=5,superior=15',
      'assess.grades': 'A=90,B=80,C=70,D=60',
      'assess.bonus': 'A=1.2,B=1.1,C=1.0,D=0.9,E=0.8',
      'assess.min_responses': '5',
      'assess.complaint_free': '2',
      'relation.threshold': '60',
      'relation.frequent': '12',
      'org.name': null,
    })
  })

  it('sets, gets and unsets a value, logging each change', async () => {
    const t = cli()
    await t.ok(['config', 'set', 'complaint.handler', '王敏'])
    expect((await t.ok(['config', 'get', 'complaint.handler'])).stdout).toBe('王敏\n')
    await t.ok(['config', 'set', 'sla.work_hours', '8:30-17:30'])
    expect((await t.ok(['config', 'get', 'sla.work_hours', '--json'])).json()).toMatchObject({ value: '08:30-17:30', source: 'set', default: '09:00-18:00' })
    await t.ok(['config', 'unset', 'sla.work_hours'])
    expect((await t.ok(['config', 'get', 'sla.work_hours'])).stdout).toBe('09:00-18:00\n')
    const log = (await t.ok(['log', '--json'])).json()
    expect(log.map((e: any) => [e.action, e.entity, e.details])).toEqual([
      ['config.set', 'complaint.handler', { from: null, to: '王敏' }],
      ['config.set', 'sla.work_hours', { from: '09:00-18:00', to: '08:30-17:30' }],
      ['config.unset', 'sla.work_hours', { from: '08:30-17:30', to: '09:00-18:00' }],
    ])
  })

  it.each([
    ['an unknown key', ['config', 'set', 'sla.nope', '1'], /unknown config key 'sla.nope'/],
    ['a negative number', ['config', 'set', 'sla.response_hours', '-1'], /sla.response_hours must be a number greater than 0/],
    ['text for a number', ['config', 'set', 'assess.min_responses', 'five'], /whole number/],
    ['malformed work hours', ['config', 'set', 'sla.work_hours', '18:00-09:00'], /work must end after it starts/],
    ['malformed work days', ['config', 'set', 'sla.work_days', '1-8'], /work days/],
    ['weights with an unknown key', ['config', 'set', 'assess.weights', 'S=30,X=70'], /assess.weights|weights/],
    ['grades not descending', ['config', 'set', 'assess.grades', 'A=70,B=80,C=60,D=50'], /bands must descend/],
    ['a channel list with a blank', ['config', 'set', 'complaint.channels', 'email,,phone'], /channel/],
    ['an empty handler', ['config', 'set', 'complaint.handler', ' '], /cannot be empty/],
    ['an unknown key to get', ['config', 'get', 'nope'], /unknown config key/],
    ['unsetting a default', ['config', 'unset', 'sla.response_hours'], /already has its default/],
  ])('refuses %s with exit 3 and no change', async (_what, args, message) => {
    const t = cli()
    await t.ok(['init'])
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(message)
    expect(await dbState(t.db)).toBe(before)
  })
})

describe('icm calendar', () => {
  it('adds holidays and make-up workdays, lists them by year with weekdays', async () => {
    const t = cli()
    await t.ok(['calendar', 'add', '2026-10-01', '--holiday', '--name', '国庆节'])
    await t.ok(['calendar', 'add', '2026-10-10', '--workday', '--name', '国庆调休'])
    await t.ok(['calendar', 'add', '2025-10-01', '--holiday'])
    const list = (await t.ok(['calendar', 'list', '--year', '2026', '--json'])).json()
    expect(list).toEqual([
      { date: '2026-10-01', type: 'holiday', name: '国庆节', weekday: 'Thu' },
      { date: '2026-10-10', type: 'workday', name: '国庆调休', weekday: 'Sat' },
    ])
  })

  it('warns when a holiday falls on a day off anyway', async () => {
    const t = cli()
    const r = await t.ok(['calendar', 'add', '2026-10-03', '--holiday'])
    expect(r.stderr).toContain('2026-10-03 is a Sat, already a day off')
  })

  it('imports a CSV with Chinese headers and day types (日期,类型,名称; 休/班; traditional too)', async () => {
    const t = cli()
    const f = writeFile(t.dir, 'days.csv', '日期,類型,名稱\n2026/10/1,休,国庆节\n2026年10月10日,补班,国庆调休\n')
    expect((await t.ok(['calendar', 'import', f, '--json'])).json()).toMatchObject({ imported: 2 })
    const days = (await t.ok(['calendar', 'list', '--year', '2026', '--json'])).json()
    expect(days.map((d: any) => [d.date, d.type])).toEqual([['2026-10-01', 'holiday'], ['2026-10-10', 'workday']])
  })

  it('imports a CSV of days, all or nothing', async () => {
    const t = cli()
    const f = writeFile(t.dir, 'days.csv', 'date,type,name\n2026-10-01,holiday,国庆节\n2026-10-10,workday,国庆调休\n')
    expect((await t.ok(['calendar', 'import', f, '--json'])).json()).toMatchObject({ imported: 2 })
    const bad = writeFile(t.dir, 'bad.csv', 'date,type,name\n2026-10-02,holiday,国庆节\n2026-02-30,holiday,x\n')
    const before = await dbState(t.db)
    const r = await t.run(['calendar', 'import', bad])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('line 3: invalid date')
    expect(await dbState(t.db)).toBe(before)
  })

  it.each([
    ['an impossible date', ['calendar', 'add', '2026-02-30', '--holiday'], /invalid date '2026-02-30': no such day/],
    ['both kinds', ['calendar', 'add', '2026-10-01', '--holiday', '--workday'], /exactly one of --holiday and --workday/],
    ['neither kind', ['calendar', 'add', '2026-10-01'], /exactly one/],
    ['a malformed date', ['calendar', 'add', '10/01/2026', '--holiday'], /invalid date/],
    ['a malformed year', ['calendar', 'list', '--year', '26'], /year/],
  ])('refuses %s with exit 3', async (_what, args, message) => {
    const t = cli()
    await t.ok(['init'])
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(message)
    expect(await dbState(t.db)).toBe(before)
  })

  it('refuses a calendar file that does not exist with exit 4', async () => {
    const t = cli()
    const r = await t.run(['calendar', 'import', path.join(t.dir, 'none.csv')])
    expect(r.code).toBe(4)
  })
})
