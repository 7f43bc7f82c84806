import type { Kysely } from 'kysely'
import type { PeriodBounds } from '../domain/calendar/period.js'
import type { RecognitionRow } from './schema-collaboration.js'
import type { DB } from './schema.js'
import { nextCode } from './sequences-repo.js'

/** Recognitions (incentives, policy chapter 5) of a unit or a person for a period: RCG-0001 …. */

export interface NewRecognition {
  /** the unit recognized, or null when a person is */
  unitId: number | null
  person: string | null
  /** the period it is for (a Period or its PeriodBounds) */
  period: Pick<PeriodBounds, 'code' | 'startDate' | 'endDate'>
  reason: string
  /** the reward in cents (fen), or null */
  rewardCents?: number | null
  createdAt: Date
}

/** Records a recognition inside the caller's write transaction. */
export async function insertRecognition(db: Kysely<DB>, r: NewRecognition): Promise<RecognitionRow> {
  const code = await nextCode(db, 'RCG')
  return db
    .insertInto('recognitions')
    .values({
      code,
      unit_id: r.unitId,
      person: r.person,
      period: r.period.code,
      period_start: r.period.startDate,
      period_end: r.period.endDate,
      reason: r.reason,
      reward_cents: r.rewardCents ?? null,
      created_at: r.createdAt.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface RecognitionFilter {
  /** only recognitions for a period within this one (a year holds its halves and quarters) */
  period?: Pick<PeriodBounds, 'startDate' | 'endDate'>
  /**
   * @deprecated the days of `period`, for assess/reports.ts's year until it passes `period`
   * ({ startDate: 'YYYY-01-01', endDate: 'YYYY-12-31' }).
   */
  from?: string
  to?: string
  unitId?: number
}

/** Recognitions by period start, then code. */
export async function listRecognitions(db: Kysely<DB>, f: RecognitionFilter = {}): Promise<RecognitionRow[]> {
  const from = f.period?.startDate ?? f.from
  const to = f.period?.endDate ?? f.to
  let q = db.selectFrom('recognitions').selectAll()
  if (from) q = q.where('period_start', '>=', from)
  if (to) q = q.where('period_end', '<=', to)
  if (f.unitId !== undefined) q = q.where('unit_id', '=', f.unitId)
  return q.orderBy('period_start').orderBy('code').execute()
}
