import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerAdd } from './add.js'
import { registerList, registerShow } from './list.js'
import { registerStep } from './step.js'

/** Process analysis (policy 2.1): business processes and their ordered steps. */
export function registerProcess(program: Command, ctx: AppContext): void {
  const process = program.command('process').description('Business processes and their steps (process analysis)')
  registerAdd(process, ctx)
  registerStep(process, ctx)
  registerList(process, ctx)
  registerShow(process, ctx)
}
