import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { atOption, optionalText, parseAt, requiredText } from '../../cli/options.js'
import { cellText } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { UsageError } from '../../domain/errors.js'
import { parseDate } from '../../domain/calendar/dates.js'
import { checkPlanDeadline, defaultPlanDeadline, feedbackChoice } from '../../domain/complaints/complaint-rules.js'
import { checkMilestoneDue, parseMilestone } from '../../domain/complaints/complaint-timelines.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { replaceOpenMilestones } from '../../storage/complaint-milestones-repo.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { printChanged, runComplaintStep } from './shared.js'
import { t } from '../../domain/i18n/catalog.js'

/** plan and feedback: the resolution plan, and the complainant's answer to it. */
export function registerPlan(complaint: Command, ctx: AppContext): void {
  example(
    atOption(
      complaint
        .command('plan')
        .description(t('complaint.plan.description'))
        .argument('<code>', t('complaint.code'))
        .option('--responsible <unit>', t('complaint.plan.responsible'))
        .option('--measures <text>', t('complaint.plan.measures'))
        .option('--deadline <date>', t('complaint.plan.deadline'))
        .option('--milestone <date-and-what>', t('complaint.plan.milestone'), (v: string, all: string[] = []) => [...all, v]),
      t('complaint.plan.at'),
    ).action((code: string, opts: PlanOptions) => complaintPlanRun(ctx, code, opts)),
    'icm complaint plan CMP-0001 --responsible IT --measures "扩容考勤服务器并加监控"',
    'icm complaint plan CMP-0001 --responsible IT --measures "扩容并加监控" --milestone "2026-04-10 备用服务器上线" --milestone "2026-04-20 监控告警上线"',
  )
  example(
    atOption(
      complaint
        .command('feedback')
        .description(t('complaint.feedback.description'))
        .argument('<code>', t('complaint.code'))
        .option('--accepted', t('complaint.feedback.accepted'))
        .option('--disputed', t('complaint.feedback.disputed'))
        .option('--note <text>', t('complaint.feedback.note')),
      t('complaint.feedback.at'),
    ).action((code: string, opts: FeedbackOptions) => complaintFeedbackRun(ctx, code, opts)),
    'icm complaint feedback CMP-0001 --accepted',
    'icm complaint feedback CMP-0002 --disputed --note "只重启不解决根本问题"',
  )
}

export interface PlanOptions {
  responsible?: string
  measures?: string
  deadline?: string
  milestone?: string[]
  at?: string
}

export async function complaintPlanRun(ctx: AppContext, code: string, opts: PlanOptions): Promise<void> {
  const responsibleRef = await need(ctx, opts.responsible, { flag: '--responsible', message: t('complaint.plan.askResponsible'), unit: true })
  const measures = await requiredText(ctx, opts.measures, { flag: '--measures', message: t('complaint.plan.askMeasures') })
  const at = parseAt(ctx, opts.at)
  const given = opts.deadline === undefined ? undefined : checkPlanDeadline(parseDate(opts.deadline, '--deadline'), at)
  const milestones = (opts.milestone ?? []).map(parseMilestone)
  const { row } = await runComplaintStep(ctx, code, {
    kind: { action: 'plan' },
    step: 'plan',
    event: 'plan',
    at,
    prepare: async (trx, c) => {
      for (const m of milestones) checkMilestoneDue(m.due, new Date(c.receivedAt), c.code)
      const responsible = await requireUnit(trx, responsibleRef, t('complaint.responsibleUnit'))
      const policy = await loadPolicy(trx)
      const deadline = given ?? defaultPlanDeadline(await loadSchedule(trx, policy), at, policy.complaintPlanDays)
      const added = milestones.length === 0 ? [] : await replaceOpenMilestones(trx, c.id, milestones, at)
      return {
        step: { action: 'plan', responsibleId: responsible.id, measures, deadline },
        details: {
          responsible: responsible.code,
          measures,
          deadline,
          ...(given ? {} : { planDays: policy.complaintPlanDays }),
          ...(added.length > 0 ? { milestones: added.map((m) => ({ n: m.seq, due: m.due, title: m.title })) } : {}),
        },
        result: undefined,
      }
    },
  })
  const planned = { code: row.code, measures: cellText(row.plan?.measures), deadline: String(row.plan?.deadline) }
  await printChanged(ctx, row, milestones.length > 0 ? t('complaint.plannedMilestones', { ...planned, n: milestones.length }) : t('complaint.planned', planned))
}

export interface FeedbackOptions {
  accepted?: boolean
  disputed?: boolean
  note?: string
  at?: string
}

export async function complaintFeedbackRun(ctx: AppContext, code: string, opts: FeedbackOptions): Promise<void> {
  let { accepted: acc, disputed } = opts
  if (!acc && !disputed) {
    if (!ctx.canPrompt) throw new UsageError(t('complaint.feedback.missing'), t('complaint.feedback.missing.hint'))
    const answer = await ctx.io.prompter.select({ message: t('complaint.feedback.ask'), choices: ['accepted', 'disputed'] as const })
    acc = answer === 'accepted'
    disputed = !acc
  }
  const accepted = feedbackChoice(acc, disputed)
  const note = optionalText(opts.note)
  const at = parseAt(ctx, opts.at)
  const { row } = await runComplaintStep(ctx, code, {
    kind: { action: 'feedback', accepted },
    step: 'feedback',
    event: 'feedback',
    at,
    prepare: async () => ({ step: { action: 'feedback', accepted, note }, details: { accepted, ...(note ? { note } : {}) }, result: undefined }),
  })
  await printChanged(ctx, row, accepted ? t('complaint.planAccepted', { code: row.code }) : t('complaint.planDisputed', { code: row.code }))
}
