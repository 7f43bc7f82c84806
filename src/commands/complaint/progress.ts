import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { atOption, parseAt, parseWhole, requiredText } from '../../cli/options.js'
import { checkStepTime } from '../../domain/complaints/complaint-rules.js'
import { checkProgress } from '../../domain/complaints/complaint-timelines.js'
import { UsageError } from '../../domain/errors.js'
import { listMilestones, markMilestoneDone } from '../../storage/complaint-milestones-repo.js'
import { appendComplaintStep, saveComplaint } from '../../storage/complaints-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { printChanged, requireComplaint } from './shared.js'
import { t } from '../../domain/i18n/catalog.js'

/** progress: how the plan is going (7.三.2 跟踪处理进度), a milestone marked done. */
export function registerProgress(complaint: Command, ctx: AppContext): void {
  example(
    atOption(
      complaint
        .command('progress')
        .description(t('complaint.progress.description'))
        .argument('<code>', t('complaint.code'))
        .option('--note <text>', t('complaint.progress.note'))
        .option('--milestone <n>', t('complaint.progress.milestone'))
        .option('--done', t('complaint.progress.done')),
      t('complaint.progress.at'),
    ).action((code: string, opts: ProgressOptions) => complaintProgressRun(ctx, code, opts)),
    'icm complaint progress CMP-0001 --note "备用服务器已到货"',
    'icm complaint progress CMP-0001 --milestone 1 --done --note "备用服务器上线"',
  )
}

export interface ProgressOptions {
  note?: string
  milestone?: string
  done?: boolean
  at?: string
}

export async function complaintProgressRun(ctx: AppContext, code: string, opts: ProgressOptions): Promise<void> {
  const done = opts.done === true
  if (done && opts.milestone === undefined) throw new UsageError(t('complaint.progress.doneNeedsMilestone'), t('complaint.progress.doneNeedsMilestone.hint'))
  const n = parseWhole(opts.milestone, '--milestone', 1, 1_000_000)
  const note = await requiredText(ctx, opts.note, { flag: '--note', message: t('complaint.progress.ask') })
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const c = await requireComplaint(trx, code)
    const m = checkProgress(c, await listMilestones(trx, c.id), n, done)
    checkStepTime(at, new Date(c.receivedAt), c.code, t('complaint.what.received'))
    if (m && done) await markMilestoneDone(trx, c.id, m.seq, at)
    const details = { note, ...(m ? { milestone: m.seq, title: m.title, ...(done ? { done: true } : {}) } : {}) }
    const saved = await saveComplaint(trx, { ...c, updatedAt: ctx.now().toISOString() })
    await appendComplaintStep(trx, { complaintId: c.id, at, actor: ctx.actor, step: 'progress', statusBefore: c.status, statusAfter: c.status, details })
    await appendEvent(trx, ctx.event('complaint.progress', c.code, { ...details, at: at.toISOString() }))
    return saved
  })
  await printChanged(ctx, row, n === undefined ? t('complaint.progressRecorded', { code: row.code }) : t(done ? 'complaint.progressRecordedDone' : 'complaint.progressRecordedOn', { code: row.code, n }))
}
