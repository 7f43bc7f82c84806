import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerAdd } from './add.js'
import { registerList, registerShow } from './list.js'
import { registerStep } from './step.js'
import { t } from '../../domain/i18n/catalog.js'

/** Process analysis (policy 2.1): business processes and their ordered steps. */
export function registerProcess(program: Command, ctx: AppContext): void {
  const process = program.command('process').description(t('process.description'))
  registerAdd(process, ctx)
  registerStep(process, ctx)
  registerList(process, ctx)
  registerShow(process, ctx)
}
