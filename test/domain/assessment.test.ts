import { describe, expect, it } from 'vitest'
import { assessUnits, assessedUnits, type AssessInput, type AssessUnit } from '../../src/domain/assessment/assessment.js'
import { scheduleOf } from '../../src/domain/calendar/business-time.js'
import { DEFAULT_BONUS_TABLE, DEFAULT_GRADE_BANDS, DEFAULT_WEIGHTS } from '../../src/domain/assessment/kpi.js'

// TZ is Asia/Shanghai; the table is computed as of Wed 2026-07-01 10:00.
const asOf = new Date('2026-07-01T10:00:00+08:00')
const t = (local: string) => new Date(`${local}:00+08:00`)
const units: AssessUnit[] = [
  { id: 1, code: 'IT', name: '信息技术部', kind: 'department', parentId: null, active: true },
  { id: 2, code: 'IT-HD', name: 'IT服务台', kind: 'position', parentId: 1, active: true },
  { id: 3, code: 'HR', name: '人力资源部', kind: 'department', parentId: null, active: true },
  { id: 4, code: 'FIN', name: '财务部', kind: 'department', parentId: null, active: true },
  { id: 5, code: 'OLD', name: '旧部门', kind: 'department', parentId: null, active: false },
]
const base: AssessInput = {
  units,
  level: 'department',
  policy: { weights: DEFAULT_WEIGHTS, grades: DEFAULT_GRADE_BANDS, bonus: DEFAULT_BONUS_TABLE, minResponses: 5, complaintFree: 2 },
  asOf,
  schedule: scheduleOf('09:00-18:00', '1-5', []),
  satisfaction: [],
  requestsOnTime: [],
  requests: [],
  projects: [],
  complaints: [],
  inputs: [],
}

/** DESIGN.md §3's worked example for IT, with part of its data recorded against its position IT-HD. */
const worked: AssessInput = {
  ...base,
  // five responses with overall 4, 4, 3, 5, 4: sum 20 (three rate IT, two rate IT-HD)
  satisfaction: [
    { unitId: 1, count: 3, valueSum: 11 },
    { unitId: 2, count: 2, valueSum: 9 },
  ],
  // four requests due in H1, three answered on time
  requests: [
    { code: 'REQ-0001', unitId: 1, responseDue: t('2026-03-02T17:00'), respondedAt: t('2026-03-02T11:00'), cancelledAt: null },
    { code: 'REQ-0002', unitId: 1, responseDue: t('2026-03-03T17:00'), respondedAt: t('2026-03-04T10:00'), cancelledAt: null }, // late: 17:00 → 18:00 + 09:00 → 10:00 = 2 h
    { code: 'REQ-0003', unitId: 2, responseDue: t('2026-04-01T12:00'), respondedAt: t('2026-04-01T12:00'), cancelledAt: null }, // exactly at due: on time
    { code: 'REQ-0004', unitId: 2, responseDue: t('2026-05-06T10:00'), respondedAt: t('2026-05-06T09:30'), cancelledAt: null },
    { code: 'REQ-0005', unitId: 1, responseDue: t('2026-05-07T10:00'), respondedAt: null, cancelledAt: t('2026-05-07T09:00') }, // cancelled before due: left out
  ],
  projects: [
    { code: 'PRJ-0001', unitId: 1, role: 'owner', due: '2026-05-31', completedOn: '2026-05-28', quality: 4, cancelled: false }, // 100 × 4/5 = 80
    { code: 'PRJ-0001', unitId: 2, role: 'member', due: '2026-05-31', completedOn: '2026-05-28', quality: 4, cancelled: false }, // same project: counted once
    { code: 'PRJ-0002', unitId: 2, role: 'member', due: '2026-04-30', completedOn: '2026-05-08', quality: null, cancelled: false }, // late: 60
    { code: 'PRJ-0003', unitId: 1, role: 'member', due: '2026-06-30', completedOn: null, quality: null, cancelled: true }, // left out
  ],
  complaints: [{ code: 'CMP-0001', unitId: 1, outcome: { resolvedByDeadline: true, verifiedSatisfaction: 4 }, planDeadline: '2026-04-15', verifiedAt: t('2026-04-10T15:00') }],
  inputs: [
    { unitId: 1, self: 80, superior: 90 },
    { unitId: 3, self: 90, superior: 80 },
  ],
}

