import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerCheckCommand } from './check.js'

/** Tamper evidence (DESIGN.md §8): file integrity, the event chain, the final tables, the append-only triggers. */
export function registerCheck(program: Command, ctx: AppContext): void {
  registerCheckCommand(program, ctx)
}
