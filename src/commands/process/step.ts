import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { splitList, unitOption } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { UserError } from '../../domain/errors.js'
import { nextStep } from '../../domain/org/process.js'
import { checkName } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertStep, listSteps } from '../../storage/processes-repo.js'
import { requireProcess } from './lookup.js'

export function registerStep(process: Command, ctx: AppContext): void {
  example(
    unitOption(process.command('step').description('Append the next step: its owning unit and the output it hands on').argument('<code>', 'process code'), 'the unit that owns the step')
      .option('--output <text>', 'what the step hands on')
      .option('--after <seqs>', 'the steps it follows, e.g. 2 or 2,3 (default: the previous step)')
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
    if (!/^\d+$/.test(s)) throw new UserError(`--after must list step numbers, e.g. 2 or 2,3; got '${text}'`)
    return Number(s)
  })
  return [...new Set(seqs)].sort((a, b) => a - b)
}

export async function processStepRun(ctx: AppContext, code: string, opts: StepOptions): Promise<void> {
  const unitRef = await need(ctx, opts.unit, { flag: '--unit', message: 'Unit that owns the step', unit: true })
  const output = checkName(await need(ctx, opts.output, { flag: '--output', message: 'What the step hands on', check: (v) => checkName(v, '--output') }), '--output')
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
  confirm(ctx, `step ${processCode}#${step.seq} (${unitCode}: ${output}) added${json.after.length ? ` after #${json.after.join(', #')}` : ''}`)
}
