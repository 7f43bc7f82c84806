import { describe, expect, it } from 'vitest'
import { officialDays, planLoad } from '../../src/domain/calendar/official-days.js'

// A small slice of chinese-days' 2026.json: the Spring Festival (Feb 15–17 of its nine days) and its two make-up Saturdays.
const SPRING = {
  holidays: { '2026-02-16': 'Spring Festival,春节,4', '2026-02-15': 'Spring Festival,春节,4', '2026-02-17': 'Spring Festival,春节,4' },
  workdays: { '2026-02-28': 'Spring Festival,春节,4', '2026-02-14': 'Spring Festival,春节,4' },
}

describe('officialDays', () => {
  it('lists holidays and make-up days in date order, a make-up day named after its holiday', () => {
    expect(officialDays(SPRING)).toEqual([
      { date: '2026-02-14', type: 'workday', name: '春节调休' },
      { date: '2026-02-15', type: 'holiday', name: '春节' },
      { date: '2026-02-16', type: 'holiday', name: '春节' },
      { date: '2026-02-17', type: 'holiday', name: '春节' },
      { date: '2026-02-28', type: 'workday', name: '春节调休' },
    ])
  })

  it('falls back to the English name when the Chinese one is missing', () => {
    expect(officialDays({ holidays: { '2026-01-01': "New Year's Day" }, workdays: {} })).toEqual([{ date: '2026-01-01', type: 'holiday', name: "New Year's Day" }])
  })
})

describe('planLoad', () => {
  // here: Feb 15 as typed by hand (same), Feb 16 a workday by mistake (differs), Feb 28 holiday named otherwise (differs), Mar 2 a company day (not official)
  const existing = [
    { date: '2026-02-15', type: 'holiday' as const, name: '春节' },
    { date: '2026-02-16', type: 'workday' as const, name: null },
    { date: '2026-02-28', type: 'workday' as const, name: '调休' },
    { date: '2026-03-02', type: 'holiday' as const, name: '厂庆' },
  ]

  it('adds the 2 new dates, keeps the 2 that differ and the company day', () => {
    const plan = planLoad(officialDays(SPRING), existing, false)
    expect(plan.add.map((d) => d.date)).toEqual(['2026-02-14', '2026-02-17'])
    expect(plan.same.map((d) => d.date)).toEqual(['2026-02-15'])
    expect(plan.differs.map((d) => [d.date, d.here.type, d.official.type])).toEqual([
      ['2026-02-16', 'workday', 'holiday'],
      ['2026-02-28', 'workday', 'workday'],
    ])
    expect(plan.notOfficial.map((d) => d.date)).toEqual(['2026-03-02'])
    expect(plan.write.map((d) => d.date)).toEqual(['2026-02-14', '2026-02-17'])
  })

  it('with replace writes the 2 new and the 2 differing dates (4), never the company day', () => {
    const plan = planLoad(officialDays(SPRING), existing, true)
    expect(plan.write).toEqual([
      { date: '2026-02-14', type: 'workday', name: '春节调休' },
      { date: '2026-02-16', type: 'holiday', name: '春节' },
      { date: '2026-02-17', type: 'holiday', name: '春节' },
      { date: '2026-02-28', type: 'workday', name: '春节调休' },
    ])
  })

  it('writes nothing when the calendar already holds the official year', () => {
    const plan = planLoad(officialDays(SPRING), officialDays(SPRING), true)
    expect([plan.add.length, plan.same.length, plan.differs.length, plan.write.length]).toEqual([0, 5, 0, 0])
  })
})
