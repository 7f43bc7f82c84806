import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { confirm, printEntity } from '../../cli/output.js'
import { CURRENT_SCHEMA_VERSION } from '../../storage/database.js'
import { appendEvent } from '../../storage/events-repo.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerInit(program: Command, ctx: AppContext): void {
  example(
    program
      .command('init')
      .description(t('admin.init.description'))
      .action(() => initRun(ctx)),
    'icm init',
    'icm --db /srv/icm/company.db init',
  )
}

/** Creates the database, or migrates it to this icm's schema (opening it does). */
export async function initRun(ctx: AppContext): Promise<void> {
  const store = await ctx.store()
  const existed = !store.created
  if (!existed) {
    await store.write(async (trx) => appendEvent(trx, ctx.event('db.init', null, { schemaVersion: CURRENT_SCHEMA_VERSION })))
  }
  if (ctx.json) printEntity(ctx, { database: store.location, schemaVersion: CURRENT_SCHEMA_VERSION, created: !existed }, [])
  confirm(ctx, t(existed ? 'admin.init.upToDate' : 'admin.init.created', { location: store.location, version: CURRENT_SCHEMA_VERSION }))
}
