import { describe, expect, it } from 'vitest'
import type { AssessInput, AssessPolicy, UnitAssessment, UnitDetails } from '../../src/domain/assessment/assessment.js'
import { inputsFingerprint } from '../../src/domain/assessment/assessment.js'
import { DEFAULT_BONUS_TABLE, DEFAULT_GRADE_BANDS, DEFAULT_WEIGHTS } from '../../src/domain/assessment/kpi.js'
import { assessPolicyOf, checkIntact, checkPeriodEnded, isProvisional, checkNotFinal, improvementActions, mergeInput, reopened, scoreRowsOf, scoreTableOf, tableIntact, type ScoreTable } from '../../src/domain/assessment/score-table.js'
import { sha256Hex } from '../../src/domain/assessment/table-hash.js'
import { scheduleOf } from '../../src/domain/calendar/business-time.js'
import { parsePeriod } from '../../src/domain/calendar/period.js'
import { UserError } from '../../src/domain/errors.js'

const POLICY: AssessPolicy = { weights: DEFAULT_WEIGHTS, grades: DEFAULT_GRADE_BANDS, bonus: DEFAULT_BONUS_TABLE, minResponses: 5, complaintFree: 2 }
const NOW = new Date('2026-07-01T02:00:00Z') // 10:00 in Shanghai, a Wednesday

function row(unitId: number, code: string, total: number | null, grade: UnitAssessment['grade']): UnitAssessment {
  return { unitId, code, name: `${code} name`, components: { S: total, T: null, C: null, H: null, self: null, superior: null }, total, insufficient: total === null, rank: null, grade, bonus: null, details: {} as UnitDetails }
}

const input: AssessInput = { units: [], level: 'department', policy: POLICY, asOf: NOW, schedule: scheduleOf('09:00-18:00', '1-5', []), satisfaction: [], requestsOnTime: [], requests: [], projects: [], complaints: [], inputs: [] }

const final: ScoreTable = { period: '2026-H1', level: 'department', state: 'final', policy: POLICY, inputsHash: 'i', computedAt: NOW, finalizedAt: NOW, finalizedBy: 'admin', rowsHash: 'abc' }

describe('the life of a score table', () => {
  it('takes the assessment parameters of the policy in force', () => {
    const policy = { ...POLICY, responseHours: 8, workDays: '1-5', relationThreshold: 60 }
    expect(assessPolicyOf(policy)).toEqual(POLICY)
  })

  it('numbers the rows from 1 in the order computed', () => {
    expect(scoreRowsOf([row(7, 'HR', 81, 'B'), row(3, 'IT', 79, 'C')]).map((r) => [r.position, r.unitId, r.code, r.total, r.grade])).toEqual([
      [1, 7, 'HR', 81, 'B'],
      [2, 3, 'IT', 79, 'C'],
    ])
  })

  it('makes a run a draft and a finalization final, by whom and when, both with the inputs fingerprint', () => {
    const rows = [row(1, 'IT', 79, 'C')]
    const fingerprint = inputsFingerprint(input, rows, sha256Hex)
    expect(scoreTableOf('2026-H1', input, rows, NOW)).toEqual({ period: '2026-H1', level: 'department', state: 'draft', policy: POLICY, inputsHash: fingerprint, computedAt: NOW, finalizedAt: null, finalizedBy: null })
    expect(scoreTableOf('2026-H1', input, rows, NOW, 'admin')).toMatchObject({ state: 'final', inputsHash: fingerprint, finalizedAt: NOW, finalizedBy: 'admin' })
  })

  it('reopens a final table as a draft, its finalization and rows hash cleared', () => {
    expect(reopened(final)).toEqual({ ...final, state: 'draft', finalizedAt: null, finalizedBy: null, rowsHash: null })
  })

  it('refuses what would change a final table (exit 5), and lets a draft or a new period be', () => {
    expect(() => checkNotFinal(final, '2026-H1', 'a new run')).toThrow(expect.objectContaining({ exitCode: 5, message: '2026-H1 is final: a new run would change a frozen table', hint: 'reopen it first: icm assess reopen --period 2026-H1 --reason TEXT' }))
    expect(() => checkNotFinal(reopened(final), '2026-H1', 'a new run')).not.toThrow()
    expect(() => checkNotFinal(undefined, '2026-H2', 'a new input')).not.toThrow()
    // the position table and the annual table are named and reopened as such
    expect(() => checkNotFinal(final, '2026-H1', 'a new run', 'position')).toThrow(expect.objectContaining({ message: '2026-H1 (position) is final: a new run would change a frozen table', hint: 'reopen it first: icm assess reopen --period 2026-H1 --level position --reason TEXT' }))
    expect(() => checkNotFinal(final, '2026', 'finalizing again')).toThrow(expect.objectContaining({ hint: 'reopen it first: icm assess reopen --year 2026 --reason TEXT' }))
  })

  it.each([
    ['a final table whose rows match', final, 'abc', true],
    ['a final table whose rows changed', final, 'abd', false],
    ['a draft, whatever its rows', reopened(final), 'abd', true],
    ['a draft, its rows not hashed', reopened(final), null, true],
  ])('uses %s: %s', (_what, t, hash, intact) => {
    expect(tableIntact(t, hash)).toBe(intact)
    if (intact) expect(() => checkIntact(t, hash)).not.toThrow()
    else expect(() => checkIntact(t, hash)).toThrow(expect.objectContaining({ exitCode: 5, message: 'the final 2026-H1 table does not match its hash: its rows were changed outside icm' }))
  })
})

