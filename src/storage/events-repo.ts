import { sql, type Kysely } from 'kysely'
import { nextLink, type StoredEvent } from '../domain/event-chain.js'
import { dialectOf } from './dialect.js'
import type { DB, EventRow } from './schema.js'

export interface NewEvent {
  at: Date
  actor: string
  host: string
  action: string
  entity: string | null
  details: Record<string, unknown>
}

/**
 * The PostgreSQL advisory lock that orders the event chain. Codes are ordered by the row lock of
 * their `sequences` row (one per series, so it cannot order events of different series); this
 * transaction-scoped lock is the one every event writer takes, so two transactions never read
 * the same previous hash; it is taken with the schema's hash, so icm databases in other schemas of
 * the server do not wait for it. SQLite needs none: BEGIN IMMEDIATE already serialises writers.
 */
export const EVENT_CHAIN_LOCK_KEY = 7_364_283

/**
 * Appends one row to the audit trail, chained to the last event (domain/event-chain.ts). Call it
 * inside the write transaction it records, on any kysely transaction of either backend. On
 * PostgreSQL it holds the chain lock until that transaction ends, so call it last.
 */
export async function appendEvent(db: Kysely<DB>, e: NewEvent): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`select pg_advisory_xact_lock(${EVENT_CHAIN_LOCK_KEY}, hashtext(coalesce(current_schema(), '')))`.execute(db)
  const head = await chainHead(db)
  const content = { at: e.at.toISOString(), actor: e.actor, host: e.host, action: e.action, entity: e.entity, details: JSON.stringify(e.details) }
  await db
    .insertInto('events')
    .values({ ...content, ...nextLink(head, content) })
    .execute()
}

/** The last event that has a hash: the one the next event chains to (a row written outside icm is skipped). */
export async function chainHead(db: Kysely<DB>): Promise<{ seq: number | null; hash: string | null } | undefined> {
  return db.selectFrom('events').select(['seq', 'hash']).where('hash', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst()
}

/** Up to `limit` events after id `afterId`, in id order, with their chain columns (for icm check). */
export async function eventsAfter(db: Kysely<DB>, afterId: number, limit: number): Promise<StoredEvent[]> {
  return db
    .selectFrom('events')
    .select(['id', 'seq', 'at', 'actor', 'host', 'action', 'entity', 'details', 'prev_hash', 'hash'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
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
