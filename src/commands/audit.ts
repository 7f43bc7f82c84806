import type { Command } from 'commander'
import type { AppContext } from '../cli/context.js'

/** Placeholder: the audit command group is being written. */
export function registerAudit(_program: Command, _ctx: AppContext): void {}
