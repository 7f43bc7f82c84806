import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerCopy } from './copy.js'
import { t } from '../../domain/i18n/catalog.js'

/** Moving a database between backends. */
export function registerDb(program: Command, ctx: AppContext): void {
  const db = program.command('db').description(t('db.description'))
  registerCopy(db, ctx)
}
