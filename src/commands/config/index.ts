import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerList } from './list.js'
import { registerSet } from './set.js'
import { t } from '../../domain/i18n/catalog.js'

/** Policy parameters (DESIGN.md §4): defaults in code, the admin's values in the database. */
export function registerConfig(program: Command, ctx: AppContext): void {
  const config = program.command('config').description(t('config.description'))
  registerList(config, ctx)
  registerSet(config, ctx)
}
