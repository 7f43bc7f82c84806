import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printCaption, printJson, printRows } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { yearOf } from '../../domain/calendar/period.js'
import { annualTable } from './tables.js'
import { annualColumns, bandsText } from './views.js'

export function registerAnnual(assess: Command, ctx: AppContext): void {
  example(
    assess
      .command('annual')
      .description("The year's evaluation: the mean of its final half-year totals, ranked and graded, with the year's recognitions")
      .option('--year <yyyy>', 'e.g. 2026')
      .action((opts: AnnualOptions) => assessAnnualRun(ctx, opts)),
    'icm assess annual --year 2026',
  )
}

export interface AnnualOptions {
  year?: string
}

export async function assessAnnualRun(ctx: AppContext, opts: AnnualOptions): Promise<void> {
  const year = yearOf(await need(ctx, opts.year, { flag: '--year', message: 'Year (e.g. 2026)', check: (v) => yearOf(v) }))
  const store = await ctx.store()
  const { rows, policy, finals } = await annualTable(store.db, year)
  if (ctx.json) {
    printJson(ctx, { year, halfYears: finals, grades: policy.grades, bonus: policy.bonus, rows })
    return
  }
  printCaption(ctx, `${year} annual evaluation: mean of the final half-year totals (${finals.join(', ')}); ${bandsText(policy)}`)
  await printRows(ctx, rows, annualColumns, { csv: ctx.csv })
}
