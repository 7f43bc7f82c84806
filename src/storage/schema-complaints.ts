import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

/**
 * A complaint (policy chapter 7). The row holds the current state of every step, so the
 * half-yearly assessment (H of DESIGN.md §3) reads it without replaying the timeline:
 * the unit complained about, when it was received, the plan deadline, the last verification
 * (time, resolved, satisfaction) and the root cause. `complaint_steps` keeps every step.
 */
export interface ComplaintTable {
  id: Generated<number>
  code: string
  /** the complaining unit; null for an anonymous complaint (nothing else identifies one) */
  complainant_id: number | null
  /** the unit complained about */
  against_id: number
  request_id: number | null
  channel: string
  summary: string
  handler: string
  status: 'received' | 'investigating' | 'planned' | 'confirmed' | 'verified'
  /** when it was received (--at) */
  received_at: string
  investigated_at: string | null
  /** the current plan: responsible unit, measures, deadline (a date), when it was made */
  plan_responsible_id: number | null
  plan_measures: string | null
  plan_deadline: string | null
  planned_at: string | null
  /** the complainant's last answer to the plan */
  feedback: 'accepted' | 'disputed' | null
  feedback_note: string | null
  feedback_at: string | null
  /** the last follow-up verification; resolved 1 closes the complaint (status verified) */
  resolved: number | null
  satisfaction: number | null
  verification_note: string | null
  verified_at: string | null
  root_cause_category: string | null
  root_cause_analysis: string | null
  root_cause_at: string | null
  /** when the status last changed (later steps may not be dated before it) */
  status_changed_at: string
  created_at: string
  updated_at: string
}

/** The investigation team: people by name. */
export interface ComplaintTeamTable {
  complaint_id: number
  member: string
}

/** Units taking part in the investigation. */
export interface ComplaintUnitTable {
  complaint_id: number
  unit_id: number
}

export interface ComplaintEvidenceTable {
  id: Generated<number>
  complaint_id: number
  /** 1, 2, … within the complaint */
  seq: number
  kind: 'document' | 'interview' | 'site_visit'
  note: string
  /** base name, size in bytes and sha256 (hex) of an attached file, so later tampering shows */
  file_name: string | null
  file_size: number | null
  file_sha256: string | null
  /** when it was collected (--at) */
  at: string
  actor: string
}

/** The timeline: every step with its time (--at), who recorded it and the status it left. */
export interface ComplaintStepTable {
  id: Generated<number>
  complaint_id: number
  at: string
  actor: string
  /** received, investigate, evidence, plan, feedback, verify, root_cause, prevent */
  step: string
  status_before: string | null
  status_after: string
  /** JSON object: what the step recorded */
  details: string
}

/** A dated milestone of the resolution plan (`complaint plan --milestone`), numbered within the complaint. */
export interface ComplaintMilestoneTable {
  id: Generated<number>
  complaint_id: number
  seq: number
  /** 'YYYY-MM-DD' */
  due: string
  title: string
  /** when the plan that set it was made */
  created_at: string
  /** when progress marked it done (--at) */
  done_at: string | null
  /** when a later plan with milestones of its own replaced it (open milestones only) */
  superseded_at: string | null
}

/** The tables of complaints, their teams, evidence and timeline (policy chapter 7); part of the DB interface in schema.ts. */
export interface ComplaintTables {
  complaints: ComplaintTable
  complaint_team: ComplaintTeamTable
  complaint_units: ComplaintUnitTable
  complaint_evidence: ComplaintEvidenceTable
  complaint_steps: ComplaintStepTable
  complaint_milestones: ComplaintMilestoneTable
}

export type ComplaintRow = Selectable<ComplaintTable>
export type NewComplaintRow = Insertable<ComplaintTable>
export type ComplaintUpdate = Updateable<ComplaintTable>
export type ComplaintEvidenceRow = Selectable<ComplaintEvidenceTable>
export type ComplaintStepRow = Selectable<ComplaintStepTable>
export type ComplaintMilestoneRow = Selectable<ComplaintMilestoneTable>
