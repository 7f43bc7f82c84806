import { formatInstant } from '../calendar/dates.js'
import { t } from '../i18n/catalog.js'
import { format1, round2 } from '../rounding.js'
import type { AssessPolicy, UnitDetails } from './assessment.js'
import { COMPONENT_KEYS, exactAllowance } from './kpi.js'
import type { ScoreRow } from './score-table.js'
import { formatCount } from '../counting.js'

/** A score as the tables and explanations show it: one decimal, or n/a. */
export function scoreText(v: number | null): string {
  return v === null ? 'n/a' : format1(v)
}

const pct = (x: number) => x.toFixed(2)

/**
 * `x` as the formula shows it: its two decimals when they are exact (0.75), else the fraction
 * num/den it is, reduced (1/3, 7/12), else four decimals.
 */
export function exactTerm(x: number, num: number, den: number): string {
  if (Math.abs(x * 100 - Math.round(x * 100)) < 1e-9) return pct(x)
  if (den > 0 && Math.abs(num / den - x) < 1e-12) {
    const g = gcd(Math.abs(num), den)
    return `${num / g}/${den / g}`
  }
  return x.toFixed(4)
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/** The translator the lines speak through: t (the interface language) or english (--json, whatever the language). */
export type Translate = typeof t

/** How many items of each list (late requests, projects, complaints) to show, and the line saying how many more there are. */
export interface ListLimit {
  limit?: number
  more?: (n: number) => string
}

/** 'rank 2 of 5' or 'no rank', in the language of tr. */
export function rankText(rank: number | null, of: number, tr: Translate = t): string {
  return rank === null ? tr('assessExplain.noRank') : tr('assessExplain.rank', { rank, of })
}

/** A component's name as the lines show it: S, T, C, H stay letters; self and superior are words. */
function keyName(k: string, tr: Translate): string {
  return k === 'self' ? tr('assessExplain.key.self') : k === 'superior' ? tr('assessExplain.key.superior') : k
}

/**
 * The lines a department head can check by hand, from the stored row and what is behind it:
 * each component's inputs and formula (DESIGN.md §3), the total, the grade and the coefficient.
 * `tr` is t (the interface language) or english (what --json keeps, whatever the language).
 */
export function explainLines(r: ScoreRow, d: UnitDetails, policy: AssessPolicy, rankOf: string, list: ListLimit = {}, tr: Translate = t): string[] {
  const first = <T>(items: readonly T[]) => (list.limit === undefined ? items : items.slice(0, list.limit))
  const rest = (items: readonly unknown[]) => (list.limit !== undefined && items.length > list.limit ? [`  ${list.more ? list.more(items.length - list.limit) : tr('assessExplain.more', { n: items.length - list.limit })}`] : [])
  const na = (v: number | null) => (v === null ? tr('assessExplain.na') : format1(v))
  const w = policy.weights
  const c = r.components
  const out: string[] = []
  const total = r.total === null ? tr('assessExplain.insufficient') : format1(r.total)
  out.push(tr('assessExplain.head', { code: r.code, name: r.name, rank: rankOf, total }) + (r.grade ? tr('assessExplain.headGrade', { grade: r.grade, bonus: String(r.bonus) }) : ''))

  out.push('', tr('assessExplain.S.title', { value: na(c.S), weight: w.S }))
  if (d.S.responses === 0) out.push(tr('assessExplain.S.none'))
  else {
    const mean = d.S.valueSum / d.S.responses
    out.push(tr('assessExplain.S.responses', { n: d.S.responses, sum: round2(d.S.valueSum), mean: round2(mean) }))
    if (c.S === null) out.push(tr('assessExplain.S.fewer', { n: formatCount(d.S.minResponses) }))
    else out.push(`  (${round2(mean)} − 1) / 4 × 100 = ${format1(c.S)}`)
  }

  const countedN = d.T.onTime + d.T.late.length
  out.push('', tr('assessExplain.T.title', { value: na(c.T), weight: w.T }))
  out.push(tr('assessExplain.T.counts', { n: formatCount(countedN + d.T.excluded), onTime: formatCount(d.T.onTime), late: formatCount(d.T.late.length), excluded: formatCount(d.T.excluded) }))
  for (const l of first(d.T.late)) {
    const changed = l.changedAt ? formatInstant(new Date(l.changedAt)) : undefined
    const answer = l.respondedAt
      ? tr('assessExplain.T.answered', { at: formatInstant(new Date(l.respondedAt)) })
      : changed
        ? tr('assessExplain.T.unansweredUntilChange', { at: changed })
        : tr('assessExplain.T.unanswered')
    const code = changed ? tr('assessExplain.T.beforeChange', { code: l.code, at: changed }) : l.code
    out.push(tr('assessExplain.T.late', { code, due: formatInstant(new Date(l.due)), answer, hours: l.businessHoursLate.toFixed(1) }))
  }
  out.push(...rest(d.T.late))
  if (c.T !== null) out.push(`  100 × ${d.T.onTime} / ${countedN} = ${format1(c.T)}`)
  else out.push(tr('assessExplain.T.none'))

  out.push('', tr('assessExplain.C.title', { value: na(c.C), weight: w.C }))
  if (d.C.projects.length === 0) out.push(tr('assessExplain.C.none'))
  for (const p of first(d.C.projects)) {
    const outcome = p.cancelled
      ? tr('assessExplain.C.cancelled')
      : p.completedOn === null
        ? p.score === null
          ? tr('assessExplain.C.open')
          : tr('assessExplain.C.notCompleted')
        : p.completedOn <= p.due
          ? tr('assessExplain.C.onTime', { date: p.completedOn })
          : tr('assessExplain.C.late', { date: p.completedOn })
    const quality = p.quality !== null && p.score !== null && p.completedOn !== null ? tr('assessExplain.C.quality', { q: p.quality }) : ''
    const role = p.role === 'owner' ? tr('assessExplain.C.owner') : tr('assessExplain.C.member')
    out.push(tr('assessExplain.C.project', { code: p.code, role, due: p.due, outcome }) + quality + (p.score !== null ? ` = ${format1(p.score)}` : ''))
  }
  out.push(...rest(d.C.projects))
  const scored = d.C.projects.filter((p) => p.score !== null)
  if (c.C !== null) out.push(tr('assessExplain.C.mean', { terms: scored.map((p) => format1(p.score!)).join(' + '), n: scored.length, value: format1(c.C) }))

  out.push('', tr('assessExplain.H.title', { value: na(c.H), weight: w.H }))
  const n = d.H.complaints.length
  out.push(tr('assessExplain.H.counts', { n: formatCount(n), requests: formatCount(d.H.requestsReceived), arithmetic: allowanceArithmetic(policy.complaintFree, d.H.requestsReceived, tr), allowance: d.H.allowance }))
  for (const k of first(d.H.complaints)) {
    const deadline = k.planDeadline ? tr('assessExplain.H.deadline', { deadline: k.planDeadline, inTime: k.resolvedByDeadline ? tr('assessExplain.H.inTime') : tr('assessExplain.H.late') }) : ''
    const how = k.verifiedOn === null ? tr('assessExplain.H.notVerified') : tr('assessExplain.H.verified', { date: k.verifiedOn, deadline, satisfaction: k.satisfaction ?? tr('assessExplain.na') })
    out.push(`  ${k.code}${tr('assessExplain.colon')}${how}`)
  }
  out.push(...rest(d.H.complaints))
  if (n === 0) out.push(tr('assessExplain.H.none'))
  else {
    const resolved = d.H.complaints.filter((k) => k.resolvedByDeadline).length
    const rated = d.H.complaints.flatMap((k) => (k.satisfaction === null ? [] : [k.satisfaction]))
    // the formula shows r and v exactly (1/3, not 0.33), so that it can be redone by hand: v = Σ(s − 1) / 4k
    const rIn = exactTerm(d.H.r, resolved, n)
    const vIn = exactTerm(d.H.v, rated.reduce((a, s) => a + s - 1, 0), 4 * rated.length)
    out.push(tr('assessExplain.H.rv', { resolved, n, r: pct(d.H.r), v: pct(d.H.v), rIn, vIn, value: format1(100 * (0.6 * d.H.r + 0.4 * d.H.v)) }))
    out.push(tr('assessExplain.H.penalty', { n, allowance: d.H.allowance, penalty: d.H.penalty, value: na(c.H) }))
  }

  out.push('', tr('assessExplain.inputs', { self: na(c.self), selfWeight: w.self, superior: na(c.superior), superiorWeight: w.superior }))
  const formula = d.total.formula === 'insufficient data' ? tr('assessExplain.insufficient') : d.total.formula === 'n/a' ? tr('assessExplain.na') : d.total.formula
  out.push('', tr('assessExplain.total', { formula }))
  if (d.total.missing.length > 0 && r.total !== null) {
    out.push(tr('assessExplain.renormalised', { missing: d.total.missing.map((k) => keyName(k, tr)).join(tr('assessExplain.listSep')), used: d.total.usedWeight, all: COMPONENT_KEYS.reduce((a, k) => a + w[k], 0) }))
  }
  if (r.total === null) out.push(tr('assessExplain.noTotal'))
  else out.push(tr('assessExplain.grade', { grade: String(r.grade), A: policy.grades.A, B: policy.grades.B, C: policy.grades.C, D: policy.grades.D, bonus: String(r.bonus) }))
  return out
}

/** "max(2, floor(2 × 149 / 100)) = max(2, floor(2.98))": the allowance's arithmetic, every step true. */
export function allowanceArithmetic(complaintFree: number, requestsReceived: number, tr: Translate = t): string {
  const exact = exactAllowance(complaintFree, requestsReceived)
  const shown = Number.isInteger(exact) ? String(exact) : String(Number(exact.toFixed(4)))
  return tr('assessExplain.allowance', { free: complaintFree, requests: requestsReceived, exact: shown })
}
