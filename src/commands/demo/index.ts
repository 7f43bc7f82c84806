import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerDemoCommand } from './demo.js'

/** The demo company: a fresh database built through icm's own command lines. */
export function registerDemo(program: Command, ctx: AppContext): void {
  registerDemoCommand(program, ctx)
}
