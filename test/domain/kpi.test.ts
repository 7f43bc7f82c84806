import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/domain/errors.js'
import {
  annualTotal,
  bonusOf,
  classifyResponseTimeliness,
  collaborationKpi,
  complaintAllowance,
  complaintHandlingKpi,
  DEFAULT_BONUS_TABLE,
  DEFAULT_GRADE_BANDS,
  DEFAULT_WEIGHTS,
  gradeOf,
  projectScore,
  rankWithTies,
  relationshipIndex,
  responseValue,
  satisfactionKpi,
  scaleToPercent,
  timelinessKpi,
  totalFormula,
  totalScore,
  type Components,
  type ComplaintOutcome,
} from '../../src/domain/assessment/kpi.js'
import { parseBonusTable, parseGradeBands, parseWeights } from '../../src/domain/assessment/policy-tables.js'
import { format1, round1, round2 } from '../../src/domain/rounding.js'
import { createBusinessClock, scheduleOf } from '../../src/domain/calendar/business-time.js'

const clock = createBusinessClock(scheduleOf('09:00-18:00', '1-5', []))

function thrown(fn: () => unknown): UserError {
  try {
    fn()
  } catch (e) {
    if (e instanceof UserError) return e
    throw e
  }
  throw new Error('expected a UserError')
}

const at = (iso: string): Date => new Date(iso)
const none: Components = { S: null, T: null, C: null, H: null, self: null, superior: null }

describe('round1 / round2: half away from zero on the decimal value', () => {
  it.each([
    [0.15, 0.2],
    [0.25, 0.3],
    [0.35, 0.4],
    [0.05, 0.1],
    [1.45, 1.5],
    [79.05, 79.1],
    [79.04999999999999, 79.1], // binary noise of a computed 79.05
    [(2.675 * 10) / 10, 2.7],
    [66.25, 66.3],
    [-0.15, -0.2],
    [-0.04, 0], // never -0
    [100, 100],
    [1e-7, 0],
  ])('round1(%d) = %d', (x, expected) => {
    expect(round1(x)).toBe(expected)
  })
  it.each([
    [1.005, 1.01],
    [2.675, 2.68],
    [0.1 + 0.2, 0.3],
    [14 / 3, 4.67],
    [-1.005, -1.01],
  ])('round2(%d) = %d', (x, expected) => {
    expect(round2(x)).toBe(expected)
  })
  it('format1 always prints one decimal', () => {
    expect([format1(70), format1(66.25), format1(0)]).toEqual(['70.0', '66.3', '0.0'])
  })
  it('passes NaN through', () => {
    expect(round1(Number.NaN)).toBeNaN()
  })
})

