import type { Kysely } from 'kysely'
import type { PeriodBounds } from '../domain/calendar/period.js'
import type { ProjectChange, ProjectKind } from '../domain/collaboration/project.js'
import type { ProjectMemberRow, ProjectProgressRow, ProjectRow } from './schema-collaboration.js'
import type { DB } from './schema.js'
import { nextCode } from './sequences-repo.js'

/** Collaboration projects (PRJ-0001 …), their member units with duties, and their progress updates. */

export interface NewProject {
  name: string
  kind: ProjectKind
  ownerId: number
  /** 'YYYY-MM-DD' */
  startDate: string
  due: string
  createdAt: Date
}

/** Adds a project (PRJ-0001 …), open at 0 %, inside the caller's write transaction. */
export async function insertProject(db: Kysely<DB>, p: NewProject): Promise<ProjectRow> {
  const code = await nextCode(db, 'PRJ')
  const at = p.createdAt.toISOString()
  return db
    .insertInto('projects')
    .values({
      code,
      name: p.name,
      kind: p.kind,
      owner_id: p.ownerId,
      start_date: p.startDate,
      due: p.due,
      status: 'open',
      progress: 0,
      completed_on: null,
      quality: null,
      completion_note: null,
      cancelled_at: null,
      cancel_reason: null,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findProjectByCode(db: Kysely<DB>, code: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst()
}

/** Writes a change of the project (nothing but the time when `change` is empty), made at `updatedAt`. */
export async function updateProject(db: Kysely<DB>, id: number, change: ProjectChange, updatedAt: Date): Promise<ProjectRow> {
  return db
    .updateTable('projects')
    .set({
      status: change.status,
      progress: change.progress,
      completed_on: change.completedOn,
      quality: change.quality,
      completion_note: change.completionNote,
      cancelled_at: change.cancelledAt?.toISOString(),
      cancel_reason: change.cancelReason,
      updated_at: updatedAt.toISOString(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Adds a member unit with its duty (joined at `addedAt`), or changes the duty of one already a member. */
export async function upsertMember(db: Kysely<DB>, m: { projectId: number; unitId: number; duty: string; addedAt: Date }): Promise<ProjectMemberRow> {
  return db
    .insertInto('project_members')
    .values({ project_id: m.projectId, unit_id: m.unitId, duty: m.duty, added_at: m.addedAt.toISOString() })
    .onConflict((oc) => oc.columns(['project_id', 'unit_id']).doUpdateSet({ duty: m.duty }))
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findMember(db: Kysely<DB>, projectId: number, unitId: number): Promise<ProjectMemberRow | undefined> {
  return db.selectFrom('project_members').selectAll().where('project_id', '=', projectId).where('unit_id', '=', unitId).executeTakeFirst()
}

/** The members of the given projects, in the order they joined. */
export async function listMembers(db: Kysely<DB>, projectIds: readonly number[]): Promise<ProjectMemberRow[]> {
  if (projectIds.length === 0) return []
  return db
    .selectFrom('project_members')
    .selectAll()
    .where('project_id', 'in', [...projectIds])
    .orderBy('project_id')
    .orderBy('added_at')
    .orderBy('unit_id')
    .execute()
}

/** Records a progress update of a project. */
export async function insertProgress(db: Kysely<DB>, p: { projectId: number; at: Date; percent: number; note: string | null; actor: string }): Promise<ProjectProgressRow> {
  return db
    .insertInto('project_progress')
    .values({ project_id: p.projectId, at: p.at.toISOString(), percent: p.percent, note: p.note, actor: p.actor })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** A project's progress updates, oldest first. */
export async function listProgress(db: Kysely<DB>, projectId: number): Promise<ProjectProgressRow[]> {
  return db.selectFrom('project_progress').selectAll().where('project_id', '=', projectId).orderBy('at').orderBy('id').execute()
}

export interface ProjectFilter {
  status?: ProjectRow['status']
  /** projects this unit owns or is a member of */
  unitId?: number
  /** projects due in the period (its first to its last day) */
  period?: Pick<PeriodBounds, 'startDate' | 'endDate'>
  /** only late ones as of this date: completed after due, or open and due before it */
  lateAsOf?: string
}

export async function listProjects(db: Kysely<DB>, f: ProjectFilter = {}): Promise<ProjectRow[]> {
  let q = db.selectFrom('projects').selectAll()
  if (f.status) q = q.where('status', '=', f.status)
  if (f.unitId !== undefined) {
    const unitId = f.unitId
    q = q.where((eb) =>
      eb.or([eb('owner_id', '=', unitId), eb('id', 'in', eb.selectFrom('project_members').select('project_id').where('unit_id', '=', unitId))]),
    )
  }
  if (f.period) q = q.where('due', '>=', f.period.startDate).where('due', '<=', f.period.endDate)
  if (f.lateAsOf) {
    const today = f.lateAsOf
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'completed'), eb('completed_on', '>', eb.ref('due'))]),
        eb.and([eb('status', '=', 'open'), eb('due', '<', today)]),
      ]),
    )
  }
  return q.orderBy('due').orderBy('code').execute()
}

/** One unit's part in one project: the rows the collaboration KPI C and the relationship frequency count. */
export interface ProjectParticipation {
  projectId: number
  code: string
  unitId: number
  role: 'owner' | 'member'
  due: string
  status: ProjectRow['status']
  completedOn: string | null
  quality: number | null
}

/**
 * Every (project, unit) pair of the projects due in [dueFrom, dueTo], owner and members alike,
 * cancelled ones included (status says so; DESIGN.md §3 C leaves them out).
 */
export async function listProjectParticipations(db: Kysely<DB>, f: { dueFrom: string; dueTo: string }): Promise<ProjectParticipation[]> {
  const projects = await listProjects(db, { period: { startDate: f.dueFrom, endDate: f.dueTo } })
  const members = await listMembers(db, projects.map((p) => p.id))
  const byId = new Map(projects.map((p) => [p.id, p]))
  const part = (p: ProjectRow, unitId: number, role: 'owner' | 'member'): ProjectParticipation => ({
    projectId: p.id,
    code: p.code,
    unitId,
    role,
    due: p.due,
    status: p.status,
    completedOn: p.completed_on,
    quality: p.quality,
  })
  return [
    ...projects.map((p) => part(p, p.owner_id, 'owner')),
    ...members.map((m) => part(byId.get(m.project_id)!, m.unit_id, 'member')),
  ].sort((a, b) => (a.code === b.code ? (a.role === b.role ? a.unitId - b.unitId : a.role === 'owner' ? -1 : 1) : a.code < b.code ? -1 : 1))
}
