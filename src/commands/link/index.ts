import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerAdd } from './add.js'
import { registerList } from './list.js'
import { t } from '../../domain/i18n/catalog.js'

/** Manual supplier→customer links, for relations no process or dependency shows. */
export function registerLink(program: Command, ctx: AppContext): void {
  const link = program.command('link').description(t('link.description'))
  registerAdd(link, ctx)
  registerList(link, ctx)
}