describe('DESIGN.md §3 worked examples', () => {
  it('IT 2026-H1: S 75, T 75, C 70, H 90, self 80, superior 90 → 79.0, C, 1.0', () => {
    // five responses with overall 4, 4, 3, 5, 4 → S = 75
    const values = [4, 4, 3, 5, 4].map((overall) =>
      responseValue({ overall, accuracy: null, timeliness: null, completeness: null, professionalism: null }),
    ) as number[]
    const S = satisfactionKpi(values.length, values.reduce((a, b) => a + b, 0), 5)
    expect(S).toBe(75)

    // four requests due, three answered on time → T = 75
    const asOf = at('2026-07-01T09:00:00+08:00')
    const due = at('2026-03-02T17:00:00+08:00')
    const classes = [
      { responseDue: due, respondedAt: at('2026-03-02T10:00:00+08:00'), cancelledAt: null },
      { responseDue: due, respondedAt: at('2026-03-02T17:00:00+08:00'), cancelledAt: null },
      { responseDue: due, respondedAt: at('2026-03-01T12:00:00+08:00'), cancelledAt: null },
      { responseDue: due, respondedAt: at('2026-03-03T09:30:00+08:00'), cancelledAt: null },
    ].map((r) => classifyResponseTimeliness(r, asOf, clock))
    expect(classes).toEqual(['on_time', 'on_time', 'on_time', 'late'])
    const T = timelinessKpi(3, 1)
    expect(T).toBe(75)

    // owner of a project completed on time with quality 4 (80); member of one completed late without quality (60) → C = 70
    const owned = projectScore({ due: '2026-05-31', completedOn: '2026-05-28', quality: 4, cancelled: false })
    const member = projectScore({ due: '2026-04-30', completedOn: '2026-05-06', quality: null, cancelled: false })
    expect([owned, member]).toEqual([80, 60])
    const C = collaborationKpi([owned, member])
    expect(C).toBe(70)

    // one complaint, verified resolved before its deadline with satisfaction 4 → H = 100·(0.6 + 0.4·0.75) = 90 (allowance 2, no penalty)
    const h = complaintHandlingKpi({ complaints: [{ resolvedByDeadline: true, verifiedSatisfaction: 4 }], requestsReceived: 4, complaintFree: 2 })
    expect(h).toEqual({ value: 90, n: 1, r: 1, v: 0.75, allowance: 2, penalty: 0 })

    // self 80, superior 90 → (30·75 + 20·75 + 15·70 + 15·90 + 5·80 + 15·90) / 100 = 79.0 → grade C, coefficient 1.0
    const components: Components = { S, T, C, H: h.value, self: 80, superior: 90 }
    const total = totalScore(components, DEFAULT_WEIGHTS)
    expect(total).toEqual({ total: 79, usedWeight: 100, insufficient: false })
    expect(totalFormula(components, DEFAULT_WEIGHTS)).toBe('(30×75 + 20×75 + 15×70 + 15×90 + 5×80 + 15×90) / 100 = 79.0')
    const grade = gradeOf(total.total, DEFAULT_GRADE_BANDS)
    expect(grade).toBe('C')
    expect(bonusOf(grade, DEFAULT_BONUS_TABLE)).toBe(1.0)
  })

  it('self 90, superior 80, no complaints (S, T, C n/a; H = 100) → (15·100 + 5·90 + 15·80) / 35 = 90.0 → A, 1.2', () => {
    const h = complaintHandlingKpi({ complaints: [], requestsReceived: 0, complaintFree: 2 })
    expect(h.value).toBe(100)
    const components: Components = { ...none, H: h.value, self: 90, superior: 80 }
    const total = totalScore(components, DEFAULT_WEIGHTS)
    expect(total).toEqual({ total: 90, usedWeight: 35, insufficient: false })
    expect(totalFormula(components, DEFAULT_WEIGHTS)).toBe('(15×100 + 5×90 + 15×80) / 35 = 90.0')
    const grade = gradeOf(total.total, DEFAULT_GRADE_BANDS)
    expect(grade).toBe('A')
    expect(bonusOf(grade, DEFAULT_BONUS_TABLE)).toBe(1.2)
  })
})

describe('responseValue: overall, else the mean of the dimensions present', () => {
  it.each([
    ['overall wins', { overall: 4, accuracy: 1, timeliness: 1, completeness: 1, professionalism: 1 }, 4],
    ['no overall: (5+4+3)/3 = 4', { overall: null, accuracy: 5, timeliness: 4, completeness: null, professionalism: 3 }, 4],
    ['no overall: (4+5)/2 = 4.5', { overall: null, accuracy: 4, timeliness: 5, completeness: null, professionalism: null }, 4.5],
    ['nothing answered', { overall: null, accuracy: null, timeliness: null, completeness: null, professionalism: null }, null],
  ])('%s', (_name, r, expected) => {
    expect(responseValue(r)).toBe(expected)
  })
})

describe('satisfactionKpi = (mean − 1) / 4 · 100, n/a below min responses', () => {
  it.each([
    ['5 responses summing 20: mean 4 → 75', 5, 20, 5, 75],
    ['6 responses summing 25: (25 − 6) / 24 · 100 = 79.17 → 79.2', 6, 25, 5, 79.2],
    ['all fives → 100', 7, 35, 5, 100],
    ['all ones → 0', 5, 5, 5, 0],
    ['4 responses < 5 → n/a', 4, 20, 5, null],
    ['no responses → n/a even with min 0', 0, 0, 0, null],
  ])('%s', (_name, count, sum, min, expected) => {
    expect(satisfactionKpi(count, sum, min)).toBe(expected)
  })
  it('scaleToPercent maps 1–5 to 0–100: 1→0, 3→50, 3.5→62.5, 5→100', () => {
    expect([1, 3, 3.5, 5].map(scaleToPercent)).toEqual([0, 50, 62.5, 100])
  })
})

