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

export function registerPrevent(complaint: Command, ctx: AppContext): void {
  example(
    atOption(
      complaint
        .command('prevent')
        .description('Open an improvement action that prevents the complaint from happening again')
        .argument('<code>', 'complaint code')
        .option('--action <text>', 'what will be done')
        .option('--owner <unit>', 'the unit that must act')
        .option('--due <date>', 'by when (YYYY-MM-DD)'),
      'it was decided',
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
  const description = await requiredText(ctx, opts.action, { flag: '--action', message: 'What will be done to prevent it' })
  const ownerRef = await need(ctx, opts.owner, { flag: '--owner', message: 'Unit that must act', unit: true })
  const due = parseDate(await need(ctx, opts.due, { flag: '--due', message: 'Due date (YYYY-MM-DD)', check: (v) => parseDate(v, '--due') }), '--due')
  const at = parseAt(ctx, opts.at)
  checkActionDue(due, at)
  const { row, result } = await runComplaintStep(ctx, code, {
    kind: { action: 'prevention' },
    step: 'prevent',
    event: 'prevent',
    at,
    prepare: async (trx, c) => {
      const owner = await requireUnit(trx, ownerRef, 'owner unit')
      const action = await insertAction(trx, { source: 'complaint', sourceRef: c.code, ownerId: owner.id, description, due, createdAt: at })
      return { step: { action: 'prevention' }, details: { action: action.code, owner: owner.code, description, due }, result: action }
    },
  })
  const store = await ctx.store()
  const json = actionJson(result, await unitCodesById(store.db), localDate(ctx.now()))
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${result.code}\n`)
  confirm(ctx, `${result.code} opened for ${json.owner}, due ${due}, to prevent ${row.code} from happening again`)
  return result.code
}