describe('assessedUnits', () => {
  it('assesses active departments; a position counts for its department', () => {
    const { assessed, countsFor } = assessedUnits(units, 'department')
    expect(assessed.map((u) => u.code)).toEqual(['FIN', 'HR', 'IT'])
    expect(countsFor.get(2)).toBe(1)
    expect(countsFor.has(5)).toBe(false)
  })

  it('assesses positions on their own data at position level', () => {
    const { assessed, countsFor } = assessedUnits(units, 'position')
    expect(assessed.map((u) => u.code)).toEqual(['IT-HD'])
    expect(countsFor.get(2)).toBe(2)
    expect(countsFor.has(1)).toBe(false)
  })
})

describe('assessUnits: DESIGN.md §3 worked examples', () => {
  const rows = assessUnits(worked)
  const it_ = rows.find((r) => r.code === 'IT')!
  const hr = rows.find((r) => r.code === 'HR')!
  const fin = rows.find((r) => r.code === 'FIN')!

  it('IT: S 75, T 75, C 70, H 90, self 80, superior 90 → 79.0, grade C, coefficient 1.0', () => {
    expect(it_.components).toEqual({ S: 75, T: 75, C: 70, H: 90, self: 80, superior: 90 })
    expect(it_.total).toBe(79)
    expect(it_.grade).toBe('C')
    expect(it_.bonus).toBe(1)
    expect(it_.details.total.formula).toBe('(30×75 + 20×75 + 15×70 + 15×90 + 5×80 + 15×90) / 100 = 79.0')
  })

  it('keeps what is behind each number: the late request and by how many business hours, the left-out ones', () => {
    expect(it_.details.T).toMatchObject({ onTime: 3, excluded: 1, late: [{ code: 'REQ-0002', respondedAt: t('2026-03-04T10:00').toISOString(), businessHoursLate: 2 }] })
    expect(it_.details.C.projects.map((p) => [p.code, p.role, p.score])).toEqual([
      ['PRJ-0001', 'owner', 80],
      ['PRJ-0002', 'member', 60],
      ['PRJ-0003', 'member', null],
    ])
    // 5 requests received (the cancelled one too): allowance max(2, floor(2 × 5 / 100)) = 2
    expect(it_.details.H).toMatchObject({ requestsReceived: 5, allowance: 2, penalty: 0, r: 1, v: 0.75 })
  })

  it('HR with only self 90 and superior 80 and no complaints → (15×100 + 5×90 + 15×80) / 35 = 90.0, A, 1.2', () => {
    expect(hr.components).toEqual({ S: null, T: null, C: null, H: 100, self: 90, superior: 80 })
    expect(hr.total).toBe(90)
    expect(hr.grade).toBe('A')
    expect(hr.bonus).toBe(1.2)
    expect(hr.details.total).toMatchObject({ usedWeight: 35, renormalised: true, missing: ['S', 'T', 'C'] })
  })

  it('FIN with no data at all is "insufficient data": no total, rank or grade, listed last', () => {
    expect(fin).toMatchObject({ total: null, insufficient: true, rank: null, grade: null, bonus: null })
    expect(rows.map((r) => [r.rank, r.code])).toEqual([
      [1, 'HR'],
      [2, 'IT'],
      [null, 'FIN'],
    ])
  })

  it('counts S as n/a below the minimum number of responses', () => {
    const rows4 = assessUnits({ ...worked, policy: { ...worked.policy, minResponses: 6 } })
    expect(rows4.find((r) => r.code === 'IT')!.components.S).toBeNull()
  })

  it('ties share a rank: 1, 1, 3', () => {
    const tied = assessUnits({
      ...base,
      inputs: [
        { unitId: 1, self: 80, superior: 80 },
        { unitId: 3, self: 80, superior: 80 },
        { unitId: 4, self: 70, superior: 70 },
      ],
    })
    expect(tied.map((r) => [r.rank, r.code, r.total])).toEqual([
      [1, 'HR', 88.6], // (15×100 + 5×80 + 15×80) / 35 = 3100 / 35 = 88.57
      [1, 'IT', 88.6],
      [3, 'FIN', 82.9], // (15×100 + 5×70 + 15×70) / 35 = 2900 / 35 = 82.86
    ])
  })

  it('an unanswered request past due at asOf is late by the business hours since its due time', () => {
    const rows2 = assessUnits({ ...base, requests: [{ code: 'REQ-0009', unitId: 3, responseDue: t('2026-06-30T17:00'), respondedAt: null, cancelledAt: null }] })
    // Tue 17:00 → 18:00 (1 h) + Wed 09:00 → 10:00 (1 h) = 2 h
    expect(rows2.find((r) => r.code === 'HR')!.details.T.late).toEqual([{ code: 'REQ-0009', due: t('2026-06-30T17:00').toISOString(), respondedAt: null, businessHoursLate: 2 }])
  })

  it('measures an unanswered request cancelled after its due time as late until the cancellation', () => {
    const hr = assessUnits({ ...base, requests: [{ code: 'REQ-0009', unitId: 3, responseDue: t('2026-06-29T17:00'), respondedAt: null, cancelledAt: t('2026-06-30T10:00') }] }).find((r) => r.code === 'HR')!
    // Mon 17:00 → 18:00 (1 h) + Tue 09:00 → 10:00 (1 h) = 2 h, not the 11 h to asOf (Wed 10:00)
    expect(hr.details.T.late).toEqual([{ code: 'REQ-0009', due: t('2026-06-29T17:00').toISOString(), respondedAt: null, businessHoursLate: 2 }])
  })

  it('counts the response clocks that changes of scope ended as they stood: a late answer stays late', () => {
    const changed = (code: string, due: string, respondedAt: string | null, at: string, currentProviderInPeriod: number | null = null) => ({
      code,
      unitId: 3,
      responseDue: t(due),
      respondedAt: respondedAt === null ? null : t(respondedAt),
      cancelledAt: t(at),
      superseded: { at: t(at), currentProviderInPeriod },
    })
    const hr = assessUnits({
      ...base,
      requestsOnTime: [{ unitId: 3, count: 1 }], // REQ-0010's new clock, answered on time in H1
      requests: [
        changed('REQ-0010', '2026-03-02T17:00', '2026-03-03T10:00', '2026-03-05T09:00', 3), // answered late (1 h + 1 h), then changed: late
        changed('REQ-0011', '2026-04-01T12:00', '2026-04-01T11:00', '2026-06-30T12:00'), // answered on time, changed in June: on time
        changed('REQ-0012', '2026-05-06T10:00', null, '2026-05-07T10:00'), // never answered, changed a working day after its due time: late
        changed('REQ-0013', '2026-05-08T10:00', null, '2026-05-07T16:00'), // changed before it was due: left out
      ],
    }).find((r) => r.code === 'HR')!
    expect(hr.details.T).toEqual({
      onTime: 2,
      excluded: 1,
      late: [
        { code: 'REQ-0010', due: t('2026-03-02T17:00').toISOString(), respondedAt: t('2026-03-03T10:00').toISOString(), businessHoursLate: 2, changedAt: t('2026-03-05T09:00').toISOString() },
        // Wed 10:00 → 18:00 (8 h) + Thu 09:00 → 10:00 (1 h): measured to the change, not to asOf
        { code: 'REQ-0012', due: t('2026-05-06T10:00').toISOString(), respondedAt: null, businessHoursLate: 9, changedAt: t('2026-05-07T10:00').toISOString() },
      ],
    })
    expect(hr.components.T).toBe(50) // 100 × 2 / 4
    // requests received (H's allowance): REQ-0010 once (its new clock is HR's in H1 too), REQ-0011, -0012, -0013
    expect(hr.details.H.requestsReceived).toBe(4)
  })
})
