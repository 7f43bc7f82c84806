import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { splitList } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { UserError } from '../../domain/errors.js'
import { nextStep } from '../../domain/org/process.js'
import { checkName } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertStep, listSteps } from '../../storage/processes-repo.js'
import { requireProcess } from './lookup.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerStep(process: Command, ctx: AppContext): void {
  example(
    process
      .command('step')
      .description(t('process.step.description'))
      .argument('<code>', t('process.code'))
      .option('--unit <unit>', t('process.step.unit'))
      .option('--output <text>', t('process.step.output'))
      .option('--after <seqs>', t('process.step.after'))
      .action((code: string, opts: StepOptions) => processStepRun(ctx, code, opts)),
    'icm process step P2P --unit PUR --output 采购订单',
    'icm process step P2P --unit FIN --output 付款 --after 2,3',
  )
}

export interface StepOptions {
  unit?: string
  output?: string
  after?: string
}

/** '2,3' → [2, 3]: step numbers, each once, in order. */
function parseSeqs(text: string): number[] {
  const seqs = splitList(text).map((s) => {
    if (!/^\d+$/.test(s)) throw new UserError(t('process.step.badAfter', { text }))
    return Number(s)
  })
  return [...new Set(seqs)].sort((a, b) => a - b)
}

export async function processStepRun(ctx: AppContext, code: string, opts: StepOptions): Promise<void> {
  const unitRef = await need(ctx, opts.unit, { flag: '--unit', message: t('process.step.askUnit'), unit: true })
  const output = checkName(await need(ctx, opts.output, { flag: '--output', message: t('process.step.askOutput'), check: (v) => checkName(v, '--output') }), '--output')
  const after = opts.after === undefined ? undefined : parseSeqs(opts.after)
  const store = await ctx.store()
  const { step, processCode, unitCode } = await store.write(async (trx) => {
    const p = await requireProcess(trx, code)
    const unit = await requireUnit(trx, unitRef)
    const { seq, afterSeqs } = nextStep(p.code, await listSteps(trx, p.id), after)
    const created = await insertStep(trx, p.id, { seq, unitId: unit.id, output, afterSeqs }, ctx.now())
    await appendEvent(trx, ctx.event('process.step', p.code, { seq, unit: unit.code, output, after: afterSeqs }))
    return { step: created, processCode: p.code, unitCode: unit.code }
  })
  const json = { process: processCode, seq: step.seq, unit: unitCode, output: step.output, after: step.afterSeqs }
  if (ctx.json) printEntity(ctx, json, [])
  const added = { process: processCode, seq: step.seq, unit: unitCode, output }
  confirm(ctx, json.after.length ? t('process.step.addedAfter', { ...added, after: json.after.join(', #') }) : t('process.step.added', added))
}
