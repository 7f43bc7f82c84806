import type { Command } from 'commander'
import type { AppContext } from '../cli/context.js'

/** Placeholder: the report command group is being written. */
export function registerReport(_program: Command, _ctx: AppContext): void {}
