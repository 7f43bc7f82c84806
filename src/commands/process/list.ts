import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printCaption, printEntity, printRows } from '../../cli/output.js'
import { formatInstant } from '../../domain/calendar/dates.js'
import { listProcesses, listSteps } from '../../storage/processes-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { requireProcess } from './lookup.js'
import { t } from '../../domain/i18n/catalog.js'

/** Reading processes: the list, and one process with its steps and hand-offs. */
export function registerList(process: Command, ctx: AppContext): void {
  example(
    process
      .command('list')
      .description(t('process.list.description'))
      .action(() => processListRun(ctx)),
    'icm process list',
  )
}

export function registerShow(process: Command, ctx: AppContext): void {
  example(
    process
      .command('show')
      .description(t('process.show.description'))
      .argument('<code>', t('process.code'))
      .action((code: string) => processShowRun(ctx, code)),
    'icm process show P2P',
  )
}

export async function processListRun(ctx: AppContext): Promise<void> {
  const store = await ctx.store()
  const rows = await listProcesses(store.db)
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', title: t('process.col.code'), value: (r) => r.code },
      { header: 'name', title: t('process.col.name'), value: (r) => r.name },
      { header: 'steps', title: t('process.col.steps'), value: (r) => r.steps, align: 'right' },
    ],
    { csv: ctx.csv, json: (r) => ({ code: r.code, name: r.name, steps: r.steps, createdAt: formatInstant(r.createdAt) }), empty: t('process.list.empty') },
  )
}

export async function processShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const p = await requireProcess(store.db, code)
  const steps = await listSteps(store.db, p.id)
  const codes = await unitCodesById(store.db)
  const stepJson = steps.map((s) => ({ seq: s.seq, unit: codes.get(s.unitId) ?? null, output: s.output, after: s.afterSeqs }))
  if (ctx.json) {
    printEntity(ctx, { code: p.code, name: p.name, createdAt: formatInstant(p.createdAt), steps: stepJson }, [])
    return
  }
  printCaption(ctx, `${p.code} ${p.name}`)
  await printRows(
    ctx,
    stepJson,
    [
      { header: 'step', title: t('process.col.step'), value: (s) => `#${s.seq}`, align: 'right' },
      { header: 'unit', title: t('process.col.unit'), value: (s) => s.unit },
      { header: 'output', title: t('process.col.output'), value: (s) => s.output },
      { header: 'after', title: t('process.col.after'), value: (s) => s.after.map((a) => `#${a}`).join(', ') },
    ],
    { empty: t('process.show.empty', { code: p.code }) },
  )
}
