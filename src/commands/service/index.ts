import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity, printRows, shownInstant } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { ConflictError } from '../../domain/errors.js'
import { OPEN_REQUEST_STATUSES } from '../../domain/requests/request-state.js'
import { checkCode, checkName } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import type { ServiceRow } from '../../storage/schema.js'
import { findServiceByCode, insertService, listServices, serviceRequestCounts } from '../../storage/services-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { example } from '../../cli/help.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { parseNumber } from '../../cli/options.js'
import { requireUnit } from '../../cli/lookups.js'
import { requireService } from '../../cli/lookups.js'

/** The service catalogue (policy 4.1–4.2): what each unit provides, by when, to what standard. */
export function registerService(program: Command, ctx: AppContext): void {
  const service = program.command('service').description('Service catalogue: services, deadlines and quality standards')

  example(
    service
      .command('add')
      .description("Add a service to a provider's catalogue; its deadlines override the sla.* defaults")
      .argument('<code>', 'service code, e.g. IT-ACCOUNT')
      .option('--provider <unit>', 'the unit that provides it')
      .option('--name <name>', 'service name')
      .option('--response-hours <n>', 'business hours to respond (default: sla.response_hours)')
      .option('--resolution-days <n>', 'business days to resolve once accepted (default: sla.resolution_days)')
      .option('--standard <text>', 'the quality standard')
      .action((code: string, opts: ServiceAddOptions) => serviceAddRun(ctx, code, opts)),
    'icm service add IT-ACCOUNT --provider IT --name 账号开通 --response-hours 4 --resolution-days 1 --standard "当天开通, 一次成功"',
  )
  example(
    service
      .command('list')
      .description('List the service catalogue')
      .option('--provider <unit>', 'only this provider')
      .action((opts: { provider?: string; csv?: boolean }) => serviceListRun(ctx, opts)),
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

interface ServiceAddOptions {
  provider?: string
  name?: string
  responseHours?: string
  resolutionDays?: string
  standard?: string
}

export function serviceJson(s: ServiceRow, codes: ReadonlyMap<number, string>, defaults?: { responseHours: number; resolutionDays: number }) {
  return {
    code: s.code,
    provider: codes.get(s.provider_id) ?? null,
    name: s.name,
    responseHours: s.response_hours ?? defaults?.responseHours ?? null,
    resolutionDays: s.resolution_days ?? defaults?.resolutionDays ?? null,
    deadlinesFrom: s.response_hours === null && s.resolution_days === null ? 'config' : 'service',
    standard: s.standard,
    createdAt: shownInstant(s.created_at),
  }
}

export async function serviceAddRun(ctx: AppContext, code: string, opts: ServiceAddOptions): Promise<void> {
  const serviceCode = checkCode(code, 'service code', 'IT-ACCOUNT')
  const providerRef = await need(ctx, opts.provider, { flag: '--provider', message: 'Provider unit' })
  const name = checkName(await need(ctx, opts.name, { flag: '--name', message: 'Service name' }), '--name')
  const responseHours = parseNumber(opts.responseHours, '--response-hours', 0.25, 10_000) ?? null
  const resolutionDays = parseNumber(opts.resolutionDays, '--resolution-days', 0.25, 1_000) ?? null
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const existing = await findServiceByCode(trx, serviceCode)
    if (existing) throw new ConflictError(`service ${existing.code} already exists`, 'choose another code')
    const provider = await requireUnit(trx, providerRef, 'provider unit')
    const created = await insertService(trx, {
      code: serviceCode,
      provider_id: provider.id,
      name,
      response_hours: responseHours,
      resolution_days: resolutionDays,
      standard: opts.standard?.trim() || null,
      created_at: ctx.now().toISOString(),
    })
    await appendEvent(trx, ctx.event('service.add', created.code, { provider: provider.code, name, responseHours, resolutionDays, standard: created.standard }))
    return created
  })
  const policy = await loadPolicy(store.db)
  const json = serviceJson(row, await unitCodesById(store.db), policy)
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, `service ${row.code} ${row.name} added for ${json.provider} (respond within ${json.responseHours} business hours, resolve within ${json.resolutionDays} business days)`)
}

export async function serviceListRun(ctx: AppContext, opts: { provider?: string; csv?: boolean }): Promise<void> {
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
  const s = await requireService(store.db, code)
  const policy = await loadPolicy(store.db)
  const json = { ...serviceJson(s, await unitCodesById(store.db), policy), requests: await serviceRequestCounts(store.db, s.id, OPEN_REQUEST_STATUSES) }
  printEntity(ctx, json, [
    ['code', json.code],
    ['provider', json.provider],
    ['name', json.name],
    ['respond within', `${json.responseHours} business hours${s.response_hours === null ? ' (sla.response_hours)' : ''}`],
    ['resolve within', `${json.resolutionDays} business days${s.resolution_days === null ? ' (sla.resolution_days)' : ''}`],
    ['quality standard', json.standard],
    ['requests', `${json.requests.total} (${json.requests.open} open)`],
  ])
}
