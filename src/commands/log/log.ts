import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { parseWhole } from '../../cli/options.js'
import { printPaged } from '../../cli/fit.js'
import { printRows, shownInstant } from '../../cli/output.js'
import { parseInstant } from '../../domain/calendar/dates.js'
import { listEvents } from '../../storage/events-repo.js'
import { logLines } from './log-lines.js'

export function registerLogCommand(program: Command, ctx: AppContext): void {
  example(
    program
      .command('log')
      .description('Show the audit trail (newest last)')
      .option('--entity <code>', 'only events about this code, e.g. REQ-0007 or IT')
      .option('--since <date>', 'only events at or after this date or date-time')
      .option('--limit <n>', 'at most this many of the newest events', '100')
      .option('--full', 'on a terminal: the whole details and the host (default: one line per event, cut to the width)')
      .addHelpText('after', '\nOn a terminal each event is one line, cut to the terminal width; a longer list goes through $PAGER\nwhen it is set. Piped, every field is printed in full as tab-separated lines; --json is unchanged.')
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
    if (rows.length === 0) ctx.io.err('no events match\n')
    else await printPaged(ctx.io, ctx.env, logLines(rows, ctx.io.columns, opts.full === true))
    return
  }
  await printRows(
    ctx,
    rows,
    [
      { header: 'at', value: (e) => e.at },
      { header: 'actor', value: (e) => e.actor },
      { header: 'host', value: (e) => e.host },
      { header: 'action', value: (e) => e.action },
      { header: 'entity', value: (e) => e.entity },
      { header: 'details', value: (e) => JSON.stringify(e.details) },
    ],
    { csv: ctx.csv, empty: 'no events match' },
  )
}
