import type { Kysely } from 'kysely'
import type { NewService, Service } from '../domain/requests/service.js'
import type { DB, ServiceRow } from './schema.js'

/** The service catalogue: domain values in, domain values out (findServiceByCode aside, see there). */

/** A stored service as the rules see it. */
export function serviceOf(s: ServiceRow): Service {
  return {
    id: s.id,
    code: s.code,
    providerId: s.provider_id,
    name: s.name,
    responseHours: s.response_hours,
    resolutionDays: s.resolution_days,
    standard: s.standard,
    createdAt: s.created_at,
  }
}

/** The row of a service by code, any case (cli/lookups' requireService returns it; serviceOf maps it). */
export async function findServiceByCode(db: Kysely<DB>, code: string): Promise<ServiceRow | undefined> {
  return db
    .selectFrom('services')
    .selectAll()
    .where((eb) => eb(eb.fn('upper', ['code']), '=', code.trim().toUpperCase()))
    .executeTakeFirst()
}

export async function findServiceById(db: Kysely<DB>, id: number): Promise<Service | undefined> {
  const row = await db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst()
  return row && serviceOf(row)
}

export async function insertService(db: Kysely<DB>, s: NewService): Promise<Service> {
  const row = await db
    .insertInto('services')
    .values({
      code: s.code,
      provider_id: s.providerId,
      name: s.name,
      response_hours: s.responseHours,
      resolution_days: s.resolutionDays,
      standard: s.standard,
      created_at: s.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return serviceOf(row)
}

/** The catalogue (or one provider's part of it), by code. */
export async function listServices(db: Kysely<DB>, providerId?: number): Promise<Service[]> {
  let q = db.selectFrom('services').selectAll()
  if (providerId !== undefined) q = q.where('provider_id', '=', providerId)
  return (await q.orderBy('code').execute()).map(serviceOf)
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
