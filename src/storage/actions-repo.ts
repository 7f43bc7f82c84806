import type { Kysely } from 'kysely'
import type { Action } from '../domain/supervision/action.js'
import type { ActionRow, DB } from './schema.js'
import { nextCode } from './sequences-repo.js'

/**
 * Improvement actions. The functions return rows, as cli/json-views' actionJson (shared by the
 * complaint, audit, relation and assessment groups) takes them; actionOf gives the rules' view.
 */

/** A stored action as the rules see it. */
export function actionOf(a: ActionRow): Action {
  return {
    id: a.id,
    code: a.code,
    source: a.source,
    sourceRef: a.source_ref,
    ownerId: a.owner_id,
    description: a.description,
    due: a.due,
    status: a.status,
    doneNote: a.done_note,
    doneAt: a.done_at,
    createdAt: a.created_at,
  }
}

export interface NewAction {
  source: string
  sourceRef: string | null
  ownerId: number
  description: string
  due: string
  createdAt: Date
}

/** Opens an improvement action (ACT-0001 …) inside the caller's write transaction. */
export async function insertAction(db: Kysely<DB>, a: NewAction): Promise<ActionRow> {
  const code = await nextCode(db, 'ACT')
  return db
    .insertInto('actions')
    .values({
      code,
      source: a.source,
      source_ref: a.sourceRef,
      owner_id: a.ownerId,
      description: a.description,
      due: a.due,
      status: 'open',
      done_note: null,
      done_at: null,
      created_at: a.createdAt.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findActionByCode(db: Kysely<DB>, code: string): Promise<ActionRow | undefined> {
  return db.selectFrom('actions').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst()
}

export interface ActionFilter {
  status?: 'open' | 'done' | 'overdue'
  ownerId?: number
  /** for 'overdue': open actions due before this date */
  today?: string
  source?: string
  sourceRef?: string
}

export async function listActions(db: Kysely<DB>, f: ActionFilter = {}): Promise<ActionRow[]> {
  let q = db.selectFrom('actions').selectAll()
  if (f.status === 'open' || f.status === 'done') q = q.where('status', '=', f.status)
  if (f.status === 'overdue') q = q.where('status', '=', 'open').where('due', '<', f.today!)
  if (f.ownerId !== undefined) q = q.where('owner_id', '=', f.ownerId)
  if (f.source) q = q.where('source', '=', f.source)
  if (f.sourceRef) q = q.where('source_ref', '=', f.sourceRef)
  return q.orderBy('due').orderBy('code').execute()
}

export async function markActionDone(db: Kysely<DB>, id: number, note: string, at: Date): Promise<ActionRow> {
  return db
    .updateTable('actions')
    .set({ status: 'done', done_note: note, done_at: at.toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}
