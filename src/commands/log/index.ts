import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerLogCommand } from './log.js'

/** The audit trail: every change, who made it, from which host, when. */
export function registerLog(program: Command, ctx: AppContext): void {
  registerLogCommand(program, ctx)
}
