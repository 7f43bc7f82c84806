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
import { t } from '../../domain/i18n/catalog.js'

export function registerCopy(db: Command, ctx: AppContext): void {
  example(
    db
      .command('copy')
      .description(t('db.copy.description'))
      .option('--to <url>', t('db.copy.to'))
      .option('--from <file>', t('db.copy.from'))
      .action((opts: DbCopyOptions) => dbCopyRun(ctx, opts)),
    'icm db copy --from icm.db --to postgres://icm:secret@db.example.com/icm',
  )
}

export interface DbCopyOptions {
  to?: string
  from?: string
}

export async function dbCopyRun(ctx: AppContext, opts: DbCopyOptions): Promise<void> {
  const to = await need(ctx, opts.to, { flag: '--to', message: t('db.copy.askTo') })
  if (!isPostgresUrl(to)) throw new UserError(t('db.copy.notPostgres', { url: to.replace(/\/\/[^@/]*@/, '//…@') }), t('db.copy.notPostgres.hint'))
  const from = opts.from ? path.resolve(ctx.cwd, opts.from) : ctx.dbLocation()
  if (isDatabaseUrl(from)) throw new UserError(t('db.copy.notSqlite'), t('db.copy.notSqlite.hint'))
  const source = await ctx.useStore(from)
  if (!source.sqlite) throw new UserError(t('db.copy.notSqlite'), t('db.copy.notSqlite.hint'))
  const target = await openStore(to, { notice: (m) => ctx.io.err(`icm: ${m}\n`) })
  try {
    const progress = ctx.io.interactive ? (table: string, n: number) => ctx.io.err(`${t('db.copy.progress', { table, n })}\r`) : undefined
    const report = await copySqliteToPostgres(source.sqlite, target.db, progress)
    const rows = report.tables.reduce((a, x) => a + x.rows, 0)
    await target.write((trx) => appendEvent(trx, ctx.event('db.copy', null, { from: source.location, to: target.location, tables: report.tables.length, rows })))
    if (ctx.json) printJson(ctx, { from: source.location, to: target.location, tables: report.tables })
    else
      await printRows(ctx, report.tables, [
        { header: 'table', title: t('db.copy.col.table'), value: (x) => x.table },
        { header: 'rows', title: t('db.copy.col.rows'), value: (x) => x.rows, align: 'right' },
      ])
    confirm(ctx, t('db.copied', { rows, tables: report.tables.length, from: source.location, to: target.location }))
  } finally {
    await target.close()
  }
}
