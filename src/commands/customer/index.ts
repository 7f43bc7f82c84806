import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerMap } from './map.js'
import { registerOf } from './of.js'

/** The internal customer map (policy chapter 2): who serves whom, and with what. */
export function registerCustomer(program: Command, ctx: AppContext): void {
  const customer = program.command('customer').description('The internal customer map: who serves whom, and with what')
  registerMap(customer, ctx)
  registerOf(customer, ctx)
}
