import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerBackup } from './backup.js'
import { registerInit } from './init.js'

/** Database administration: create or migrate, and online backup. */
export function registerAdmin(program: Command, ctx: AppContext): void {
  registerInit(program, ctx)
  registerBackup(program, ctx)
}
