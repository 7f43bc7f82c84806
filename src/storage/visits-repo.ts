import type { Kysely } from 'kysely'
import type { PeriodBounds } from '../domain/calendar/period.js'
import type { DB } from './schema.js'
import type { VisitRow } from './schema-surveys.js'
import { nextCode } from './sequences-repo.js'

/** Follow-up visits (policy chapter 6). */

export interface NewVisit {
  supplierId: number
  customerId: number
  date: string
  satisfaction: number | null
  notes: string | null
  createdAt: Date
}

/** Records a visit (VIS-0001 …) inside the caller's write transaction. */
export async function insertVisit(db: Kysely<DB>, v: NewVisit): Promise<VisitRow> {
  const code = await nextCode(db, 'VIS')
  return db
    .insertInto('visits')
    .values({
      code,
      supplier_id: v.supplierId,
      customer_id: v.customerId,
      date: v.date,
      satisfaction: v.satisfaction,
      notes: v.notes,
      created_at: v.createdAt.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface VisitFilter {
  supplierId?: number
  /** only visits dated in the period */
  period?: PeriodBounds
}

/** Visits by date, then code. */
export async function listVisits(db: Kysely<DB>, f: VisitFilter = {}): Promise<VisitRow[]> {
  let q = db.selectFrom('visits').selectAll()
  if (f.supplierId !== undefined) q = q.where('supplier_id', '=', f.supplierId)
  if (f.period !== undefined) q = q.where('date', '>=', f.period.startDate).where('date', '<=', f.period.endDate)
  return q.orderBy('date').orderBy('code').execute()
}

export interface PairVisits {
  supplierId: number
  customerId: number
  /** the latest visit date in the range */
  lastDate: string
  visits: number
  /** visits with a satisfaction (1–5) given, and its Σ */
  satisfactionCount: number
  satisfactionSum: number
}

/**
 * Per supplier→customer pair: how many visits and the latest date, of the visits dated in
 * `period` and on or before `upTo` ('YYYY-MM-DD'), each bound optional.
 */
export async function visitsByPair(db: Kysely<DB>, f: { period?: PeriodBounds; upTo?: string } = {}): Promise<PairVisits[]> {
  let q = db
    .selectFrom('visits')
    .select((eb) => [
      'supplier_id',
      'customer_id',
      eb.fn.max('date').as('last_date'),
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('satisfaction').as('rated'),
      eb.fn.sum<number>('satisfaction').as('rating_sum'),
    ])
    .groupBy(['supplier_id', 'customer_id'])
  if (f.period !== undefined) q = q.where('date', '>=', f.period.startDate).where('date', '<=', f.period.endDate)
  if (f.upTo !== undefined) q = q.where('date', '<=', f.upTo)
  const rows = await q.execute()
  return rows.map((r) => ({
    supplierId: r.supplier_id,
    customerId: r.customer_id,
    lastDate: String(r.last_date),
    visits: Number(r.n),
    satisfactionCount: Number(r.rated),
    satisfactionSum: r.rating_sum === null ? 0 : Number(r.rating_sum),
  }))
}
