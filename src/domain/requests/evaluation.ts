import { addBusinessDays, type WorkSchedule } from '../calendar/business-time.js'
import { localDate } from '../calendar/dates.js'
import { URGENT_BUSINESS_DAYS, type CriteriaMeans, type CriteriaScores, type PriorityInput } from './priority.js'

/** One evaluator's entry on a request: the four scores 1–5 and, if set, important and urgent. */
export interface Evaluation extends CriteriaScores {
  evaluator: string
  /** set explicitly by the evaluator; null leaves it to the rule (DESIGN.md §3) */
  important: boolean | null
  urgent: boolean | null
  note: string | null
  /** when it was evaluated, ISO 8601 UTC */
  at: string
  /** when a change of scope made it stop counting; null while it counts */
  supersededAt: string | null
}

/** The current (not superseded) evaluations of a request: the means and the latest explicit flags. */
export interface EvaluationSummary extends CriteriaMeans {
  count: number
  /** the most recent explicit setting, if any evaluator set one */
  important: boolean | null
  urgent: boolean | null
}

/** The last date that counts as urgent: 5 business days from `now` (DESIGN.md §3). */
export function urgentLimitDate(schedule: WorkSchedule, now: Date): string {
  return localDate(addBusinessDays(schedule, now, URGENT_BUSINESS_DAYS))
}

/** What the priority of a request is computed from: its evaluations and its needed-by date. */
export function priorityInputOf(neededBy: string | null, e: EvaluationSummary | undefined, urgentLimit: string): PriorityInput {
  return {
    means: e ? { reasonableness: e.reasonableness, feasibility: e.feasibility, impact: e.impact, costBenefit: e.costBenefit } : null,
    evaluations: e?.count ?? 0,
    importantOverride: e?.important ?? null,
    urgentOverride: e?.urgent ?? null,
    neededBy,
    urgentLimitDate: urgentLimit,
  }
}
