import type { Command } from 'commander'
import type { AppContext } from '../cli/context.js'

/** Placeholder: the service command group is being written. */
export function registerService(_program: Command, _ctx: AppContext): void {}
