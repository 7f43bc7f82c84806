import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { atOption, parseAt, periodOption, requiredText, unitOption } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { parsePeriod } from '../../domain/calendar/period.js'
import { amountOf, amountText, parseReward } from '../../domain/collaboration/recognition-rewards.js'
import { UsageError, UserError } from '../../domain/errors.js'
import { checkName } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertRecognition } from '../../storage/recognitions-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { recognitionJson } from './recognition-json.js'

export interface RecognitionAddOptions {
  unit?: string
  person?: string
  period?: string
  reason?: string
  reward?: string
  at?: string
}

export function registerRecognitionAdd(recognition: Command, ctx: AppContext): void {
  const cmd = recognition.command('add').description('Recognize a unit or a person for a period; prints its code')
  unitOption(cmd, 'the unit recognized').option('--person <name>', 'the person recognized (or --unit)')
  periodOption(cmd, 'recognized for').option('--reason <text>', 'what it is for').option('--reward <amount>', 'a reward that comes with it (0 or more, two decimals at most)')
  atOption(cmd, 'it was granted').action(async (opts: RecognitionAddOptions) => void (await recognitionAddRun(ctx, opts)))
  example(
    cmd,
    'icm recognition add --unit IT --period 2026-H1 --reason "ERP 按期上线，跨部门协作突出"',
    'icm recognition add --person 李娜 --period 2026-H1 --reason "主动协助财务完成月结" --reward 2000',
  )
}

/** Records a recognition; returns its code. */
export async function recognitionAddRun(ctx: AppContext, opts: RecognitionAddOptions): Promise<string> {
  if (opts.unit !== undefined && opts.person !== undefined) {
    throw new UserError('give --unit or --person, not both', 'a recognition is for one unit or one person')
  }
  if (opts.unit === undefined && opts.person === undefined) {
    throw new UsageError('missing required option --unit or --person', 'say who is recognized: --unit UNIT or --person NAME')
  }
  const person = opts.person === undefined ? null : checkName(opts.person, '--person')
  const unitRef = opts.unit === undefined ? null : checkName(opts.unit, '--unit')
  const period = parsePeriod(await need(ctx, opts.period, { flag: '--period', message: 'Period (e.g. 2026-H1)', check: (v) => parsePeriod(v) }))
  const reason = await requiredText(ctx, opts.reason, { flag: '--reason', message: 'What is it for' })
  const rewardCents = opts.reward === undefined ? null : parseReward(opts.reward)
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const unit = unitRef === null ? null : await requireUnit(trx, unitRef)
    const created = await insertRecognition(trx, { unitId: unit?.id ?? null, person, period, reason, rewardCents, createdAt: at })
    await appendEvent(trx, ctx.event('recognition.add', created.code, { unit: unit?.code ?? null, person, period: period.code, reason, ...(rewardCents === null ? {} : { reward: amountOf(rewardCents) }) }))
    return created
  })
  const json = recognitionJson(row, await unitCodesById(store.db))
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${row.code}\n`)
  confirm(ctx, `${row.code}: ${json.unit ?? json.person} recognized for ${period.code}${rewardCents === null ? '' : ` with a reward of ${amountText(rewardCents)}`}`)
  return row.code
}
