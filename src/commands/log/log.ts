import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { parseWhole } from '../../cli/options.js'
import { printPaged } from '../../cli/fit.js'
import { printRows, shownInstant } from '../../cli/output.js'
import { parseInstant } from '../../domain/calendar/dates.js'
import { listEvents } from '../../storage/events-repo.js'
import { logLines } from './log-lines.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerLogCommand(program: Command, ctx: AppContext): void {
  example(
    program
      .command('log')
      .description(t('log.description'))
      .option('--entity <code>', t('log.entity'))
      .option('--since <date>', t('log.since'))
      .option('--limit <n>', t('log.limit'), '100')
      .option('--full', t('log.full'))
      .addHelpText('after', t('log.after'))
      .action((opts: LogOptions) => logRun(ctx, opts)),
    'icm log --entity IT --limit 20',
    'icm log --full --since 2026-06-01',
    'icm log --since 2026-06-01 --json',
  )
}

export interface LogOptions {
  entity?: string
  since?: string
  limit: string
  full?: boolean
}

export async function logRun(ctx: AppContext, opts: LogOptions): Promise<void> {
  const limit = parseWhole(opts.limit, '--limit', 1, 1_000_000)!
  const since = opts.since === undefined ? undefined : parseInstant(opts.since, '--since')
  const store = await ctx.store()
  const rows = (await listEvents(store.db, { entity: opts.entity?.trim(), since, limit })).map((e) => ({
    id: e.id,
    at: shownInstant(e.at),
    actor: e.actor,
    host: e.host,
    action: e.action,
    entity: e.entity,
    details: JSON.parse(e.details) as Record<string, unknown>,
  }))
  if (ctx.io.stdoutIsTTY && !ctx.json && !ctx.csv) {
    const titles = { at: t('log.col.at'), actor: t('log.col.actor'), host: t('log.col.host'), action: t('log.col.action'), entity: t('log.col.entity'), details: t('log.col.details') }
    if (rows.length === 0) ctx.io.err(`${t('log.empty')}\n`)
    else await printPaged(ctx.io, ctx.env, logLines(rows, ctx.io.columns, opts.full === true, titles))
    return
  }
  await printRows(
    ctx,
    rows,
    [
      { header: 'at', title: t('log.col.at'), value: (e) => e.at },
      { header: 'actor', title: t('log.col.actor'), value: (e) => e.actor },
      { header: 'host', title: t('log.col.host'), value: (e) => e.host },
      { header: 'action', title: t('log.col.action'), value: (e) => e.action },
      { header: 'entity', title: t('log.col.entity'), value: (e) => e.entity },
      { header: 'details', title: t('log.col.details'), value: (e) => JSON.stringify(e.details) },
    ],
    { csv: ctx.csv, empty: t('log.empty') },
  )
}
