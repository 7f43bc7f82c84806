import type { Kysely } from 'kysely'
import type { RequestChangeRecord } from '../domain/requests/request-change.js'
import type { DB } from './schema.js'

/** The history of changes of each request (policy 3.5). */

/** Records a change in the request's history. */
export async function insertChange(db: Kysely<DB>, requestId: number, c: RequestChangeRecord): Promise<void> {
  await db
    .insertInto('request_changes')
    .values({
      request_id: requestId,
      at: c.at,
      actor: c.actor,
      changes: JSON.stringify(c.changes),
      reason: c.reason,
      impact: c.impact,
      scope_change: c.scopeChange ? 1 : 0,
      status_before: c.statusBefore,
      status_after: c.statusAfter,
      superseded_provider_id: c.superseded?.providerId ?? null,
      superseded_response_due: c.superseded?.responseDue ?? null,
      superseded_responded_at: c.superseded?.respondedAt ?? null,
    })
    .execute()
}

/** The changes of a request, in the order they were recorded. */
export async function listChanges(db: Kysely<DB>, requestId: number): Promise<RequestChangeRecord[]> {
  const rows = await db.selectFrom('request_changes').selectAll().where('request_id', '=', requestId).orderBy('id').execute()
  return rows.map((c) => ({
    at: c.at,
    actor: c.actor,
    changes: JSON.parse(c.changes) as RequestChangeRecord['changes'],
    reason: c.reason,
    impact: c.impact,
    scopeChange: c.scope_change === 1,
    statusBefore: c.status_before,
    statusAfter: c.status_after,
    ...(c.superseded_provider_id !== null && c.superseded_response_due !== null
      ? { superseded: { providerId: c.superseded_provider_id, responseDue: c.superseded_response_due, respondedAt: c.superseded_responded_at } }
      : {}),
  }))
}
