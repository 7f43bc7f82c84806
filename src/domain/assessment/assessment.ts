import { createBusinessClock, type WorkSchedule } from '../calendar/business-time.js'
import { localDate } from '../calendar/dates.js'
import { latenessOf } from '../calendar/lateness.js'
import {
  COMPONENT_KEYS,
  bonusOf,
  classifyResponseTimeliness,
  collaborationKpi,
  complaintHandlingKpi,
  gradeOf,
  projectScore,
  rankWithTies,
  satisfactionKpi,
  timelinessKpi,
  totalFormula,
  totalScore,
  type BonusTable,
  type ComplaintOutcome,
  type Components,
  type Grade,
  type GradeBands,
  type Weights,
} from './kpi.js'

/**
 * The half-yearly score table (DESIGN.md §3): who is assessed, which data counts for whom, each
 * component with everything behind it, the total, rank, grade and bonus coefficient. Pure: the
 * caller loads the period's data (aggregated where it is large) and passes it in.
 */
export type AssessLevel = 'department' | 'position'

export interface AssessPolicy {
  weights: Weights
  grades: GradeBands
  bonus: BonusTable
  minResponses: number
  complaintFree: number
}

export interface AssessUnit {
  id: number
  code: string
  name: string
  kind: 'department' | 'position'
  parentId: number | null
  active: boolean
}

/**
 * The units assessed at a level, and the unit each unit's data counts for: at department level a
 * position's requests, projects, complaints and ratings count for its department.
 */
export function assessedUnits(units: readonly AssessUnit[], level: AssessLevel): { assessed: AssessUnit[]; countsFor: Map<number, number> } {
  const assessed = units.filter((u) => u.active && u.kind === level).sort((a, b) => cmp(a.code, b.code))
  const ids = new Set(assessed.map((u) => u.id))
  const countsFor = new Map<number, number>()
  for (const u of units) {
    if (ids.has(u.id)) countsFor.set(u.id, u.id)
    else if (level === 'department' && u.kind === 'position' && u.parentId !== null && ids.has(u.parentId)) countsFor.set(u.id, u.parentId)
  }
  return { assessed, countsFor }
}

export interface SatisfactionInput {
  unitId: number
  count: number
  valueSum: number
}

export interface RequestInput {
  code: string
  unitId: number
  responseDue: Date
  respondedAt: Date | null
  cancelledAt: Date | null
  /**
   * A response clock a change of scope ended (domain/requests/request-change.ts): when it was
   * changed (an unanswered clock ends there, as a cancellation would end it), and the provider
   * of the request's current clock when that one is due in the same period too, else null (the
   * request is then received once by a unit that both clocks count for).
   */
  superseded?: { at: Date; currentProviderInPeriod: number | null }
}

export interface ProjectInput {
  code: string
  unitId: number
  role: 'owner' | 'member'
  due: string
  completedOn: string | null
  quality: number | null
  cancelled: boolean
}

/** Requests answered on time (at or before their due time, by asOf), counted per unit in bulk. */
export interface OnTimeCount {
  unitId: number
  count: number
}

export interface ComplaintInput {
  code: string
  unitId: number
  outcome: ComplaintOutcome
  planDeadline: string | null
  verifiedAt: Date | null
}

export interface QualitativeInput {
  unitId: number
  self: number | null
  superior: number | null
}

export interface AssessInput {
  units: readonly AssessUnit[]
  level: AssessLevel
  policy: AssessPolicy
  /** the time the table is computed for: unanswered requests past due by then are late */
  asOf: Date
  schedule: WorkSchedule
  satisfaction: readonly SatisfactionInput[]
  /** requests answered on time, counted in bulk (classifyResponseTimeliness's first case) */
  requestsOnTime: readonly OnTimeCount[]
  /** every other request due in the period, each classified here */
  requests: readonly RequestInput[]
  projects: readonly ProjectInput[]
  complaints: readonly ComplaintInput[]
  inputs: readonly QualitativeInput[]
}

export interface LateRequest {
  code: string
  due: string
  respondedAt: string | null
  /** business hours from due to the response (or to asOf when still unanswered) */
  businessHoursLate: number
  /** the clock of the request before a change of scope at this time (the response then due) */
  changedAt?: string
}

