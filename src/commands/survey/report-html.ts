import { totalsChart } from '../../cli/html/echarts-svg.js'
import { html, raw, type Html } from '../../cli/html/html.js'
import { htmlPage } from '../../cli/html/page.js'
import { componentsSvg } from '../../cli/html/small-charts.js'
import { t } from '../../domain/i18n/catalog.js'
import { label } from '../../domain/i18n/catalog.js'
import { format1 } from '../../domain/rounding.js'
import { SCORE_FIELDS, type ScoreField, type ScoreValues } from '../../domain/surveys/survey-fields.js'
import type { UnitSurveyResult } from '../../domain/surveys/survey.js'

/** `icm survey report`: one self-contained HTML file with each rated unit's results and comments. */
export interface SurveyReportModel {
  lang: string
  org: string | null
  survey: { code: string; title: string; kind: string; period: string; responses: number }
  minResponses: number
  /** the mean of each score over every response */
  means: ScoreValues
  units: (UnitSurveyResult & { unit: string; name: string; comments: string[] })[]
  writtenAt: string
}

/** Comments shown before the rest are folded away. */
const SHOWN_COMMENTS = 5

const dim = (f: ScoreField) => t(`htmlReport.dim.${f}`)
const mean = (v: number | null) => (v === null ? t('htmlReport.na') : v.toFixed(2))

export async function surveyReportHtml(m: SurveyReportModel): Promise<string> {
  const s = m.survey
  const title = t('htmlReport.surveyTitle', { code: s.code })
  const chart = await totalsChart(
    m.units.map((u) => ({ label: `${u.unit} ${u.name}`, total: u.satisfaction, grade: null })),
    [],
  )
  const head = html`<tr><th>${t('htmlReport.col.unit')}</th><th class="num">${t('htmlReport.col.responses')}</th>${SCORE_FIELDS.map((f) => html`<th class="num">${dim(f)}</th>`)}<th class="num">${t('htmlReport.col.satisfaction')}</th><th>${t('htmlReport.col.lowest')}</th></tr>`
  const rows = m.units.map(
    (u) =>
      html`<tr data-unit="${u.unit}"><td><a href="#unit-${u.unit}">${u.unit}</a> ${u.name}</td><td class="num">${u.responses}</td>${SCORE_FIELDS.map((f) => html`<td class="num${u[f] === null ? ' na' : ''}">${mean(u[f])}</td>`)}${
        u.satisfaction === null ? html`<td class="num na">${t('htmlReport.na')}</td>` : html`<td class="num">${format1(u.satisfaction)}</td>`
      }<td>${u.lowestDimension === null ? '' : dim(u.lowestDimension)}</td></tr>`,
  )
  const body = html`<header class="title">
${m.org === null ? '' : html`<p class="meta org">${m.org}</p>`}
<h1>${title}</h1>
<p class="meta">${s.title} · ${label('surveyKind', s.kind)} · ${s.period} · ${t('htmlReport.surveyLine', { code: s.code, kind: label('surveyKind', s.kind), period: s.period, responses: s.responses })}</p>
<p class="meta">${t('htmlReport.unitsRated', { n: m.units.length, min: m.minResponses })}</p>
<p class="meta">${t('htmlReport.generated', { at: m.writtenAt })}</p>
</header>
<section id="scores"><h2>${t('htmlReport.scoreTable')}</h2>
${m.units.length === 0 ? html`<p class="empty">${t('htmlReport.noResponses')}</p>` : html`<table class="scores"><thead>${head}</thead><tbody>${rows}</tbody></table>`}
</section>
<section id="totals"><h2>${t('htmlReport.satisfactionChart')}</h2><figure class="totals-chart" data-graded="${m.units.filter((u) => u.satisfaction !== null).length}">${raw(chart)}</figure></section>
<section id="units"><h2>${t('htmlReport.units')}</h2>
${m.units.map((u) => unitSection(u, m.means))}
</section>`
  return htmlPage({ lang: m.lang, title: m.org === null ? title : `${m.org} · ${title}`, body })
}

function unitSection(u: SurveyReportModel['units'][number], means: ScoreValues): Html {
  const svg = componentsSvg(
    SCORE_FIELDS.map((f) => ({ label: dim(f), value: u[f], median: means[f] })),
    { na: t('htmlReport.na'), median: t('htmlReport.surveyMean'), min: 1, max: 5, digits: 2, labelWidth: 110 },
  )
  const first = u.comments.slice(0, SHOWN_COMMENTS)
  const rest = u.comments.slice(SHOWN_COMMENTS)
  return html`<article class="unit" id="unit-${u.unit}" data-unit="${u.unit}">
<h3>${u.unit} ${u.name} · ${u.responses} ${t('htmlReport.col.responses')}${u.satisfaction === null ? '' : html` · ${format1(u.satisfaction)}`}</h3>
<figure class="components"><figcaption class="meta">${t('htmlReport.dimensions')}</figcaption>${raw(svg)}</figure>
${
  u.comments.length === 0
    ? ''
    : html`<p class="meta">${t('htmlReport.comments', { n: u.comments.length })}</p><ul class="comments">${first.map((c) => html`<li>${c}</li>`)}</ul>${
        rest.length === 0 ? '' : html`<details><summary>${t('htmlReport.allComments', { n: u.comments.length })}</summary><ul class="comments">${rest.map((c) => html`<li>${c}</li>`)}</ul></details>`
      }`
}
</article>`
}
