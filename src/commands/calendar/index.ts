import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerAdd } from './add.js'
import { registerImport } from './import.js'
import { registerList } from './list.js'
import { registerLoad } from './load.js'
import { t } from '../../domain/i18n/catalog.js'

/** The business calendar: public holidays and make-up working days (调休). */
export function registerCalendar(program: Command, ctx: AppContext): void {
  const calendar = program.command('calendar').description(t('calendar.description'))
  registerAdd(calendar, ctx)
  registerList(calendar, ctx)
  registerImport(calendar, ctx)
  registerLoad(calendar, ctx)
}