export interface UnitDetails {
  S: { responses: number; valueSum: number; mean: number | null; minResponses: number }
  T: { onTime: number; late: LateRequest[]; excluded: number }
  C: { projects: { code: string; role: 'owner' | 'member'; due: string; completedOn: string | null; quality: number | null; cancelled: boolean; score: number | null }[] }
  H: { complaints: { code: string; resolvedByDeadline: boolean; planDeadline: string | null; verifiedOn: string | null; satisfaction: number | null }[]; requestsReceived: number; allowance: number; penalty: number; r: number; v: number }
  inputs: { self: number | null; superior: number | null }
  total: { formula: string; usedWeight: number; renormalised: boolean; missing: string[] }
}

export interface UnitAssessment {
  unitId: number
  code: string
  name: string
  components: Components
  total: number | null
  insufficient: boolean
  rank: number | null
  grade: Grade | null
  bonus: number | null
  details: UnitDetails
}

/** Every assessed unit's row, ranked (ties share a rank) and ordered by rank, then code. */
export function assessUnits(input: AssessInput): UnitAssessment[] {
  const { assessed, countsFor } = assessedUnits(input.units, input.level)
  const clock = createBusinessClock(input.schedule)
  const asOfDate = localDate(input.asOf)
  const group = <T extends { unitId: number }>(items: readonly T[]) => {
    const m = new Map<number, T[]>()
    for (const it of items) {
      const to = countsFor.get(it.unitId)
      if (to === undefined) continue
      let list = m.get(to)
      if (!list) m.set(to, (list = []))
      list.push(it)
    }
    return m
  }
  const sat = group(input.satisfaction)
  const onTimeCounts = group(input.requestsOnTime)
  const reqs = group(input.requests)
  const projs = group(input.projects)
  const cmps = group(input.complaints)
  const qual = new Map(input.inputs.map((i) => [i.unitId, i]))
  const p = input.policy

  const rows = assessed.map((u): UnitAssessment => {
    const s = (sat.get(u.id) ?? []).reduce((a, x) => ({ count: a.count + x.count, valueSum: a.valueSum + x.valueSum }), { count: 0, valueSum: 0 })
    const S = satisfactionKpi(s.count, s.valueSum, p.minResponses)

    const requests = (reqs.get(u.id) ?? []).slice().sort((a, b) => cmp(a.code, b.code))
    let onTime = (onTimeCounts.get(u.id) ?? []).reduce((a, c) => a + c.count, 0)
    // requests received: one per request, however many of its response clocks were due in the period
    const current = requests.filter((r) => !r.superseded)
    const countedAlready = (r: RequestInput) => r.superseded!.currentProviderInPeriod !== null && countsFor.get(r.superseded!.currentProviderInPeriod) === u.id
    const earlierOnly = new Set(requests.filter((r) => r.superseded && !countedAlready(r)).map((r) => r.code))
    const received = onTime + current.length + earlierOnly.size
    let excluded = 0
    const late: LateRequest[] = []
    for (const r of requests) {
      const c = classifyResponseTimeliness(r, input.asOf, clock)
      if (c === 'on_time') onTime++
      else if (c === 'excluded') excluded++
      else {
        const answered = r.respondedAt !== null && r.respondedAt.getTime() <= input.asOf.getTime()
        // an unanswered clock is late until it ended (cancelled, or a change of scope), or until asOf
        const ended = r.cancelledAt !== null && r.cancelledAt.getTime() < input.asOf.getTime() ? r.cancelledAt : input.asOf
        const end = answered ? r.respondedAt! : ended
        late.push({
          code: r.code,
          due: r.responseDue.toISOString(),
          respondedAt: answered ? r.respondedAt!.toISOString() : null,
          businessHoursLate: latenessOf(clock, r.responseDue, end).businessHours,
          ...(r.superseded ? { changedAt: r.superseded.at.toISOString() } : {}),
        })
      }
    }
    const T = timelinessKpi(onTime, late.length)

    // a project counts once per assessed unit (as owner if any of its units owns it)
    const byProject = new Map<string, ProjectInput>()
    for (const pr of projs.get(u.id) ?? []) {
      const seen = byProject.get(pr.code)
      if (!seen || (seen.role === 'member' && pr.role === 'owner')) byProject.set(pr.code, pr)
    }
    const projects = [...byProject.values()]
      .sort((a, b) => cmp(a.code, b.code))
      .map((pr) => ({ code: pr.code, role: pr.role, due: pr.due, completedOn: pr.completedOn, quality: pr.quality, cancelled: pr.cancelled, score: projectScore(pr, asOfDate) }))
    const C = collaborationKpi(projects.map((x) => x.score))

    const complaints = (cmps.get(u.id) ?? []).slice().sort((a, b) => cmp(a.code, b.code))
    const h = complaintHandlingKpi({ complaints: complaints.map((c) => c.outcome), requestsReceived: received, complaintFree: p.complaintFree })

    const q = qual.get(u.id)
    const components: Components = { S, T, C, H: h.value, self: q?.self ?? null, superior: q?.superior ?? null }
    const total = totalScore(components, p.weights)
    const allWeight = COMPONENT_KEYS.reduce((a, k) => a + p.weights[k], 0)
    return {
      unitId: u.id,
      code: u.code,
      name: u.name,
      components,
      total: total.total,
      insufficient: total.insufficient,
      rank: null,
      grade: null,
      bonus: null,
      details: {
        // sums to 6 decimals: the same on every backend, whatever order the database added in
        S: { responses: s.count, valueSum: Math.round(s.valueSum * 1e6) / 1e6, mean: s.count > 0 ? Math.round((s.valueSum / s.count) * 1e6) / 1e6 : null, minResponses: p.minResponses },
        T: { onTime, late, excluded },
        C: { projects },
        H: {
          complaints: complaints.map((c) => ({
            code: c.code,
            resolvedByDeadline: c.outcome.resolvedByDeadline,
            planDeadline: c.planDeadline,
            verifiedOn: c.verifiedAt ? localDate(c.verifiedAt) : null,
            satisfaction: c.outcome.verifiedSatisfaction,
          })),
          requestsReceived: received,
          allowance: h.allowance,
          penalty: h.penalty,
          r: h.r,
          v: h.v,
        },
        inputs: { self: components.self, superior: components.superior },
        total: {
          formula: totalFormula(components, p.weights),
          usedWeight: total.usedWeight,
          renormalised: !total.insufficient && total.usedWeight !== allWeight,
          missing: COMPONENT_KEYS.filter((k) => components[k] === null),
        },
      },
    }
  })
  return rankAndGrade(rows, p)
}

