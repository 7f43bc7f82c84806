import type { Kysely } from 'kysely'
import { assessUnits, type AssessInput, type AssessLevel, type UnitAssessment } from '../../domain/assessment/assessment.js'
import { annualRows, type AnnualRow } from '../../domain/assessment/annual.js'
import { assessPolicyOf, checkIntact, type ScoreRow, type ScoreTable } from '../../domain/assessment/score-table.js'
import type { AssessPolicy } from '../../domain/assessment/assessment.js'
import { boundsOf, halvesOf, parsePeriod, type Period } from '../../domain/calendar/period.js'
import { amountText } from '../../domain/collaboration/recognition-rewards.js'
import { UserError } from '../../domain/errors.js'
import { loadAssessInput } from '../../storage/assessment-data-repo.js'
import { findScoreTable, listFinalScoreTables, readScoreRows } from '../../storage/assessments-repo.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { listRecognitions } from '../../storage/recognitions-repo.js'
import type { DB } from '../../storage/schema.js'

/** Loads the period's data and computes every row (nothing is written). */
export async function computeTable(db: Kysely<DB>, period: Period, level: AssessLevel, asOf: Date): Promise<{ rows: UnitAssessment[]; input: AssessInput }> {
  const input = await loadAssessInput(db, boundsOf(period), level, asOf)
  return { rows: assessUnits(input), input }
}

/** A period's stored table; a final one only when its rows still match their hash. */
export async function requireTable(db: Kysely<DB>, period: Period): Promise<{ table: ScoreTable; rows: ScoreRow[] }> {
  const table = await findScoreTable(db, period.code)
  if (!table) throw new UserError(`${period.code} has not been assessed yet`, `run it first: icm assess run --period ${period.code}`)
  const { rows, hash } = await readScoreRows(db, table)
  checkIntact(table, hash)
  return { table, rows }
}

export interface AnnualTable {
  year: number
  rows: AnnualRow[]
  policy: AssessPolicy
  /** the final half-years it rests on */
  finals: string[]
}

/** The year's evaluation from its final half-year tables (each checked against its hash) and recognitions. */
export async function annualTable(db: Kysely<DB>, year: number): Promise<AnnualTable> {
  const [h1, h2] = halvesOf(year)
  const finals = await listFinalScoreTables(db, [h1.code, h2.code])
  if (finals.length === 0) throw new UserError(`${year} has no final half-year assessment yet`, `finalize one first: icm assess finalize --period ${h1.code}`)
  const halves = []
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
  return { year, rows: annualRows(halves, recognitions, policy), policy, finals: finals.map((f) => f.period) }
}
