import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printEntity, printText, shownInstant } from '../../cli/output.js'
import { createBusinessClock } from '../../domain/calendar/business-time.js'
import { formatInstant } from '../../domain/calendar/dates.js'
import { priorityInputOf, urgentLimitDate } from '../../domain/requests/evaluation.js'
import { QUADRANT_LABELS, explainPriority, priorityOf } from '../../domain/requests/priority.js'
import { businessHoursLate, overdueAt } from '../../domain/requests/request.js'
import { REQUEST_ACTION_COMMANDS, allowedRequestActions } from '../../domain/requests/request-state.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { listEvents } from '../../storage/events-repo.js'
import { listChanges } from '../../storage/request-changes-repo.js'
import { evaluationSummaries, listEvaluations } from '../../storage/request-evaluations-repo.js'
import { findServiceById } from '../../storage/services-repo.js'
import { codesFor, requestJson, requireRequest } from './shared.js'
import { hasMessage, isChinese, label, t } from '../../domain/i18n/catalog.js'
import { onTimeOf } from '../../domain/calendar/lateness.js'
import { shownStatus } from '../../domain/requests/request-labels.js'

export function registerShow(request: Command, ctx: AppContext): void {
  example(
    request
      .command('show')
      .description(t('request.show.description'))
      .argument('<code>', t('request.code'))
      .action((code: string) => requestShowRun(ctx, code)),
    'icm request show REQ-0007',
  )
}

