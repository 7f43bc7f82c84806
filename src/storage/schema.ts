import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

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
}

export interface SequenceTable {
  name: string
  value: number
}

export interface MetaTable {
  key: string
  value: string
}

export interface DB {
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
