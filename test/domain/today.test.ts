import { describe, expect, it } from 'vitest'
import { scheduleOf } from '../../src/domain/calendar/business-time.js'
import { groupByUnit, timingWords, type UnitInfo } from '../../src/domain/today/digest.js'
import {
  assessmentItems, assessmentPeriodOf, complaintItems, datedItems, requestItems, visitItems, type RequestFacts, type TodayItem,
} from '../../src/domain/today/items.js'

// Working hours 09:00–18:00 Mon–Fri (9 h a day), Asia/Shanghai (vitest's TZ). 2026-07-01 is a Wednesday.
const s = scheduleOf('09:00-18:00', '1-5', [])
const at = (local: string) => new Date(`${local}+08:00`).toISOString()
const asOf = new Date('2026-07-01T10:00:00+08:00')
const brief = (xs: TodayItem[]) => xs.map((x) => [x.section, x.code, x.unit, x.state, x.late, x.daysLeft])

function req(code: string, r: Partial<RequestFacts>): RequestFacts {
  return {
    code, title: code, provider: 'IT', customer: 'FIN', status: 'new', responseDue: at('2026-07-03T10:00:00'),
    respondedAt: null, cancelledAt: null, resolutionDue: null, resolvedAt: null, waitingSince: null, ...r,
  }
}

describe('requestItems, as of Wed 2026-07-01 10:00, waiting threshold 5 business days', () => {
  it('finds responses and resolutions overdue (business hours late) or due later today, and long waits on the customer', () => {
    const responded = { status: 'in_progress', respondedAt: at('2026-06-20T10:00:00') }
    const items = requestItems(
      [
        // response due Tue 17:00: Tue 17–18 and Wed 9–10 → 2.0 business hours late
        req('REQ-A', { responseDue: at('2026-06-30T17:00:00') }),
        // response due today 15:00, not yet past
        req('REQ-B', { responseDue: at('2026-07-01T15:00:00') }),
        // response due tomorrow: nothing today
        req('REQ-C', { responseDue: at('2026-07-02T10:00:00') }),
        // resolution due today 17:00
        req('REQ-D', { ...responded, resolutionDue: at('2026-07-01T17:00:00') }),
        // resolution due Mon 18:00: all of Tue (9 h) and Wed 9–10 (1 h) → 10.0 h late
        req('REQ-E', { ...responded, resolutionDue: at('2026-06-29T18:00:00') }),
        // waiting since Mon 06-22 09:00: 7 full days (22–26, 29, 30) and 1 h = 64 h = 7.1 days > 5; the customer FIN acts
        req('REQ-F', { ...responded, status: 'waiting', resolutionDue: at('2026-07-10T10:00:00'), waitingSince: at('2026-06-22T09:00:00') }),
        // waiting since Mon 06-29 09:00: 2 days and 1 h = 2.1 days: not yet
        req('REQ-G', { ...responded, status: 'waiting', resolutionDue: at('2026-07-10T10:00:00'), waitingSince: at('2026-06-29T09:00:00') }),
        // cancelled before as-of: nothing
        req('REQ-H', { responseDue: at('2026-06-30T17:00:00'), cancelledAt: at('2026-06-30T18:00:00'), status: 'cancelled' }),
      ],
      asOf,
      s,
      5,
    )
    expect(brief(items)).toEqual([
      ['responses', 'REQ-A', 'IT', 'overdue', 2, 0],
      ['responses', 'REQ-B', 'IT', 'due', 0, 0],
      ['resolutions', 'REQ-D', 'IT', 'due', 0, 0],
      ['resolutions', 'REQ-E', 'IT', 'overdue', 10, 0],
      ['waiting', 'REQ-F', 'FIN', 'overdue', 7.1, 0],
    ])
    expect(items[0]!.command).toBe('icm request respond REQ-A --accept --expected YYYY-MM-DD')
    expect(items[3]!.command).toBe('icm request resolve REQ-E --note "…"')
    expect(items[4]!.command).toBe('icm request resume REQ-F')
  })
})

