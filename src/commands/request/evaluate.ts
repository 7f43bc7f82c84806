import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { atOption, optionalText, parseAt } from '../../cli/options.js'
import { confirm } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { UserError } from '../../domain/errors.js'
import { parseCriterion } from '../../domain/requests/priority.js'
import { parseYesNo } from '../../domain/requests/request.js'
import { evaluateRequest } from '../../domain/requests/request-steps.js'
import { appendEvent } from '../../storage/events-repo.js'
import { upsertEvaluation } from '../../storage/request-evaluations-repo.js'
import { saveRequest } from '../../storage/requests-repo.js'
import { printRequest, requireRequest } from './shared.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerEvaluate(request: Command, ctx: AppContext): void {
  example(
    atOption(
      request
        .command('evaluate')
        .description(t('request.evaluate.description'))
        .argument('<code>', t('request.codeEg'))
        .option('--reasonableness <n>', t('request.evaluate.reasonableness'))
        .option('--feasibility <n>', t('request.evaluate.feasibility'))
        .option('--impact <n>', t('request.evaluate.impact'))
        .option('--cost-benefit <n>', t('request.evaluate.costBenefit'))
        .option('--evaluator <name>', t('request.evaluate.evaluator'))
        .option('--important <yes|no>', t('request.evaluate.important'))
        .option('--urgent <yes|no>', t('request.evaluate.urgent'))
        .option('--note <text>', t('request.evaluate.note')),
      t('request.evaluate.at'),
    ).action((code: string, opts: EvaluateOptions) => requestEvaluateRun(ctx, code, opts)),
    'icm request evaluate REQ-0007 --reasonableness 4 --feasibility 3 --impact 5 --cost-benefit 2 --evaluator 张伟',
  )
}

export interface EvaluateOptions {
  reasonableness?: string
  feasibility?: string
  impact?: string
  costBenefit?: string
  evaluator?: string
  important?: string
  urgent?: string
  note?: string
  at?: string
}

export async function requestEvaluateRun(ctx: AppContext, code: string, opts: EvaluateOptions): Promise<void> {
  const scores = {
    reasonableness: parseCriterion(await need(ctx, opts.reasonableness, { flag: '--reasonableness', message: t('request.evaluate.askReasonableness'), check: (v) => parseCriterion(v, t('request.criterion.reasonableness')) }), t('request.criterion.reasonableness')),
    feasibility: parseCriterion(await need(ctx, opts.feasibility, { flag: '--feasibility', message: t('request.evaluate.askFeasibility'), check: (v) => parseCriterion(v, t('request.criterion.feasibility')) }), t('request.criterion.feasibility')),
    impact: parseCriterion(await need(ctx, opts.impact, { flag: '--impact', message: t('request.evaluate.askImpact'), check: (v) => parseCriterion(v, t('request.criterion.impact')) }), t('request.criterion.impact')),
    costBenefit: parseCriterion(await need(ctx, opts.costBenefit, { flag: '--cost-benefit', message: t('request.evaluate.askCostBenefit'), check: (v) => parseCriterion(v, t('request.criterion.costBenefit')) }), t('request.criterion.costBenefit')),
  }
  const important = opts.important === undefined ? null : parseYesNo(opts.important, '--important')
  const urgent = opts.urgent === undefined ? null : parseYesNo(opts.urgent, '--urgent')
  const evaluator = (opts.evaluator ?? ctx.actor).trim()
  if (evaluator === '') throw new UserError(t('request.evaluate.emptyEvaluator'))
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const r = await requireRequest(trx, code)
    const evaluated = evaluateRequest(r, at, ctx.now())
    const { replaced } = await upsertEvaluation(trx, r.id, { evaluator, ...scores, important, urgent, note: optionalText(opts.note), at: at.toISOString() })
    const updated = await saveRequest(trx, evaluated)
    // the event log has always named the fourth criterion cost_benefit
    const { costBenefit, ...others } = scores
    await appendEvent(trx, ctx.event('request.evaluate', r.code, { at: at.toISOString(), evaluator, ...others, cost_benefit: costBenefit, important, urgent, replaced }))
    return updated
  })
  await printRequest(ctx, store.db, row)
  confirm(ctx, t('request.evaluated', { code: row.code, evaluator }))
}
