import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { optionalText, parseNumber } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { ConflictError } from '../../domain/errors.js'
import { checkCode, checkName } from '../../domain/org/unit.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { findServiceByCode, insertService } from '../../storage/services-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { serviceJson } from './views.js'

export function registerServiceAdd(service: Command, ctx: AppContext): void {
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
}

export interface ServiceAddOptions {
  provider?: string
  name?: string
  responseHours?: string
  resolutionDays?: string
  standard?: string
}

export async function serviceAddRun(ctx: AppContext, code: string, opts: ServiceAddOptions): Promise<void> {
  const serviceCode = checkCode(code, 'service code', 'IT-ACCOUNT')
  const providerRef = await need(ctx, opts.provider, { flag: '--provider', message: 'Provider unit', unit: true })
  const name = checkName(await need(ctx, opts.name, { flag: '--name', message: 'Service name', check: (v) => checkName(v, '--name') }), '--name')
  const responseHours = parseNumber(opts.responseHours, '--response-hours', 0.25, 10_000) ?? null
  const resolutionDays = parseNumber(opts.resolutionDays, '--resolution-days', 0.25, 1_000) ?? null
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const existing = await findServiceByCode(trx, serviceCode)
    if (existing) throw new ConflictError(`service ${existing.code} already exists`, 'choose another code')
    const provider = await requireUnit(trx, providerRef, 'provider unit')
    const standard = optionalText(opts.standard)
    const created = await insertService(trx, { code: serviceCode, providerId: provider.id, name, responseHours, resolutionDays, standard, createdAt: ctx.now().toISOString() })
    await appendEvent(trx, ctx.event('service.add', created.code, { provider: provider.code, name, responseHours, resolutionDays, standard }))
    return created
  })
  const policy = await loadPolicy(store.db)
  const json = serviceJson(row, await unitCodesById(store.db), policy)
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, `service ${row.code} ${row.name} added for ${json.provider} (respond within ${json.responseHours} business hours, resolve within ${json.resolutionDays} business days)`)
}
