import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { confirm, printJson, printRows } from '../../cli/output.js'
import { weekdayName, type CalendarDay } from '../../domain/calendar/calendar-days.js'
import { officialDays, planLoad, type LoadPlan } from '../../domain/calendar/official-days.js'
import { boundsOf, parsePeriod, yearOf } from '../../domain/calendar/period.js'
import { NotFoundError, UserError } from '../../domain/errors.js'
import { quote } from '../../domain/excerpt.js'
import { listCalendarDays, upsertCalendarDay } from '../../storage/calendar-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { dayJson } from './views.js'

export function registerLoad(calendar: Command, ctx: AppContext): void {
  example(
    calendar
      .command('load')
      .description("Load a year's official holidays and make-up working days (State Council, from the chinese-days package)")
      .argument('<source>', 'cn (the People\'s Republic of China)')
      .argument('<year>', 'YYYY')
      .option('--dry-run', 'show what would change, write nothing')
      .option('--replace', 'take the official entry where the calendar holds another one (kept by default)')
      .action((source: string, year: string, opts: CalendarLoadOptions) => calendarLoadRun(ctx, source, year, opts)),
    'icm calendar load cn 2026 --dry-run',
    'icm calendar load cn 2026',
  )
}

export interface CalendarLoadOptions {
  dryRun?: boolean
  replace?: boolean
}

type Change = CalendarDay & { change: 'add' | 'replace' | 'keep' | 'same'; here: CalendarDay | null }

export async function calendarLoadRun(ctx: AppContext, sourceText: string, yearText: string, opts: CalendarLoadOptions): Promise<void> {
  if (sourceText.trim().toLowerCase() !== 'cn') throw new UserError(`unknown official calendar ${quote(sourceText)}`, 'icm knows cn (China)')
  const year = yearOf(yearText)
  const { chineseDaysSource } = await import('./chinese-days.js')
  const source = chineseDaysSource()
  const data = source.year(year)
  if (!data) {
    const range = source.years.length > 0 ? `${source.years[0]}–${source.years[source.years.length - 1]}` : 'none'
    throw new NotFoundError(`${source.package} has no official calendar for ${year} (it has ${range})`, 'add the days with icm calendar add or import')
  }
  const replace = opts.replace === true
  const store = await ctx.store()
  const bounds = boundsOf(parsePeriod(String(year)))
  const existing = await listCalendarDays(store.db, bounds)
  const plan = planLoad(officialDays(data), existing, replace)
  if (!opts.dryRun && plan.write.length > 0) {
    await store.write(async (trx) => {
      // read again inside the write: the plan holds only if nobody changed the year meanwhile
      const now = planLoad(officialDays(data), await listCalendarDays(trx, bounds), replace)
      for (const d of now.write) await upsertCalendarDay(trx, d)
      await appendEvent(trx, ctx.event('calendar.load', String(year), {
        source: source.package,
        added: now.add.length,
        replaced: replace ? now.differs.map((d) => ({ date: d.date, before: { type: d.here.type, name: d.here.name } })) : [],
      }))
    })
  }
  await report(ctx, year, source.package, plan, opts)
}

async function report(ctx: AppContext, year: number, pkg: string, plan: LoadPlan, opts: CalendarLoadOptions): Promise<void> {
  const replace = opts.replace === true
  const dryRun = opts.dryRun === true
  if (ctx.json) {
    printJson(ctx, {
      source: 'cn',
      package: pkg,
      year,
      dryRun,
      replace,
      added: plan.add.map(dayJson),
      same: plan.same.length,
      differs: plan.differs.map((d) => ({ date: d.date, weekday: weekdayName(d.date), here: { type: d.here.type, name: d.here.name }, official: { type: d.official.type, name: d.official.name }, action: replace ? 'replaced' : 'kept' })),
      notOfficial: plan.notOfficial.map(dayJson),
      written: dryRun ? 0 : plan.write.length,
    })
  } else {
    const rows: Change[] = [
      ...plan.add.map((d) => ({ ...d, change: 'add' as const, here: null })),
      ...plan.differs.map((d) => ({ ...d.official, change: replace ? ('replace' as const) : ('keep' as const), here: d.here })),
    ].sort((a, b) => (a.date < b.date ? -1 : 1))
    await printRows(ctx, rows, [
      { header: 'date', value: (r) => r.date },
      { header: 'weekday', value: (r) => weekdayName(r.date) },
      { header: 'type', value: (r) => r.type },
      { header: 'name', value: (r) => r.name },
      { header: 'change', value: (r) => r.change },
      { header: 'here', value: (r) => (r.here ? `${r.here.type}${r.here.name ? ` ${r.here.name}` : ''}` : '') },
    ])
  }
  const kept = plan.differs.length > 0 && !replace ? ` (kept: --replace takes the official ones)` : ''
  const parts = [
    `${plan.add.length} ${dryRun ? 'to add' : 'added'}`,
    `${plan.same.length} already there`,
    `${plan.differs.length} ${replace ? (dryRun ? 'to replace' : 'replaced') : 'differ'}${kept}`,
  ]
  if (plan.notOfficial.length > 0) parts.push(`${plan.notOfficial.length} of yours not in the official list (kept)`)
  confirm(ctx, `${dryRun ? 'dry run, nothing written: ' : ''}official calendar ${year} from ${pkg}: ${parts.join(', ')}`)
}