describe('classifyResponseTimeliness (due Mon 2026-03-02 17:00, as of 2026-03-04 09:00 unless said)', () => {
  const due = at('2026-03-02T17:00:00+08:00')
  const asOf = at('2026-03-04T09:00:00+08:00')
  it.each([
    ['responded before due', '2026-03-02T10:00:00+08:00', null, asOf, 'on_time'],
    ['responded exactly at due', '2026-03-02T17:00:00+08:00', null, asOf, 'on_time'],
    ['responded one minute late', '2026-03-02T17:01:00+08:00', null, asOf, 'late'],
    ['unanswered, past due', null, null, asOf, 'late'],
    ['unanswered, cancelled before due', null, '2026-03-02T12:00:00+08:00', asOf, 'excluded'],
    ['unanswered, cancelled after due (was already late)', null, '2026-03-03T12:00:00+08:00', asOf, 'late'],
    ['responded on time, cancelled later: the response counts', '2026-03-02T11:00:00+08:00', '2026-03-03T12:00:00+08:00', asOf, 'on_time'],
    ['unanswered, not yet due', null, null, at('2026-03-02T16:00:00+08:00'), 'excluded'],
    ['unanswered, exactly at due: not past due yet', null, null, due, 'excluded'],
    ['unanswered at 09:00 the next working day (17:00–18:00 is working time): one business hour late', null, null, at('2026-03-03T09:00:00+08:00'), 'late'],
    ['responded on time before asOf, not yet due', '2026-03-02T10:00:00+08:00', null, at('2026-03-02T12:00:00+08:00'), 'on_time'],
    ['a late response after asOf is not known yet: unanswered past due', '2026-03-05T10:00:00+08:00', null, asOf, 'late'],
  ] as const)('%s → %s', (_name, respondedAt, cancelledAt, when, expected) => {
    const r = { responseDue: due, respondedAt: respondedAt ? at(respondedAt) : null, cancelledAt: cancelledAt ? at(cancelledAt) : null }
    expect(classifyResponseTimeliness(r, when, clock)).toBe(expected)
  })

  describe('lateness in business time (due Mon 2026-03-02 18:00, the end of the working day)', () => {
    const due18 = at('2026-03-02T18:00:00+08:00')
    it.each([
      ['answered 22:00 the same evening: no working time passed', '2026-03-02T22:00:00+08:00', null, asOf, 'on_time'],
      ['answered 09:00 Tue: no working time passed', '2026-03-03T09:00:00+08:00', null, asOf, 'on_time'],
      ['answered 09:00:30 Tue: half a business minute, less than one', '2026-03-03T09:00:30+08:00', null, asOf, 'on_time'],
      ['answered 09:01 Tue: one business minute late', '2026-03-03T09:01:00+08:00', null, asOf, 'late'],
      ['unanswered as of 09:00 Tue: not late yet', null, null, at('2026-03-03T09:00:00+08:00'), 'excluded'],
      ['unanswered, cancelled 08:00 Tue: cancelled before it was late', null, '2026-03-03T08:00:00+08:00', asOf, 'excluded'],
    ] as const)('%s → %s', (_name, respondedAt, cancelledAt, when, expected) => {
      const r = { responseDue: due18, respondedAt: respondedAt ? at(respondedAt) : null, cancelledAt: cancelledAt ? at(cancelledAt) : null }
      expect(classifyResponseTimeliness(r, when, clock)).toBe(expected)
    })
  })
})

describe('timelinessKpi = on time / (on time + late)', () => {
  it.each([
    [3, 1, 75],
    [2, 1, 66.7],
    [1, 2, 33.3],
    [0, 4, 0],
    [5, 0, 100],
    [0, 0, null],
  ])('%i on time, %i late → %j', (onTime, late, expected) => {
    expect(timelinessKpi(onTime, late)).toBe(expected)
  })
})

