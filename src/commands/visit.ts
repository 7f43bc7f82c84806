import type { Command } from 'commander'
import type { AppContext } from '../cli/context.js'

/** Placeholder: the visit command group is being written. */
export function registerVisit(_program: Command, _ctx: AppContext): void {}
