import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/domain/errors.js'
import {
  CRITERIA,
  compareRank,
  criteriaMeans,
  explainPriority,
  isImportant,
  isUrgent,
  parseCriterion,
  priorityOf,
  priorityScore,
  quadrant,
  QUADRANT_LABELS,
  type CriteriaScores,
  type Quadrant,
  type RankKey,
} from '../../src/domain/requests/priority.js'

const s = (reasonableness: number, feasibility: number, impact: number, costBenefit: number): CriteriaScores => ({
  reasonableness,
  feasibility,
  impact,
  costBenefit,
})

function thrown(fn: () => unknown): UserError {
  try {
    fn()
  } catch (e) {
    if (e instanceof UserError) return e
    throw e
  }
  throw new Error('expected a UserError')
}

describe('CRITERIA', () => {
  it('lists the four criteria in the policy order', () => {
    expect(CRITERIA).toEqual(['reasonableness', 'feasibility', 'impact', 'costBenefit'])
  })
})

describe('parseCriterion', () => {
  it.each([
    ['1', 1],
    ['5', 5],
    [' 3 ', 3],
    [4, 4],
  ])('accepts %j as %i', (text, expected) => {
    expect(parseCriterion(text, 'impact')).toBe(expected)
  })

  it.each([
    ['6', 'reasonableness', 'reasonableness must be a whole number 1–5, got 6'],
    ['0', 'impact', 'impact must be a whole number 1–5, got 0'],
    ['4.5', 'feasibility', 'feasibility must be a whole number 1–5, got 4.5'],
    ['high', 'costBenefit', 'costBenefit must be a whole number 1–5, got high'],
    ['-3', 'impact', 'impact must be a whole number 1–5, got -3'],
    ['', 'impact', 'impact must be a whole number 1–5, got nothing'],
  ])('refuses %j for %s', (text, name, message) => {
    const e = thrown(() => parseCriterion(text, name))
    expect(e.message).toBe(message)
    expect(e.exitCode).toBe(3)
    expect(e.hint).toBe('score 1 (low) to 5 (high)')
  })
})

describe('criteriaMeans', () => {
  it('is null without evaluations', () => {
    expect(criteriaMeans([])).toBeNull()
  })
  it('averages each criterion: (4,3,5,2) and (2,3,3,4) → 3, 3, 4, 3', () => {
    expect(criteriaMeans([s(4, 3, 5, 2), s(2, 3, 3, 4)])).toEqual(s(3, 3, 4, 3))
  })
  it('rounds means to two decimals: impact (4+4+5)/3 = 4.333… → 4.33, R (5+5+4)/3 → 4.67', () => {
    expect(criteriaMeans([s(5, 3, 4, 3), s(5, 3, 4, 3), s(4, 3, 5, 3)])).toEqual(s(4.67, 3, 4.33, 3))
  })
})

describe('priorityScore = 100 × (0.2R + 0.2F + 0.4I + 0.2C − 1) / 4, i.e. 5R + 5F + 10I + 5C − 25', () => {
  it.each([
    ['all fives → 100', s(5, 5, 5, 5), 100],
    ['all ones → 0', s(1, 1, 1, 1), 0],
    ['all threes → 15+15+30+15−25 = 50', s(3, 3, 3, 3), 50],
    ['R4 F3 I5 C2 → 20+15+50+10−25 = 70 (impact counts double)', s(4, 3, 5, 2), 70],
    ['R5 F5 I1 C5 → 25+25+10+25−25 = 60', s(5, 5, 1, 5), 60],
    ['means 3,3,4,3 → 15+15+40+15−25 = 60', s(3, 3, 4, 3), 60],
    ['R3.5 F4 I4.5 C2 → 17.5+20+45+10−25 = 67.5', s(3.5, 4, 4.5, 2), 67.5],
    ['I4.33 → 15+15+43.3+15−25 = 63.3', s(3, 3, 4.33, 3), 63.3],
    ['R4.67 → 23.35+15+30+15−25 = 58.35 → 58.4 (half away from zero)', s(4.67, 3, 3, 3), 58.4],
    ['an unrounded SQL mean R 14/3 is rounded to 4.67 first → 58.4, not 58.3', s(14 / 3, 3, 3, 3), 58.4],
  ])('%s', (_name, means, expected) => {
    expect(priorityScore(means)).toBe(expected)
  })
})

describe('isImportant: impact mean ≥ 4 unless set explicitly', () => {
  it.each([
    [4, null, true],
    [5, null, true],
    [3.99, null, false],
    [3.5, true, true],
    [5, false, false],
    [null, null, false],
    [null, true, true],
  ])('impact mean %j, override %j → %j', (mean, override, expected) => {
    expect(isImportant(mean, override)).toBe(expected)
  })
})

describe('isUrgent: needed by on or before the limit date (5 business days from now) unless set explicitly', () => {
  const limit = '2026-03-09' // e.g. now Mon 2026-03-02 + 5 business days
  it.each([
    ['2026-03-09', null, true, 'on the limit date'],
    ['2026-03-05', null, true, 'before the limit'],
    ['2026-02-20', null, true, 'already overdue'],
    ['2026-03-10', null, false, 'the day after the limit'],
    ['2026-03-09T17:00:00+08:00', null, true, 'a date-time compares by its date'],
    [null, null, false, 'no needed-by date'],
    ['2026-04-01', true, true, 'set urgent explicitly'],
    ['2026-03-01', false, false, 'set not urgent explicitly'],
  ] as [string | null, boolean | null, boolean, string][])('needed by %j, override %j → %j (%s)', (neededBy, override, expected) => {
    expect(isUrgent(neededBy, limit, override)).toBe(expected)
  })
})

