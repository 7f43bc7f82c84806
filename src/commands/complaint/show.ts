import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { actionJson } from '../../cli/json-views.js'
import { cellText, printEntity, printRows, printText, shownInstant } from '../../cli/output.js'
import { listActions } from '../../storage/actions-repo.js'
import { listMilestones } from '../../storage/complaint-milestones-repo.js'
import { listComplaintSteps, listEvidence, listInvestigationUnitIds, listTeamMembers, requestCodesByIds } from '../../storage/complaints-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { complaintClock, complaintJson, evidenceJson, requireComplaint } from './shared.js'
import { hasMessage, isChinese, label, t } from '../../domain/i18n/catalog.js'

export function registerShow(complaint: Command, ctx: AppContext): void {
  example(
    complaint
      .command('show')
      .description(t('complaint.show.description'))
      .argument('<code>', t('complaint.code'))
      .action((code: string) => complaintShowRun(ctx, code)),
    'icm complaint show CMP-0001',
  )
}

/**
 * A timeline step's details as one line of text. On a Chinese terminal the event's keys read as
 * words (被投诉单位, 渠道 …) and its values as labels (电话, 访谈, 是); piped lines keep them as logged.
 */
function detailsText(details: Record<string, unknown>, term: boolean): string {
  return Object.entries(details)
    .map(([k, v]) => {
      if (k === 'file' && v && typeof v === 'object') {
        const f = v as { name: string; size: number; sha256: string }
        return t('complaint.show.file', { name: f.name, size: f.size, sha256: f.sha256 })
      }
      if (!term) return `${k}: ${cellText(v)}`
      const key = hasMessage(`complaint.detailKey.${k}`) ? t(`complaint.detailKey.${k}` as 'complaint.detailKey.against') : k
      return `${key}：${shownDetail(k, v)}`
    })
    .join(term ? '；' : '; ')
}

/** A detail's value on a Chinese terminal: an enum by its label, yes/no in words. */
function shownDetail(key: string, value: unknown): string {
  if (typeof value === 'boolean') return t(value ? 'complaint.detail.yes' : 'complaint.detail.no')
  if (typeof value === 'string') {
    if (key === 'channel') return label('complaintChannel', value)
    if (key === 'kind') return label('evidenceKind', value)
    if (key === 'category') return label('rootCause', value)
  }
  return cellText(value)
}

