import type { Kysely } from 'kysely'
import type { DB, ServiceRow } from './schema.js'

export async function findServiceByCode(db: Kysely<DB>, code: string): Promise<ServiceRow | undefined> {
  return db
    .selectFrom('services')
    .selectAll()
    .where((eb) => eb(eb.fn('upper', ['code']), '=', code.trim().toUpperCase()))
    .executeTakeFirst()
}

export async function findServiceById(db: Kysely<DB>, id: number): Promise<ServiceRow | undefined> {
  return db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertService(
  db: Kysely<DB>,
  s: Omit<ServiceRow, 'id'>,
): Promise<ServiceRow> {
  return db.insertInto('services').values(s).returningAll().executeTakeFirstOrThrow()
}

export async function listServices(db: Kysely<DB>, providerId?: number): Promise<ServiceRow[]> {
  let q = db.selectFrom('services').selectAll()
  if (providerId !== undefined) q = q.where('provider_id', '=', providerId)
  return q.orderBy('code').execute()
}

/** Requests per service: how many, and how many are open. */
export async function serviceRequestCounts(db: Kysely<DB>, serviceId: number, openStatuses: readonly string[]): Promise<{ total: number; open: number }> {
  const row = await db
    .selectFrom('requests')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.sum<number>(eb.case().when('status', 'in', [...openStatuses]).then(1).else(0).end()).as('open')])
    .where('service_id', '=', serviceId)
    .executeTakeFirstOrThrow()
  return { total: Number(row.total), open: Number(row.open ?? 0) }
}

export async function serviceCodesById(db: Kysely<DB>): Promise<Map<number, string>> {
  const rows = await db.selectFrom('services').select(['id', 'code']).execute()
  return new Map(rows.map((r) => [r.id, r.code]))
}
