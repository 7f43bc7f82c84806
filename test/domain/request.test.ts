import { describe, expect, it } from 'vitest'
import { createBusinessClock, scheduleOf } from '../../src/domain/calendar/business-time.js'
import { businessHoursLate, overdueAt, parseChannel, resolutionDue, responseDue, resumeAfterWaiting, type ClockState } from '../../src/domain/requests/request.js'
import { isScopeChange } from '../../src/domain/requests/request-change.js'

// TZ is Asia/Shanghai in vitest.config.ts; times below are local.
// National Day 2026: Thu 10-01 … Wed 10-07 off; Sun 09-20 and Sat 10-10 are make-up workdays.
const holidays = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map((date) => ({ date, type: 'holiday' as const }))
const s = scheduleOf('09:00-18:00', '1-5', [...holidays, { date: '2026-09-20', type: 'workday' }, { date: '2026-10-10', type: 'workday' }])
const t = (local: string) => new Date(`${local}:00+08:00`)

describe('response and resolution due times', () => {
  it.each([
    ['Mon 2026-03-02 10:00 + 8 h → same day 18:00', '2026-03-02T10:00', 8, '2026-03-02T18:00'],
    ['Fri 2026-03-06 17:00 + 8 h → Mon 16:00 (1 h Fri, 7 h Mon)', '2026-03-06T17:00', 8, '2026-03-09T16:00'],
    ['logged Sat 2026-03-07 11:00: the clock starts Mon 09:00 → Mon 13:00 for 4 h', '2026-03-07T11:00', 4, '2026-03-09T13:00'],
    ['logged 20:00 Tue: starts Wed 09:00 → Wed 17:00 for 8 h', '2026-03-03T20:00', 8, '2026-03-04T17:00'],
    ['Wed 2026-09-30 17:00 + 8 h: Thu–Wed holiday → Thu 10-08 16:00', '2026-09-30T17:00', 8, '2026-10-08T16:00'],
    ['Fri 2026-10-09 15:00 + 8 h → make-up Sat 10-10 14:00', '2026-10-09T15:00', 8, '2026-10-10T14:00'],
  ])('%s', (_what, logged, hours, due) => {
    expect(responseDue(s, t(logged), hours)).toEqual(t(due))
  })

  it('resolution: accepted Tue 2026-09-29 10:00 + 5 business days → Sat 10-10 10:00 (Wed 30, Thu 8, Fri 9, Sat 10 are the working days)', () => {
    // Tue 10:00 → Wed 10:00 (1) → Thu 10-08 10:00 (2) → Fri 10-09 10:00 (3) → Sat 10-10 10:00 (4) → Mon 10-12 10:00 (5)
    expect(resolutionDue(s, t('2026-09-29T10:00'), 5)).toEqual(t('2026-10-12T10:00'))
  })
})

describe('waiting on the customer', () => {
  it('moves the resolution due time by the paused business time only', () => {
    // waited Mon 14:00 → Tue 10:00: 4 h Monday + 1 h Tuesday = 300 business minutes
    const r = resumeAfterWaiting(s, t('2026-03-10T10:00'), t('2026-03-09T14:00'), t('2026-03-10T10:00'))
    expect(r.pausedMinutes).toBe(300)
    expect(r.due).toEqual(t('2026-03-10T15:00'))
  })

  it('counts nothing for a wait over a weekend night', () => {
    const r = resumeAfterWaiting(s, t('2026-03-10T12:00'), t('2026-03-06T18:00'), t('2026-03-09T09:00'))
    expect(r.pausedMinutes).toBe(0)
    expect(r.due).toEqual(t('2026-03-10T12:00'))
  })
})

