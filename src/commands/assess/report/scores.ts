import { totalsChart } from '../../../cli/html/echarts-svg.js'
import { html, raw, type Html } from '../../../cli/html/html.js'
import { gradeBadge } from '../../../cli/html/page.js'
import type { AssessPolicy } from '../../../domain/assessment/assessment.js'
import { COMPONENT_KEYS } from '../../../domain/assessment/kpi.js'
import type { ScoreRow } from '../../../domain/assessment/score-table.js'
import { t } from '../../../domain/i18n/catalog.js'
import { format1 } from '../../../domain/rounding.js'
import { componentLabel } from './head.js'

/** A score cell: one decimal, or n/a in grey. */
export function scoreCell(v: number | null): Html {
  return v === null ? html`<td class="num na">${t('htmlReport.na')}</td>` : html`<td class="num">${format1(v)}</td>`
}

/** The score table: rank, unit, the six components, total, grade, coefficient; one row per unit. */
export function scoreTable(rows: readonly ScoreRow[]): Html {
  const head = html`<tr><th class="num">${t('htmlReport.col.rank')}</th><th>${t('htmlReport.col.unit')}</th>${COMPONENT_KEYS.map((k) => html`<th class="num">${componentLabel(k)}</th>`)}<th class="num">${t('htmlReport.col.total')}</th><th>${t('htmlReport.col.grade')}</th><th class="num">${t('htmlReport.col.coefficient')}</th></tr>`
  const body = rows.map(
    (r) => html`<tr data-unit="${r.code}"><td class="num">${r.rank ?? ''}</td><td><a href="#unit-${r.code}">${r.code}</a> ${r.name}</td>${COMPONENT_KEYS.map((k) => scoreCell(r.components[k]))}${
      r.total === null ? html`<td class="num na">${t('htmlReport.insufficient')}</td>` : html`<td class="num total">${format1(r.total)}</td>`
    }<td class="grade-cell">${gradeBadge(r.grade)}</td><td class="num">${r.bonus === null ? '' : r.bonus.toFixed(2)}</td></tr>`,
  )
  return html`<section id="scores"><h2>${t('htmlReport.scoreTable')}</h2>
<table class="scores"><thead>${head}</thead><tbody>${body}</tbody></table></section>`
}

/** The grade bands of the policy from E (0) to A (100). */
export function gradeBands(policy: Pick<AssessPolicy, 'grades'>): { grade: string; from: number; to: number }[] {
  const g = policy.grades
  return [
    { grade: 'A', from: g.A, to: 100 },
    { grade: 'B', from: g.B, to: g.A },
    { grade: 'C', from: g.C, to: g.B },
    { grade: 'D', from: g.D, to: g.C },
    { grade: 'E', from: 0, to: g.D },
  ]
}

/** The bar chart of totals over the grade bands. */
export async function totalsSection(bars: readonly { code: string; name: string; total: number | null; grade: string | null }[], policy: Pick<AssessPolicy, 'grades'>): Promise<Html> {
  const graded = bars.filter((b) => b.total !== null).length
  const svg = await totalsChart(
    bars.map((b) => ({ label: `${b.code} ${b.name}`, total: b.total, grade: b.grade })),
    gradeBands(policy),
  )
  return html`<section id="totals"><h2>${t('htmlReport.totals')}</h2>
<figure class="totals-chart" data-graded="${graded}">${raw(svg)}<figcaption class="meta">${t('htmlReport.totalsCaption', { graded, units: bars.length })}</figcaption></figure></section>`
}