describe('projectScore: on time 100, late 60, not completed 0, × quality/5; cancelled left out', () => {
  const p = (completedOn: string | null, quality: number | null, cancelled = false) => ({ due: '2026-06-30', completedOn, quality, cancelled })
  it.each([
    ['on the due date, quality 4 → 100×4/5 = 80', p('2026-06-30', 4), 80],
    ['early, no quality → 100', p('2026-06-20', null), 100],
    ['early, quality 5 → 100', p('2026-06-20', 5), 100],
    ['late, no quality → 60', p('2026-07-02', null), 60],
    ['late, quality 3 → 60×3/5 = 36', p('2026-07-02', 3), 36],
    ['late, quality 1 → 60×1/5 = 12', p('2026-07-02', 1), 12],
    ['not completed → 0', p(null, null), 0],
    ['not completed, quality 5 → 0', p(null, 5), 0],
    ['cancelled → n/a', p('2026-06-20', 5, true), null],
    ['date-times compare by date: completed 2026-06-30T23:00 is on time', p('2026-06-30T23:00:00+08:00', null), 100],
  ])('%s', (_name, project, expected) => {
    expect(projectScore(project)).toBe(expected)
  })
  it.each([
    ['not completed, not yet due as of 2026-06-15 → left out', p(null, null), '2026-06-15', null],
    ['not completed, due date is today → 0 (a table run at 17:00 on June 30 counts it)', p(null, null), '2026-06-30', 0],
    ['not completed, due tomorrow → left out', p(null, null), '2026-06-29', null],
    ['not completed, past due as of 2026-07-01 → 0', p(null, null), '2026-07-01', 0],
    ['completed 2026-07-05, as of 2026-07-01 not known yet → 0', p('2026-07-05', null), '2026-07-01', 0],
    ['completed on time before asOf → 100', p('2026-06-20', null), '2026-06-25', 100],
  ])('with asOf: %s', (_name, project, asOf, expected) => {
    expect(projectScore(project, asOf)).toBe(expected)
  })
})

describe('collaborationKpi = mean of the project scores', () => {
  it.each([
    ['(80 + 60) / 2 = 70', [80, 60], 70],
    ['cancelled left out: (80 + 60) / 2 = 70', [80, null, 60], 70],
    ['(100 + 60 + 36) / 3 = 65.33 → 65.3', [100, 60, 36], 65.3],
    ['a project not completed counts 0: (100 + 0) / 2 = 50', [100, 0], 50],
    ['no projects → n/a', [], null],
    ['only cancelled → n/a', [null], null],
  ])('%s', (_name, scores, expected) => {
    expect(collaborationKpi(scores)).toBe(expected)
  })
})

