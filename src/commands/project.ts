import type { Command } from 'commander'
import type { AppContext } from '../cli/context.js'

/** Placeholder: the project command group is being written. */
export function registerProject(_program: Command, _ctx: AppContext): void {}
