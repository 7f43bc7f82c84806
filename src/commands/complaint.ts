import type { Command } from 'commander'
import type { AppContext } from '../cli/context.js'

/** Placeholder: the complaint command group is being written. */
export function registerComplaint(_program: Command, _ctx: AppContext): void {}
