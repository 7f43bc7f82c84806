import { html, type Html } from '../../../cli/html/html.js'
import type { AssessPolicy } from '../../../domain/assessment/assessment.js'
import { COMPONENT_KEYS, GRADES } from '../../../domain/assessment/kpi.js'
import { t } from '../../../domain/i18n/catalog.js'
import { gradeBadge } from '../../../cli/html/page.js'

/** The title block: company, title, state with hash and finalize time, when written. */
export function titleBlock(p: { org: string | null; title: string; state: 'final' | 'draft' | 'provisional'; stateLine: string; writtenAt: string }): Html {
  return html`<header class="title">
${p.org === null ? '' : html`<p class="meta org">${p.org}</p>`}
<h1>${p.title}</h1>
<p class="meta"><span class="state state-${p.state}" data-state="${p.state}">${t(`htmlReport.state.${p.state}`)}</span> ${p.stateLine}</p>
<p class="meta">${t('htmlReport.generated', { at: p.writtenAt })}</p>
</header>`
}

/** The policy the table was computed with: weights, grade bands, coefficients, thresholds. */
export function policyBlock(policy: AssessPolicy): Html {
  const w = policy.weights
  return html`<section id="policy"><h2>${t('htmlReport.policy')}</h2>
<table class="policy">
<tr><th>${t('htmlReport.weights')}</th>${COMPONENT_KEYS.map((k) => html`<td>${componentLabel(k)} ${w[k]}</td>`)}</tr>
<tr><th>${t('htmlReport.grades')}</th>${(['A', 'B', 'C', 'D'] as const).map((g) => html`<td>${gradeBadge(g)} ≥ ${policy.grades[g]}</td>`)}<td>${gradeBadge('E')} &lt; ${policy.grades.D}</td><td></td></tr>
<tr><th>${t('htmlReport.coefficients')}</th>${GRADES.map((g) => html`<td>${gradeBadge(g)} ${policy.bonus[g].toFixed(2)}</td>`)}<td></td></tr>
</table>
<p class="meta">${t('htmlReport.minResponses', { n: policy.minResponses, free: policy.complaintFree })}</p>
</section>`
}

/** A component's column heading: S, T, C, H keep their letters; self and superior are words. */
export function componentLabel(k: (typeof COMPONENT_KEYS)[number]): string {
  return k === 'self' ? t('htmlReport.col.self') : k === 'superior' ? t('htmlReport.col.superior') : k
}
