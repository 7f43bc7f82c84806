import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireService, requireUnit } from '../../cli/lookups.js'
import { printEntity, printRows, shownInstant } from '../../cli/output.js'
import { OPEN_REQUEST_STATUSES } from '../../domain/requests/request-state.js'
import { deadlinesOf, deadlinesSource, type Service, type SlaDefaults } from '../../domain/requests/service.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { listServices, serviceOf, serviceRequestCounts } from '../../storage/services-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { t } from '../../domain/i18n/catalog.js'

/** The JSON of a service: its provider by code, its deadlines (the policy's where it sets none). */
export function serviceJson(s: Service, codes: ReadonlyMap<number, string>, defaults: SlaDefaults) {
  const deadlines = deadlinesOf(s, defaults)
  return {
    code: s.code,
    provider: codes.get(s.providerId) ?? null,
    name: s.name,
    responseHours: deadlines.responseHours,
    resolutionDays: deadlines.resolutionDays,
    deadlinesFrom: deadlinesSource(s),
    standard: s.standard,
    createdAt: shownInstant(s.createdAt),
  }
}

export function registerServiceViews(service: Command, ctx: AppContext): void {
  example(
    service
      .command('list')
      .description(t('service.list.description'))
      .option('--provider <unit>', t('service.list.provider'))
      .action((opts: ServiceListOptions) => serviceListRun(ctx, opts)),
    'icm service list --provider IT',
  )
  example(
    service
      .command('show')
      .description(t('service.show.description'))
      .argument('<code>', t('service.show.code'))
      .action((code: string) => serviceShowRun(ctx, code)),
    'icm service show IT-ACCOUNT',
  )
}

export interface ServiceListOptions {
  provider?: string
}

export async function serviceListRun(ctx: AppContext, opts: ServiceListOptions): Promise<void> {
  const store = await ctx.store()
  const provider = opts.provider ? await requireUnit(store.db, opts.provider, t('service.providerUnit')) : undefined
  const policy = await loadPolicy(store.db)
  const codes = await unitCodesById(store.db)
  const rows = (await listServices(store.db, provider?.id)).map((s) => serviceJson(s, codes, policy))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', title: t('service.col.code'), value: (s) => s.code },
      { header: 'provider', title: t('service.col.provider'), value: (s) => s.provider },
      { header: 'name', title: t('service.col.name'), value: (s) => s.name },
      { header: 'respond (h)', title: t('service.col.respond'), value: (s) => s.responseHours, align: 'right' },
      { header: 'resolve (d)', title: t('service.col.resolve'), value: (s) => s.resolutionDays, align: 'right' },
      { header: 'standard', title: t('service.col.standard'), value: (s) => s.standard },
    ],
    { csv: ctx.csv, empty: t('service.list.empty') },
  )
}

export async function serviceShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const s = serviceOf(await requireService(store.db, code))
  const policy = await loadPolicy(store.db)
  const json = { ...serviceJson(s, await unitCodesById(store.db), policy), requests: await serviceRequestCounts(store.db, s.id, OPEN_REQUEST_STATUSES) }
  printEntity(ctx, json, [
    ['code', json.code, t('service.col.code')],
    ['provider', json.provider, t('service.col.provider')],
    ['name', json.name, t('service.col.name')],
    ['respond within', `${t('service.hours', { n: json.responseHours })}${s.responseHours === null ? ' (sla.response_hours)' : ''}`, t('service.field.respondWithin')],
    ['resolve within', `${t('service.days', { n: json.resolutionDays })}${s.resolutionDays === null ? ' (sla.resolution_days)' : ''}`, t('service.field.resolveWithin')],
    ['quality standard', json.standard, t('service.field.standard')],
    ['requests', t('service.requestCount', { total: json.requests.total, open: json.requests.open }), t('service.field.requests')],
  ])
}
