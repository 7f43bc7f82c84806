import type { Command } from 'commander'
import type { AppContext } from '../cli/context.js'

/** Placeholder: the request command group is being written. */
export function registerRequest(_program: Command, _ctx: AppContext): void {}
