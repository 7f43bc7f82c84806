import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { confirm, printJson, printRows } from '../../cli/output.js'
import { weekdayLabel, weekdayName, type CalendarDay } from '../../domain/calendar/calendar-days.js'
import { officialDays, planLoad, type LoadPlan } from '../../domain/calendar/official-days.js'
import { boundsOf, parsePeriod, yearOf } from '../../domain/calendar/period.js'
import { NotFoundError, UserError } from '../../domain/errors.js'
import { quote } from '../../domain/excerpt.js'
import { listCalendarDays, upsertCalendarDay } from '../../storage/calendar-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { dayJson } from './views.js'
import { isChinese, label, t } from '../../domain/i18n/catalog.js'

export function registerLoad(calendar: Command, ctx: AppContext): void {
  example(
    calendar
      .command('load')
      .description(t('calendar.load.description'))
      .argument('<source>', t('calendar.load.source'))
      .argument('<year>', t('calendar.load.year'))
      .option('--dry-run', t('calendar.load.dryRunOption'))
      .option('--replace', t('calendar.load.replaceOption'))
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
  if (sourceText.trim().toLowerCase() !== 'cn') throw new UserError(t('calendar.load.unknownSource', { text: quote(sourceText) }), t('calendar.load.unknownSource.hint'))
  const year = yearOf(yearText)
  const { chineseDaysSource } = await import('./chinese-days.js')
  const source = chineseDaysSource()
  const data = source.year(year)
  if (!data) {
    const range = source.years.length > 0 ? `${source.years[0]}–${source.years[source.years.length - 1]}` : t('calendar.load.noYears')
    throw new NotFoundError(t('calendar.load.noYear', { pkg: source.package, year, range }), t('calendar.load.noYear.hint'))
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
    // a Chinese terminal reads the weekday, the type and the change in Chinese; piped lines keep the values
    const term = ctx.io.stdoutIsTTY && isChinese()
    const type = (v: string) => (term ? label('calendarDay', v) : v)
    await printRows(ctx, rows, [
      { header: 'date', title: t('calendar.col.date'), value: (r) => r.date },
      { header: 'weekday', title: t('calendar.col.weekday'), value: (r) => (term ? weekdayLabel(r.date) : weekdayName(r.date)) },
      { header: 'type', title: t('calendar.col.type'), value: (r) => type(r.type) },
      { header: 'name', title: t('calendar.col.name'), value: (r) => r.name },
      { header: 'change', title: t('calendar.col.change'), value: (r) => (term ? t(`calendar.load.change.${r.change}`) : r.change) },
      { header: 'here', title: t('calendar.col.here'), value: (r) => (r.here ? `${type(r.here.type)}${r.here.name ? ` ${r.here.name}` : ''}` : '') },
    ])
  }
  const n = plan.differs.length
  const kept = n > 0 && !replace ? t('calendar.load.kept') : ''
  const parts = [
    dryRun ? t('calendar.load.toAdd', { n: plan.add.length }) : t('calendar.load.added', { n: plan.add.length }),
    t('calendar.load.same', { n: plan.same.length }),
    `${replace ? (dryRun ? t('calendar.load.toReplace', { n }) : t('calendar.load.replaced', { n })) : t('calendar.load.differ', { n })}${kept}`,
  ]
  if (plan.notOfficial.length > 0) parts.push(t('calendar.load.notOfficial', { n: plan.notOfficial.length }))
  confirm(ctx, `${dryRun ? t('calendar.load.dryRun') : ''}${t('calendar.load.summary', { year, pkg, parts: parts.join(t('calendar.load.separator')) })}`)
}
