import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { atOption, optionalText, parseAt, requiredText } from '../../cli/options.js'
import { confirm } from '../../cli/output.js'
import { formatInstant, parseDate } from '../../domain/calendar/dates.js'
import { UsageError, UserError } from '../../domain/errors.js'
import { checkName } from '../../domain/org/unit.js'
import { changeRequest, type RequestChange } from '../../domain/requests/request-change.js'
import { checkAfterLastStep } from '../../domain/requests/request-steps.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertChange } from '../../storage/request-changes-repo.js'
import { supersedeEvaluations } from '../../storage/request-evaluations-repo.js'
import { coUnitsOf, saveRequest, setCoUnits } from '../../storage/requests-repo.js'
import { findServiceById } from '../../storage/services-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { printRequest, requireRequest, resolveAlso } from './shared.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerChange(request: Command, ctx: AppContext): void {
  example(
    atOption(
      request
        .command('change')
        .description(t('request.change.description'))
        .argument('<code>', t('request.code'))
        .option('--title <text>', t('request.change.title'))
        .option('--description <text>', t('request.change.descriptionOption'))
        .option('--to <unit>', t('request.change.to'))
        .option('--needed-by <date>', t('request.change.neededBy'))
        .option('--also <units>', t('request.change.also'))
        .option('--reason <text>', t('request.change.reason'))
        .option('--impact <text>', t('request.change.impact')),
      t('request.change.at'),
    ).action((code: string, opts: ChangeOptions) => requestChangeRun(ctx, code, opts)),
    'icm request change REQ-0007 --title "CRM 导出报表(含回款字段)" --reason "销售部追加回款字段" --impact "预计延后2天"',
  )
}

export interface ChangeOptions {
  title?: string
  description?: string
  to?: string
  neededBy?: string
  also?: string
  reason?: string
  impact?: string
  at?: string
}

export async function requestChangeRun(ctx: AppContext, code: string, opts: ChangeOptions): Promise<void> {
  if ([opts.title, opts.description, opts.to, opts.neededBy, opts.also].every((v) => v === undefined)) {
    throw new UsageError(t('request.change.nothing'), t('request.change.nothing.hint'))
  }
  const reason = optionalText(opts.reason) ?? (await requiredText(ctx, undefined, { flag: '--reason', message: t('request.change.askReason') }))
  const change: RequestChange = {
    title: opts.title === undefined ? undefined : checkName(opts.title, '--title'),
    description: opts.description === undefined ? undefined : optionalText(opts.description),
    neededBy: opts.neededBy === undefined ? undefined : opts.neededBy.trim() === '' ? null : parseDate(opts.neededBy, '--needed-by'),
    reason,
    impact: optionalText(opts.impact),
  }
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const r = await requireRequest(trx, code)
    checkAfterLastStep(r, at)
    const codes = await unitCodesById(trx)
    if (opts.to !== undefined) {
      const provider = await requireUnit(trx, opts.to, t('request.providerUnit'))
      if (provider.id === r.customerId) throw new UserError(t('request.toIsCustomer', { code: provider.code }), t('request.toIsCustomer.hint'))
      change.provider = { id: provider.id, code: provider.code }
    }
    const alsoIds = (await coUnitsOf(trx, [r.id])).get(r.id) ?? []
    if (opts.also !== undefined) change.also = await resolveAlso(trx, opts.also, change.provider?.id ?? r.providerId, r.customerId)
    const policy = await loadPolicy(trx)
    const outcome = changeRequest(
      r,
      change,
      {
        provider: { id: r.providerId, code: codes.get(r.providerId)! },
        also: alsoIds.map((id) => ({ id, code: codes.get(id)! })),
        service: r.serviceId === null ? undefined : await findServiceById(trx, r.serviceId),
        defaults: policy,
        schedule: await loadSchedule(trx, policy),
      },
      at,
      ctx.now(),
    )
    if (outcome.supersedeEvaluations) await supersedeEvaluations(trx, r.id, at.toISOString())
    const updated = await saveRequest(trx, outcome.request)
    if (outcome.also) await setCoUnits(trx, r.id, outcome.also)
    const { changes, scopeChange, statusBefore, statusAfter, superseded } = outcome
    await insertChange(trx, r.id, { at: at.toISOString(), actor: ctx.actor, changes, reason, impact: change.impact, scopeChange, statusBefore, statusAfter, superseded })
    await appendEvent(trx, ctx.event('request.change', r.code, outcome.details))
    return updated
  })
  await printRequest(ctx, store.db, row)
  confirm(ctx, row.status === 'new' ? t('request.changed.reevaluate', { code: row.code, due: formatInstant(new Date(row.responseDue)) }) : t('request.changed', { code: row.code }))
}