describe('complaintItems (complaint.plan_days 5, complaint.investigate_hours 8)', () => {
  it('flags an investigation without a plan 5 business days after receipt, and a plan past its deadline', () => {
    const c = { summary: 's', against: 'WH', responsible: null, planDeadline: null }
    const items = complaintItems(
      [
        // received Mon 06-22 10:00 → plan due Mon 06-29 10:00; late Mon 10–18 (8 h), Tue (9 h), Wed 9–10 (1 h) = 18 h = 2.0 days
        { ...c, code: 'CMP-1', status: 'investigating', receivedAt: at('2026-06-22T10:00:00') },
        // received Fri 06-26 10:00 without a team: the team was due 8 business hours later, Fri 18:00;
        // at Wed 07-01 10:00 that is Mon 9 h + Tue 9 h + Wed 1 h = 19 business hours late (its plan is not due before Fri 07-03)
        { ...c, code: 'CMP-2', status: 'received', receivedAt: at('2026-06-26T10:00:00') },
        // planned, deadline Sun 06-28: 3 days late; the plan's responsible unit acts
        { ...c, code: 'CMP-3', status: 'planned', receivedAt: at('2026-06-01T10:00:00'), responsible: 'HR', planDeadline: '2026-06-28' },
        // confirmed, deadline today: not late yet
        { ...c, code: 'CMP-4', status: 'confirmed', receivedAt: at('2026-06-01T10:00:00'), responsible: 'HR', planDeadline: '2026-07-01' },
      ],
      asOf,
      s,
      5,
      8,
    )
    expect(brief(items)).toEqual([
      ['complaints', 'CMP-1', 'WH', 'overdue', 2, 0],
      ['complaints', 'CMP-2', 'WH', 'overdue', 19, 0],
      ['complaints', 'CMP-3', 'HR', 'overdue', 3, 0],
    ])
    expect(items[1]!.what).toBe('team')
    expect(items[1]!.command).toBe('icm complaint investigate CMP-2 --team "…"')
    expect(items[0]!.due).toBe(at('2026-06-29T10:00:00'))
    // said as overdue, as every late item is
    expect(items.map(timingWords)).toEqual(['overdue 2.0 business days', 'overdue 19.0 business h', 'overdue 3 d'])
  })
})

describe('datedItems, today 2026-07-01', () => {
  const xs = ['2026-06-30', '2026-07-01', '2026-07-06', '2026-07-07'].map((due, i) => ({ code: `ACT-${i}`, unit: 'IT', title: 't', due }))
  it('actions and projects: overdue before today, due within --days 5 (up to 07-06)', () => {
    expect(brief(datedItems('actions', xs, '2026-07-01', 5, (c) => `icm action done ${c}`))).toEqual([
      ['actions', 'ACT-0', 'IT', 'overdue', 1, 0],
      ['actions', 'ACT-1', 'IT', 'due', 0, 0],
      ['actions', 'ACT-2', 'IT', 'due', 0, 5],
    ])
  })
  it('findings: only the overdue ones (days −1)', () => {
    expect(brief(datedItems('findings', xs, '2026-07-01', -1, (c) => c))).toEqual([['findings', 'ACT-0', 'IT', 'overdue', 1, 0]])
  })
})

describe('visitItems (visit.interval_days 90), today 2026-07-01', () => {
  it('never visited is due now; last visit 04-01 is 1 day overdue; 04-03 is not due', () => {
    const items = visitItems(
      [
        { supplier: 'IT', customer: 'FIN', customerName: '财务部', lastVisit: null },
        { supplier: 'IT', customer: 'HR', customerName: '人力资源部', lastVisit: '2026-04-01' },
        { supplier: 'HR', customer: 'FIN', customerName: '财务部', lastVisit: '2026-04-03' },
      ],
      '2026-07-01',
      90,
    )
    expect(brief(items)).toEqual([
      ['visits', 'IT>FIN', 'IT', 'due', 0, 0],
      ['visits', 'IT>HR', 'IT', 'overdue', 1, 0],
    ])
    expect(items[1]!.command).toBe('icm visit log --by IT --customer HR --date 2026-07-01 --satisfaction N')
  })
})

