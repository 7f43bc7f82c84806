import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerServiceAdd } from './add.js'
import { registerServiceViews } from './views.js'
import { t } from '../../domain/i18n/catalog.js'

/** The service catalogue (policy 4.1–4.2): what each unit provides, by when, to what standard. */
export function registerService(program: Command, ctx: AppContext): void {
  const service = program.command('service').description(t('service.description'))
  registerServiceAdd(service, ctx)
  registerServiceViews(service, ctx)
}
