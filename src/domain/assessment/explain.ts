import { formatInstant } from '../calendar/dates.js'
import { format1, round2 } from '../rounding.js'
import type { AssessPolicy, UnitDetails } from './assessment.js'
import { COMPONENT_KEYS, exactAllowance } from './kpi.js'
import type { ScoreRow } from './score-table.js'
import { counted, formatCount } from '../counting.js'

/** A score as the tables and explanations show it: one decimal, or n/a. */
export function scoreText(v: number | null): string {
  return v === null ? 'n/a' : format1(v)
}

const na = scoreText
const pct = (x: number) => x.toFixed(2)

/** How many items of each list (late requests, projects, complaints) to show, and the line saying how many more there are. */
export interface ListLimit {
  limit?: number
  more?: (n: number) => string
}

/**
 * The lines a department head can check by hand, from the stored row and what is behind it:
 * each component's inputs and formula (DESIGN.md §3), the total, the grade and the coefficient.
 */
export function explainLines(r: ScoreRow, d: UnitDetails, policy: AssessPolicy, rankOf: string, list: ListLimit = {}): string[] {
  const first = <T>(items: readonly T[]) => (list.limit === undefined ? items : items.slice(0, list.limit))
  const rest = (items: readonly unknown[]) => (list.limit !== undefined && items.length > list.limit ? [`  ${list.more ? list.more(items.length - list.limit) : `… ${items.length - list.limit} more`}`] : [])
  const w = policy.weights
  const c = r.components
  const out: string[] = []
  out.push(`${r.code} ${r.name}: ${rankOf} · total ${r.total === null ? 'insufficient data' : format1(r.total)}${r.grade ? ` · grade ${r.grade} · bonus coefficient ${r.bonus}` : ''}`)

  out.push('', `S satisfaction = ${na(c.S)}   (weight ${w.S})`)
  if (d.S.responses === 0) out.push('  no service-survey responses rate it in the period → n/a')
  else {
    const mean = d.S.valueSum / d.S.responses
    out.push(`  ${d.S.responses} service-survey responses rate it (overall, else the mean of the four dimensions); values add up to ${round2(d.S.valueSum)}, mean ${round2(mean)}`)
    if (c.S === null) out.push(`  fewer than assess.min_responses = ${counted(d.S.minResponses, 'response')} → n/a`)
    else out.push(`  (${round2(mean)} − 1) / 4 × 100 = ${format1(c.S)}`)
  }

  const countedN = d.T.onTime + d.T.late.length
  out.push('', `T response timeliness = ${na(c.T)}   (weight ${w.T})`)
  out.push(`  ${counted(countedN + d.T.excluded, 'request')} had their response due in the period: ${formatCount(d.T.onTime)} answered on time, ${formatCount(d.T.late.length)} late, ${formatCount(d.T.excluded)} left out (cancelled before due, or not yet due)`)
  for (const l of first(d.T.late)) {
    out.push(`  late: ${l.code} due ${formatInstant(new Date(l.due))}, ${l.respondedAt ? `answered ${formatInstant(new Date(l.respondedAt))}` : 'still unanswered'}, ${l.businessHoursLate.toFixed(1)} business hours late`)
  }
  out.push(...rest(d.T.late))
  if (c.T !== null) out.push(`  100 × ${d.T.onTime} / ${countedN} = ${format1(c.T)}`)
  else out.push('  no request counts → n/a')

  out.push('', `C collaboration = ${na(c.C)}   (weight ${w.C})`)
  if (d.C.projects.length === 0) out.push('  no project due in the period → n/a')
  for (const p of first(d.C.projects)) {
    const outcome = p.cancelled ? 'cancelled → left out' : p.completedOn === null ? (p.score === null ? 'open, not yet due → left out' : 'not completed by its due day → 0') : p.completedOn <= p.due ? `completed ${p.completedOn}, on time → 100` : `completed ${p.completedOn}, late → 60`
    const quality = p.quality !== null && p.score !== null && p.completedOn !== null ? ` × quality ${p.quality}/5` : ''
    out.push(`  ${p.code} ${p.role}, due ${p.due}: ${outcome}${quality}${p.score !== null ? ` = ${format1(p.score)}` : ''}`)
  }
  out.push(...rest(d.C.projects))
  const scored = d.C.projects.filter((p) => p.score !== null)
  if (c.C !== null) out.push(`  mean (${scored.map((p) => format1(p.score!)).join(' + ')}) / ${scored.length} = ${format1(c.C)}`)

  out.push('', `H complaint handling = ${na(c.H)}   (weight ${w.H})`)
  const n = d.H.complaints.length
  out.push(`  ${counted(n, 'complaint')} received in the period; ${counted(d.H.requestsReceived, 'request')} received → allowance ${allowanceArithmetic(policy.complaintFree, d.H.requestsReceived)} = ${d.H.allowance}`)
  for (const k of first(d.H.complaints)) {
    const how = k.verifiedOn === null ? 'not verified yet (counts 0 in r, left out of v)' : `verified resolved ${k.verifiedOn}${k.planDeadline ? ` (deadline ${k.planDeadline}, ${k.resolvedByDeadline ? 'in time' : 'late'})` : ''}, satisfaction ${k.satisfaction ?? 'n/a'}`
    out.push(`  ${k.code}: ${how}`)
  }
  out.push(...rest(d.H.complaints))
  if (n === 0) out.push('  no complaint → 100')
  else {
    out.push(`  r = ${d.H.complaints.filter((k) => k.resolvedByDeadline).length}/${n} = ${pct(d.H.r)}; v = ${pct(d.H.v)}; 100 × (0.6 × ${pct(d.H.r)} + 0.4 × ${pct(d.H.v)}) = ${format1(100 * (0.6 * d.H.r + 0.4 * d.H.v))}`)
    out.push(`  penalty: 5 × max(0, ${n} − ${d.H.allowance}) = ${d.H.penalty} → H = ${na(c.H)}`)
  }

  out.push('', `self = ${na(c.self)}   (weight ${w.self})   superior = ${na(c.superior)}   (weight ${w.superior})`)
  out.push('', `total = ${d.total.formula}`)
  if (d.total.missing.length > 0 && r.total !== null) out.push(`  n/a: ${d.total.missing.join(', ')}: left out, and the other weights renormalised (divided by ${d.total.usedWeight} instead of ${COMPONENT_KEYS.reduce((a, k) => a + w[k], 0)})`)
  if (r.total === null) out.push('  insufficient data: no S, T, C, self or superior score (H alone only says that nobody complained) → no total, rank or grade')
  else out.push(`  grade ${r.grade} (bands A≥${policy.grades.A} B≥${policy.grades.B} C≥${policy.grades.C} D≥${policy.grades.D}) → bonus coefficient ${r.bonus}`)
  return out
}

/** "max(2, floor(2 × 149 / 100)) = max(2, floor(2.98))": the allowance's arithmetic, every step true. */
export function allowanceArithmetic(complaintFree: number, requestsReceived: number): string {
  const exact = exactAllowance(complaintFree, requestsReceived)
  const shown = Number.isInteger(exact) ? String(exact) : String(Number(exact.toFixed(4)))
  return `max(${complaintFree}, floor(${complaintFree} × ${requestsReceived} / 100)) = max(${complaintFree}, floor(${shown}))`
}
