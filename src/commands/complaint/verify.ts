import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { atOption, optionalText, parseAt, requiredText } from '../../cli/options.js'
import { need } from '../../cli/prompt.js'
import { localDate } from '../../domain/calendar/dates.js'
import { ROOT_CAUSE_CATEGORIES, parseResolved, parseRootCauseCategory, parseSatisfaction } from '../../domain/complaints/complaint-rules.js'
import { printChanged, runComplaintStep } from './shared.js'
import { isChinese, label, t } from '../../domain/i18n/catalog.js'

/** verify and root-cause: the follow-up verification, and why it happened. */
export function registerVerify(complaint: Command, ctx: AppContext): void {
  example(
    atOption(
      complaint
        .command('verify')
        .description(t('complaint.verify.description'))
        .argument('<code>', t('complaint.code'))
        .option('--resolved <yes|no>', t('complaint.verify.resolved'))
        .option('--satisfaction <n>', t('complaint.verify.satisfaction'))
        .option('--note <text>', t('complaint.verify.note')),
      t('complaint.verify.at'),
    ).action((code: string, opts: VerifyOptions) => complaintVerifyRun(ctx, code, opts)),
    'icm complaint verify CMP-0001 --resolved yes --satisfaction 4',
  )
  example(
    atOption(
      complaint
        .command('root-cause')
        .description(t('complaint.rootCause.description'))
        .argument('<code>', t('complaint.code'))
        .option('--category <category>', t('complaint.rootCause.category', { values: ROOT_CAUSE_CATEGORIES.map((c) => (isChinese() ? label('rootCause', c) : c)).join(', ') }))
        .option('--analysis <text>', t('complaint.rootCause.analysis')),
      t('complaint.rootCause.at'),
    ).action((code: string, opts: RootCauseOptions) => complaintRootCauseRun(ctx, code, opts)),
    'icm complaint root-cause CMP-0001 --category system --analysis "月底并发高峰超出服务器容量"',
  )
}

export interface VerifyOptions {
  resolved?: string
  satisfaction?: string
  note?: string
  at?: string
}

export async function complaintVerifyRun(ctx: AppContext, code: string, opts: VerifyOptions): Promise<void> {
  const resolved = parseResolved(await need(ctx, opts.resolved, { flag: '--resolved', message: t('complaint.verify.askResolved'), choices: ['yes', 'no'] }))
  const satisfaction = parseSatisfaction(await need(ctx, opts.satisfaction, { flag: '--satisfaction', message: t('complaint.verify.askSatisfaction'), check: (v) => parseSatisfaction(v) }))
  const note = optionalText(opts.note)
  const at = parseAt(ctx, opts.at)
  const { row } = await runComplaintStep(ctx, code, {
    kind: { action: 'verify', resolved },
    step: 'verify',
    event: 'verify',
    at,
    prepare: async () => ({
      step: { action: 'verify', resolved, satisfaction, note },
      details: { resolved, satisfaction, ...(note ? { note } : {}) },
      result: undefined,
    }),
  })
  const deadline = row.plan?.deadline ?? null
  const onTime = resolved && deadline !== null && localDate(at) <= deadline
  await printChanged(
    ctx,
    row,
    resolved
      ? t(onTime ? 'complaint.verifiedOnTime' : 'complaint.verifiedLate', { code: row.code, deadline: String(deadline), satisfaction })
      : t('complaint.notResolved', { code: row.code }),
  )
}

export interface RootCauseOptions {
  category?: string
  analysis?: string
  at?: string
}

export async function complaintRootCauseRun(ctx: AppContext, code: string, opts: RootCauseOptions): Promise<void> {
  const category = parseRootCauseCategory(await need(ctx, opts.category, { flag: '--category', message: t('complaint.rootCause.askCategory'), choices: ROOT_CAUSE_CATEGORIES }))
  const analysis = await requiredText(ctx, opts.analysis, { flag: '--analysis', message: t('complaint.rootCause.askAnalysis') })
  const at = parseAt(ctx, opts.at)
  const { row } = await runComplaintStep(ctx, code, {
    kind: { action: 'root_cause' },
    step: 'root_cause',
    event: 'root-cause',
    at,
    prepare: async () => ({ step: { action: 'root_cause', category, analysis }, details: { category, analysis }, result: undefined }),
  })
  await printChanged(ctx, row, t('complaint.rootCauseRecorded', { code: row.code, category: isChinese() ? label('rootCause', category) : category }))
}
