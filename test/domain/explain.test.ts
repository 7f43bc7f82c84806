import { describe, expect, it } from 'vitest'
import type { AssessPolicy, UnitDetails } from '../../src/domain/assessment/assessment.js'
import { allowanceArithmetic, exactTerm, explainLines, scoreText } from '../../src/domain/assessment/explain.js'
import { DEFAULT_BONUS_TABLE, DEFAULT_GRADE_BANDS, DEFAULT_WEIGHTS } from '../../src/domain/assessment/kpi.js'
import type { ScoreRow } from '../../src/domain/assessment/score-table.js'

const POLICY: AssessPolicy = { weights: DEFAULT_WEIGHTS, grades: DEFAULT_GRADE_BANDS, bonus: DEFAULT_BONUS_TABLE, minResponses: 5, complaintFree: 2 }

// IT: 6 responses adding up to 24 (mean 4 → 75); 3 of 4 requests on time (75); one project on time
// with quality 4 (80) and one late with quality 5 (60) → 70; one complaint resolved in time,
// satisfaction 4 → 100 × (0.6 × 1 + 0.4 × 0.75) = 90; self 80, superior 90 →
// (30×75 + 20×75 + 15×70 + 15×90 + 5×80 + 15×90) / 100 = 79.0, grade C, coefficient 1.
const row: ScoreRow = { unitId: 2, position: 2, code: 'IT', name: '信息技术部', components: { S: 75, T: 75, C: 70, H: 90, self: 80, superior: 90 }, total: 79, rank: 2, grade: 'C', bonus: 1 }
const details: UnitDetails = {
  S: { responses: 6, valueSum: 24, mean: 4, minResponses: 5 },
  T: { onTime: 3, late: [{ code: 'REQ-0002', due: '2026-03-03T09:00:00.000Z', respondedAt: '2026-03-04T02:00:00.000Z', businessHoursLate: 2 }], excluded: 1 },
  C: {
    projects: [
      { code: 'PRJ-0001', role: 'owner', due: '2026-05-31', completedOn: '2026-05-28', quality: 4, cancelled: false, score: 80 },
      { code: 'PRJ-0002', role: 'member', due: '2026-04-30', completedOn: '2026-05-08', quality: 5, cancelled: false, score: 60 },
    ],
  },
  H: { complaints: [{ code: 'CMP-0001', resolvedByDeadline: true, planDeadline: '2026-04-15', verifiedOn: '2026-04-10', satisfaction: 4 }], requestsReceived: 4, allowance: 2, penalty: 0, r: 1, v: 0.75 },
  inputs: { self: 80, superior: 90 },
  total: { formula: '(30×75 + 20×75 + 15×70 + 15×90 + 5×80 + 15×90) / 100 = 79.0', usedWeight: 100, renormalised: false, missing: [] },
}

