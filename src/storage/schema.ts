import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { AssessmentTables } from './schema-assessments.js'
import type { CollaborationTables } from './schema-collaboration.js'
import type { ComplaintTables } from './schema-complaints.js'
import type { SurveyTables } from './schema-surveys.js'

/**
 * The tables as kysely sees them. Instants are ISO 8601 UTC text ('2026-03-02T01:00:00.000Z'),
 * calendar dates 'YYYY-MM-DD' text, booleans 0/1 integers: the same on SQLite and PostgreSQL.
 */
export interface UnitTable {
  id: Generated<number>
  code: string
  name: string
  kind: 'department' | 'position'
  parent_id: number | null
  head: string | null
  duties: string | null
  active: number
  created_at: string
  updated_at: string
}

export interface ProcessTable {
  id: Generated<number>
  code: string
  name: string
  created_at: string
}

export interface ProcessStepTable {
  id: Generated<number>
  process_id: number
  seq: number
  unit_id: number
  output: string
  /** comma-separated seqs of the steps this one follows; '' for a first step */
  after_seqs: string
  created_at: string
}

export interface DependencyTable {
  id: Generated<number>
  customer_id: number
  supplier_id: number
  support: string
  created_at: string
}

export interface LinkTable {
  id: Generated<number>
  supplier_id: number
  customer_id: number
  provides: string
  created_at: string
}

export interface ConfigTable {
  key: string
  value: string
  updated_at: string
}

export interface CalendarDayTable {
  date: string
  type: 'holiday' | 'workday'
  name: string | null
}

export interface EventTable {
  id: Generated<number>
  at: string
  actor: string
  host: string
  action: string
  entity: string | null
  details: string
  /** the event's place in the hash chain (1, 2, 3 …); null only on a row written outside icm */
  seq: number | null
  /** the hash of the chained event before it (64 zeros for the first) */
  prev_hash: string | null
  /** sha256 of its canonical form (domain/event-chain.ts) */
  hash: string | null
}

export interface SequenceTable {
  name: string
  value: number
}

export interface MetaTable {
  key: string
  value: string
}

export interface ServiceTable {
  id: Generated<number>
  code: string
  provider_id: number
  name: string
  /** null: the sla.response_hours default */
  response_hours: number | null
  /** null: the sla.resolution_days default */
  resolution_days: number | null
  standard: string | null
  created_at: string
}

export interface RequestTable {
  id: Generated<number>
  code: string
  customer_id: number
  provider_id: number
  service_id: number | null
  channel: string
  title: string
  description: string | null
  status: string
  needed_by: string | null
  important_override: number | null
  urgent_override: number | null
  /** when it was logged (--at) */
  created_at: string
  response_due: string
  responded_at: string | null
  response_on_time: number | null
  decision: 'accepted' | 'rejected' | null
  expected_date: string | null
  reject_reason: string | null
  resolution_due: string | null
  /** business minutes spent waiting on the customer so far */
  paused_minutes: number
  waiting_since: string | null
  waiting_reason: string | null
  started_at: string | null
  resolved_at: string | null
  resolution_note: string | null
  closed_at: string | null
  satisfaction: number | null
  cancelled_at: string | null
  cancel_reason: string | null
  /** the latest --at of any step */
  last_step_at: string
  updated_at: string
}

export interface RequestUnitTable {
  request_id: number
  unit_id: number
}

export interface RequestEvaluationTable {
  id: Generated<number>
  request_id: number
  evaluator: string
  reasonableness: number
  feasibility: number
  impact: number
  cost_benefit: number
  important: number | null
  urgent: number | null
  note: string | null
  at: string
  superseded_at: string | null
}

export interface RequestChangeTable {
  id: Generated<number>
  request_id: number
  at: string
  actor: string
  /** JSON: { field: { from, to } } */
  changes: string
  reason: string
  impact: string | null
  scope_change: number
  status_before: string
  status_after: string
  /** a change of scope: the response clock it ended (provider, due time, response given or null); null otherwise */
  superseded_provider_id: number | null
  superseded_response_due: string | null
  superseded_responded_at: string | null
}

export interface ActionTable {
  id: Generated<number>
  code: string
  /** survey, complaint, audit, relation, assessment or manual */
  source: string
  /** the code it came from, e.g. CMP-0003 or 2026-H1 */
  source_ref: string | null
  owner_id: number
  description: string
  due: string
  status: 'open' | 'done'
  done_note: string | null
  done_at: string | null
  created_at: string
}

export interface DB extends ComplaintTables, SurveyTables, CollaborationTables, AssessmentTables {
  services: ServiceTable
  requests: RequestTable
  request_units: RequestUnitTable
  request_evaluations: RequestEvaluationTable
  request_changes: RequestChangeTable
  actions: ActionTable
  units: UnitTable
  processes: ProcessTable
  process_steps: ProcessStepTable
  dependencies: DependencyTable
  links: LinkTable
  config: ConfigTable
  calendar_days: CalendarDayTable
  events: EventTable
  sequences: SequenceTable
  meta: MetaTable
}

export type UnitRow = Selectable<UnitTable>
export type NewUnit = Insertable<UnitTable>
export type UnitUpdate = Updateable<UnitTable>
export type ProcessRow = Selectable<ProcessTable>
export type ProcessStepRow = Selectable<ProcessStepTable>
export type DependencyRow = Selectable<DependencyTable>
export type LinkRow = Selectable<LinkTable>
export type EventRow = Selectable<EventTable>
export type CalendarDayRow = Selectable<CalendarDayTable>
export type ServiceRow = Selectable<ServiceTable>
export type RequestRow = Selectable<RequestTable>
export type RequestEvaluationRow = Selectable<RequestEvaluationTable>
export type RequestChangeRow = Selectable<RequestChangeTable>
export type ActionRow = Selectable<ActionTable>
