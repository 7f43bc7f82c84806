import type { Kysely } from 'kysely'
import type { DB } from './schema.js'

/** What the relationship assessment (policy chapter 6) counts besides survey responses and visits. */

export interface PairCount {
  /** the unit that provides (the supplier) */
  supplierId: number
  /** the unit that asked (the customer) */
  customerId: number
  count: number
}

/**
 * Requests per supplier→customer pair (provider → customer) whose response was due in
 * [from, to): instants as ISO UTC text, the period's local start and end.
 */
export async function requestCountsByPair(db: Kysely<DB>, from: Date, to: Date): Promise<PairCount[]> {
  const rows = await db
    .selectFrom('requests')
    .select((eb) => ['provider_id', 'customer_id', eb.fn.countAll<number>().as('n')])
    .where('response_due', '>=', from.toISOString())
    .where('response_due', '<', to.toISOString())
    .groupBy(['provider_id', 'customer_id'])
    .execute()
  return rows.map((r) => ({ supplierId: r.provider_id, customerId: r.customer_id, count: Number(r.n) }))
}
