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

export function registerEvaluate(request: Command, ctx: AppContext): void {
  example(
    atOption(
      request
        .command('evaluate')
        .description("Score a request (1–5 each); one entry per evaluator, re-evaluating replaces it")
        .argument('<code>', 'request code, e.g. REQ-0007')
        .option('--reasonableness <n>', 'is the need reasonable (1–5)')
        .option('--feasibility <n>', 'can it be done (1–5)')
        .option('--impact <n>', 'how much it matters (1–5; mean ≥ 4 makes it important)')
        .option('--cost-benefit <n>', 'worth the cost (1–5)')
        .option('--evaluator <name>', 'who evaluates (default: the actor)')
        .option('--important <yes|no>', 'set important explicitly')
        .option('--urgent <yes|no>', 'set urgent explicitly')
        .option('--note <text>', 'a remark'),
      'it was evaluated',
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
    reasonableness: parseCriterion(await need(ctx, opts.reasonableness, { flag: '--reasonableness', message: 'Reasonableness (1–5)', check: (v) => parseCriterion(v, 'reasonableness') }), 'reasonableness'),
    feasibility: parseCriterion(await need(ctx, opts.feasibility, { flag: '--feasibility', message: 'Feasibility (1–5)', check: (v) => parseCriterion(v, 'feasibility') }), 'feasibility'),
    impact: parseCriterion(await need(ctx, opts.impact, { flag: '--impact', message: 'Impact (1–5)', check: (v) => parseCriterion(v, 'impact') }), 'impact'),
    costBenefit: parseCriterion(await need(ctx, opts.costBenefit, { flag: '--cost-benefit', message: 'Cost-benefit (1–5)', check: (v) => parseCriterion(v, 'cost-benefit') }), 'cost-benefit'),
  }
  const important = opts.important === undefined ? null : parseYesNo(opts.important, '--important')
  const urgent = opts.urgent === undefined ? null : parseYesNo(opts.urgent, '--urgent')
  const evaluator = (opts.evaluator ?? ctx.actor).trim()
  if (evaluator === '') throw new UserError('--evaluator cannot be empty')
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
  confirm(ctx, `${row.code} evaluated by ${evaluator} (see icm request show ${row.code})`)
}
