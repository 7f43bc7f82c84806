import type { Kysely } from 'kysely'
import type { AssessLevel } from '../../domain/assessment/assessment.js'
import { checkIntact, type ScoreRow, type ScoreTable } from '../../domain/assessment/score-table.js'
import type { Period } from '../../domain/calendar/period.js'
import { findScoreTable, readScoreRows } from '../../storage/assessments-repo.js'
import type { DB } from '../../storage/schema.js'
import { tableName } from './period.js'
import { requireFinalAnnual, requireTable } from './tables.js'

/** Where `assess bonus` takes its coefficients: a period's table (draft or final) or a year's final annual table. */
export type BonusSource = { period: Period; year?: undefined } | { year: number; period?: undefined }

export interface CoefficientTable {
  table: ScoreTable
  rows: ScoreRow[]
  /** how messages name it: '2026-H1', '2026-H1 (position)', '2026' */
  name: string
}

/** The table of the source at a level; refused (exit 3) when there is none (or the year is not final). */
export async function requireCoefficients(db: Kysely<DB>, src: BonusSource, level: AssessLevel): Promise<CoefficientTable> {
  const { table, rows } = src.period ? await requireTable(db, src.period, level) : await requireFinalAnnual(db, src.year!, level)
  return { table, rows, name: tableName(table.period, level) }
}

/** The table of the source at a level when there is one (a year's only when final), checked against its hash. */
export async function findCoefficients(db: Kysely<DB>, src: BonusSource, level: AssessLevel): Promise<CoefficientTable | undefined> {
  const table = await findScoreTable(db, src.period ? src.period.code : String(src.year), level)
  if (!table || (src.year !== undefined && table.state !== 'final')) return undefined
  const { rows, hash } = await readScoreRows(db, table)
  checkIntact(table, hash)
  return { table, rows, name: tableName(table.period, level) }
}
