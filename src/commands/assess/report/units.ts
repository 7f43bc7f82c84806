import { html, raw, type Html } from '../../../cli/html/html.js'
import { gradeBadge } from '../../../cli/html/page.js'
import { componentsSvg, trendSvg } from '../../../cli/html/small-charts.js'
import { COMPONENT_KEYS } from '../../../domain/assessment/kpi.js'
import type { ComponentMedians, TrendPoint } from '../../../domain/assessment/report-figures.js'
import type { ScoreRow } from '../../../domain/assessment/score-table.js'
import { t } from '../../../domain/i18n/catalog.js'
import { format1 } from '../../../domain/rounding.js'
import { componentLabel } from './head.js'

/** One unit: its components against the company median, its trend (chart and table), its explanation. */
export function unitSection(r: ScoreRow, medians: ComponentMedians, trend: readonly TrendPoint[], explanation: readonly string[]): Html {
  const bars = [...COMPONENT_KEYS.map((k) => ({ label: componentLabel(k), value: r.components[k], median: medians[k] })), { label: t('htmlReport.col.total'), value: r.total, median: medians.total }]
  const components = componentsSvg(bars, { na: t('htmlReport.na'), median: t('htmlReport.median') })
  const trendChart = trendSvg(trend.map((p) => ({ label: p.period, value: p.total })))
  const totalText = r.total === null ? t('htmlReport.insufficient') : format1(r.total)
  return html`<article class="unit" id="unit-${r.code}" data-unit="${r.code}">
<h3>${r.rank === null ? '' : html`#${r.rank} `}${r.code} ${r.name} · ${totalText} ${gradeBadge(r.grade)}</h3>
<div class="charts">
<figure class="components"><figcaption class="meta">${t('htmlReport.components')}</figcaption>${raw(components)}</figure>
<figure class="trend"><figcaption class="meta">${t('htmlReport.trend', { n: trend.length })}</figcaption>${raw(trendChart)}</figure>
${trendTable(trend)}
</div>
<details><summary>${t('htmlReport.explain')}</summary><pre>${explanation.join('\n')}</pre></details>
</article>`
}

function trendTable(trend: readonly TrendPoint[]): Html {
  return html`<table class="trend-table"><thead><tr><th>${t('htmlReport.col.period')}</th><th class="num">${t('htmlReport.col.total')}</th><th>${t('htmlReport.col.grade')}</th><th>${t('htmlReport.col.state')}</th></tr></thead><tbody>${trend.map(
    (p) =>
      html`<tr><td>${p.period}</td>${
        p.total === null ? html`<td class="num na">${p.inTable ? t('htmlReport.insufficient') : t('htmlReport.notInTable')}</td>` : html`<td class="num">${format1(p.total)}</td>`
      }<td>${gradeBadge(p.grade)}</td><td>${t(`htmlReport.state.${p.state}`)}</td></tr>`,
  )}</tbody></table>`
}