describe('quadrant', () => {
  it.each([
    [true, true, 1, 'important+urgent'],
    [true, false, 2, 'important'],
    [false, true, 3, 'urgent'],
    [false, false, 4, 'neither'],
  ])('important %j, urgent %j → %i (%s)', (important, urgent, q, label) => {
    expect(quadrant(important, urgent)).toBe(q)
    expect(QUADRANT_LABELS[q as Quadrant]).toBe(label)
  })
})

describe('compareRank', () => {
  const r = (code: string, q: Quadrant, score: number | null, createdAt: string): RankKey => ({ code, quadrant: q, score, createdAt })
  it('orders by quadrant, then score (unevaluated last), then age, then code', () => {
    const rows = [
      r('REQ-0001', 4, 95, '2026-01-05T09:00:00+08:00'),
      r('REQ-0002', 2, null, '2026-01-01T09:00:00+08:00'),
      r('REQ-0003', 2, 40, '2026-01-09T09:00:00+08:00'),
      r('REQ-0004', 1, 30, '2026-01-09T09:00:00+08:00'),
      r('REQ-0005', 2, 70, '2026-01-09T09:00:00+08:00'),
      r('REQ-0006', 2, 70, '2026-01-02T09:00:00+08:00'),
      r('REQ-0007', 3, 0, '2026-01-09T09:00:00+08:00'),
      r('REQ-0010', 2, 40, '2026-01-09T09:00:00+08:00'),
      r('REQ-0009', 2, 40, '2026-01-09T01:00:00Z'), // 09:00 Shanghai: same instant as REQ-0003
    ]
    expect(rows.sort(compareRank).map((x) => x.code)).toEqual([
      'REQ-0004', // quadrant 1
      'REQ-0006', // quadrant 2, score 70, older
      'REQ-0005', // quadrant 2, score 70, newer
      'REQ-0003', // quadrant 2, score 40, same time: by code
      'REQ-0009',
      'REQ-0010',
      'REQ-0002', // quadrant 2, unevaluated: after every score although oldest
      'REQ-0007', // quadrant 3
      'REQ-0001', // quadrant 4, whatever its score
    ])
  })
  it('orders codes naturally: REQ-9999 before REQ-10000', () => {
    const t = '2026-01-01T09:00:00+08:00'
    expect(compareRank(r('REQ-9999', 1, 50, t), r('REQ-10000', 1, 50, t))).toBeLessThan(0)
  })
})

describe('priorityOf and explainPriority', () => {
  const base = { importantOverride: null, urgentOverride: null, urgentLimitDate: '2026-03-09' }

  it('explains an evaluated, important and urgent request with its arithmetic', () => {
    const input = { ...base, means: s(4, 3, 5, 2), evaluations: 2, neededBy: '2026-03-06' }
    expect(priorityOf(input)).toEqual({ score: 70, important: true, urgent: true, quadrant: 1 })
    expect(explainPriority(input)).toEqual([
      'means over 2 evaluations: reasonableness 4, feasibility 3, impact 5, cost-benefit 2',
      'score = 100 × (0.2×4 + 0.2×3 + 0.4×5 + 0.2×2 − 1) / 4 = 70.0',
      'important: yes, impact mean 5 ≥ 4',
      'urgent: yes, needed by 2026-03-06, on or before 2026-03-09 (5 business days from now)',
      'quadrant 1 (important+urgent)',
      'rank: quadrant first, then score (higher first, unevaluated last), then age (older first)',
    ])
  })

  it('explains fractional means, a low impact and a needed-by date after the limit', () => {
    const input = { ...base, means: s(4.67, 3, 3.5, 3), evaluations: 3, neededBy: '2026-03-20' }
    // 5×4.67 + 5×3 + 10×3.5 + 5×3 − 25 = 23.35 + 15 + 35 + 15 − 25 = 63.35 → 63.4
    expect(explainPriority(input).slice(0, 5)).toEqual([
      'means over 3 evaluations: reasonableness 4.67, feasibility 3, impact 3.5, cost-benefit 3',
      'score = 100 × (0.2×4.67 + 0.2×3 + 0.4×3.5 + 0.2×3 − 1) / 4 = 63.4',
      'important: no, impact mean 3.5 < 4',
      'urgent: no, needed by 2026-03-20, after 2026-03-09 (5 business days from now)',
      'quadrant 4 (neither)',
    ])
  })

  it('explains an unevaluated request and explicit settings', () => {
    const input = { ...base, means: null, neededBy: null, importantOverride: true, urgentOverride: false }
    expect(priorityOf(input)).toEqual({ score: null, important: true, urgent: false, quadrant: 2 })
    expect(explainPriority(input).slice(0, 4)).toEqual([
      'not evaluated yet: no score (ranked after every scored request of its quadrant)',
      'important: yes, set explicitly',
      'urgent: no, set explicitly',
      'quadrant 2 (important)',
    ])
  })

  it('says why an unevaluated request without a date is neither', () => {
    const input = { ...base, means: null, neededBy: null }
    expect(explainPriority(input).slice(1, 4)).toEqual(['important: no, no impact mean yet', 'urgent: no, no needed-by date', 'quadrant 4 (neither)'])
  })
})
