import { html } from '../../../cli/html/html.js'
import { gradeBadge, htmlPage } from '../../../cli/html/page.js'
import { t } from '../../../domain/i18n/catalog.js'
import { format1 } from '../../../domain/rounding.js'
import { contextSection } from './context.js'
import { policyBlock, titleBlock } from './head.js'
import type { AnnualReportModel, AssessReportModel } from './model.js'
import { scoreCell, scoreTable, totalsSection } from './scores.js'
import { unitSection } from './units.js'

/** The whole assessment report of a period, as one HTML document. */
export async function assessReportHtml(m: AssessReportModel): Promise<string> {
  const tb = m.table
  const stateLine =
    tb.state === 'final'
      ? t('htmlReport.finalized', { at: m.finalizedAt ?? '', by: tb.finalizedBy ?? '', hash: tb.rowsHash ?? '' })
      : `${t('htmlReport.computed', { at: m.computedAt })}${m.state === 'provisional' ? `; ${t('htmlReport.provisionalNote')}` : ''}`
  const title = t('htmlReport.assessTitle', { period: tb.period })
  const body = html`${titleBlock({ org: m.org, title, state: m.state, stateLine, writtenAt: m.writtenAt })}
<p class="meta">${t('htmlReport.byLevel', { level: m.levelLabel })}</p>
${policyBlock(tb.policy)}
${scoreTable(m.rows)}
${await totalsSection(m.rows, tb.policy)}
<section id="units"><h2>${t('htmlReport.units')}</h2>
${m.rows.map((r) => unitSection(r, m.medians, m.trends.get(r.unitId) ?? [], m.explanations.get(r.unitId) ?? []))}
</section>
${contextSection(m.context)}`
  return htmlPage({ lang: m.lang, title: m.org === null ? title : `${m.org} · ${title}`, body })
}

/** The annual evaluation of a year (from its final half-years), as one HTML document. */
export async function annualReportHtml(m: AnnualReportModel): Promise<string> {
  const title = t('htmlReport.annualTitle', { year: m.year })
  const state = m.finals.length === 2 ? 'final' : 'provisional'
  const head = html`<tr><th class="num">${t('htmlReport.col.rank')}</th><th>${t('htmlReport.col.unit')}</th><th class="num">H1</th><th class="num">H2</th><th class="num">${t('htmlReport.col.total')}</th><th>${t('htmlReport.col.grade')}</th><th class="num">${t('htmlReport.col.coefficient')}</th><th></th></tr>`
  const rows = m.rows.map(
    (r) =>
      html`<tr data-unit="${r.unit}"><td class="num">${r.rank ?? ''}</td><td>${r.unit} ${r.name}</td>${scoreCell(r.H1)}${scoreCell(r.H2)}${
        r.total === null ? html`<td class="num na">${t('htmlReport.insufficient')}</td>` : html`<td class="num total">${format1(r.total)}</td>`
      }<td>${gradeBadge(r.grade)}</td><td class="num">${r.bonus === null ? '' : r.bonus.toFixed(2)}</td><td>${r.recognitions.join('; ')}</td></tr>`,
  )
  const body = html`${titleBlock({ org: m.org, title, state, stateLine: t('htmlReport.annualNote', { finals: m.finals.join(', ') }), writtenAt: m.writtenAt })}
${policyBlock(m.policy)}
<section id="scores"><h2>${t('htmlReport.scoreTable')}</h2><table class="scores"><thead>${head}</thead><tbody>${rows}</tbody></table></section>
${await totalsSection(
  m.rows.map((r) => ({ code: r.unit, name: r.name, total: r.total, grade: r.grade })),
  m.policy,
)}`
  return htmlPage({ lang: m.lang, title: m.org === null ? title : `${m.org} · ${title}`, body })
}
