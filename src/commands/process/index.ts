import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity, printRows, printCaption, shownInstant } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { ConflictError, NotFoundError, UserError } from '../../domain/errors.js'
import { checkCode, checkName } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import { findProcessByCode, insertProcess, insertStep, listProcesses, listSteps } from '../../storage/processes-repo.js'
import type { ProcessStepRow } from '../../storage/schema.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { splitList } from '../../cli/options.js'

/** Process analysis (policy 2.1): business processes and their ordered steps. */
export function registerProcess(program: Command, ctx: AppContext): void {
  const process = program.command('process').description('Business processes and their steps (process analysis)')

  example(
    process
      .command('add')
      .description('Add a business process')
      .argument('<code>', 'process code, e.g. P2P')
      .option('--name <name>', 'process name')
      .action((code: string, opts: { name?: string }) => processAddRun(ctx, code, opts)),
    'icm process add P2P --name 采购到付款',
  )

  example(
    process
      .command('step')
      .description('Append the next step: its owning unit and the output it hands on')
      .argument('<code>', 'process code')
      .option('--unit <unit>', 'unit that owns the step')
      .option('--output <text>', 'what the step hands on')
      .option('--after <seqs>', 'the steps it follows, e.g. 2 or 2,3 (default: the previous step)')
      .action((code: string, opts: StepOptions) => processStepRun(ctx, code, opts)),
    'icm process step P2P --unit PUR --output 采购订单',
    'icm process step P2P --unit FIN --output 付款 --after 2,3',
  )

  example(
    process
      .command('list')
      .description('List business processes')
      .action((opts: { csv?: boolean }) => processListRun(ctx, opts)),
    'icm process list',
  )

  example(
    process
      .command('show')
      .description('Show a process: its steps and the hand-offs between units')
      .argument('<code>', 'process code')
      .action((code: string) => processShowRun(ctx, code)),
    'icm process show P2P',
  )
}

export async function processAddRun(ctx: AppContext, code: string, opts: { name?: string }): Promise<void> {
  const processCode = checkCode(code, 'process code', 'P2P')
  const name = checkName(await need(ctx, opts.name, { flag: '--name', message: 'Name of the process' }), '--name')
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const existing = await findProcessByCode(trx, processCode)
    if (existing) throw new ConflictError(`process ${existing.code} already exists`, 'choose another code')
    const created = await insertProcess(trx, { code: processCode, name, created_at: ctx.now().toISOString() })
    await appendEvent(trx, ctx.event('process.add', created.code, { name }))
    return created
  })
  if (ctx.json) printEntity(ctx, { code: row.code, name: row.name, steps: [], createdAt: shownInstant(row.created_at) }, [])
  confirm(ctx, `process ${row.code} ${row.name} added`)
}

interface StepOptions {
  unit?: string
  output?: string
  after?: string
}

function parseSeqs(text: string): number[] {
  const seqs = splitList(text).map((s) => {
    if (!/^\d+$/.test(s)) throw new UserError(`--after must list step numbers, e.g. 2 or 2,3; got '${text}'`)
    return Number(s)
  })
  return [...new Set(seqs)].sort((a, b) => a - b)
}

export async function processStepRun(ctx: AppContext, code: string, opts: StepOptions): Promise<void> {
  const unitRef = await need(ctx, opts.unit, { flag: '--unit', message: 'Unit that owns the step' })
  const output = checkName(await need(ctx, opts.output, { flag: '--output', message: 'What the step hands on' }), '--output')
  const after = opts.after === undefined ? undefined : parseSeqs(opts.after)
  const store = await ctx.store()
  const { step, processCode, unitCode } = await store.write(async (trx) => {
    const p = await findProcessByCode(trx, code)
    if (!p) throw new NotFoundError(`unknown process '${code}'`, 'see icm process list')
    const unit = await requireUnit(trx, unitRef)
    const steps = await listSteps(trx, p.id)
    const seq = (steps.at(-1)?.seq ?? 0) + 1
    const follows = after ?? (steps.length > 0 ? [steps.at(-1)!.seq] : [])
    const missing = follows.filter((s) => !steps.some((x) => x.seq === s))
    if (missing.length > 0) {
      throw new UserError(`process ${p.code} has no step ${missing.join(', ')}`, steps.length > 0 ? `its steps are 1–${steps.at(-1)!.seq}` : 'this is its first step: leave out --after')
    }
    const created = await insertStep(trx, { process_id: p.id, seq, unit_id: unit.id, output, after_seqs: follows.join(','), created_at: ctx.now().toISOString() })
    await appendEvent(trx, ctx.event('process.step', p.code, { seq, unit: unit.code, output, after: follows }))
    return { step: created, processCode: p.code, unitCode: unit.code }
  })
  const json = { process: processCode, seq: step.seq, unit: unitCode, output: step.output, after: afterOf(step) }
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, `step ${processCode}#${step.seq} (${unitCode}: ${output}) added${json.after.length ? ` after #${json.after.join(', #')}` : ''}`)
}

function afterOf(step: ProcessStepRow): number[] {
  return step.after_seqs === '' ? [] : step.after_seqs.split(',').map(Number)
}

export async function processListRun(ctx: AppContext, opts: { csv?: boolean }): Promise<void> {
  const store = await ctx.store()
  const rows = await listProcesses(store.db)
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', value: (r) => r.code },
      { header: 'name', value: (r) => r.name },
      { header: 'steps', value: (r) => r.steps, align: 'right' },
    ],
    { csv: ctx.csv, json: (r) => ({ code: r.code, name: r.name, steps: r.steps, createdAt: shownInstant(r.created_at) }), empty: 'no processes yet (add one with icm process add)' },
  )
}

export async function processShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const p = await findProcessByCode(store.db, code)
  if (!p) throw new NotFoundError(`unknown process '${code}'`, 'see icm process list')
  const steps = await listSteps(store.db, p.id)
  const codes = await unitCodesById(store.db)
  const stepJson = steps.map((s) => ({ seq: s.seq, unit: codes.get(s.unit_id) ?? null, output: s.output, after: afterOf(s) }))
  if (ctx.json) {
    printEntity(ctx, { code: p.code, name: p.name, createdAt: shownInstant(p.created_at), steps: stepJson }, [])
    return
  }
  printCaption(ctx, `${p.code} ${p.name}`)
  await printRows(
    ctx,
    stepJson,
    [
      { header: 'step', value: (s) => `#${s.seq}`, align: 'right' },
      { header: 'unit', value: (s) => s.unit },
      { header: 'output', value: (s) => s.output },
      { header: 'after', value: (s) => s.after.map((a) => `#${a}`).join(', ') },
    ],
    { empty: `process ${p.code} has no steps yet (add one with icm process step ${p.code} --unit UNIT --output TEXT)` },
  )
}
