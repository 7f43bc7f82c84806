import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { periodOption, unitOption } from '../../cli/options.js'
import { printRows } from '../../cli/output.js'
import { boundsOf, parsePeriod } from '../../domain/calendar/period.js'
import { listRecognitions } from '../../storage/recognitions-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { recognitionJson } from './recognition-json.js'

export interface RecognitionListOptions {
  period?: string
  unit?: string
}

export function registerRecognitionList(recognition: Command, ctx: AppContext): void {
  const cmd = recognition.command('list').description('List recognitions, by period')
  periodOption(cmd, 'only recognitions for periods within')
  unitOption(cmd, 'only recognitions of this unit').action((opts: RecognitionListOptions) => recognitionListRun(ctx, opts))
  example(cmd, 'icm recognition list --period 2026')
}

export async function recognitionListRun(ctx: AppContext, opts: RecognitionListOptions): Promise<void> {
  const period = opts.period === undefined ? undefined : boundsOf(parsePeriod(opts.period))
  const store = await ctx.store()
  const unit = opts.unit === undefined ? undefined : await requireUnit(store.db, opts.unit)
  const codes = await unitCodesById(store.db)
  const rows = (await listRecognitions(store.db, { period, unitId: unit?.id })).map((r) => recognitionJson(r, codes))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', value: (r) => r.code },
      { header: 'period', value: (r) => r.period },
      { header: 'unit', value: (r) => r.unit },
      { header: 'person', value: (r) => r.person },
      { header: 'reason', value: (r) => r.reason },
    ],
    { csv: ctx.csv, empty: 'no recognitions match' },
  )
}
