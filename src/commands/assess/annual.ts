import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { need } from '../../cli/prompt.js'
import { yearOf } from '../../domain/calendar/period.js'
import { assessLevel } from './period.js'
import { annualTable } from './tables.js'
import { printAnnual } from './year.js'

export function registerAnnual(assess: Command, ctx: AppContext): void {
  example(
    assess
      .command('annual')
      .description("The year's evaluation: the mean of its final half-year totals, ranked and graded, with the year's recognitions (the frozen table once the year is final)")
      .option('--year <yyyy>', 'e.g. 2026')
      .option('--level <level>', 'department (default) or position: the half-year tables of that level', 'department')
      .action((opts: AnnualOptions) => assessAnnualRun(ctx, opts)),
    'icm assess annual --year 2026',
  )
}

export interface AnnualOptions {
  year?: string
  level?: string
}

export async function assessAnnualRun(ctx: AppContext, opts: AnnualOptions): Promise<void> {
  const year = yearOf(await need(ctx, opts.year, { flag: '--year', message: 'Year (e.g. 2026)', check: (v) => yearOf(v) }))
  const level = assessLevel(opts.level)
  const store = await ctx.store()
  await printAnnual(ctx, await annualTable(store.db, year, level))
}
