import type { Kysely } from 'kysely'
import type { PeriodBounds } from '../domain/calendar/period.js'
import type { RelationData } from '../domain/collaboration/relation.js'
import { listProjectParticipations } from './projects-repo.js'
import type { DB } from './schema.js'
import { listSurveysServing, satisfactionAggregates } from './surveys-repo.js'
import { visitsByPair } from './visits-repo.js'

/** What the relationship assessment (policy chapter 6) reads of a period. */

export interface PairCount {
  /** the unit that provides (the supplier) */
  supplierId: number
  /** the unit that asked (the customer) */
  customerId: number
  count: number
}

/** Requests per supplier→customer pair (provider → customer) whose response was due in the period. */
export async function requestCountsByPair(db: Kysely<DB>, b: PeriodBounds): Promise<PairCount[]> {
  const rows = await db
    .selectFrom('requests')
    .select((eb) => ['provider_id', 'customer_id', eb.fn.countAll<number>().as('n')])
    .where('response_due', '>=', b.from)
    .where('response_due', '<', b.to)
    .groupBy(['provider_id', 'customer_id'])
    .execute()
  return rows.map((r) => ({ supplierId: r.provider_id, customerId: r.customer_id, count: Number(r.n) }))
}

/**
 * Every pair's contacts in the period: survey ratings of the surveys serving it (of either kind;
 * those within the period and those whose period contains it: a half-year survey serves both its
 * quarters), requests due in it, visits dated in it (with their satisfaction), and the projects
 * due in it.
 */
export async function relationInputs(db: Kysely<DB>, b: PeriodBounds): Promise<RelationData> {
  return {
    ratings: await satisfactionAggregates(db, { from: b.startDate, to: b.endDate, kind: 'any', groupBy: 'pair', containing: true }),
    requests: await requestCountsByPair(db, b),
    visits: await visitsByPair(db, { period: b }),
    projects: await listProjectParticipations(db, { dueFrom: b.startDate, dueTo: b.endDate }),
  }
}

/** The surveys whose ratings the relationship assessment of the period reads (code and period). */
export async function relationSurveys(db: Kysely<DB>, b: PeriodBounds): Promise<{ code: string; period: string }[]> {
  return listSurveysServing(db, { from: b.startDate, to: b.endDate, containing: true })
}
