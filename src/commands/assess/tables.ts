import type { Kysely } from 'kysely'
import { assessUnits, type AssessInput, type AssessLevel, type UnitAssessment } from '../../domain/assessment/assessment.js'
import { annualRowOf, annualRows, type AnnualDetails, type AnnualRow, type FinalHalf, type YearRecognition } from '../../domain/assessment/annual.js'
import { assessPolicyOf, checkIntact, type ScoreRow, type ScoreTable } from '../../domain/assessment/score-table.js'
import type { AssessPolicy } from '../../domain/assessment/assessment.js'
import { boundsOf, halvesOf, parsePeriod, type Period } from '../../domain/calendar/period.js'
import { amountText } from '../../domain/collaboration/recognition-rewards.js'
import { ExitCode, UserError, errorWithCode, type ExitCodeValue } from '../../domain/errors.js'
import { loadAssessInput } from '../../storage/assessment-data-repo.js'
import { findScoreTable, listFinalScoreTables, readScoreRows, readScoreRowsWithDetails, scoreTableLevels } from '../../storage/assessments-repo.js'
import { levelFlag, tableName } from './period.js'
import { t } from '../../domain/i18n/catalog.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { listRecognitions } from '../../storage/recognitions-repo.js'
import type { DB } from '../../storage/schema.js'

/** Loads the period's data and computes every row (nothing is written). */
export async function computeTable(db: Kysely<DB>, period: Period, level: AssessLevel, asOf: Date): Promise<{ rows: UnitAssessment[]; input: AssessInput }> {
  const input = await loadAssessInput(db, boundsOf(period), level, asOf)
  return { rows: assessUnits(input), input }
}

/** A period's stored table at a level; a final one only when its rows still match their hash. */
export async function requireTable(db: Kysely<DB>, period: Period, level: AssessLevel = 'department', missing: ExitCodeValue = ExitCode.invalid): Promise<{ table: ScoreTable; rows: ScoreRow[] }> {
  const table = await findScoreTable(db, period.code, level)
  if (!table) {
    const other = (await scoreTableLevels(db, period.code)).filter((l) => l !== level)
    const run = `icm assess run --period ${period.code}${levelFlag(level)}`
    const hint = other.length > 0 ? t('assess.otherLevel', { level: other[0]!, command: run }) : t('assess.runFirst', { command: run })
    throw errorWithCode(missing, t('assess.notAssessed', { name: tableName(period.code, level) }), hint)
  }
  const { rows, hash } = await readScoreRows(db, table)
  checkIntact(table, hash)
  return { table, rows }
}

/** The year's frozen annual table (assess finalize --year), checked against its hash; refused (exit 3) while the year is not final. */
export async function requireFinalAnnual(db: Kysely<DB>, year: number, level: AssessLevel): Promise<{ table: ScoreTable; rows: ScoreRow[] }> {
  const table = await findScoreTable(db, String(year), level)
  if (table?.state !== 'final') throw new UserError(t('assess.annual.notFinalForBonus', { name: tableName(String(year), level) }), t('assess.annual.notFinalForBonus.hint', { command: `icm assess finalize --year ${year}${levelFlag(level)}` }))
  const { rows, hash } = await readScoreRows(db, table)
  checkIntact(table, hash)
  return { table, rows }
}

export interface AnnualTable {
  year: number
  level: AssessLevel
  rows: AnnualRow[]
  policy: AssessPolicy
  /** the final half-years it rests on */
  finals: string[]
  /** the frozen table when the year is final (assess finalize --year); undefined while it is computed afresh */
  frozen?: ScoreTable
}

/** The year's evaluation: the frozen table when the year is final, else computed from its final half-years. */
export async function annualTable(db: Kysely<DB>, year: number, level: AssessLevel = 'department'): Promise<AnnualTable> {
  const frozen = await findScoreTable(db, String(year), level)
  if (frozen?.state === 'final') {
    const { rows, hash } = await readScoreRowsWithDetails<AnnualDetails>(db, frozen)
    checkIntact(frozen, hash)
    const [h1, h2] = halvesOf(year)
    return { year, level, rows: rows.map((r) => annualRowOf(r.row, r.details)), policy: frozen.policy, finals: [h1.code, h2.code], frozen }
  }
  const live = await liveAnnual(db, year, level)
  return { year, level, rows: live.rows, policy: live.policy, finals: live.finals.map((f) => f.period) }
}

/** The year's evaluation computed now from its final half-year tables (each checked against its hash), its recognitions and the policy in force. */
export async function liveAnnual(db: Kysely<DB>, year: number, level: AssessLevel): Promise<{ rows: AnnualRow[]; policy: AssessPolicy; finals: ScoreTable[]; halves: FinalHalf[]; recognitions: YearRecognition[] }> {
  const [h1, h2] = halvesOf(year)
  const finals = await listFinalScoreTables(db, [h1.code, h2.code], level)
  if (finals.length === 0) throw new UserError(t('assess.annual.noFinalHalf', { name: tableName(String(year), level) }), t('assess.annual.noFinalHalf.hint', { command: `icm assess finalize --period ${h1.code}${levelFlag(level)}` }))
  const halves: FinalHalf[] = []
  for (const f of finals) {
    const { rows, hash } = await readScoreRows(db, f)
    checkIntact(f, hash)
    halves.push({ period: f.period, rows })
  }
  const policy = assessPolicyOf(await loadPolicy(db))
  const days = boundsOf(parsePeriod(String(year)))
  const recognitions = (await listRecognitions(db, { from: days.startDate, to: days.endDate })).map((r) => ({
    unitId: r.unit_id,
    text: `${r.period}: ${r.reason}${r.reward_cents === null ? '' : ` (reward ${amountText(r.reward_cents)})`}`,
    rewardCents: r.reward_cents,
  }))
  return { rows: annualRows(halves, recognitions, policy), policy, finals, halves, recognitions }
}
