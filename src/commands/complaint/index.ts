import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerIntake } from './intake.js'
import { registerInvestigate } from './investigate.js'
import { registerList } from './list.js'
import { registerPlan } from './plan.js'
import { registerPrevent } from './prevent.js'
import { registerProgress } from './progress.js'
import { registerShow } from './show.js'
import { registerStats } from './stats.js'
import { registerVerify } from './verify.js'
import { t } from '../../domain/i18n/catalog.js'

/** Complaints (policy chapter 7): intake, investigation, evidence, plan, confirmation, verification, root cause, prevention. */
export function registerComplaint(program: Command, ctx: AppContext): void {
  const complaint = program
    .command('complaint')
    .description(t('complaint.description'))
  // in the order --help lists them
  registerIntake(complaint, ctx)
  registerInvestigate(complaint, ctx)
  registerPlan(complaint, ctx)
  registerProgress(complaint, ctx)
  registerVerify(complaint, ctx)
  registerPrevent(complaint, ctx)
  registerList(complaint, ctx)
  registerShow(complaint, ctx)
  registerStats(complaint, ctx)
}
