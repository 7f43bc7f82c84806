import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { need } from '../../cli/prompt.js'
import { yearOf } from '../../domain/calendar/period.js'
import { assessLevel } from './period.js'
import { annualTable } from './tables.js'
import { printAnnual } from './year.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerAnnual(assess: Command, ctx: AppContext): void {
  example(
    assess
      .command('annual')
      .description(t('assess.annual.description'))
      .option('--year <yyyy>', t('assess.annual.year'))
      .option('--level <level>', t('assess.annual.level'), 'department')
      .action((opts: AnnualOptions) => assessAnnualRun(ctx, opts)),
    'icm assess annual --year 2026',
  )
}

export interface AnnualOptions {
  year?: string
  level?: string
}

export async function assessAnnualRun(ctx: AppContext, opts: AnnualOptions): Promise<void> {
  const year = yearOf(await need(ctx, opts.year, { flag: '--year', message: t('assess.askYear'), check: (v) => yearOf(v) }))
  const level = assessLevel(opts.level)
  const store = await ctx.store()
  await printAnnual(ctx, await annualTable(store.db, year, level))
}
