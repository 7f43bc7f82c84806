import type { Kysely } from 'kysely'
import type { DB, EventRow } from './schema.js'

export interface NewEvent {
  at: Date
  actor: string
  host: string
  action: string
  entity: string | null
  details: Record<string, unknown>
}

/** Appends one row to the audit trail; call it inside the write transaction it records. */
export async function appendEvent(db: Kysely<DB>, e: NewEvent): Promise<void> {
  await db
    .insertInto('events')
    .values({ at: e.at.toISOString(), actor: e.actor, host: e.host, action: e.action, entity: e.entity, details: JSON.stringify(e.details) })
    .execute()
}

export interface EventFilter {
  entity?: string
  since?: Date
  limit: number
}

/** The newest `limit` events matching the filter, returned oldest first. */
export async function listEvents(db: Kysely<DB>, f: EventFilter): Promise<EventRow[]> {
  let q = db.selectFrom('events').selectAll()
  if (f.entity) q = q.where((eb) => eb(eb.fn('upper', ['entity']), '=', f.entity!.toUpperCase()))
  if (f.since) q = q.where('at', '>=', f.since.toISOString())
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute()
  return rows.reverse()
}
