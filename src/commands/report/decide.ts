import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { optionalText, parseAt } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { centsToAmount, checkDecidable, formatAmount, parseDecision } from '../../domain/supervision/report.js'
import { appendEvent } from '../../storage/events-repo.js'
import { decideReport } from '../../storage/reports-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { reportJson, requireReport } from './report-json.js'
import { label, t } from '../../domain/i18n/catalog.js'

export interface ReportDecideOptions {
  valid?: boolean
  invalid?: boolean
  reward?: string
  note?: string
  at?: string
}

export function registerReportDecide(report: Command, ctx: AppContext): void {
  const cmd = report
    .command('decide')
    .description(t('report.decide.description'))
    .argument('<code>', t('report.code'))
    .option('--valid', t('report.decide.valid'))
    .option('--invalid', t('report.decide.invalid'))
    .option('--reward <amount>', t('report.decide.reward'))
    .option('--note <text>', t('report.decide.note'))
    .option('--at <datetime>', t('report.decide.at'))
  cmd.action((code: string, opts: ReportDecideOptions) => reportDecideRun(ctx, code, opts))
  example(cmd, 'icm report decide RPT-0001 --valid --reward 500 --note "经核实属实，已责令整改"')
}

export async function reportDecideRun(ctx: AppContext, code: string, opts: ReportDecideOptions): Promise<void> {
  const decision = parseDecision(opts)
  const note = optionalText(opts.note)
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const r = await requireReport(trx, code)
    checkDecidable(r, at)
    const updated = await decideReport(trx, r.id, { ...decision, note, decidedAt: at })
    await appendEvent(trx, ctx.event('report.decide', r.code, { validity: decision.validity, reward: centsToAmount(decision.rewardCents), note }))
    return updated
  })
  const json = reportJson(row, await unitCodesById(store.db))
  if (ctx.json) printEntity(ctx, json, [])
  const validity = label('reportValidity', decision.validity)
  confirm(ctx, decision.rewardCents !== null ? t('report.decidedReward', { code: row.code, validity, reward: formatAmount(decision.rewardCents) }) : t('report.decided', { code: row.code, validity }))
}
