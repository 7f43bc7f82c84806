import { describe, expect, it } from 'vitest'
import { checkVisitDate, checkVisitPair, checkVisitSatisfaction, visitDue } from '../../src/domain/collaboration/visit.js'

describe('visitDue (visit.interval_days 90)', () => {
  it.each([
    ['never visited: due now', null, '2026-07-01', { lastVisit: null, daysSince: null, nextDue: null, due: true, daysOverdue: 0 }],
    ['visited 2026-04-01, 91 days before: due since 06-30', '2026-04-01', '2026-07-01', { daysSince: 91, nextDue: '2026-06-30', due: true, daysOverdue: 1 }],
    ['exactly 90 days: due today', '2026-04-02', '2026-07-01', { daysSince: 90, nextDue: '2026-07-01', due: true, daysOverdue: 0 }],
    ['89 days: not yet', '2026-04-03', '2026-07-01', { daysSince: 89, nextDue: '2026-07-02', due: false, daysOverdue: 0 }],
    ['visited today', '2026-07-01', '2026-07-01', { daysSince: 0, nextDue: '2026-09-29', due: false, daysOverdue: 0 }],
  ])('%s', (_what, last, asOf, expected) => {
    expect(visitDue(last, asOf, 90)).toMatchObject(expected)
  })
})

describe('checkVisitSatisfaction', () => {
  it.each(['1', '5', ' 3 '])('accepts %j', (t) => {
    expect(checkVisitSatisfaction(t)).toBe(Number(t))
  })
  it.each(['0', '6', '4.5', 'good', ''])('refuses %j', (t) => {
    expect(() => checkVisitSatisfaction(t)).toThrow(/--satisfaction must be a whole number from 1 to 5/)
  })
})

describe('checkVisitDate and checkVisitPair', () => {
  it('takes a visit on or before today, refuses one after', () => {
    expect(() => checkVisitDate('2026-07-01', '2026-07-01')).not.toThrow()
    expect(() => checkVisitDate('2026-07-02', '2026-07-01')).toThrow('--date 2026-07-02 is in the future (today is 2026-07-01)')
  })

  it('refuses a unit visiting itself', () => {
    expect(() => checkVisitPair({ id: 3, code: 'IT' }, { id: 3 })).toThrow('a unit cannot visit itself (IT)')
    expect(() => checkVisitPair({ id: 3, code: 'IT' }, { id: 4 })).not.toThrow()
  })
})
