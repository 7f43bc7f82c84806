import { html, type Html } from '../../../cli/html/html.js'
import { formatInstant } from '../../../domain/calendar/dates.js'
import { label, t } from '../../../domain/i18n/catalog.js'
import { format1 } from '../../../domain/rounding.js'
import type { PeriodContext } from './model.js'

const LIST_LIMIT = 20
const instant = (iso: string) => formatInstant(new Date(iso))
const num = (v: number | null) => (v === null ? t('htmlReport.na') : format1(v))

/** The period around the table: requests, complaints, surveys, open improvement actions. */
export function contextSection(c: PeriodContext): Html {
  const r = c.requests
  const counted = r.onTime + r.late
  const requests = html`<h3>${t('htmlReport.requests')}</h3>
<p class="requests-line">${t('htmlReport.requestsLine', {
    received: r.received,
    counted,
    onTime: r.onTime,
    percent: r.onTimePercent === null ? t('htmlReport.na') : `${format1(r.onTimePercent)}%`,
    late: r.late,
    median: num(r.medianHoursLate),
    max: num(r.maxHoursLate),
    excluded: r.excluded,
  })}</p>
${
  r.latest.length === 0
    ? ''
    : html`<table class="late"><thead><tr><th>${t('htmlReport.col.request')}</th><th>${t('htmlReport.col.unit')}</th><th>${t('htmlReport.col.due')}</th><th>${t('htmlReport.col.answered')}</th><th class="num">${t('htmlReport.col.hoursLate')}</th></tr></thead><tbody>${r.latest.map(
        (l) => html`<tr><td>${l.code}</td><td>${l.unit}</td><td>${instant(l.due)}</td><td>${l.respondedAt === null ? t('htmlReport.unanswered') : instant(l.respondedAt)}</td><td class="num">${format1(l.businessHoursLate)}</td></tr>`,
      )}</tbody></table>`
}`
  const k = c.complaints
  const complaints = html`<h3>${t('htmlReport.complaints')}</h3>
<p>${t('htmlReport.complaintsLine', { received: k.received, verified: k.verified, byDeadline: k.byDeadline, without: k.withoutRootCause })}</p>
${
  k.units.length === 0
    ? ''
    : html`<table class="complaints"><thead><tr><th>${t('htmlReport.col.unit')}</th><th class="num">${t('htmlReport.col.received')}</th><th class="num">${t('htmlReport.col.resolvedByDeadline')}</th></tr></thead><tbody>${k.units.map(
        (u) => html`<tr><td>${u.unit}</td><td class="num">${u.received}</td><td class="num">${u.resolvedByDeadline}</td></tr>`,
      )}</tbody></table>`
}
${
  k.rootCauses.length === 0
    ? ''
    : html`<table class="root-causes"><thead><tr><th>${t('htmlReport.col.category')}</th><th class="num">${t('htmlReport.col.count')}</th></tr></thead><tbody>${k.rootCauses.map(
        (rc) => html`<tr><td>${label('rootCause', rc.category)}</td><td class="num">${rc.count}</td></tr>`,
      )}</tbody></table>`
}`
  const surveys = html`<h3>${t('htmlReport.surveys')}</h3>${
    c.surveys.length === 0
      ? html`<p class="empty">${t('htmlReport.none')}</p>`
      : c.surveys.map(
          (s) => html`<p>${t('htmlReport.surveyLine', { code: s.code, kind: label('surveyKind', s.kind), period: s.period, responses: s.responses })}</p>
<table class="survey-units"><thead><tr><th>${t('htmlReport.col.unit')}</th><th class="num">${t('htmlReport.col.responses')}</th><th class="num">${t('htmlReport.col.satisfaction')}</th><th>${t('htmlReport.col.lowest')}</th></tr></thead><tbody>${s.units.map(
            (u) => html`<tr><td>${u.unit} ${u.name}</td><td class="num">${u.responses}</td><td class="num">${num(u.satisfaction)}</td><td>${u.lowest ? t(`htmlReport.dim.${u.lowest}` as 'htmlReport.dim.accuracy') : ''}</td></tr>`,
          )}</tbody></table>`,
        )
  }`
  const a = c.actions
  const shown = a.list.slice(0, LIST_LIMIT)
  const actions = html`<h3>${t('htmlReport.actions')}</h3>
<p>${t('htmlReport.actionsLine', { open: a.open, overdue: a.overdue })}</p>
${
  shown.length === 0
    ? ''
    : html`<table class="actions"><thead><tr><th>${t('htmlReport.col.code')}</th><th>${t('htmlReport.col.owner')}</th><th>${t('htmlReport.col.due')}</th><th>${t('htmlReport.col.description')}</th></tr></thead><tbody>${shown.map(
        (x) => html`<tr${x.overdue ? html` class="overdue"` : ''}><td>${x.code}</td><td>${x.owner}</td><td>${x.due}</td><td>${x.description}</td></tr>`,
      )}</tbody></table>${a.list.length > shown.length ? html`<p class="meta">${t('htmlReport.more', { n: a.list.length - shown.length })}</p>` : ''}`
}`
  return html`<section id="context"><h2>${t('htmlReport.context')}</h2>${requests}${complaints}${surveys}${actions}</section>`
}