export async function complaintShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const c = await requireComplaint(store.db, code)
  const codes = await unitCodesById(store.db)
  const clock = await complaintClock(ctx, store.db)
  const today = clock.today
  const base = complaintJson(c, codes, await requestCodesByIds(store.db, c.requestId === null ? [] : [c.requestId]), clock, await listMilestones(store.db, c.id))
  const team = await listTeamMembers(store.db, c.id)
  const units = (await listInvestigationUnitIds(store.db, c.id)).map((id) => codes.get(id) ?? null).sort()
  const evidence = (await listEvidence(store.db, c.id)).map((e) => evidenceJson(c.code, e))
  const timeline = (await listComplaintSteps(store.db, c.id)).map((s) => ({ ...s, at: shownInstant(s.at) }))
  const actions = (await listActions(store.db, { source: 'complaint', sourceRef: c.code })).map((a) => actionJson(a, codes, today))
  const json = { ...base, team, units, evidence, timeline, actions }
  if (ctx.json) {
    printEntity(ctx, json, [])
    return
  }
  // a Chinese terminal reads the fixed values by their labels
  const term = ctx.io.stdoutIsTTY && isChinese()
  printEntity(ctx, json, [
    ['code', c.code, t('complaint.field.code')],
    ['status', term ? label('complaintStatus', c.status) : c.status, t('complaint.field.status')],
    ['against', base.against, t('complaint.field.against')],
    ['from', base.anonymous ? (term ? t('complaint.anonymous') : '(anonymous)') : base.from, t('complaint.field.from')],
    ['channel', term ? label('complaintChannel', c.channel) : c.channel, t('complaint.field.channel')],
    ['handler', c.handler, t('complaint.field.handler')],
    ['request', base.request, t('complaint.field.request')],
    ['summary', c.summary, t('complaint.field.summary')],
    ['received', base.receivedAt, t('complaint.field.received')],
    ['team due', `${base.investigation.due}${investigationNote(base.investigation)}`, t('complaint.field.teamDue')],
    ['team', team, t('complaint.field.team')],
    ['units', units, t('complaint.field.units')],
    ['plan', base.plan ? `${base.plan.responsible}: ${base.plan.measures}` : null, t('complaint.field.plan')],
    ['deadline', base.plan ? (base.overdue ? t('complaint.show.deadlineOverdue', { deadline: base.plan.deadline, n: String(base.daysOverdue) }) : base.plan.deadline) : null, t('complaint.field.deadline')],
    ['feedback', base.feedback ? `${t(base.feedback.accepted ? 'complaint.show.accepted' : 'complaint.show.disputed')}${base.feedback.note ? `${term ? '：' : ': '}${base.feedback.note}` : ''}` : null, t('complaint.field.feedback')],
    [
      'verification',
      base.verification
        ? `${t('complaint.show.resolved', { resolved: t(base.verification.resolved ? 'complaint.show.isResolved' : 'complaint.show.notResolved'), n: String(base.verification.satisfaction) })}${base.verification.note ? `${term ? '：' : ': '}${base.verification.note}` : ''}`
        : null,
      t('complaint.field.verification'),
    ],
    ['root cause', base.rootCause ? `${term ? `${label('rootCause', base.rootCause.category)}：` : `${base.rootCause.category}: `}${base.rootCause.analysis}` : null, t('complaint.field.rootCause')],
    ['closed', base.closedAt, t('complaint.field.closed')],
  ])
  const shown = (status: string) => (term ? label('complaintStatus', status) : status)
  printText(ctx, t('complaint.show.timeline'))
  await printRows(ctx, timeline, [
    { header: 'at', title: t('complaint.col.at'), value: (s) => s.at },
    { header: 'step', title: t('complaint.col.step'), value: (s) => (term && hasMessage(`complaint.step.${s.step}`) ? t(`complaint.step.${s.step}` as 'complaint.step.received') : s.step) },
    { header: 'by', title: t('complaint.col.by'), value: (s) => s.actor },
    { header: 'status', title: t('complaint.col.status'), value: (s) => (s.statusBefore === null || s.statusBefore === s.statusAfter ? shown(s.statusAfter) : `${shown(s.statusBefore)} → ${shown(s.statusAfter)}`) },
    { header: 'details', title: t('complaint.col.details'), value: (s) => detailsText(s.details, term) },
  ])
  if (base.milestones.length > 0) {
    printText(ctx, t('complaint.show.milestones'))
    await printRows(ctx, base.milestones, [
      { header: '#', value: (m) => m.n, align: 'right' },
      { header: 'due', title: t('complaint.col.due'), value: (m) => m.due },
      { header: 'what', title: t('complaint.col.what'), value: (m) => m.title },
      { header: 'status', title: t('complaint.col.status'), value: (m) => (m.done ? t('complaint.show.milestoneDone', { at: String(m.doneAt) }) : m.superseded ? t('complaint.show.milestoneSuperseded') : m.daysOverdue !== null ? t('complaint.show.milestoneOverdue', { n: String(m.daysOverdue) }) : t('complaint.show.milestoneOpen')) },
    ])
  }
  if (evidence.length > 0) {
    printText(ctx, t('complaint.show.evidence'))
    await printRows(ctx, evidence, [
      { header: '#', value: (e) => e.seq, align: 'right' },
      { header: 'kind', title: t('complaint.col.kind'), value: (e) => e.kind, enum: 'evidenceKind' },
      { header: 'at', title: t('complaint.col.at'), value: (e) => e.at },
      { header: 'note', title: t('complaint.col.note'), value: (e) => e.note },
      { header: 'file', title: t('complaint.col.file'), value: (e) => e.file?.name ?? '' },
      { header: 'bytes', title: t('complaint.col.bytes'), value: (e) => e.file?.size ?? '', align: 'right' },
      { header: 'sha256', value: (e) => e.file?.sha256 ?? '' },
    ])
  }
  if (actions.length > 0) {
    printText(ctx, t('complaint.show.actions'))
    await printRows(ctx, actions, [
      { header: 'code', title: t('complaint.col.code'), value: (a) => a.code },
      { header: 'owner', title: t('complaint.col.owner'), value: (a) => a.owner },
      { header: 'due', title: t('complaint.col.due'), value: (a) => a.due },
      { header: 'status', title: t('complaint.col.status'), value: (a) => (a.daysOverdue ? (term ? t('action.overdueDays', { n: a.daysOverdue }) : `overdue ${a.daysOverdue}d`) : term ? label('actionStatus', a.status) : a.status) },
      { header: 'description', title: t('complaint.col.description'), value: (a) => a.description },
    ])
  }
}

/** ' (overdue 3.5 business hours)', ' (team formed 2 business hours late)' or ''. */
function investigationNote(i: { late: boolean | null; overdue: boolean; hoursLate: number | null }): string {
  if (i.overdue) return t('complaint.show.noTeamOverdue', { h: String(i.hoursLate) })
  if (i.late) return t('complaint.show.teamLate', { h: String(i.hoursLate) })
  return ''
}