describe('assessment steps', () => {
  const units = [
    { code: 'A', self: 80, superior: null },
    { code: 'B', self: 80, superior: 90 },
    { code: 'C', self: null, superior: null },
  ]
  it('an ended, unfinished half: missing inputs per unit and the period to finalize', () => {
    const items = assessmentItems({ period: '2026-H1', endDate: '2026-06-30', final: false, units }, '2026-07-01', 5)
    expect(items.map((x) => [x.unit, x.title, x.state, x.late])).toEqual([
      ['A', 'superior', 'overdue', 1],
      ['C', 'self, superior', 'overdue', 1],
      [null, '2026-06-30', 'overdue', 1],
    ])
    expect(assessmentItems({ period: '2026-H1', endDate: '2026-06-30', final: true, units }, '2026-07-01', 5)).toEqual([])
  })
  it('the running half: inputs only once its end is within --days', () => {
    expect(assessmentItems({ period: '2026-H2', endDate: '2026-12-31', final: false, units }, '2026-07-01', 5)).toEqual([])
    const items = assessmentItems({ period: '2026-H2', endDate: '2026-12-31', final: false, units }, '2026-12-28', 5)
    expect(items.map((x) => [x.unit, x.state, x.daysLeft])).toEqual([['A', 'due', 3], ['C', 'due', 3]])
  })
  it('assessmentPeriodOf: the previous half while started and not final, else the running one', () => {
    expect(assessmentPeriodOf('2026-07-01', (p) => (p === '2026-H1' ? 'started' : 'none'))).toBe('2026-H1')
    expect(assessmentPeriodOf('2026-07-01', (p) => (p === '2026-H1' ? 'final' : 'none'))).toBe('2026-H2')
    expect(assessmentPeriodOf('2026-07-01', () => 'none')).toBe('2026-H2')
    expect(assessmentPeriodOf('2026-03-01', (p) => (p === '2025-H2' ? 'started' : 'none'))).toBe('2025-H2')
  })
})

describe('groupByUnit', () => {
  const units = new Map<string, UnitInfo>([
    ['IT', { code: 'IT', name: '信息技术部', kind: 'department', parent: null }],
    ['IT-HD', { code: 'IT-HD', name: 'IT服务台', kind: 'position', parent: 'IT' }],
    ['FIN', { code: 'FIN', name: '财务部', kind: 'department', parent: null }],
  ])
  const item = (code: string, unit: string | null, section: TodayItem['section'] = 'actions'): TodayItem => ({
    section, state: 'overdue', code, unit, title: '', due: null, late: 1, lateUnit: 'days', daysLeft: 0, what: 'action', command: '',
  })
  const items = [item('ACT-2', 'IT-HD'), item('ACT-1', 'IT'), item('REQ-1', 'IT', 'responses'), item('ACT-3', 'FIN'), item('2026-H1', null, 'assessment')]
  it('lists the company-wide group first, then departments by code, positions under theirs, items in section order', () => {
    expect(groupByUnit(items, units).map((g) => [g.unit, g.items.map((i) => i.code)])).toEqual([
      [null, ['2026-H1']],
      ['FIN', ['ACT-3']],
      ['IT', ['REQ-1', 'ACT-1', 'ACT-2']],
    ])
  })
  it('--unit: a department keeps its positions, a position only its own items', () => {
    expect(groupByUnit(items, units, units.get('IT')).map((g) => [g.unit, g.items.map((i) => i.code)])).toEqual([['IT', ['REQ-1', 'ACT-1', 'ACT-2']]])
    expect(groupByUnit(items, units, units.get('IT-HD')).map((g) => [g.unit, g.items.map((i) => i.code)])).toEqual([['IT', ['ACT-2']]])
  })
})
