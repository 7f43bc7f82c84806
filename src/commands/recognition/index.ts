import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerRecognitionAdd } from './add.js'
import { registerRecognitionList } from './list.js'

/** Incentives (激励机制, policy chapter 5): recognitions of units and people for a period. */
export function registerRecognition(program: Command, ctx: AppContext): void {
  const recognition = program.command('recognition').description('Recognitions (incentives) of units and people for a period')
  registerRecognitionAdd(recognition, ctx)
  registerRecognitionList(recognition, ctx)
}
