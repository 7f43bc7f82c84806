import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { atOption, optionalText, parseAt, parseWhole } from '../../cli/options.js'
import { confirm } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { formatInstant } from '../../domain/calendar/dates.js'
import { checkName } from '../../domain/org/unit.js'
import { workOnRequest, type WorkStep } from '../../domain/requests/request-steps.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { saveRequest } from '../../storage/requests-repo.js'
import { printRequest, requireRequest } from './shared.js'
import { isChinese, label, t } from '../../domain/i18n/catalog.js'

/** start, wait, resume, resolve, close, cancel: the work on a request once it is accepted. */
export function registerWork(request: Command, ctx: AppContext): void {
  const simple: ['start' | 'resume', string, string][] = [
    ['start', t('request.start.description'), 'icm request start REQ-0007'],
    ['resume', t('request.resume.description'), 'icm request resume REQ-0007'],
  ]
  for (const [action, description, ex] of simple) {
    example(
      atOption(request.command(action).description(description).argument('<code>', t('request.code'))).action((code: string, opts: WorkOptions) =>
        requestStepRun(ctx, code, action, opts),
      ),
      ex,
    )
  }
  example(
    atOption(
      request.command('wait').description(t('request.wait.description')).argument('<code>', t('request.code')).option('--reason <text>', t('request.wait.reason')),
      t('request.wait.at'),
    ).action((code: string, opts: WorkOptions) => requestStepRun(ctx, code, 'wait', opts)),
    'icm request wait REQ-0007 --reason "等待销售部提供字段清单"',
  )
  example(
    atOption(
      request.command('resolve').description(t('request.resolve.description')).argument('<code>', t('request.code')).option('--note <text>', t('request.resolve.note')),
      t('request.resolve.at'),
    ).action((code: string, opts: WorkOptions) => requestStepRun(ctx, code, 'resolve', opts)),
    'icm request resolve REQ-0007 --note "报表已上线"',
  )
  example(
    atOption(
      request
        .command('close')
        .description(t('request.close.description'))
        .argument('<code>', t('request.code'))
        .option('--satisfaction <n>', t('request.close.satisfaction')),
      t('request.close.at'),
    ).action((code: string, opts: WorkOptions) => requestStepRun(ctx, code, 'close', opts)),
    'icm request close REQ-0007 --satisfaction 5',
  )
  example(
    atOption(request.command('cancel').description(t('request.cancel.description')).argument('<code>', t('request.code')).option('--reason <text>', t('request.cancel.reason')), t('request.cancel.at')).action(
      (code: string, opts: WorkOptions) => requestStepRun(ctx, code, 'cancel', opts),
    ),
    'icm request cancel REQ-0009 --reason "需求方已撤回"',
  )
}

export interface WorkOptions {
  at?: string
  reason?: string
  note?: string
  satisfaction?: string
}

/** start, wait, resume, resolve, close, cancel: one transition each, with its own fields. */
export async function requestStepRun(ctx: AppContext, code: string, action: WorkStep['action'], opts: WorkOptions): Promise<void> {
  const at = parseAt(ctx, opts.at)
  const reason = action === 'wait' || action === 'cancel' ? checkName(await need(ctx, opts.reason, { flag: '--reason', message: t('request.work.askReason'), check: (v) => checkName(v, '--reason') }), '--reason') : ''
  const satisfaction = action === 'close' ? (parseWhole(opts.satisfaction, '--satisfaction', 1, 5) ?? null) : null
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const r = await requireRequest(trx, code)
    let step: WorkStep
    switch (action) {
      case 'start':
        step = { action }
        break
      case 'wait':
      case 'cancel':
        step = { action, reason }
        break
      case 'resume':
        step = { action, schedule: await loadSchedule(trx) }
        break
      case 'resolve':
        step = { action, note: optionalText(opts.note) }
        break
      case 'close':
        step = { action, satisfaction }
        break
    }
    const { request, details } = workOnRequest(r, step, at, ctx.now())
    const updated = await saveRequest(trx, request)
    await appendEvent(trx, ctx.event(`request.${action}`, r.code, details))
    return updated
  })
  await printRequest(ctx, store.db, row)
  const status = isChinese() ? label('requestStatus', row.status) : row.status.replace('_', ' ')
  confirm(ctx, action === 'resume' && row.resolutionDue ? t('request.stepped.resumed', { code: row.code, status, due: formatInstant(new Date(row.resolutionDue)) }) : t('request.stepped', { code: row.code, status }))
}
