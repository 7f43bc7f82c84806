import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireService, requireUnit } from '../../cli/lookups.js'
import { atOption, optionalText, parseAt } from '../../cli/options.js'
import { confirm } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { formatInstant, localDate, parseDate } from '../../domain/calendar/dates.js'
import { UserError } from '../../domain/errors.js'
import { checkName } from '../../domain/org/unit.js'
import { REQUEST_CHANNELS, parseChannel } from '../../domain/requests/request.js'
import { openRequest } from '../../domain/requests/request-steps.js'
import { deadlinesOf } from '../../domain/requests/service.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertRequest, setCoUnits } from '../../storage/requests-repo.js'
import { serviceOf } from '../../storage/services-repo.js'
import { findUnitById, unitCodesById } from '../../storage/units-repo.js'
import { printRequest, resolveAlso } from './shared.js'
import { label, t } from '../../domain/i18n/catalog.js'

export function registerLog(request: Command, ctx: AppContext): void {
  example(
    atOption(
      request
        .command('log')
        .description(t('request.log.description'))
        .option('--from <unit>', t('request.log.from'))
        .option('--to <unit>', t('request.log.to'))
        .option('--title <text>', t('request.log.title'))
        .option('--service <code>', t('request.log.service'))
        .option('--channel <channel>', t('request.log.channel', { values: REQUEST_CHANNELS.map((c) => label('requestChannel', c)).join(', ') }), 'online')
        .option('--also <units>', t('request.log.also'))
        .option('--description <text>', t('request.log.descriptionOption'))
        .option('--needed-by <date>', t('request.log.neededBy')),
      t('request.log.at'),
    ).action((opts: LogOptions) => requestLogRun(ctx, opts)),
    'icm request log --from SALES --to IT --title "CRM 导出报表" --channel hotline --needed-by 2026-03-20',
    'icm request log --from HR --service IT-ACCOUNT --title "新员工账号 ×3" --at 2026-03-02T16:30',
  )
}

export interface LogOptions {
  from?: string
  to?: string
  title?: string
  service?: string
  channel: string
  also?: string
  description?: string
  neededBy?: string
  at?: string
}

export async function requestLogRun(ctx: AppContext, opts: LogOptions): Promise<void> {
  const channel = parseChannel(opts.channel)
  const fromRef = await need(ctx, opts.from, { flag: '--from', message: t('request.log.askFrom'), unit: true })
  const toRef = opts.service ? opts.to : await need(ctx, opts.to, { flag: '--to', message: t('request.log.askTo'), unit: true })
  const title = checkName(await need(ctx, opts.title, { flag: '--title', message: t('request.log.askTitle'), check: (v) => checkName(v, '--title') }), '--title')
  const neededBy = opts.neededBy ? parseDate(opts.neededBy, '--needed-by') : null
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const customer = await requireUnit(trx, fromRef, t('request.customerUnit'))
    const service = opts.service ? serviceOf(await requireService(trx, opts.service)) : undefined
    const provider = toRef ? await requireUnit(trx, toRef, t('request.providerUnit')) : (await findUnitById(trx, service!.providerId))!
    if (service && service.providerId !== provider.id) {
      const codes = await unitCodesById(trx)
      throw new UserError(t('request.log.wrongProvider', { service: service.code, provider: codes.get(service.providerId) ?? '', to: provider.code }), t('request.log.wrongProvider.hint', { provider: codes.get(service.providerId) ?? '' }))
    }
    if (customer.id === provider.id) throw new UserError(t('request.log.sameUnit', { code: customer.code }), t('request.log.sameUnit.hint'))
    if (neededBy && neededBy < localDate(at)) throw new UserError(t('request.log.neededBeforeLogged', { neededBy, logged: localDate(at) }), t('request.dateFromLogged.hint', { flag: '--needed-by', logged: localDate(at) }))
    const also = await resolveAlso(trx, opts.also, provider.id, customer.id)
    const policy = await loadPolicy(trx)
    const hours = deadlinesOf(service, policy).responseHours
    const fields = { customerId: customer.id, providerId: provider.id, serviceId: service?.id ?? null, channel, title, description: optionalText(opts.description), neededBy }
    const created = await insertRequest(trx, openRequest(fields, at, hours, await loadSchedule(trx, policy), ctx.now()))
    await setCoUnits(trx, created.id, also.map((u) => u.id))
    await appendEvent(
      trx,
      ctx.event('request.log', created.code, {
        at: at.toISOString(),
        from: customer.code,
        to: provider.code,
        service: service?.code ?? null,
        channel,
        title,
        also: also.map((u) => u.code),
        neededBy,
        responseDue: created.responseDue,
        responseHours: hours,
      }),
    )
    return created
  })
  await printRequest(ctx, store.db, row)
  if (!ctx.json) ctx.io.out(`${row.code}\n`)
  confirm(ctx, t('request.logged', { code: row.code, due: formatInstant(new Date(row.responseDue)) }))
}
