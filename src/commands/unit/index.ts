import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerAdd } from './add.js'
import { registerImport } from './import.js'
import { registerList, registerShow } from './list.js'
import { registerDeactivate, registerUpdate } from './update.js'
import { t } from '../../domain/i18n/catalog.js'

/** Units: departments and positions (policy 2.1), the internal customers and suppliers. */
export function registerUnit(program: Command, ctx: AppContext): void {
  const unit = program.command('unit').description(t('unit.description'))
  registerAdd(unit, ctx)
  registerList(unit, ctx)
  registerShow(unit, ctx)
  registerUpdate(unit, ctx)
  registerDeactivate(unit, ctx)
  registerImport(unit, ctx)
}
