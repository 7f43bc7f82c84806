import type { Kysely } from 'kysely'
import type { Milestone } from '../domain/complaints/complaint-timelines.js'
import type { ComplaintMilestoneRow } from './schema-complaints.js'
import type { DB } from './schema.js'

/** The dated milestones of complaint plans: domain values in, domain values out. */

function milestoneOf(r: ComplaintMilestoneRow): Milestone {
  return { seq: r.seq, due: r.due, title: r.title, createdAt: r.created_at, doneAt: r.done_at, supersededAt: r.superseded_at }
}

/**
 * A plan's milestones, numbered after the complaint's earlier ones; the earlier ones still open
 * are superseded by them. Returns the new milestones.
 */
export async function replaceOpenMilestones(db: Kysely<DB>, complaintId: number, items: readonly { due: string; title: string }[], at: Date): Promise<Milestone[]> {
  const when = at.toISOString()
  await db
    .updateTable('complaint_milestones')
    .set({ superseded_at: when })
    .where('complaint_id', '=', complaintId)
    .where('done_at', 'is', null)
    .where('superseded_at', 'is', null)
    .execute()
  const last = await db.selectFrom('complaint_milestones').select((eb) => eb.fn.max('seq').as('seq')).where('complaint_id', '=', complaintId).executeTakeFirst()
  let seq = Number(last?.seq ?? 0)
  const rows = items.map((m) => ({ complaint_id: complaintId, seq: ++seq, due: m.due, title: m.title, created_at: when, done_at: null, superseded_at: null }))
  if (rows.length === 0) return []
  return (await db.insertInto('complaint_milestones').values(rows).returningAll().execute()).map(milestoneOf)
}

/** A complaint's milestones in number order. */
export async function listMilestones(db: Kysely<DB>, complaintId: number): Promise<Milestone[]> {
  return (await db.selectFrom('complaint_milestones').selectAll().where('complaint_id', '=', complaintId).orderBy('seq').execute()).map(milestoneOf)
}

/** The milestones of several complaints, by complaint id. */
export async function milestonesByComplaint(db: Kysely<DB>, complaintIds: readonly number[]): Promise<Map<number, Milestone[]>> {
  const out = new Map<number, Milestone[]>()
  for (let i = 0; i < complaintIds.length; i += 500) {
    const ids = complaintIds.slice(i, i + 500)
    const rows = await db.selectFrom('complaint_milestones').selectAll().where('complaint_id', 'in', ids).orderBy('complaint_id').orderBy('seq').execute()
    for (const r of rows) out.set(r.complaint_id, [...(out.get(r.complaint_id) ?? []), milestoneOf(r)])
  }
  return out
}

/** Marks milestone `seq` of a complaint done at `at`. */
export async function markMilestoneDone(db: Kysely<DB>, complaintId: number, seq: number, at: Date): Promise<void> {
  await db.updateTable('complaint_milestones').set({ done_at: at.toISOString() }).where('complaint_id', '=', complaintId).where('seq', '=', seq).execute()
}
