import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerAdd } from './add.js'
import { registerList } from './list.js'
import { t } from '../../domain/i18n/catalog.js'

/** Position-function analysis (policy 2.2): which position needs which for what support. */
export function registerDependency(program: Command, ctx: AppContext): void {
  const dependency = program.command('dependency').description(t('dependency.description'))
  registerAdd(dependency, ctx)
  registerList(dependency, ctx)
}
