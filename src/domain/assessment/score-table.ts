import { addDays, localDate } from '../calendar/dates.js'
import { periodEnd, parsePeriod, type Period } from '../calendar/period.js'
import { ConflictError, UserError } from '../errors.js'
import { isChinese, label, t as tr } from '../i18n/catalog.js'
import { format1 } from '../rounding.js'
import { inputsFingerprint, type AssessInput, type AssessLevel, type AssessPolicy, type QualitativeInput, type UnitAssessment } from './assessment.js'
import type { Components } from './kpi.js'
import { sha256Hex } from './table-hash.js'

/**
 * A period's stored score table (DESIGN.md §8) and the rules of its life: a draft is computed
 * again on every run; finalizing freezes it with a hash of its rows; a final table refuses new
 * inputs and runs until it is reopened, and is used only while its rows still match the hash.
 */
export interface ScoreTable {
  period: string
  level: AssessLevel
  state: 'draft' | 'final'
  /** the weights, grade bands, bonus table, min responses and complaint allowance it was computed with */
  policy: AssessPolicy
  inputsHash: string
  computedAt: Date
  finalizedAt: Date | null
  finalizedBy: string | null
  /** the hash of a final table's rows as stored (table-hash.ts); null for a draft */
  rowsHash: string | null
}

/** One unit's row of a table as stored: its place, components, total, rank, grade and coefficient. */
export interface ScoreRow {
  unitId: number
  /** the row's place in the table (rank order, then code), from 1 */
  position: number
  code: string
  name: string
  components: Components
  total: number | null
  rank: number | null
  grade: string | null
  bonus: number | null
}

/** The assessment parameters of the policy in force (domain/policy/config.ts Policy), as a table stores them. */
export function assessPolicyOf(p: AssessPolicy): AssessPolicy {
  return { weights: p.weights, grades: p.grades, bonus: p.bonus, minResponses: p.minResponses, complaintFree: p.complaintFree }
}

/** The rows of a computed table in the order they are stored and shown. */
export function scoreRowsOf(rows: readonly UnitAssessment[]): ScoreRow[] {
  return rows.map((r, i) => ({ unitId: r.unitId, position: i + 1, code: r.code, name: r.name, components: r.components, total: r.total, rank: r.rank, grade: r.grade, bonus: r.bonus }))
}

/** The table a run (a draft) or a finalization (final, by `by`) stores for its computed rows; its rows hash is added when stored. */
export function scoreTableOf(period: string, input: AssessInput, rows: readonly UnitAssessment[], at: Date, finalizedBy?: string): Omit<ScoreTable, 'rowsHash'> {
  const final = finalizedBy !== undefined
  return {
    period,
    level: input.level,
    state: final ? 'final' : 'draft',
    policy: input.policy,
    inputsHash: inputsFingerprint(input, rows, sha256Hex),
    computedAt: at,
    finalizedAt: final ? at : null,
    finalizedBy: finalizedBy ?? null,
  }
}

/**
 * A table computed before its period has ended is provisional (DESIGN.md §3 C): projects due
 * later in the period are left out and requests not yet due are not counted, so its numbers will
 * still change. Computed from the stored computation time and the period's end, nothing stored.
 */
export function isProvisional(t: Pick<ScoreTable, 'period' | 'computedAt'>): boolean {
  return t.computedAt.getTime() < periodEnd(parsePeriod(t.period)).getTime()
}

/** Refuses (exit 3) to finalize a period before it has ended: "2026-H1 ends on 2026-06-30; finalize after it". */
export function checkPeriodEnded(period: Period, now: Date): void {
  if (now.getTime() < periodEnd(period).getTime()) {
    throw new UserError(tr('assess.notEnded', { period: period.code, end: period.endDate }), tr('assess.notEnded.hint', { period: period.code }))
  }
}

/** The table reopened: a draft again, its finalization and rows hash cleared. */
export function reopened(t: ScoreTable): ScoreTable {
  return { ...t, state: 'draft', finalizedAt: null, finalizedBy: null, rowsHash: null }
}

/** '2026-H1', or '2026-H1 (position)' for the position table (in the interface language). */
function levelName(period: string, level: AssessLevel): string {
  return level === 'department' ? period : tr('assess.tableName', { period, level: isChinese() ? label('level', level) : level })
}

/** Refuses (exit 5) what would change a final table, e.g. what = 'a new run'. */
export function checkNotFinal(t: Pick<ScoreTable, 'state'> | undefined, period: string, what: string, level: AssessLevel = 'department'): void {
  if (t?.state === 'final') {
    const name = levelName(period, level)
    const flag = level === 'department' ? '' : ` --level ${level}`
    throw new ConflictError(tr('assess.isFinal', { name, what }), tr('assess.isFinal.hint', { command: `icm assess reopen ${/^\d{4}$/.test(period) ? '--year' : '--period'} ${period}${flag} --reason ${tr('assess.reasonArg')}` }))
  }
}

/**
 * Whether a table may be used: a draft always, a final one while the hash of its rows as stored
 * now (`hashOfRows`) is the one stored when it was finalized.
 */
export function tableIntact(t: Pick<ScoreTable, 'state' | 'rowsHash'>, hashOfRows: string | null): boolean {
  return t.state !== 'final' || t.rowsHash === hashOfRows
}

/** Refuses (exit 5) a final table whose rows no longer match their hash (DESIGN.md §8). */
export function checkIntact(t: Pick<ScoreTable, 'period' | 'state' | 'rowsHash'> & { level?: AssessLevel }, hashOfRows: string | null): void {
  if (!tableIntact(t, hashOfRows)) {
    const name = levelName(t.period, t.level ?? 'department')
    throw new ConflictError(tr('assess.hashMismatch', { name }), tr('assess.hashMismatch.hint'))
  }
}

/** A unit's self and superior scores after an input: what is given replaces, what is not stays. */
export function mergeInput(before: QualitativeInput | undefined, unitId: number, given: { self?: number; superior?: number }): QualitativeInput {
  return { unitId, self: given.self ?? before?.self ?? null, superior: given.superior ?? before?.superior ?? null }
}

/** The days a unit graded D or E has to analyse its lost points and plan improvements. */
export const IMPROVEMENT_DAYS = 30

export interface ImprovementAction {
  unitId: number
  unitCode: string
  description: string
  /** 'YYYY-MM-DD' */
  due: string
}

/**
 * The improvement actions of a finalize: each unit graded D or E gets one, due 30 days later.
 * One per unit and period: a unit that has one from an earlier finalize of the period (reopened
 * since; `earlier`, open or done) keeps it, listed in `kept`, and gets none again.
 */
export function improvementActions(
  period: string,
  rows: readonly UnitAssessment[],
  now: Date,
  earlier: readonly { ownerId: number; code: string }[] = [],
): { open: ImprovementAction[]; kept: { code: string; unitCode: string }[] } {
  const graded = rows.filter((r) => r.grade === 'D' || r.grade === 'E')
  const had = new Set(earlier.map((a) => a.ownerId))
  return {
    open: graded
      .filter((r) => !had.has(r.unitId))
      .map((r) => ({
        unitId: r.unitId,
        unitCode: r.code,
        description: `${period} 考核等级 ${r.grade} (总分 ${format1(r.total!)}): 分析失分项并制定改进措施`,
        due: addDays(localDate(now), IMPROVEMENT_DAYS),
      })),
    kept: earlier.flatMap((a) => {
      const r = graded.find((g) => g.unitId === a.ownerId)
      return r ? [{ code: a.code, unitCode: r.code }] : []
    }),
  }
}