describe('complaintHandlingKpi: 100·(0.6r + 0.4v) − 5 per complaint beyond the allowance, floor 0', () => {
  const c = (resolvedByDeadline: boolean, verifiedSatisfaction: number | null): ComplaintOutcome => ({ resolvedByDeadline, verifiedSatisfaction })
  it.each([
    ['no complaints → 100', [], 40, { value: 100, n: 0, r: 1, v: 1, allowance: 2, penalty: 0 }],
    [
      '3 complaints, 50 requests: allowance max(2, floor(2×50/100 = 1)) = 2; all resolved, sat 5 → 100 − 5×1 = 95',
      [c(true, 5), c(true, 5), c(true, 5)], 50,
      { value: 95, n: 3, r: 1, v: 1, allowance: 2, penalty: 5 },
    ],
    [
      '3 complaints, 150 requests: allowance floor(2×150/100) = 3 → no penalty → 100',
      [c(true, 5), c(true, 5), c(true, 5)], 150,
      { value: 100, n: 3, r: 1, v: 1, allowance: 3, penalty: 0 },
    ],
    [
      '4 complaints, 130 requests: allowance floor(2.6) = 2; r 2/4, v ((5−1)/4 + (3−1)/4)/2 = 0.75 → 100·(0.3 + 0.3) − 10 = 50',
      [c(true, 5), c(true, 3), c(false, null), c(false, null)], 130,
      { value: 50, n: 4, r: 0.5, v: 0.75, allowance: 2, penalty: 10 },
    ],
    [
      '1 complaint verified not resolved, sat 2: r 0, v 0.25 → 100·(0 + 0.1) = 10',
      [c(false, 2)], 10,
      { value: 10, n: 1, r: 0, v: 0.25, allowance: 2, penalty: 0 },
    ],
    [
      '1 complaint not verified yet: r 0, v 0 (none verified) → 0',
      [c(false, null)], 10,
      { value: 0, n: 1, r: 0, v: 0, allowance: 2, penalty: 0 },
    ],
    [
      '10 complaints, 20 requests, none resolved: 0 − 5×(10 − 2) = −40 → floor 0',
      Array.from({ length: 10 }, () => c(false, 1)), 20,
      { value: 0, n: 10, r: 0, v: 0, allowance: 2, penalty: 40 },
    ],
  ])('%s', (_name, complaints, requestsReceived, expected) => {
    expect(complaintHandlingKpi({ complaints, requestsReceived, complaintFree: 2 })).toEqual(expected)
  })

  it('FIN: 3 complaints, 149 requests: floor(2 × 149 / 100 = 2.98) = 2, never floor(round(2.98)) = 3 → 100 − 5×1 = 95', () => {
    const h = complaintHandlingKpi({ complaints: [c(true, 5), c(true, 5), c(true, 5)], requestsReceived: 149, complaintFree: 2 })
    expect(h).toEqual({ value: 95, n: 3, r: 1, v: 1, allowance: 2, penalty: 5 })
  })

  it.each([
    [2, 149, 2], [2, 150, 3], [2, 99, 2], [2, 0, 2], [1.5, 199, 2], [1.5, 200, 3], [0.1, 3000, 3], [3, 133, 3], [3, 134, 4],
  ])('complaintAllowance(%s per 100, %s requests) = %s', (free, requests, expected) => {
    expect(complaintAllowance(free, requests)).toBe(expected)
  })

  it('3 complaints, 10 requests, 1 resolved with sat 4: 100·(0.6/3 + 0.4·0.75) − 5 = 20 + 30 − 5 = 45', () => {
    const h = complaintHandlingKpi({ complaints: [c(true, 4), c(false, null), c(false, null)], requestsReceived: 10, complaintFree: 2 })
    expect(h.value).toBe(45)
    expect(h.r).toBeCloseTo(1 / 3, 12)
    expect(h.penalty).toBe(5)
  })
})

describe('totalScore: renormalised over the components that are not n/a', () => {
  it.each([
    ['S and H only: (30×75 + 15×100) / 45 = 83.33 → 83.3', { ...none, S: 75, H: 100 }, { total: 83.3, usedWeight: 45, insufficient: false }],
    ['superior only: 15×70 / 15 = 70', { ...none, superior: 70 }, { total: 70, usedWeight: 15, insufficient: false }],
    ['T 0 counts (0 is a score, not n/a): (20×0 + 15×100) / 35 = 42.86 → 42.9', { ...none, T: 0, H: 100 }, { total: 42.9, usedWeight: 35, insufficient: false }],
    ['components are rounded first: S 74.96 → 75.0, self 80.04 → 80.0: (30×75 + 5×80) / 35 = 75.71 → 75.7', { ...none, S: 74.96, self: 80.04 }, { total: 75.7, usedWeight: 35, insufficient: false }],
    ['H alone is insufficient data', { ...none, H: 100 }, { total: null, usedWeight: 15, insufficient: true }],
    ['nothing at all is insufficient data', none, { total: null, usedWeight: 0, insufficient: true }],
  ])('%s', (_name, components, expected) => {
    expect(totalScore(components, DEFAULT_WEIGHTS)).toEqual(expected)
  })
  it('present components that all weigh 0 are insufficient', () => {
    const weights = { ...DEFAULT_WEIGHTS, superior: 0 }
    expect(totalScore({ ...none, superior: 80 }, weights)).toEqual({ total: null, usedWeight: 0, insufficient: true })
    expect(totalFormula({ ...none, superior: 80 }, weights)).toBe('insufficient data')
  })
})

