import { describe, expect, it } from 'vitest'
import { createBusinessClock, scheduleOf } from '../../src/domain/calendar/business-time.js'
import { isLate, latenessOf } from '../../src/domain/calendar/lateness.js'

// TZ is Asia/Shanghai in vitest.config.ts. Working time 09:00–18:00 Mon–Fri; May Day 2026:
// Fri 05-01 … Tue 05-05 off, Sat 05-09 a make-up workday.
const off = ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'].map((date) => ({ date, type: 'holiday' as const }))
const clock = createBusinessClock(scheduleOf('09:00-18:00', '1-5', [...off, { date: '2026-05-09', type: 'workday' }]))
const t = (local: string) => new Date(`${local}+08:00`)

describe('latenessOf: late only after at least one business minute past due', () => {
  it.each([
    ['due Mon 18:00, answered 09:00 Tue: 0 minutes → on time', '2026-03-02T18:00:00', '2026-03-03T09:00:00', false, 0, 0],
    ['due Mon 18:00, answered 09:01 Tue: 1 minute → late, 0.0 h', '2026-03-02T18:00:00', '2026-03-03T09:01:00', true, 1, 0],
    ['due Mon 18:00, answered 10:30 Tue: 90 minutes → 1.5 h', '2026-03-02T18:00:00', '2026-03-03T10:30:00', true, 90, 1.5],
    ['due Mon 17:00, answered 10:00 Tue: 60 + 60 minutes → 2.0 h', '2026-03-02T17:00:00', '2026-03-03T10:00:00', true, 120, 2],
    ['due Fri 17:00, answered Mon 09:00: 60 minutes Friday → 1.0 h', '2026-03-06T17:00:00', '2026-03-09T09:00:00', true, 60, 1],
    ['due Thu 04-30 18:00, answered Wed 05-06 09:00: May Day off → on time', '2026-04-30T18:00:00', '2026-05-06T09:00:00', false, 0, 0],
    ['due Fri 05-08 18:00, answered Mon 05-11 09:00: Sat 05-09 worked (540 min) → 9.0 h', '2026-05-08T18:00:00', '2026-05-11T09:00:00', true, 540, 9],
    ['answered 30 s late in working time: under one minute → on time', '2026-03-02T15:00:00', '2026-03-02T15:00:30', false, 0.5, 0],
    ['answered early: negative, on time', '2026-03-02T18:00:00', '2026-03-02T16:00:00', false, -120, -2],
  ])('%s', (_what, due, at, late, minutes, hours) => {
    expect(latenessOf(clock, t(due), t(at))).toEqual({ late, businessMinutes: minutes, businessHours: hours })
    expect(isLate(clock, t(due), t(at))).toBe(late)
  })
})
