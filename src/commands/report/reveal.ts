import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { optionalText } from '../../cli/options.js'
import { confirm, printJson } from '../../cli/output.js'
import { UserError } from '../../domain/errors.js'
import { REPORTS_KEY_ENV, openIdentity } from '../../domain/supervision/report-crypto.js'
import { appendEvent } from '../../storage/events-repo.js'
import { sealedIdentityOf } from '../../storage/reports-repo.js'
import { requireReport } from './report-json.js'
import { databaseKey, reportsKey } from './reports-key.js'

export interface ReportRevealOptions {
  reason?: string
}

export function registerReportReveal(report: Command, ctx: AppContext): void {
  example(
    report
      .command('reveal')
      .description(`Print the reporter's identity (needs the right ${REPORTS_KEY_ENV}); the reveal is logged, the identity is not`)
      .argument('<code>', 'report code')
      .option('--reason <text>', 'why it is revealed (kept in the event log)')
      .action((code: string, opts: ReportRevealOptions) => reportRevealRun(ctx, code, opts)),
    'icm report reveal RPT-0002 --reason "发放奖励"   # needs ICM_REPORTS_KEY',
  )
}

export async function reportRevealRun(ctx: AppContext, code: string, opts: ReportRevealOptions): Promise<void> {
  const secret = reportsKey(ctx, 'revealing a reporter')
  const reason = optionalText(opts.reason)
  const store = await ctx.store()
  const { report, identity } = await store.write(async (trx) => {
    const r = await requireReport(trx, code)
    const sealed = sealedIdentityOf(r)
    if (sealed === null) throw new UserError(`${r.code} was filed anonymously: there is no identity to reveal`)
    const key = await databaseKey(trx, secret, { sealed, code: r.code })
    const identity = key === 'mismatch' ? null : openIdentity(key, sealed, r.code)
    // a refused reveal is logged too (who, when, which report; never the key), and committed
    if (identity === null) await appendEvent(trx, ctx.event('report.reveal-refused', r.code, { reason }))
    else await appendEvent(trx, ctx.event('report.reveal', r.code, { reason }))
    return { report: r, identity }
  })
  if (identity === null) {
    throw new UserError(`cannot reveal the reporter of ${report.code}: ${REPORTS_KEY_ENV} is not the key it was filed with`, 'nothing was shown')
  }
  if (ctx.json) printJson(ctx, { code: report.code, reporter: identity })
  else ctx.io.out(`${identity}\n`)
  confirm(ctx, `reporter of ${report.code} revealed to ${ctx.actor}; the reveal was logged`)
}