export async function requestShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const r = await requireRequest(store.db, code)
  const now = ctx.now()
  const schedule = await loadSchedule(store.db)
  const { codes, co } = await codesFor(store.db, [r])
  const service = r.serviceId === null ? undefined : await findServiceById(store.db, r.serviceId)
  const evaluations = await listEvaluations(store.db, r.id)
  const summary = (await evaluationSummaries(store.db, [r.id])).get(r.id)
  const input = priorityInputOf(r.neededBy, summary, urgentLimitDate(schedule, now))
  const priority = priorityOf(input)
  const changes = await listChanges(store.db, r.id)
  const events = await listEvents(store.db, { entity: r.code, limit: 1000 })
  const clock = createBusinessClock(schedule)
  const overdue = overdueAt(r, now, clock)
  const json = {
    ...requestJson(r, codes, co.get(r.id) ?? [], service?.code ?? null, clock),
    overdue: overdue ? { kind: overdue.kind, due: formatInstant(overdue.due), businessHoursLate: businessHoursLate(clock, overdue.due, now) } : null,
    nextSteps: allowedRequestActions(r.status).map((a) => REQUEST_ACTION_COMMANDS[a]),
    priority: { ...priority, quadrantLabel: QUADRANT_LABELS[priority.quadrant], explanation: explainPriority(input) },
    evaluations: evaluations.map((e) => ({
      evaluator: e.evaluator,
      reasonableness: e.reasonableness,
      feasibility: e.feasibility,
      impact: e.impact,
      costBenefit: e.costBenefit,
      important: e.important,
      urgent: e.urgent,
      note: e.note,
      at: shownInstant(e.at),
      current: e.supersededAt === null,
    })),
    changes: changes.map(({ superseded, ...c }) => ({
      ...c,
      at: shownInstant(c.at),
      // a change of scope: the response clock it ended, which T still counts where it was due
      ...(superseded
        ? {
            superseded: {
              provider: codes.get(superseded.providerId) ?? String(superseded.providerId),
              responseDue: shownInstant(superseded.responseDue),
              respondedAt: superseded.respondedAt === null ? null : shownInstant(superseded.respondedAt),
              responseOnTime: onTimeOf(clock, superseded.responseDue, superseded.respondedAt),
            },
          }
        : {}),
    })),
    // in the order things happened (--at), not the order they were recorded
    timeline: events
      .map((e) => {
        const details = JSON.parse(e.details) as Record<string, unknown>
        const at = typeof details.at === 'string' ? details.at : e.at
        return { t: Date.parse(at), at: shownInstant(at), action: e.action, actor: e.actor, details }
      })
      .sort((a, b) => a.t - b.t)
      .map(({ t: _t, ...rest }) => rest),
  }
  if (ctx.json) {
    printEntity(ctx, json, [])
    return
  }
  const deadline = (due: string | null, done: string | null, onTime: boolean | null) =>
    due === null ? null : done ? t(onTime === null ? 'request.show.doneAt' : onTime ? 'request.show.doneOnTime' : 'request.show.doneLate', { due, done }) : due
  // a Chinese terminal reads the status and channel by their labels
  const term = ctx.io.stdoutIsTTY && isChinese()
  printEntity(ctx, json, [
    ['request', `${r.code} ${r.title}`, t('request.field.request')],
    ['status', `${term ? label('requestStatus', r.status) : r.status}${json.nextSteps.length ? `   ${t('request.next', { commands: json.nextSteps.join(' · ') })}` : ''}`, t('request.field.status')],
    ['from → to', json.also.length ? t('request.show.also', { from: String(json.from), to: String(json.to), units: json.also.join(', ') }) : `${json.from} → ${json.to}`, t('request.field.fromTo')],
    ['service', service ? `${service.code} ${service.name}` : null, t('request.field.service')],
    ['channel', term ? label('requestChannel', r.channel) : r.channel, t('request.field.channel')],
    ['description', r.description, t('request.field.description')],
    ['needed by', r.neededBy, t('request.field.neededBy')],
    ['logged', json.loggedAt, t('request.field.logged')],
    ['response due', deadline(json.responseDue, json.respondedAt, json.responseOnTime), t('request.field.responseDue')],
    ['decision', r.decision ? decisionText(r.decision, r.expectedDate, r.rejectReason) : null, t('request.field.decision')],
    ['resolution due', deadline(json.resolutionDue, json.resolvedAt, json.resolutionOnTime), t('request.field.resolutionDue')],
    ['paused (waiting)', r.pausedMinutes > 0 || r.waitingSince ? (r.waitingSince ? t('request.show.pausedWaiting', { h: json.pausedBusinessHours, since: String(json.waitingSince), reason: String(r.waitingReason) }) : t('request.show.paused', { h: json.pausedBusinessHours })) : null, t('request.field.paused')],
    ['overdue', json.overdue ? t('request.show.overdue', { kind: term ? t(`request.overdue.kind.${json.overdue.kind}`) : json.overdue.kind, h: json.overdue.businessHoursLate }) : null, t('request.field.overdue')],
    ['closed', json.closedAt ? (r.satisfaction ? t('request.show.closedSatisfaction', { at: json.closedAt, n: r.satisfaction }) : json.closedAt) : null, t('request.field.closed')],
    ['cancelled', json.cancelledAt ? t('request.show.cancelled', { at: json.cancelledAt, reason: String(r.cancelReason) }) : null, t('request.field.cancelled')],
  ])
  printText(ctx, `\n${t('request.show.priority')}`)
  for (const line of json.priority.explanation) printText(ctx, `  ${line}`)
  if (json.evaluations.length > 0) {
    printText(ctx, `\n${t('request.show.evaluations')}`)
    for (const e of json.evaluations) {
      printText(ctx, `  ${e.at} ${e.evaluator}: R${e.reasonableness} F${e.feasibility} I${e.impact} C${e.costBenefit}${e.important !== null ? ` ${term ? t('request.quadrant.2') : 'important'}=${t(e.important ? 'request.yes' : 'request.no')}` : ''}${e.urgent !== null ? ` ${term ? t('request.quadrant.3') : 'urgent'}=${t(e.urgent ? 'request.yes' : 'request.no')}` : ''}${e.current ? '' : t('request.show.notCounted')}${e.note ? ` — ${e.note}` : ''}`)
    }
  }
  if (json.changes.length > 0) {
    printText(ctx, `\n${t('request.show.changes')}`)
    for (const c of json.changes) {
      const what = Object.entries(c.changes)
        .map(([k, v]) => `${changedFieldLabel(k)}: ${JSON.stringify(v.from)} → ${JSON.stringify(v.to)}`)
        .join('; ')
      const scope = c.scopeChange ? t('request.show.scope', { before: shownStatus(c.statusBefore), after: shownStatus(c.statusAfter) }) : ''
      const ended = c.superseded ? t('request.show.superseded', { due: c.superseded.responseDue ?? '', answer: supersededAnswer(c.superseded) }) : ''
      printText(ctx, `  ${c.at} ${c.actor}: ${t('request.show.because', { what, reason: c.reason })}${c.impact ? t('request.show.impact', { impact: c.impact }) : ''}${scope}${ended}`)
    }
  }
  printText(ctx, `\n${t('request.show.timeline')}`)
  for (const e of json.timeline) {
    const step = e.action.replace('request.', '')
    const shown = term && hasMessage(`request.step.${step}`) ? t(`request.step.${step}` as 'request.step.log') : step.padEnd(9)
    printText(ctx, `  ${e.at}  ${shown} ${e.actor}`)
  }
}

/** 'accepted, expected 2026-07-03' or 'rejected: the reason', the decision by its label in Chinese. */
function decisionText(decision: string, expected: string | null, reason: string | null): string {
  let text = shownStatus(decision)
  if (expected) text = t('request.show.expected', { decision: text, date: expected })
  if (reason) text = t('request.show.reason', { decision: text, reason })
  return text
}

/** A changed field's name in the interface language (the record keeps the field's key). */
function changedFieldLabel(field: string): string {
  const labels: Record<string, 'request.col.title' | 'request.field.description' | 'request.col.to' | 'request.col.neededBy' | 'request.col.also'> = {
    title: 'request.col.title',
    description: 'request.field.description',
    provider: 'request.col.to',
    neededBy: 'request.col.neededBy',
    also: 'request.col.also',
  }
  const key = labels[field]
  return key ? t(key) : field
}

/** How the response clock a change of scope ended was met: answered on time or late, or not at all. */
function supersededAnswer(s: { respondedAt: string | null; responseOnTime: boolean | null }): string {
  if (s.respondedAt === null) return t('request.show.superseded.unanswered')
  return t(s.responseOnTime ? 'request.show.superseded.onTime' : 'request.show.superseded.late', { at: s.respondedAt })
}