describe('overdueAt', () => {
  const base: ClockState = { status: 'new', responseDue: t('2026-03-02T18:00').toISOString(), respondedAt: null, cancelledAt: null, resolutionDue: null, resolvedAt: null, waitingSince: null }
  it.each<[string, Partial<ClockState>, string, string | null]>([
    ['unanswered, one business minute past due (Tue 09:01) → response', {}, '2026-03-03T09:01', 'response'],
    ['unanswered, exactly at due → not yet', {}, '2026-03-02T18:00', null],
    ['unanswered, due 18:00, overnight and at 09:00 the next working day → not yet (no working time passed)', {}, '2026-03-03T09:00', null],
    ['unanswered, due Fri 03-06 18:00, on Sunday → not yet', { responseDue: t('2026-03-06T18:00').toISOString() }, '2026-03-08T15:00', null],
    ['answered after due, asked as of after the answer → not overdue now', { status: 'accepted', respondedAt: t('2026-03-03T10:00').toISOString(), resolutionDue: t('2026-03-10T10:00').toISOString() }, '2026-03-04T09:00', null],
    ['answered later, asked as of before the answer → response', { status: 'accepted', respondedAt: t('2026-03-03T10:00').toISOString() }, '2026-03-03T09:30', 'response'],
    ['accepted, resolution due 18:00, unresolved at 09:00 the next working day → not yet', { status: 'in_progress', respondedAt: t('2026-03-02T10:00').toISOString(), resolutionDue: t('2026-03-04T18:00').toISOString() }, '2026-03-05T09:00', null],
    ['waiting since 08:00 the day after a resolution due 18:00 → was not late yet, paused', { status: 'waiting', respondedAt: t('2026-03-02T10:00').toISOString(), resolutionDue: t('2026-03-04T18:00').toISOString(), waitingSince: t('2026-03-05T08:00').toISOString() }, '2026-03-09T09:00', null],
    ['cancelled before → never', { status: 'cancelled', cancelledAt: t('2026-03-02T12:00').toISOString() }, '2026-03-05T09:00', null],
    ['accepted, resolution past due → resolution', { status: 'in_progress', respondedAt: t('2026-03-02T10:00').toISOString(), resolutionDue: t('2026-03-04T10:00').toISOString() }, '2026-03-05T09:00', 'resolution'],
    ['resolved before the due time → not overdue', { status: 'resolved', respondedAt: t('2026-03-02T10:00').toISOString(), resolutionDue: t('2026-03-04T10:00').toISOString(), resolvedAt: t('2026-03-04T09:00').toISOString() }, '2026-03-05T09:00', null],
    ['waiting since before its due → paused, not overdue', { status: 'waiting', respondedAt: t('2026-03-02T10:00').toISOString(), resolutionDue: t('2026-03-04T10:00').toISOString(), waitingSince: t('2026-03-03T10:00').toISOString() }, '2026-03-09T09:00', null],
    ['waiting but already late when the wait began → resolution', { status: 'waiting', respondedAt: t('2026-03-02T10:00').toISOString(), resolutionDue: t('2026-03-04T10:00').toISOString(), waitingSince: t('2026-03-05T10:00').toISOString() }, '2026-03-09T09:00', 'resolution'],
    ['rejected on time → nothing to resolve', { status: 'rejected', respondedAt: t('2026-03-02T10:00').toISOString() }, '2026-03-09T09:00', null],
  ])('%s', (_what, patch, asOf, kind) => {
    expect(overdueAt({ ...base, ...patch }, t(asOf), createBusinessClock(s))?.kind ?? null).toBe(kind)
  })

  it('counts overdue only in working time across a holiday: due Wed 09-30 18:00, Thu 10-01 … Wed 10-07 off → not overdue until Thu 10-08 09:01', () => {
    const due = { ...base, responseDue: t('2026-09-30T18:00').toISOString() }
    const clock = createBusinessClock(s)
    expect(overdueAt(due, t('2026-10-05T12:00'), clock)).toBeNull()
    expect(overdueAt(due, t('2026-10-08T09:00'), clock)).toBeNull()
    expect(overdueAt(due, t('2026-10-08T09:01'), clock)?.kind).toBe('response')
  })

  it('counts lateness in business hours: due Fri 17:00, now Mon 11:00 → 1 + 2 = 3.0 h', () => {
    expect(businessHoursLate(createBusinessClock(s), t('2026-03-06T17:00'), t('2026-03-09T11:00'))).toBe(3)
  })
})

describe('request rules', () => {
  it('accepts the six channels of the policy', () => {
    expect(parseChannel(' Hotline ')).toBe('hotline')
    expect(() => parseChannel('fax')).toThrow(/invalid channel 'fax'/)
  })

  it('treats title, description and provider as scope', () => {
    expect(isScopeChange({ title: { from: 'a', to: 'b' } })).toBe(true)
    expect(isScopeChange({ provider: { from: 'IT', to: 'HR' } })).toBe(true)
    expect(isScopeChange({ neededBy: { from: null, to: '2026-03-01' }, also: { from: [], to: ['HR'] } })).toBe(false)
  })
})

describe('the cached business clock', () => {
  it('agrees with businessMinutesBetween on 2,000 random spans across the National Day holiday', async () => {
    const { businessMinutesBetween } = await import('../../src/domain/calendar/business-time.js')
    const clock = createBusinessClock(s)
    let seed = 7
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const from = Date.parse('2026-08-01T00:00:00+08:00')
    const range = 120 * 86_400_000
    for (let i = 0; i < 2000; i++) {
      const a = new Date(from + Math.floor(rand() * range))
      const b = new Date(from + Math.floor(rand() * range))
      expect(clock.minutesBetween(a, b)).toBeCloseTo(businessMinutesBetween(s, a, b), 6)
    }
  })
})