describe('gradeOf and bonusOf (A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else E)', () => {
  it.each([
    [100, 'A', 1.2],
    [90, 'A', 1.2],
    [89.95, 'A', 1.2], // the rounded total 90.0 decides
    [89.9, 'B', 1.1],
    [80, 'B', 1.1],
    [79.9, 'C', 1.0],
    [79, 'C', 1.0],
    [70, 'C', 1.0],
    [60, 'D', 0.9],
    [59.9, 'E', 0.8],
    [0, 'E', 0.8],
    [null, null, null],
  ])('%j → %j, %j', (total, grade, bonus) => {
    const g = gradeOf(total, DEFAULT_GRADE_BANDS)
    expect(g).toBe(grade)
    expect(bonusOf(g, DEFAULT_BONUS_TABLE)).toBe(bonus)
  })
})

describe('rankWithTies: competition ranking on totals rounded to one decimal', () => {
  it('ties share a rank and the next rank skips: 1, 2, 2, 4; no total → no rank', () => {
    const ranks = rankWithTies([
      { key: 'HR', total: 79 },
      { key: 'IT', total: 85 },
      { key: 'FIN', total: 79.04 }, // 79.0: ties with HR
      { key: 'OPS', total: 70 },
      { key: 'LEGAL', total: null },
    ])
    expect(Object.fromEntries(ranks)).toEqual({ IT: 1, HR: 2, FIN: 2, OPS: 4, LEGAL: null })
  })
  it('79.05 rounds to 79.1 and ties with 79.1; three-way tie at the top: 1, 1, 1, 4', () => {
    const ranks = rankWithTies([
      { key: 'A', total: 79.05 },
      { key: 'B', total: 79.1 },
      { key: 'C', total: 79.1 },
      { key: 'D', total: 79 },
    ])
    expect(Object.fromEntries(ranks)).toEqual({ A: 1, B: 1, C: 1, D: 4 })
  })
  it('an empty list has no ranks', () => {
    expect(rankWithTies([]).size).toBe(0)
  })
})

describe('annualTotal = mean of the final half-year totals', () => {
  it.each([
    ['(79.0 + 85.0) / 2 = 82.0', [79, 85], 82],
    ['(79.1 + 80.0) / 2 = 79.55 → 79.6', [79.1, 80], 79.6],
    ['only one final half-year: 79.0', [79], 79],
    ['none final → n/a', [], null],
  ])('%s', (_name, totals, expected) => {
    expect(annualTotal(totals)).toBe(expected)
  })
})

describe('relationshipIndex = 0.5·satisfaction + 0.3·loyalty + 0.2·frequency (each 0–100)', () => {
  it.each([
    [
      'sat 4 → 75, loyalty 3.5 → 62.5, 6 of 12 → 50: 37.5 + 18.75 + 10 = 66.25 → 66.3',
      { satisfaction: 4, loyalty: 3.5, frequencyCount: 6, frequent: 12 },
      { value: 66.3, satisfaction: 75, loyalty: 62.5, frequency: 50, usedWeight: 1 },
    ],
    [
      'all fives and 20 contacts (capped at 100) → 100',
      { satisfaction: 5, loyalty: 5, frequencyCount: 20, frequent: 12 },
      { value: 100, satisfaction: 100, loyalty: 100, frequency: 100, usedWeight: 1 },
    ],
    [
      'sat 3 → 50, loyalty 3 → 50, no contact → 0: 25 + 15 + 0 = 40 (flagged below 60)',
      { satisfaction: 3, loyalty: 3, frequencyCount: 0, frequent: 12 },
      { value: 40, satisfaction: 50, loyalty: 50, frequency: 0, usedWeight: 1 },
    ],
    [
      'no loyalty: sat 4 → 75, 6 of 12 → 50: (37.5 + 10) / 0.7 = 67.86 → 67.9',
      { satisfaction: 4, loyalty: null, frequencyCount: 6, frequent: 12 },
      { value: 67.9, satisfaction: 75, loyalty: null, frequency: 50, usedWeight: 0.7 },
    ],
    [
      'no satisfaction: loyalty 3 → 50, 1 of 12 → 8.3: (15 + 1.66) / 0.5 = 33.32 → 33.3',
      { satisfaction: null, loyalty: 3, frequencyCount: 1, frequent: 12 },
      { value: 33.3, satisfaction: null, loyalty: 50, frequency: 8.3, usedWeight: 0.5 },
    ],
    [
      'neither satisfaction nor loyalty → n/a (frequency alone says nothing about quality)',
      { satisfaction: null, loyalty: null, frequencyCount: 12, frequent: 12 },
      { value: null, satisfaction: null, loyalty: null, frequency: 100, usedWeight: 0.2 },
    ],
  ])('%s', (_name, input, expected) => {
    expect(relationshipIndex(input)).toEqual(expected)
  })
  it('refuses a 0–100 value where a 1–5 mean belongs, and a non-positive relation.frequent', () => {
    expect(() => relationshipIndex({ satisfaction: 75, loyalty: null, frequencyCount: 1, frequent: 12 })).toThrow(RangeError)
    expect(() => relationshipIndex({ satisfaction: 4, loyalty: null, frequencyCount: 1, frequent: 0 })).toThrow(RangeError)
  })
})

