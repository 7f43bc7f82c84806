import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerRelationAssess } from './assess.js'
import { t } from '../../domain/i18n/catalog.js'

/** The relationship assessment of supplier→customer pairs (policy chapter 6). */
export function registerRelation(program: Command, ctx: AppContext): void {
  const relation = program.command('relation').description(t('relation.description'))
  registerRelationAssess(relation, ctx)
}
