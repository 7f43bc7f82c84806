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
import { t } from '../../domain/i18n/catalog.js'

export interface ReportRevealOptions {
  reason?: string
}

export function registerReportReveal(report: Command, ctx: AppContext): void {
  example(
    report
      .command('reveal')
      .description(t('report.reveal.description', { env: REPORTS_KEY_ENV }))
      .argument('<code>', t('report.code'))
      .option('--reason <text>', t('report.reveal.reason'))
      .action((code: string, opts: ReportRevealOptions) => reportRevealRun(ctx, code, opts)),
    'icm report reveal RPT-0002 --reason "发放奖励"   # needs ICM_REPORTS_KEY',
  )
}

export async function reportRevealRun(ctx: AppContext, code: string, opts: ReportRevealOptions): Promise<void> {
  const secret = reportsKey(ctx, t('report.reveal.purpose'))
  const reason = optionalText(opts.reason)
  const store = await ctx.store()
  const { report, identity } = await store.write(async (trx) => {
    const r = await requireReport(trx, code)
    const sealed = sealedIdentityOf(r)
    if (sealed === null) throw new UserError(t('report.reveal.anonymous', { code: r.code }))
    const key = await databaseKey(trx, secret, { sealed, code: r.code })
    const identity = key === 'mismatch' ? null : openIdentity(key, sealed, r.code)
    // a refused reveal is logged too (who, when, which report; never the key), and committed
    if (identity === null) await appendEvent(trx, ctx.event('report.reveal-refused', r.code, { reason }))
    else await appendEvent(trx, ctx.event('report.reveal', r.code, { reason }))
    return { report: r, identity }
  })
  if (identity === null) {
    throw new UserError(t('report.reveal.wrongKey', { code: report.code, env: REPORTS_KEY_ENV }), t('report.reveal.wrongKey.hint'))
  }
  if (ctx.json) printJson(ctx, { code: report.code, reporter: identity })
  else ctx.io.out(`${identity}\n`)
  confirm(ctx, t('report.revealed', { code: report.code, actor: ctx.actor }))
}