describe('explainLines', () => {
  it('shows every number behind a row so it can be redone by hand', () => {
    expect(explainLines(row, details, POLICY, 'rank 2 of 2')).toEqual([
      'IT 信息技术部: rank 2 of 2 · total 79.0 · grade C · bonus coefficient 1',
      '',
      'S satisfaction = 75.0   (weight 30)',
      '  6 service-survey responses rate it (overall, else the mean of the four dimensions); values add up to 24, mean 4',
      '  (4 − 1) / 4 × 100 = 75.0',
      '',
      'T response timeliness = 75.0   (weight 20)',
      '  5 requests had their response due in the period: 3 answered on time, 1 late, 1 left out (cancelled before due, or not yet due)',
      '  late: REQ-0002 due 2026-03-03T17:00:00+08:00, answered 2026-03-04T10:00:00+08:00, 2.0 business hours late',
      '  100 × 3 / 4 = 75.0',
      '',
      'C collaboration = 70.0   (weight 15)',
      '  PRJ-0001 owner, due 2026-05-31: completed 2026-05-28, on time → 100 × quality 4/5 = 80.0',
      '  PRJ-0002 member, due 2026-04-30: completed 2026-05-08, late → 60 × quality 5/5 = 60.0',
      '  mean (80.0 + 60.0) / 2 = 70.0',
      '',
      'H complaint handling = 90.0   (weight 15)',
      '  1 complaint received in the period; 4 requests received → allowance max(2, floor(2 × 4 / 100)) = max(2, floor(0.08)) = 2',
      '  CMP-0001: verified resolved 2026-04-10 (deadline 2026-04-15, in time), satisfaction 4',
      '  r = 1/1 = 1.00; v = 0.75; 100 × (0.6 × 1.00 + 0.4 × 0.75) = 90.0',
      '  penalty: 5 × max(0, 1 − 2) = 0 → H = 90.0',
      '',
      'self = 80.0   (weight 5)   superior = 90.0   (weight 15)',
      '',
      'total = (30×75 + 20×75 + 15×70 + 15×90 + 5×80 + 15×90) / 100 = 79.0',
      '  grade C (bands A≥90 B≥80 C≥70 D≥60) → bonus coefficient 1',
    ])
  })

  it('shows the first items of each list and says how many more there are, when asked to (the HTML report)', () => {
    const lines = explainLines(row, details, POLICY, 'rank 2 of 2', { limit: 1, more: (n) => `… and ${n} more` })
    expect(lines.slice(12, 15)).toEqual(['  PRJ-0001 owner, due 2026-05-31: completed 2026-05-28, on time → 100 × quality 4/5 = 80.0', '  … and 1 more', '  mean (80.0 + 60.0) / 2 = 70.0'])
    expect(lines.filter((l) => l.includes('more'))).toEqual(['  … and 1 more'])
  })

  it('says why a component is n/a and why a unit with no data has no total', () => {
    const empty: UnitDetails = {
      S: { responses: 3, valueSum: 12, mean: 4, minResponses: 5 },
      T: { onTime: 0, late: [], excluded: 0 },
      C: { projects: [] },
      H: { complaints: [], requestsReceived: 0, allowance: 2, penalty: 0, r: 1, v: 1 },
      inputs: { self: null, superior: null },
      total: { formula: 'n/a', usedWeight: 0, renormalised: false, missing: ['S', 'T', 'C', 'self', 'superior'] },
    }
    const none: ScoreRow = { ...row, components: { S: null, T: null, C: null, H: 100, self: null, superior: null }, total: null, rank: null, grade: null, bonus: null }
    const lines = explainLines(none, empty, POLICY, 'no rank')
    expect(lines[0]).toBe('IT 信息技术部: no rank · total insufficient data')
    expect(lines).toContain('  fewer than assess.min_responses = 5 responses → n/a')
    expect(lines).toContain('  no request counts → n/a')
    expect(lines).toContain('  no project due in the period → n/a')
    expect(lines).toContain('  no complaint → 100')
    expect(lines.at(-1)).toBe('  insufficient data: no S, T, C, self or superior score (H alone only says that nobody complained) → no total, rank or grade')
  })

  it.each([
    [null, 'n/a'],
    [79, '79.0'],
    [66.25, '66.3'],
  ])('shows a score %s as %s', (v, shown) => {
    expect(scoreText(v)).toBe(shown)
  })
})

describe('the H line can be redone by hand', () => {
  it('shows r and v exactly in the formula when two decimals would round them: r = 1/3, v = 7/12', () => {
    // three complaints, one resolved in time; satisfactions 4, 3, 3 → v = (0.75 + 0.5 + 0.5) / 3 = 7/12
    const complaints = [
      { code: 'CMP-0001', resolvedByDeadline: true, planDeadline: '2026-04-15', verifiedOn: '2026-04-10', satisfaction: 4 },
      { code: 'CMP-0002', resolvedByDeadline: false, planDeadline: '2026-05-15', verifiedOn: '2026-05-20', satisfaction: 3 },
      { code: 'CMP-0003', resolvedByDeadline: false, planDeadline: '2026-06-15', verifiedOn: '2026-06-20', satisfaction: 3 },
    ]
    const r = 1 / 3
    const v = 7 / 12
    const lines = explainLines({ ...row, components: { ...row.components, H: 38.3 } }, { ...details, H: { ...details.H, complaints, r, v, allowance: 2, penalty: 5 } }, POLICY, 'rank 2 of 2')
    // 100 × (0.6 × 1/3 + 0.4 × 7/12) = 100 × (0.2 + 0.2333…) = 43.3
    expect(lines).toContain('  r = 1/3 = 0.33; v = 0.58; 100 × (0.6 × 1/3 + 0.4 × 7/12) = 43.3')
  })

  it.each([
    [0.75, 3, 4, '0.75'],
    [1 / 3, 1, 3, '1/3'],
    [2 / 6, 2, 6, '1/3'],
    [7 / 12, 7, 12, '7/12'],
    [1, 3, 3, '1.00'],
    [0.123456, 1, 3, '0.1235'],
  ])('exactTerm(%d, %i, %i) = %j', (x, num, den, shown) => expect(exactTerm(x, num, den)).toBe(shown))
})

describe('allowanceArithmetic: every step of the allowance line is true', () => {
  it.each([
    [2, 149, 'max(2, floor(2 × 149 / 100)) = max(2, floor(2.98))'],
    [2, 150, 'max(2, floor(2 × 150 / 100)) = max(2, floor(3))'],
    [1.5, 199, 'max(1.5, floor(1.5 × 199 / 100)) = max(1.5, floor(2.985))'],
  ])('%s per 100, %s requests → %s', (free, requests, expected) => {
    expect(allowanceArithmetic(free, requests)).toBe(expected)
  })
})
