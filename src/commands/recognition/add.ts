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
import { t } from '../../domain/i18n/catalog.js'

export interface RecognitionAddOptions {
  unit?: string
  person?: string
  period?: string
  reason?: string
  reward?: string
  at?: string
}

export function registerRecognitionAdd(recognition: Command, ctx: AppContext): void {
  const cmd = recognition.command('add').description(t('recognition.add.description'))
  unitOption(cmd, t('recognition.add.unit')).option('--person <name>', t('recognition.add.person'))
  periodOption(cmd, t('recognition.add.period')).option('--reason <text>', t('recognition.add.reason')).option('--reward <amount>', t('recognition.add.reward'))
  atOption(cmd, t('recognition.add.at')).action(async (opts: RecognitionAddOptions) => void (await recognitionAddRun(ctx, opts)))
  example(
    cmd,
    'icm recognition add --unit IT --period 2026-H1 --reason "ERP 按期上线，跨部门协作突出"',
    'icm recognition add --person 李娜 --period 2026-H1 --reason "主动协助财务完成月结" --reward 2000',
  )
}

/** Records a recognition; returns its code. */
export async function recognitionAddRun(ctx: AppContext, opts: RecognitionAddOptions): Promise<string> {
  if (opts.unit !== undefined && opts.person !== undefined) {
    throw new UserError(t('recognition.add.both'), t('recognition.add.both.hint'))
  }
  if (opts.unit === undefined && opts.person === undefined) {
    throw new UsageError(t('recognition.add.neither'), t('recognition.add.neither.hint'))
  }
  const person = opts.person === undefined ? null : checkName(opts.person, '--person')
  const unitRef = opts.unit === undefined ? null : checkName(opts.unit, '--unit')
  const period = parsePeriod(await need(ctx, opts.period, { flag: '--period', message: t('recognition.add.askPeriod'), check: (v) => parsePeriod(v) }))
  const reason = await requiredText(ctx, opts.reason, { flag: '--reason', message: t('recognition.add.askReason') })
  const rewardCents = opts.reward === undefined ? null : parseReward(opts.reward)
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const unit = unitRef === null ? null : await requireUnit(trx, unitRef, t('recognition.unitWhat'))
    const created = await insertRecognition(trx, { unitId: unit?.id ?? null, person, period, reason, rewardCents, createdAt: at })
    await appendEvent(trx, ctx.event('recognition.add', created.code, { unit: unit?.code ?? null, person, period: period.code, reason, ...(rewardCents === null ? {} : { reward: amountOf(rewardCents) }) }))
    return created
  })
  const json = recognitionJson(row, await unitCodesById(store.db))
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${row.code}\n`)
  const who = String(json.unit ?? json.person)
  confirm(ctx, rewardCents === null ? t('recognition.added', { code: row.code, who, period: period.code }) : t('recognition.addedReward', { code: row.code, who, period: period.code, amount: amountText(rewardCents) }))
  return row.code
}
