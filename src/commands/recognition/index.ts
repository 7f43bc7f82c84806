import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerRecognitionAdd } from './add.js'
import { registerRecognitionList } from './list.js'
import { t } from '../../domain/i18n/catalog.js'

/** Incentives (激励机制, policy chapter 5): recognitions of units and people for a period. */
export function registerRecognition(program: Command, ctx: AppContext): void {
  const recognition = program.command('recognition').description(t('recognition.description'))
  registerRecognitionAdd(recognition, ctx)
  registerRecognitionList(recognition, ctx)
}
