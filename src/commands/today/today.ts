import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printJson, printText } from '../../cli/output.js'
import { formatInstant } from '../../domain/calendar/dates.js'
import { t } from '../../domain/i18n/catalog.js'
import { groupHeading, sectionsOf } from '../../domain/today/digest.js'
import { DEFAULT_DAYS, loadDigest, type Digest, type DigestOptions } from './digest-data.js'

export function registerToday(program: Command, ctx: AppContext): void {
  example(
    program
      .command('today')
      .description(t('today.description'))
      .option('--unit <unit>', t('today.unit'))
      .option('--as-of <datetime>', t('notify.asOf'))
      .option('--days <n>', t('notify.days', { n: DEFAULT_DAYS }))
      .action((opts: DigestOptions) => todayRun(ctx, opts)),
    'icm today',
    'icm today --unit IT --days 3',
    'icm today --as-of "2026-07-01 09:00" --json',
  )
}

export async function todayRun(ctx: AppContext, opts: DigestOptions): Promise<void> {
  const digest = await loadDigest(ctx, opts)
  if (ctx.json) {
    printJson(ctx, digestJson(digest))
    return
  }
  printText(ctx, digestText(digest))
}

/** The digest as --json prints it (keys in camelCase, units by code). */
export function digestJson(d: Digest) {
  return {
    asOf: formatInstant(d.asOf),
    days: d.days,
    workingDay: d.workingDay,
    unit: d.unit,
    count: d.count,
    units: d.groups.map((g) => ({
      unit: g.unit,
      name: g.name,
      items: g.items.map(({ shownTitle: _, ...it }) => ({ ...it, due: it.due !== null && it.due.includes('T') ? formatInstant(new Date(it.due)) : it.due })),
    })),
  }
}

/** The digest as plain text: a caption, then each department with its sections and lines. */
export function digestText(d: Digest): string {
  const asOf = formatInstant(d.asOf)
  if (d.count === 0) return t('today.nothing', { asOf })
  const out = [t('today.caption', { asOf, count: d.count })]
  for (const g of d.groups) {
    out.push('', groupHeading(g))
    for (const s of sectionsOf(g)) {
      out.push(`  ${s.heading}`)
      for (const line of s.lines) out.push(`    ${line}`)
    }
  }
  return out.join('\n')
}
