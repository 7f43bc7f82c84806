import type { Command } from 'commander'
import type { AppContext } from '../cli/context.js'

/** Placeholder: the relation command group is being written. */
export function registerRelation(_program: Command, _ctx: AppContext): void {}
