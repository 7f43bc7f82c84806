import type { Generated, Insertable, Selectable } from 'kysely'

/**
 * Collaboration projects and recognitions (policy chapter 5), internal audits with findings and
 * employee reports (policy chapter 8.1). Dates 'YYYY-MM-DD', instants ISO UTC text.
 */
export interface ProjectTable {
  id: Generated<number>
  code: string
  name: string
  /** 'project' (项目协作) or 'problem' (问题协同解决) */
  kind: 'project' | 'problem'
  owner_id: number
  start_date: string
  /** the date the project belongs to a period by (DESIGN.md §3) */
  due: string
  status: 'open' | 'completed' | 'cancelled'
  /** the latest progress percent, 0–100 */
  progress: number
  completed_on: string | null
  /** 1–5, given on completion */
  quality: number | null
  completion_note: string | null
  cancelled_at: string | null
  cancel_reason: string | null
  created_at: string
  updated_at: string
}

export interface ProjectMemberTable {
  project_id: number
  unit_id: number
  duty: string
  added_at: string
}

export interface ProjectProgressTable {
  id: Generated<number>
  project_id: number
  at: string
  percent: number
  note: string | null
  actor: string
}

export interface RecognitionTable {
  id: Generated<number>
  code: string
  /** the unit recognized, or null when a person is */
  unit_id: number | null
  person: string | null
  /** normalised period code, e.g. '2026-H1' */
  period: string
  period_start: string
  period_end: string
  reason: string
  /** the reward in cents (fen); null when none was given */
  reward_cents: number | null
  created_at: string
}

export interface AuditTable {
  id: Generated<number>
  code: string
  title: string
  audit_date: string
  auditor: string
  created_at: string
}

export interface AuditScopeTable {
  audit_id: number
  unit_id: number
}

export interface FindingTable {
  id: Generated<number>
  code: string
  audit_id: number
  unit_id: number
  severity: 'minor' | 'major' | 'critical'
  description: string
  due: string
  status: 'open' | 'closed'
  close_note: string | null
  closed_at: string | null
  /** the improvement action a major or critical finding opened */
  action_id: number | null
  created_at: string
}

export interface ReportTable {
  id: Generated<number>
  code: string
  about_id: number
  description: string
  status: 'received' | 'decided'
  validity: 'valid' | 'invalid' | null
  /** whole cents, so an amount keeps its decimals exactly on both backends */
  reward_cents: number | null
  decision_note: string | null
  decided_at: string | null
  /** the reporter's identity, AES-256-GCM (base64); all null for an anonymous report */
  reporter_iv: string | null
  reporter_tag: string | null
  reporter_ciphertext: string | null
  filed_at: string
  created_at: string
}

/** The tables of projects, recognitions, audits and employee reports (policy chapters 5 and 8.1); part of the DB interface in schema.ts. */
export interface CollaborationTables {
  projects: ProjectTable
  project_members: ProjectMemberTable
  project_progress: ProjectProgressTable
  recognitions: RecognitionTable
  audits: AuditTable
  audit_scope: AuditScopeTable
  findings: FindingTable
  reports: ReportTable
}

export type ProjectRow = Selectable<ProjectTable>
export type NewProject = Insertable<ProjectTable>
export type ProjectMemberRow = Selectable<ProjectMemberTable>
export type ProjectProgressRow = Selectable<ProjectProgressTable>
export type RecognitionRow = Selectable<RecognitionTable>
export type NewRecognition = Insertable<RecognitionTable>
export type AuditRow = Selectable<AuditTable>
export type FindingRow = Selectable<FindingTable>
export type NewFinding = Insertable<FindingTable>
export type ReportRow = Selectable<ReportTable>
export type NewReport = Insertable<ReportTable>
