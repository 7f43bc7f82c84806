import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, cli, dbState } from '../helpers/harness.js'

/** The fixture organisation with a small customer map: IT serves HR and FIN, ADM serves SALES. */
async function withMap() {
  const t = cli()
  await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
  await t.ok(['link', 'add', '--supplier', 'IT', '--customer', 'HR', '--provides', '考勤系统维护'])
  await t.ok(['link', 'add', '--supplier', 'IT', '--customer', 'FIN', '--provides', 'ERP系统支持'])
  await t.ok(['link', 'add', '--supplier', 'ADM', '--customer', 'SALES', '--provides', '会议室与差旅安排'])
  return t
}

describe('icm visit log', () => {
  it('records a visit (VIS-0001), prints its code, and writes an event', async () => {
    const t = await withMap()
    const r = await t.ok(['visit', 'log', '--by', 'IT', '--customer', '财务部', '--date', '2026-06-12', '--satisfaction', '4', '--notes', 'ERP月结支持'])
    expect(r.stdout).toBe('VIS-0001\n')
    expect(r.stderr).toBe('✓ VIS-0001 IT visited FIN on 2026-06-12, satisfaction 4\n')
    const j = await t.ok(['visit', 'log', '--by', 'it', '--customer', 'HR', '--json'])
    expect(j.json()).toEqual({ code: 'VIS-0002', supplier: 'IT', customer: 'HR', date: '2026-07-01', satisfaction: null, notes: null, createdAt: '2026-07-01T10:00:00+08:00', inCustomerMap: true, nextVisitDue: '2026-09-29' })
    const log = (await t.ok(['log', '--entity', 'VIS-0001', '--json'])).json()
    expect(log[0]).toMatchObject({ action: 'visit.log', details: { supplier: 'IT', customer: 'FIN', date: '2026-06-12', satisfaction: 4, notes: 'ERP月结支持' } })
  })

  it('warns when the pair is not in the customer map, and records the visit anyway', async () => {
    const t = await withMap()
    const r = await t.ok(['visit', 'log', '--by', 'WH', '--customer', 'RD'])
    expect(r.stdout).toBe('VIS-0001\n')
    expect(r.stderr).toContain('icm: warning: WH → RD is not a pair of the customer map (icm customer map)\n')
  })

  it.each([
    ['an unknown supplier', ['visit', 'log', '--by', 'NOPE', '--customer', 'HR'], 4, /unknown supplier unit 'NOPE'/],
    ['an unknown customer', ['visit', 'log', '--by', 'IT', '--customer', 'NOPE'], 4, /unknown customer unit 'NOPE'/],
    ['a unit visiting itself', ['visit', 'log', '--by', 'IT', '--customer', '信息技术部'], 3, /a unit cannot visit itself \(IT\)/],
    ['a date in the future', ['visit', 'log', '--by', 'IT', '--customer', 'HR', '--date', '2026-07-02'], 3, /--date 2026-07-02 is in the future/],
    ['an impossible date', ['visit', 'log', '--by', 'IT', '--customer', 'HR', '--date', '2026-02-30'], 3, /invalid --date '2026-02-30': no such day/],
    ['a satisfaction of 6', ['visit', 'log', '--by', 'IT', '--customer', 'HR', '--satisfaction', '6'], 3, /--satisfaction must be a whole number from 1 to 5/],
    ['a missing --by without a terminal', ['visit', 'log', '--customer', 'HR'], 2, /missing required option --by/],
    ['a missing --customer without a terminal', ['visit', 'log', '--by', 'IT'], 2, /missing required option --customer/],
    ['a bad period to list', ['visit', 'list', '--period', '2026-H5'], 3, /invalid period '2026-H5'/],
    ['a bad --as-of', ['visit', 'due', '--as-of', 'tomorrow'], 3, /invalid --as-of 'tomorrow'/],
  ])('refuses %s with a clear error, its exit code, and no change', async (_what, args, code, message) => {
    const t = await withMap()
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect([r.code, r.stdout]).toEqual([code, ''])
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(await dbState(t.db)).toBe(before)
  })

  it('asks for a missing unit on a terminal', async () => {
    const t = await withMap()
    const r = await t.run(['visit', 'log', '--customer', 'HR'], { tty: true, answers: ['IT'] })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('VIS-0001\n')
  })
})

describe('icm visit list and due', () => {
  async function withVisits() {
    const t = await withMap()
    await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'HR', '--date', '2026-01-20', '--satisfaction', '3'])
    await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'HR', '--date', '2026-04-02', '--satisfaction', '4'])
    await t.ok(['visit', 'log', '--by', 'ADM', '--customer', 'SALES', '--date', '2026-06-20'])
    await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'FIN', '--date', '2025-12-30'])
    return t
  }

  it('lists visits by date, for a supplier and a period', async () => {
    const t = await withVisits()
    const all = (await t.ok(['visit', 'list', '--json'])).json()
    expect(all.map((v: any) => v.code)).toEqual(['VIS-0004', 'VIS-0001', 'VIS-0002', 'VIS-0003'])
    const it = (await t.ok(['visit', 'list', '--by', 'IT', '--period', '2026-H1', '--json'])).json()
    expect(it.map((v: any) => [v.code, v.customer, v.date, v.satisfaction])).toEqual([
      ['VIS-0001', 'HR', '2026-01-20', 3],
      ['VIS-0002', 'HR', '2026-04-02', 4],
    ])
    const csv = await t.ok(['visit', 'list', '--period', '2026-Q2', '--csv'])
    expect(csv.stdout).toBe('code,date,supplier,customer,satisfaction,notes\r\nVIS-0002,2026-04-02,IT,HR,4,\r\nVIS-0003,2026-06-20,ADM,SALES,,\r\n')
    const none = await t.ok(['visit', 'list', '--period', '2025-H1'])
    expect([none.stdout, none.stderr]).toEqual(['', 'no visits match (log one with icm visit log)\n'])
  })

  it('says for every pair of the map when it was last visited and whether a visit is due (visit.interval_days 90)', async () => {
    const t = await withVisits()
    const due = (await t.ok(['visit', 'due', '--json'])).json()
    expect(due.map((d: any) => [d.supplier, d.customer, d.lastVisit, d.daysSince, d.nextDue, d.due, d.daysOverdue])).toEqual([
      ['ADM', 'SALES', '2026-06-20', 11, '2026-09-18', false, 0],
      ['IT', 'FIN', '2025-12-30', 183, '2026-03-30', true, 93],
      ['IT', 'HR', '2026-04-02', 90, '2026-07-01', true, 0],
    ])
    const before = (await t.ok(['visit', 'due', '--as-of', '2026-03-01', '--json'])).json()
    expect(before.find((d: any) => d.customer === 'HR')).toMatchObject({ lastVisit: '2026-01-20', daysSince: 40, due: false })
    expect(before.find((d: any) => d.customer === 'SALES')).toMatchObject({ lastVisit: null, due: true, nextDue: null })
    await t.ok(['config', 'set', 'visit.interval_days', '180'])
    const longer = (await t.ok(['visit', 'due', '--json'])).json()
    expect(longer.filter((d: any) => d.due)).toHaveLength(1)
    const human = await t.ok(['visit', 'due'])
    expect(human.stdout.split('\n')[0]).toBe('supplier\tcustomer\tlast visit\tdays since\tnext due\tdue')
    expect(human.stdout).toContain('IT 信息技术部\tFIN 财务部\t2025-12-30\t183\t2026-06-28\tyes, 3d overdue')
  })
})
