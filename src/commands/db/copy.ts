import path from 'node:path'
import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { confirm, printJson, printRows } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { UserError } from '../../domain/errors.js'
import { copySqliteToPostgres } from '../../storage/db-copy.js'
import { appendEvent } from '../../storage/events-repo.js'
import { isDatabaseUrl, isPostgresUrl } from '../../storage/location.js'
import { openStore } from '../../storage/open.js'
import { counted } from '../../domain/counting.js'

export function registerCopy(db: Command, ctx: AppContext): void {
  example(
    db
      .command('copy')
      .description('Copy an SQLite icm database into an empty PostgreSQL database, every table and the event log, in one transaction, checking the row counts')
      .option('--to <url>', 'the target: postgres://USER:PASSWORD@HOST:PORT/DATABASE')
      .option('--from <file>', 'the SQLite file to copy (default: --db, else $ICM_DB, else ./icm.db)')
      .action((opts: DbCopyOptions) => dbCopyRun(ctx, opts)),
    'icm db copy --from icm.db --to postgres://icm:secret@db.example.com/icm',
  )
}

export interface DbCopyOptions {
  to?: string
  from?: string
}

export async function dbCopyRun(ctx: AppContext, opts: DbCopyOptions): Promise<void> {
  const to = await need(ctx, opts.to, { flag: '--to', message: 'Target PostgreSQL URL' })
  if (!isPostgresUrl(to)) throw new UserError(`--to must be a PostgreSQL URL, got '${to.replace(/\/\/[^@/]*@/, '//…@')}'`, 'e.g. --to postgres://icm:secret@localhost:5432/icm')
  const from = opts.from ? path.resolve(ctx.cwd, opts.from) : ctx.dbLocation()
  if (isDatabaseUrl(from)) throw new UserError('the source of db copy must be an SQLite file', 'give it with --from FILE.db')
  const source = await ctx.useStore(from)
  if (!source.sqlite) throw new UserError('the source of db copy must be an SQLite file', 'give it with --from FILE.db')
  const target = await openStore(to, { notice: (m) => ctx.io.err(`icm: ${m}\n`) })
  try {
    const progress = ctx.io.interactive ? (t: string, n: number) => ctx.io.err(`copying ${t}: ${counted(n, 'row')}\r`) : undefined
    const report = await copySqliteToPostgres(source.sqlite, target.db, progress)
    const rows = report.tables.reduce((a, t) => a + t.rows, 0)
    await target.write((trx) => appendEvent(trx, ctx.event('db.copy', null, { from: source.location, to: target.location, tables: report.tables.length, rows })))
    if (ctx.json) printJson(ctx, { from: source.location, to: target.location, tables: report.tables })
    else
      await printRows(ctx, report.tables, [
        { header: 'table', value: (t) => t.table },
        { header: 'rows', value: (t) => t.rows, align: 'right' },
      ])
    confirm(ctx, `copied ${counted(rows, 'row')} in ${counted(report.tables.length, 'table')} from ${source.location} to ${target.location}; row counts match`)
  } finally {
    await target.close()
  }
}