/** Ranks (ties share), grades and coefficients; ordered by rank, unranked last, then by code. */
export function rankAndGrade<T extends { code: string; total: number | null; rank: number | null; grade: Grade | null; bonus: number | null }>(rows: T[], p: Pick<AssessPolicy, 'grades' | 'bonus'>): T[] {
  const ranks = rankWithTies(rows.map((r) => ({ key: r.code, total: r.total })))
  for (const r of rows) {
    r.rank = ranks.get(r.code) ?? null
    r.grade = gradeOf(r.total, p.grades)
    r.bonus = bonusOf(r.grade, p.bonus)
  }
  return rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || cmp(a.code, b.code))
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * A fingerprint of everything a table rests on: the level, the day it was computed for, the
 * policy, and every row's components and details (the responses' sums, each request that was
 * late or left out and the on-time count, each project and complaint, the inputs). Equal inputs
 * give equal hashes, on either backend.
 */
export function inputsFingerprint(input: Pick<AssessInput, 'level' | 'asOf' | 'policy'>, rows: readonly UnitAssessment[], sha256: (text: string) => string): string {
  return sha256(
    JSON.stringify({
      level: input.level,
      asOf: localDate(input.asOf),
      policy: input.policy,
      rows: [...rows].sort((a, b) => cmp(a.code, b.code)).map((r) => [r.code, r.components, r.details]),
    }),
  )
}

/** The columns of an inputs CSV (`assess import-inputs`): English names or the Chinese ones people write. */
export const INPUT_COLUMNS = {
  unit: ['部门', '单位', '部门代码', '单位代码', '部门名称', '单位名称'],
  self: ['自评', '自评分', '自评分数', '自评得分'],
  superior: ['上级评分', '上级评价', '上级打分', '上级得分', '领导评分'],
} as const

/** The columns of a bonus base CSV (`assess bonus --base`). */
export const BONUS_BASE_COLUMNS = {
  unit: INPUT_COLUMNS.unit,
  base_amount: ['奖金基数', '基数', '奖金基数金额', '基数金额'],
} as const
