import fs from 'node:fs'
import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity } from '../../cli/output.js'
import { checkOutputPath } from '../../cli/output-file.js'
import { CURRENT_SCHEMA_VERSION } from '../../storage/database.js'
import { appendEvent } from '../../storage/events-repo.js'
import { example } from '../../cli/help.js'

/** Database administration: create or migrate, and online backup. */
export function registerAdmin(program: Command, ctx: AppContext): void {
  example(
    program
      .command('init')
      .description('Create the database (or migrate it to this icm\'s schema)')
      .action(() => initRun(ctx)),
    'icm init',
    'icm --db /srv/icm/company.db init',
  )
  example(
    program
      .command('backup')
      .description("Write a consistent copy of the database with SQLite's online backup")
      .argument('<file>', 'where to write the copy')
      .option('--yes', 'overwrite an existing file without asking')
      .action((file: string, opts: { yes?: boolean }) => backupRun(ctx, file, opts)),
    'icm backup backups/icm-2026-06-30.db',
  )
}

export async function initRun(ctx: AppContext): Promise<void> {
  const store = await ctx.store()
  const existed = !store.created
  if (!existed) {
    await store.write(async (trx) => appendEvent(trx, ctx.event('db.init', null, { schemaVersion: CURRENT_SCHEMA_VERSION })))
  }
  if (ctx.json) printEntity(ctx, { database: store.location, schemaVersion: CURRENT_SCHEMA_VERSION, created: !existed }, [])
  confirm(ctx, `${existed ? 'database is up to date' : 'created database'} ${store.location} (schema version ${CURRENT_SCHEMA_VERSION})`)
}

export async function backupRun(ctx: AppContext, file: string, opts: { yes?: boolean }): Promise<void> {
  const store = await ctx.store()
  const target = await checkOutputPath(ctx, file, { flag: 'FILE', yes: opts.yes })
  if (target === undefined) return
  await store.backupTo(target)
  await store.write(async (trx) => appendEvent(trx, ctx.event('db.backup', null, { file: target })))
  const bytes = fs.statSync(target).size
  if (ctx.json) printEntity(ctx, { database: store.location, backup: target, bytes }, [])
  confirm(ctx, `backed up ${store.location} to ${target} (${bytes} bytes)`)
}
