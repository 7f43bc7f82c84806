import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerMap } from './map.js'
import { registerOf } from './of.js'
import { t } from '../../domain/i18n/catalog.js'

/** The internal customer map (policy chapter 2): who serves whom, and with what. */
export function registerCustomer(program: Command, ctx: AppContext): void {
  const customer = program.command('customer').description(t('customer.description'))
  registerMap(customer, ctx)
  registerOf(customer, ctx)
}
