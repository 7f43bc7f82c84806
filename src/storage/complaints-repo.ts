import type { Kysely } from 'kysely'
import type { ComplaintEvidenceRow, ComplaintRow, ComplaintStepRow, ComplaintUpdate, NewComplaintRow } from './schema-complaints.js'
import type { DB } from './schema.js'
import { nextCode } from './sequences-repo.js'

/** Opens a complaint (CMP-0001 …) inside the caller's write transaction. */
export async function insertComplaint(db: Kysely<DB>, c: Omit<NewComplaintRow, 'code'>): Promise<ComplaintRow> {
  const code = await nextCode(db, 'CMP')
  return db
    .insertInto('complaints')
    .values({ ...c, code })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findComplaintByCode(db: Kysely<DB>, code: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom('complaints').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst()
}

export async function updateComplaint(db: Kysely<DB>, id: number, changes: ComplaintUpdate): Promise<ComplaintRow> {
  return db.updateTable('complaints').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export interface ComplaintFilter {
  status?: ComplaintRow['status']
  /** complaints against any of these units */
  againstIds?: readonly number[]
  /** received at or after this instant */
  receivedFrom?: Date
  /** received before this instant */
  receivedBefore?: Date
  /** plan deadline before this date ('YYYY-MM-DD') and not verified */
  overdueBefore?: string
}

/** Complaints matching the filter, oldest received first. */
export async function listComplaints(db: Kysely<DB>, f: ComplaintFilter = {}): Promise<ComplaintRow[]> {
  let q = db.selectFrom('complaints').selectAll()
  if (f.status) q = q.where('status', '=', f.status)
  if (f.againstIds) {
    if (f.againstIds.length === 0) return []
    q = q.where('against_id', 'in', f.againstIds)
  }
  if (f.receivedFrom) q = q.where('received_at', '>=', f.receivedFrom.toISOString())
  if (f.receivedBefore) q = q.where('received_at', '<', f.receivedBefore.toISOString())
  if (f.overdueBefore) q = q.where('plan_deadline', 'is not', null).where('plan_deadline', '<', f.overdueBefore).where('status', '<>', 'verified')
  return q.orderBy('received_at').orderBy('code').execute()
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
  kind: ComplaintEvidenceRow['kind']
  note: string
  file: { name: string; size: number; sha256: string } | null
  at: Date
  actor: string
}

/** Adds an evidence item, numbered 1, 2, … within its complaint. */
export async function insertEvidence(db: Kysely<DB>, e: NewEvidence): Promise<ComplaintEvidenceRow> {
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
  return evidenceRow(row)
}

export async function listEvidence(db: Kysely<DB>, complaintId: number): Promise<ComplaintEvidenceRow[]> {
  const rows = await db.selectFrom('complaint_evidence').selectAll().where('complaint_id', '=', complaintId).orderBy('seq').execute()
  return rows.map(evidenceRow)
}

/** PostgreSQL returns bigint as text: sizes are numbers on both backends. */
function evidenceRow(r: ComplaintEvidenceRow): ComplaintEvidenceRow {
  return { ...r, file_size: r.file_size === null ? null : Number(r.file_size) }
}

export interface NewComplaintStep {
  complaintId: number
  at: Date
  actor: string
  step: string
  statusBefore: string | null
  statusAfter: string
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
export async function listComplaintSteps(db: Kysely<DB>, complaintId: number): Promise<ComplaintStepRow[]> {
  return db.selectFrom('complaint_steps').selectAll().where('complaint_id', '=', complaintId).orderBy('at').orderBy('id').execute()
}

/** The code of each related request, by id (for output). */
export async function requestCodesByIds(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await db.selectFrom('requests').select(['id', 'code']).where('id', 'in', unique).execute()
  return new Map(rows.map((r) => [r.id, r.code]))
}
