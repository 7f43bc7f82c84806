import { sql, type Kysely } from 'kysely'

/** A recognition may carry a reward (policy 5.三.3 表彰和奖励): an amount in cents (fen), never negative. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('recognitions')
    .addColumn('reward_cents', 'bigint', (c) => c.check(sql`reward_cents >= 0`))
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
