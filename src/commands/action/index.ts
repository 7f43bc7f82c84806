import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerAdd } from './add.js'
import { registerDone } from './done.js'
import { registerList } from './list.js'
import { t } from '../../domain/i18n/catalog.js'

/** Improvement actions: who does what by when, opened by hand or from a complaint, survey, audit, relationship or assessment. */
export function registerAction(program: Command, ctx: AppContext): void {
  const action = program.command('action').description(t('action.description'))
  registerAdd(action, ctx)
  registerList(action, ctx)
  registerDone(action, ctx)
}
