import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { actionJson } from '../../cli/json-views.js'
import { requireUnit } from '../../cli/lookups.js'
import { atOption, parseAt, requiredText } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { localDate, parseDate } from '../../domain/calendar/dates.js'
import { checkActionDue } from '../../domain/supervision/action.js'
import { insertAction } from '../../storage/actions-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { runComplaintStep } from './shared.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerPrevent(complaint: Command, ctx: AppContext): void {
  example(
    atOption(
      complaint
        .command('prevent')
        .description(t('complaint.prevent.description'))
        .argument('<code>', t('complaint.code'))
        .option('--action <text>', t('complaint.prevent.action'))
        .option('--owner <unit>', t('complaint.prevent.owner'))
        .option('--due <date>', t('complaint.prevent.due')),
      t('complaint.prevent.at'),
    ).action(async (code: string, opts: PreventOptions) => {
      await complaintPreventRun(ctx, code, opts)
    }),
    'icm complaint prevent CMP-0001 --action "每月巡检考勤系统容量" --owner IT --due 2026-04-30',
  )
}

export interface PreventOptions {
  action?: string
  owner?: string
  due?: string
  at?: string
}

/** Opens a prevention action linked to the complaint; returns the action's code. */
export async function complaintPreventRun(ctx: AppContext, code: string, opts: PreventOptions): Promise<string> {
  const description = await requiredText(ctx, opts.action, { flag: '--action', message: t('complaint.prevent.askAction') })
  const ownerRef = await need(ctx, opts.owner, { flag: '--owner', message: t('complaint.prevent.askOwner'), unit: true })
  const due = parseDate(await need(ctx, opts.due, { flag: '--due', message: t('complaint.prevent.askDue'), check: (v) => parseDate(v, '--due') }), '--due')
  const at = parseAt(ctx, opts.at)
  checkActionDue(due, at)
  const { row, result } = await runComplaintStep(ctx, code, {
    kind: { action: 'prevention' },
    step: 'prevent',
    event: 'prevent',
    at,
    prepare: async (trx, c) => {
      const owner = await requireUnit(trx, ownerRef, t('complaint.ownerUnit'))
      const action = await insertAction(trx, { source: 'complaint', sourceRef: c.code, ownerId: owner.id, description, due, createdAt: at })
      return { step: { action: 'prevention' }, details: { action: action.code, owner: owner.code, description, due }, result: action }
    },
  })
  const store = await ctx.store()
  const json = actionJson(result, await unitCodesById(store.db), localDate(ctx.now()))
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${result.code}\n`)
  confirm(ctx, t('complaint.prevented', { action: result.code, owner: json.owner ?? '', due, code: row.code }))
  return result.code
}