describe('mergeInput', () => {
  it.each([
    ['a first input', undefined, { self: 80 }, { unitId: 1, self: 80, superior: null }],
    ['a superior score added later', { unitId: 1, self: 80, superior: null }, { superior: 90 }, { unitId: 1, self: 80, superior: 90 }],
    ['a self score replaced', { unitId: 1, self: 80, superior: 90 }, { self: 85 }, { unitId: 1, self: 85, superior: 90 }],
    ['a score of 0 (kept, not taken for missing)', { unitId: 1, self: 80, superior: 90 }, { self: 0 }, { unitId: 1, self: 0, superior: 90 }],
  ])('%s', (_what, before, given, after) => {
    expect(mergeInput(before, 1, given)).toEqual(after)
  })
})

describe('improvementActions', () => {
  it('opens one for each unit graded D or E, due 30 days after the local date of finalizing', () => {
    const rows = [row(1, 'HR', 81, 'B'), row(2, 'IT', 65.25, 'D'), row(3, 'OPS', 52, 'E'), row(4, 'FIN', null, null)]
    expect(improvementActions('2026-H1', rows, new Date('2026-06-30T17:00:00Z'))).toEqual({
      open: [
        // 01:00 on 1 July in Shanghai: 2026-07-01 + 30 days = 2026-07-31; 65.25 shows as 65.3
        { unitId: 2, unitCode: 'IT', description: '2026-H1 考核等级 D (总分 65.3): 分析失分项并制定改进措施', due: '2026-07-31' },
        { unitId: 3, unitCode: 'OPS', description: '2026-H1 考核等级 E (总分 52.0): 分析失分项并制定改进措施', due: '2026-07-31' },
      ],
      kept: [],
    })
  })

  it('keeps the action a unit has from an earlier finalize of the period, and opens none again', () => {
    const rows = [row(1, 'HR', 81, 'B'), row(2, 'IT', 65.25, 'D'), row(3, 'OPS', 52, 'E')]
    // HR had one when it was graded D before the reopen: it is B now, so its action is not "kept" for this finalize
    const out = improvementActions('2026-H1', rows, new Date('2026-06-30T17:00:00Z'), [
      { ownerId: 2, code: 'ACT-0007' },
      { ownerId: 1, code: 'ACT-0008' },
    ])
    expect(out.open.map((a) => a.unitCode)).toEqual(['OPS'])
    expect(out.kept).toEqual([{ code: 'ACT-0007', unitCode: 'IT' }])
  })
})

describe('provisional tables: computed before the period has ended (Shanghai time; 2026-H1 ends at 2026-07-01 00:00)', () => {
  const at = (local: string) => new Date(`${local}+08:00`)
  it.each([
    ['run at 17:00 on June 30', '2026-06-30T17:00:00', true],
    ['run at 23:59:59 on June 30', '2026-06-30T23:59:59', true],
    ['run at 00:00 on July 1', '2026-07-01T00:00:00', false],
    ['run on July 1, 10:00', '2026-07-01T10:00:00', false],
  ])('%s → provisional %s', (_what, computed, expected) => {
    expect(isProvisional({ period: '2026-H1', computedAt: at(computed) })).toBe(expected)
  })

  it('a quarter ends with its last day: 2026-Q2 computed June 30 is provisional, July 1 is not', () => {
    expect(isProvisional({ period: '2026-Q2', computedAt: at('2026-06-30T12:00:00') })).toBe(true)
    expect(isProvisional({ period: '2026-Q2', computedAt: at('2026-07-01T00:00:00') })).toBe(false)
  })

  it('finalize is refused before the period has ended (exit 3), allowed from its end on', () => {
    const h1 = parsePeriod('2026-H1')
    expect(() => checkPeriodEnded(h1, at('2026-06-30T17:00:00'))).toThrow(UserError)
    expect(() => checkPeriodEnded(h1, at('2026-06-30T17:00:00'))).toThrow('2026-H1 ends on 2026-06-30; finalize after it')
    expect(() => checkPeriodEnded(h1, at('2026-07-01T00:00:00'))).not.toThrow()
  })
})
