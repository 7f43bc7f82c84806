import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerAuditAdd } from './add.js'
import { registerAuditCloseFinding } from './close-finding.js'
import { registerAuditFinding } from './finding.js'
import { registerAuditViews } from './list.js'
import { t } from '../../domain/i18n/catalog.js'

/** Internal audits (policy chapter 8): audits of units, their findings, and the actions they open. */
export function registerAudit(program: Command, ctx: AppContext): void {
  const audit = program.command('audit').description(t('audit.description'))
  registerAuditAdd(audit, ctx)
  registerAuditFinding(audit, ctx)
  registerAuditCloseFinding(audit, ctx)
  registerAuditViews(audit, ctx)
}
