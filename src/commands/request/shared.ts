import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { requireUnit } from '../../cli/lookups.js'
import { splitList } from '../../cli/options.js'
import { printEntity, shownInstant } from '../../cli/output.js'
import { NotFoundError } from '../../domain/errors.js'
import { createBusinessClock, type BusinessClock } from '../../domain/calendar/business-time.js'
import { onTimeOf } from '../../domain/calendar/lateness.js'
import { checkCoResponsible, type Request, type UnitRef } from '../../domain/requests/request.js'
import { priorityInputOf, urgentLimitDate } from '../../domain/requests/evaluation.js'
import { QUADRANT_LABELS, priorityOf } from '../../domain/requests/priority.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { evaluationSummaries } from '../../storage/request-evaluations-repo.js'
import { coUnitsOf, findRequestByCode } from '../../storage/requests-repo.js'
import type { DB } from '../../storage/schema.js'
import { findServiceById, serviceCodesById } from '../../storage/services-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { t } from '../../domain/i18n/catalog.js'

/** What several request commands share: finding a request, its JSON, the --also units. */

export async function requireRequest(db: Kysely<DB>, code: string): Promise<Request> {
  const r = await findRequestByCode(db, code)
  if (!r) throw new NotFoundError(t('request.unknown', { code }), t('request.unknown.hint'))
  return r
}

/**
 * A request as --json prints it: codes for units, ISO 8601 local times. On time or late is measured now by the one business-time rule
 * (lateness.ts), as T and `request overdue` measure it: the value stored at the response predates
 * that rule for requests answered before it.
 */
export function requestJson(r: Request, codes: ReadonlyMap<number, string>, coUnitIds: readonly number[], serviceCode: string | null, clock: BusinessClock) {
  return {
    code: r.code,
    status: r.status,
    from: codes.get(r.customerId) ?? null,
    to: codes.get(r.providerId) ?? null,
    also: coUnitIds.map((id) => codes.get(id) ?? null),
    service: serviceCode,
    channel: r.channel,
    title: r.title,
    description: r.description,
    neededBy: r.neededBy,
    loggedAt: shownInstant(r.loggedAt),
    responseDue: shownInstant(r.responseDue),
    respondedAt: shownInstant(r.respondedAt),
    responseOnTime: onTimeOf(clock, r.responseDue, r.respondedAt),
    decision: r.decision,
    expected: r.expectedDate,
    rejectReason: r.rejectReason,
    resolutionDue: shownInstant(r.resolutionDue),
    resolutionOnTime: onTimeOf(clock, r.resolutionDue, r.resolvedAt),
    pausedBusinessHours: Math.round((r.pausedMinutes / 60) * 10) / 10,
    waitingSince: shownInstant(r.waitingSince),
    waitingReason: r.waitingReason,
    startedAt: shownInstant(r.startedAt),
    resolvedAt: shownInstant(r.resolvedAt),
    resolutionNote: r.resolutionNote,
    closedAt: shownInstant(r.closedAt),
    satisfaction: r.satisfaction,
    cancelledAt: shownInstant(r.cancelledAt),
    cancelReason: r.cancelReason,
  }
}

/** Unit codes, co-responsible units and service codes for printing requests. */
export async function codesFor(db: Kysely<DB>, requests: readonly Request[]) {
  const codes = await unitCodesById(db)
  const co = await coUnitsOf(db, requests.map((r) => r.id))
  const services = await serviceCodesById(db)
  return { codes, co, services }
}

/** With --json, the request after a step and its priority now (the confirmation goes to stderr either way). */
export async function printRequest(ctx: AppContext, db: Kysely<DB>, r: Request): Promise<void> {
  if (!ctx.json) return
  const codes = await unitCodesById(db)
  const co = (await coUnitsOf(db, [r.id])).get(r.id) ?? []
  const service = r.serviceId === null ? undefined : await findServiceById(db, r.serviceId)
  const schedule = await loadSchedule(db)
  const limit = urgentLimitDate(schedule, ctx.now())
  const evals = (await evaluationSummaries(db, [r.id])).get(r.id)
  const p = priorityOf(priorityInputOf(r.neededBy, evals, limit))
  const priority = { score: p.score, quadrant: p.quadrant, quadrantLabel: QUADRANT_LABELS[p.quadrant], important: p.important, urgent: p.urgent, evaluations: evals?.count ?? 0 }
  printEntity(ctx, { ...requestJson(r, codes, co, service?.code ?? null, createBusinessClock(schedule)), priority }, [])
}

/** The co-responsible units of --also (each once), none of them the provider or the customer. */
export async function resolveAlso(db: Kysely<DB>, text: string | undefined, providerId: number, customerId: number): Promise<UnitRef[]> {
  const units: UnitRef[] = []
  for (const ref of splitList(text)) {
    const u = checkCoResponsible(await requireUnit(db, ref, t('request.coUnit')), providerId, customerId)
    if (!units.some((x) => x.id === u.id)) units.push({ id: u.id, code: u.code })
  }
  return units
}
