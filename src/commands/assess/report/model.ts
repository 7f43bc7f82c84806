import type { AssessPolicy, UnitDetails } from '../../../domain/assessment/assessment.js'
import type { ComponentMedians, RequestFigures, TrendPoint } from '../../../domain/assessment/report-figures.js'
import type { ScoreRow, ScoreTable } from '../../../domain/assessment/score-table.js'

/** Everything `icm assess report` shows, gathered before any HTML is built. */
export interface AssessReportModel {
  lang: string
  /** config org.name, or null */
  org: string | null
  table: ScoreTable
  /** final, draft, or provisional (a draft of a period that has not ended) */
  state: 'final' | 'draft' | 'provisional'
  rows: readonly ScoreRow[]
  /** each row's details, by unit id */
  details: ReadonlyMap<number, UnitDetails>
  medians: ComponentMedians
  /** each unit's trend over the last tables, by unit id (oldest first) */
  trends: ReadonlyMap<number, TrendPoint[]>
  /** the lines of `assess explain`, by unit id */
  explanations: ReadonlyMap<number, string[]>
  context: PeriodContext
  /** when the report was written, the table computed and finalized, as shown */
  writtenAt: string
  computedAt: string
  finalizedAt: string | null
  /** the table's level in the interface language */
  levelLabel: string
}

export interface SurveyContextLine {
  code: string
  kind: string
  period: string
  responses: number
  /** per rated unit: responses and the lowest dimension */
  units: { unit: string; name: string; responses: number; satisfaction: number | null; lowest: string | null }[]
}

export interface ActionContextLine {
  code: string
  owner: string
  due: string
  overdue: boolean
  description: string
}

export interface PeriodContext {
  requests: RequestFigures
  complaints: {
    received: number
    verified: number
    byDeadline: number
    withoutRootCause: number
    /** per unit complained about (as the table counts them: a position for its department) */
    units: { unit: string; received: number; resolvedByDeadline: number }[]
    /** per root-cause category, most first */
    rootCauses: { category: string; count: number }[]
  }
  surveys: SurveyContextLine[]
  actions: { open: number; overdue: number; list: ActionContextLine[] }
}

/** The annual table (`--year`) as the report shows it. */
export interface AnnualReportModel {
  lang: string
  org: string | null
  year: number
  finals: string[]
  policy: AssessPolicy
  rows: readonly { rank: number | null; unit: string; name: string; H1: number | null; H2: number | null; total: number | null; grade: string | null; bonus: number | null; recognitions: string[] }[]
  writtenAt: string
}
