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
      .description('List the service catalogue')
      .option('--provider <unit>', 'only this provider')
      .action((opts: ServiceListOptions) => serviceListRun(ctx, opts)),
    'icm service list --provider IT',
  )
  example(
    service
      .command('show')
      .description('Show a service, its deadlines and how many requests it has')
      .argument('<code>', 'service code')
      .action((code: string) => serviceShowRun(ctx, code)),
    'icm service show IT-ACCOUNT',
  )
}

export interface ServiceListOptions {
  provider?: string
}

export async function serviceListRun(ctx: AppContext, opts: ServiceListOptions): Promise<void> {
  const store = await ctx.store()
  const provider = opts.provider ? await requireUnit(store.db, opts.provider, 'provider unit') : undefined
  const policy = await loadPolicy(store.db)
  const codes = await unitCodesById(store.db)
  const rows = (await listServices(store.db, provider?.id)).map((s) => serviceJson(s, codes, policy))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', value: (s) => s.code },
      { header: 'provider', value: (s) => s.provider },
      { header: 'name', value: (s) => s.name },
      { header: 'respond (h)', value: (s) => s.responseHours, align: 'right' },
      { header: 'resolve (d)', value: (s) => s.resolutionDays, align: 'right' },
      { header: 'standard', value: (s) => s.standard },
    ],
    { csv: ctx.csv, empty: 'no services yet (add one with icm service add)' },
  )
}

export async function serviceShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const s = serviceOf(await requireService(store.db, code))
  const policy = await loadPolicy(store.db)
  const json = { ...serviceJson(s, await unitCodesById(store.db), policy), requests: await serviceRequestCounts(store.db, s.id, OPEN_REQUEST_STATUSES) }
  printEntity(ctx, json, [
    ['code', json.code],
    ['provider', json.provider],
    ['name', json.name],
    ['respond within', `${json.responseHours} business hours${s.responseHours === null ? ' (sla.response_hours)' : ''}`],
    ['resolve within', `${json.resolutionDays} business days${s.resolutionDays === null ? ' (sla.resolution_days)' : ''}`],
    ['quality standard', json.standard],
    ['requests', `${json.requests.total} (${json.requests.open} open)`],
  ])
}
