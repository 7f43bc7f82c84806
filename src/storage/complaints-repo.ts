import { sql, type Kysely } from 'kysely'
import type { PeriodBounds } from '../domain/calendar/period.js'
import type { Complaint, ComplaintTimelineStep, Evidence, EvidenceFile, NewComplaint } from '../domain/complaints/complaint.js'
import type { EvidenceKind } from '../domain/complaints/complaint-rules.js'
import type { ComplaintStatus } from '../domain/complaints/complaint-state.js'
import type { ComplaintEvidenceRow, ComplaintRow, ComplaintTable } from './schema-complaints.js'
import type { DB } from './schema.js'
import { nextCode } from './sequences-repo.js'

/** Complaints, their teams, evidence and timeline: domain values in, domain values out. */

/** A stored complaint as the rules see it. */
function complaintOf(r: ComplaintRow): Complaint {
  return {
    id: r.id,
    code: r.code,
    complainantId: r.complainant_id,
    againstId: r.against_id,
    requestId: r.request_id,
    channel: r.channel,
    summary: r.summary,
    handler: r.handler,
    status: r.status,
    receivedAt: r.received_at,
    investigatedAt: r.investigated_at,
    plan: r.planned_at === null ? null : { responsibleId: r.plan_responsible_id!, measures: r.plan_measures!, deadline: r.plan_deadline!, plannedAt: r.planned_at },
    feedback: r.feedback === null ? null : { accepted: r.feedback === 'accepted', note: r.feedback_note, at: r.feedback_at! },
    verification: r.verified_at === null ? null : { resolved: r.resolved === 1, satisfaction: r.satisfaction!, note: r.verification_note, at: r.verified_at },
    rootCause: r.root_cause_category === null ? null : { category: r.root_cause_category, analysis: r.root_cause_analysis!, at: r.root_cause_at! },
    statusChangedAt: r.status_changed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/** The columns of a complaint's state (all but the id and the code). */
function columnsOf(c: NewComplaint): Omit<ComplaintTable, 'id' | 'code'> {
  return {
    complainant_id: c.complainantId,
    against_id: c.againstId,
    request_id: c.requestId,
    channel: c.channel,
    summary: c.summary,
    handler: c.handler,
    status: c.status,
    received_at: c.receivedAt,
    investigated_at: c.investigatedAt,
    plan_responsible_id: c.plan?.responsibleId ?? null,
    plan_measures: c.plan?.measures ?? null,
    plan_deadline: c.plan?.deadline ?? null,
    planned_at: c.plan?.plannedAt ?? null,
    feedback: c.feedback === null ? null : c.feedback.accepted ? 'accepted' : 'disputed',
    feedback_note: c.feedback?.note ?? null,
    feedback_at: c.feedback?.at ?? null,
    resolved: c.verification === null ? null : c.verification.resolved ? 1 : 0,
    satisfaction: c.verification?.satisfaction ?? null,
    verification_note: c.verification?.note ?? null,
    verified_at: c.verification?.at ?? null,
    root_cause_category: c.rootCause?.category ?? null,
    root_cause_analysis: c.rootCause?.analysis ?? null,
    root_cause_at: c.rootCause?.at ?? null,
    status_changed_at: c.statusChangedAt,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  }
}

/** Opens a complaint (CMP-0001 …) inside the caller's write transaction. */
export async function insertComplaint(db: Kysely<DB>, c: NewComplaint): Promise<Complaint> {
  const code = await nextCode(db, 'CMP')
  const row = await db
    .insertInto('complaints')
    .values({ ...columnsOf(c), code })
    .returningAll()
    .executeTakeFirstOrThrow()
  return complaintOf(row)
}

export async function findComplaintByCode(db: Kysely<DB>, code: string): Promise<Complaint | undefined> {
  const row = await db.selectFrom('complaints').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst()
  return row && complaintOf(row)
}

/** Stores a complaint's new state (as a step of the domain returned it). */
export async function saveComplaint(db: Kysely<DB>, c: Complaint): Promise<Complaint> {
  const row = await db.updateTable('complaints').set(columnsOf(c)).where('id', '=', c.id).returningAll().executeTakeFirstOrThrow()
  return complaintOf(row)
}

export interface ComplaintFilter {
  status?: ComplaintStatus
  /** complaints against any of these units */
  againstIds?: readonly number[]
  /** received within the period */
  receivedIn?: PeriodBounds
  /** plan deadline before this date ('YYYY-MM-DD') and not verified */
  overdueBefore?: string
}

/** Complaints matching the filter, oldest received first. */
export async function listComplaints(db: Kysely<DB>, f: ComplaintFilter = {}): Promise<Complaint[]> {
  let q = db.selectFrom('complaints').selectAll()
  if (f.status) q = q.where('status', '=', f.status)
  if (f.againstIds) {
    if (f.againstIds.length === 0) return []
    q = q.where('against_id', 'in', f.againstIds)
  }
  if (f.receivedIn) q = q.where('received_at', '>=', f.receivedIn.from).where('received_at', '<', f.receivedIn.to)
  if (f.overdueBefore) q = q.where('plan_deadline', 'is not', null).where('plan_deadline', '<', f.overdueBefore).where('status', '<>', 'verified')
  return (await q.orderBy('received_at').orderBy('code').execute()).map(complaintOf)
}

/** How many complaints received in the period each root-cause category explains (null: none recorded yet). */
export async function rootCauseCounts(db: Kysely<DB>, receivedIn: PeriodBounds): Promise<{ category: string | null; count: number }[]> {
  const rows = await db
    .selectFrom('complaints')
    .select(['root_cause_category', sql<number>`count(*)`.as('n')])
    .where('received_at', '>=', receivedIn.from)
    .where('received_at', '<', receivedIn.to)
    .groupBy('root_cause_category')
    .execute()
  return rows.map((r) => ({ category: r.root_cause_category, count: Number(r.n) }))
}

/** Adds people to the investigation team (a name already on it is kept once). */
export async function addTeamMembers(db: Kysely<DB>, complaintId: number, members: readonly string[]): Promise<void> {
  if (members.length === 0) return
  await db
    .insertInto('complaint_team')
    .values(members.map((member) => ({ complaint_id: complaintId, member })))
    .onConflict((oc) => oc.columns(['complaint_id', 'member']).doNothing())
    .execute()
}

export async function listTeamMembers(db: Kysely<DB>, complaintId: number): Promise<string[]> {
  const rows = await db.selectFrom('complaint_team').select('member').where('complaint_id', '=', complaintId).orderBy('member').execute()
  return rows.map((r) => r.member)
}

/** Adds units to the investigation (a unit already there is kept once). */
export async function addInvestigationUnits(db: Kysely<DB>, complaintId: number, unitIds: readonly number[]): Promise<void> {
  if (unitIds.length === 0) return
  await db
    .insertInto('complaint_units')
    .values(unitIds.map((unit_id) => ({ complaint_id: complaintId, unit_id })))
    .onConflict((oc) => oc.columns(['complaint_id', 'unit_id']).doNothing())
    .execute()
}

export async function listInvestigationUnitIds(db: Kysely<DB>, complaintId: number): Promise<number[]> {
  const rows = await db.selectFrom('complaint_units').select('unit_id').where('complaint_id', '=', complaintId).execute()
  return rows.map((r) => r.unit_id)
}

export interface NewEvidence {
  complaintId: number
  kind: EvidenceKind
  note: string
  file: EvidenceFile | null
  at: Date
  actor: string
}

/** Adds an evidence item, numbered 1, 2, … within its complaint. */
export async function insertEvidence(db: Kysely<DB>, e: NewEvidence): Promise<Evidence> {
  const last = await db
    .selectFrom('complaint_evidence')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('complaint_id', '=', e.complaintId)
    .executeTakeFirst()
  const row = await db
    .insertInto('complaint_evidence')
    .values({
      complaint_id: e.complaintId,
      seq: Number(last?.seq ?? 0) + 1,
      kind: e.kind,
      note: e.note,
      file_name: e.file?.name ?? null,
      file_size: e.file?.size ?? null,
      file_sha256: e.file?.sha256 ?? null,
      at: e.at.toISOString(),
      actor: e.actor,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return evidenceOf(row)
}

export async function listEvidence(db: Kysely<DB>, complaintId: number): Promise<Evidence[]> {
  const rows = await db.selectFrom('complaint_evidence').selectAll().where('complaint_id', '=', complaintId).orderBy('seq').execute()
  return rows.map(evidenceOf)
}

/** PostgreSQL returns bigint as text: sizes are numbers on both backends. */
function evidenceOf(r: ComplaintEvidenceRow): Evidence {
  return {
    seq: r.seq,
    kind: r.kind,
    note: r.note,
    file: r.file_name === null ? null : { name: r.file_name, size: Number(r.file_size), sha256: r.file_sha256! },
    at: r.at,
    actor: r.actor,
  }
}

export interface NewComplaintStep {
  complaintId: number
  at: Date
  actor: string
  step: string
  statusBefore: ComplaintStatus | null
  statusAfter: ComplaintStatus
  details: Record<string, unknown>
}

/** Appends a step to the complaint's timeline; call it in the write transaction of the step. */
export async function appendComplaintStep(db: Kysely<DB>, s: NewComplaintStep): Promise<void> {
  await db
    .insertInto('complaint_steps')
    .values({
      complaint_id: s.complaintId,
      at: s.at.toISOString(),
      actor: s.actor,
      step: s.step,
      status_before: s.statusBefore,
      status_after: s.statusAfter,
      details: JSON.stringify(s.details),
    })
    .execute()
}

/** The timeline in the order things happened (then in the order they were recorded). */
export async function listComplaintSteps(db: Kysely<DB>, complaintId: number): Promise<ComplaintTimelineStep[]> {
  const rows = await db.selectFrom('complaint_steps').selectAll().where('complaint_id', '=', complaintId).orderBy('at').orderBy('id').execute()
  return rows.map((s) => ({
    at: s.at,
    step: s.step,
    actor: s.actor,
    statusBefore: s.status_before as ComplaintStatus | null,
    statusAfter: s.status_after as ComplaintStatus,
    details: JSON.parse(s.details) as Record<string, unknown>,
  }))
}

/** The code of each related request, by id (for output). */
export async function requestCodesByIds(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await db.selectFrom('requests').select(['id', 'code']).where('id', 'in', unique).execute()
  return new Map(rows.map((r) => [r.id, r.code]))
}
