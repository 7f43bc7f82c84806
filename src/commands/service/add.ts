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
import { t } from '../../domain/i18n/catalog.js'

export function registerServiceAdd(service: Command, ctx: AppContext): void {
  example(
    service
      .command('add')
      .description(t('service.add.description'))
      .argument('<code>', t('service.add.code'))
      .option('--provider <unit>', t('service.add.provider'))
      .option('--name <name>', t('service.add.name'))
      .option('--response-hours <n>', t('service.add.responseHours'))
      .option('--resolution-days <n>', t('service.add.resolutionDays'))
      .option('--standard <text>', t('service.add.standard'))
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
  const serviceCode = checkCode(code, t('service.codeWhat'), 'IT-ACCOUNT')
  const providerRef = await need(ctx, opts.provider, { flag: '--provider', message: t('service.add.askProvider'), unit: true })
  const name = checkName(await need(ctx, opts.name, { flag: '--name', message: t('service.add.askName'), check: (v) => checkName(v, '--name') }), '--name')
  const responseHours = parseNumber(opts.responseHours, '--response-hours', 0.25, 10_000) ?? null
  const resolutionDays = parseNumber(opts.resolutionDays, '--resolution-days', 0.25, 1_000) ?? null
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const existing = await findServiceByCode(trx, serviceCode)
    if (existing) throw new ConflictError(t('service.exists', { code: existing.code }), t('service.exists.hint'))
    const provider = await requireUnit(trx, providerRef, t('service.providerUnit'))
    const standard = optionalText(opts.standard)
    const created = await insertService(trx, { code: serviceCode, providerId: provider.id, name, responseHours, resolutionDays, standard, createdAt: ctx.now().toISOString() })
    await appendEvent(trx, ctx.event('service.add', created.code, { provider: provider.code, name, responseHours, resolutionDays, standard }))
    return created
  })
  const policy = await loadPolicy(store.db)
  const json = serviceJson(row, await unitCodesById(store.db), policy)
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, t('service.added', { code: row.code, name: row.name, provider: json.provider ?? '', hours: json.responseHours, days: json.resolutionDays }))
}
