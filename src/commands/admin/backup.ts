import fs from 'node:fs'
import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { yesOption } from '../../cli/options.js'
import { checkOutputPath } from '../../cli/output-file.js'
import { confirm, printEntity } from '../../cli/output.js'
import { appendEvent } from '../../storage/events-repo.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerBackup(program: Command, ctx: AppContext): void {
  example(
    yesOption(program.command('backup').description(t('admin.backup.description')).argument('<file>', t('admin.backup.file')), t('admin.backup.yes')).action(
      (file: string, opts: BackupOptions) => backupRun(ctx, file, opts),
    ),
    'icm backup backups/icm-2026-06-30.db',
  )
}

export interface BackupOptions {
  yes?: boolean
}

export async function backupRun(ctx: AppContext, file: string, opts: BackupOptions): Promise<void> {
  const store = await ctx.store()
  const target = await checkOutputPath(ctx, file, { flag: 'FILE', yes: opts.yes })
  if (target === undefined) return
  await store.backupTo(target)
  await store.write(async (trx) => appendEvent(trx, ctx.event('db.backup', null, { file: target })))
  const bytes = fs.statSync(target).size
  if (ctx.json) printEntity(ctx, { database: store.location, backup: target, bytes }, [])
  confirm(ctx, t('admin.backedUp', { database: store.location, file: target, bytes }))
}
