import type { Kysely } from 'kysely'
import { shownInstant } from '../../cli/output.js'
import { localDate } from '../../domain/calendar/dates.js'
import { projectScore } from '../../domain/assessment/kpi.js'
import { NotFoundError } from '../../domain/errors.js'
import { projectTiming } from '../../domain/collaboration/project.js'
import { t } from '../../domain/i18n/catalog.js'
import { findProjectByCode, listMembers } from '../../storage/projects-repo.js'
import type { ProjectMemberRow, ProjectProgressRow, ProjectRow } from '../../storage/schema-collaboration.js'
import type { DB } from '../../storage/schema.js'
import { unitCodesById } from '../../storage/units-repo.js'

/** A project as the project commands show it, and the project a command names. */

export async function requireProject(db: Kysely<DB>, code: string): Promise<ProjectRow> {
  const p = await findProjectByCode(db, code)
  if (!p) throw new NotFoundError(t('project.unknown', { code }), t('project.unknown.hint'))
  return p
}

/** The JSON of a project with its members, its timing and its score as of today. */
export function projectJson(p: ProjectRow, members: readonly ProjectMemberRow[], codes: ReadonlyMap<number, string>, today: string) {
  const timing = projectTiming(p, today)
  return {
    code: p.code,
    name: p.name,
    kind: p.kind,
    owner: codes.get(p.owner_id) ?? null,
    members: members.map((m) => ({ unit: codes.get(m.unit_id) ?? null, duty: m.duty })),
    start: p.start_date,
    due: p.due,
    status: p.status,
    progress: p.progress,
    timing: timing.state,
    daysLate: timing.state === 'late' ? timing.days : null,
    daysOverdue: timing.state === 'overdue' ? timing.days : null,
    completedOn: p.completed_on,
    quality: p.quality,
    completionNote: p.completion_note,
    /** the project's score in the collaboration KPI C as of today (DESIGN.md §3), null when it does not count (yet) */
    score: projectScore({ due: p.due, completedOn: p.completed_on, quality: p.quality, cancelled: p.status === 'cancelled' }, today),
    cancelledAt: shownInstant(p.cancelled_at),
    cancelReason: p.cancel_reason,
    createdAt: shownInstant(p.created_at),
    updatedAt: shownInstant(p.updated_at),
  }
}

export type ProjectJson = ReturnType<typeof projectJson>

/** The JSON of a progress update. */
export function progressJson(r: ProjectProgressRow) {
  return { at: shownInstant(r.at), percent: r.percent, note: r.note, actor: r.actor }
}

/** projectJson of a project as stored now. */
export async function loadProjectJson(now: Date, db: Kysely<DB>, p: ProjectRow): Promise<ProjectJson> {
  return projectJson(p, await listMembers(db, [p.id]), await unitCodesById(db), localDate(now))
}