describe('config parsing', () => {
  it('parses the defaults', () => {
    expect(parseWeights('S=30,T=20,C=15,H=15,self=5,superior=15')).toEqual(DEFAULT_WEIGHTS)
    expect(parseGradeBands('A=90,B=80,C=70,D=60')).toEqual(DEFAULT_GRADE_BANDS)
    expect(parseBonusTable('A=1.2,B=1.1,C=1.0,D=0.9,E=0.8')).toEqual(DEFAULT_BONUS_TABLE)
  })
  it('accepts spaces, any key order and case, decimals and zero weights', () => {
    expect(parseWeights(' superior = 10 , SELF=0, s=40.5,t=20,c=15,h=14.5 ')).toEqual({ S: 40.5, T: 20, C: 15, H: 14.5, self: 0, superior: 10 })
  })
  it.each([
    [() => parseWeights('S=30,T=20,C=15,H=15,self=5'), 'assess.weights: missing superior'],
    [() => parseWeights('S=30,T=20,C=15,H=15,self=5,superior=15,X=1'), "assess.weights: unknown key 'X'"],
    [() => parseWeights('S=-5,T=20,C=15,H=15,self=5,superior=15'), 'assess.weights: S must not be negative, got -5'],
    [() => parseWeights('S=abc,T=20,C=15,H=15,self=5,superior=15'), "assess.weights: S must be a number, got 'abc'"],
    [() => parseWeights('S=30,S=30,T=20,C=15,H=15,self=5,superior=15'), 'assess.weights: S is given twice'],
    [() => parseWeights('S30,T=20'), "assess.weights: 'S30' is not KEY=NUMBER"],
    [() => parseWeights(' '), 'assess.weights is empty'],
    [() => parseWeights('S=0,T=0,C=0,H=0,self=0,superior=0'), 'assess.weights: the weights must not all be 0'],
    [() => parseGradeBands('A=90,B=80,C=80,D=60'), 'assess.grades: bands must descend, but B=80 is not above C=80'],
    [() => parseGradeBands('A=60,B=70,C=80,D=90'), 'assess.grades: bands must descend, but A=60 is not above B=70'],
    [() => parseGradeBands('A=110,B=80,C=70,D=60'), 'assess.grades: A must be at most 100, got 110'],
    [() => parseGradeBands('A=90,B=80,C=70,D=60,E=50'), "assess.grades: unknown key 'E'"],
    [() => parseBonusTable('A=1.2,B=1.1,C=1.0,D=0.9'), 'assess.bonus: missing E'],
    [() => parseBonusTable('A=1.2,B=1.1,C=1.0,D=0.9,E=-0.8'), 'assess.bonus: E must not be negative, got -0.8'],
  ])('refuses: %#', (fn, message) => {
    const e = thrown(fn)
    expect(e.message).toBe(message)
    expect(e.exitCode).toBe(3)
  })
  it('hints at the expected form', () => {
    expect(thrown(() => parseBonusTable('A=1')).hint).toBe('KEY=NUMBER for each of A, B, C, D, E, e.g. A=1.2,B=1.1,C=1.0,D=0.9,E=0.8')
  })
})
