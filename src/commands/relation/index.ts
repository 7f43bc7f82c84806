import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerRelationAssess } from './assess.js'

/** The relationship assessment of supplier→customer pairs (policy chapter 6). */
export function registerRelation(program: Command, ctx: AppContext): void {
  const relation = program.command('relation').description('Relationship assessment of supplier→customer pairs (policy 6)')
  registerRelationAssess(relation, ctx)
}
