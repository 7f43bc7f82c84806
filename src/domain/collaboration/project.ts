import { daysBetween, localDate } from '../calendar/dates.js'
import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { isChinese, label, t, type english } from '../i18n/catalog.js'
import { matchEnum } from '../i18n/enums.js'
import { toSimplified } from '../org/unit-names.js'

/**
 * Collaboration projects (policy chapter 5: 项目协作 and 问题协同解决): kinds, states, the rules of
 * their dates, and whether one finished on time (DESIGN.md §2, §3 C).
 */
export const PROJECT_KINDS = ['project', 'problem'] as const
export type ProjectKind = (typeof PROJECT_KINDS)[number]

export const PROJECT_STATUSES = ['open', 'completed', 'cancelled'] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]

/** A kind as typed: the value, its English label or a Chinese word (项目, 问题协同 …). */
export function parseProjectKind(text: string): ProjectKind {
  const k = matchEnum('projectKind', text, PROJECT_KINDS, toSimplified)
  if (k === undefined) throw new UserError(t('project.invalidKind', { text: quote(text) }), t('project.invalidKind.hint'))
  return k
}

/** A status as typed: the value, its English label or a Chinese word (进行中, 已完成 …). */
export function parseProjectStatus(text: string): ProjectStatus {
  const s = matchEnum('projectStatus', text, PROJECT_STATUSES, toSimplified)
  if (s === undefined) {
    const values = PROJECT_STATUSES.map((v) => (isChinese() ? `${label('projectStatus', v)} (${v})` : v)).join(', ')
    throw new UserError(t('project.invalidStatus', { text: quote(text) }), t('project.invalidStatus.hint', { values }))
  }
  return s
}

/** A whole number from `min` to `max` given as text (full-width digits too), or UserError naming the option. */
export function parseWholeIn(text: string, flag: string, min: number, max: number): number {
  const n = String(text).normalize('NFKC').trim()
  if (!/^-?\d+$/.test(n) || Number(n) < min || Number(n) > max) {
    throw new UserError(t('project.whole', { flag, min, max, text: quote(text) }))
  }
  return Number(n)
}

/** Quality of a completed project, 1–5. */
export function parseQuality(text: string): number {
  return parseWholeIn(text, '--quality', 1, 5)
}

/** Progress percent, 0–100. */
export function parsePercent(text: string): number {
  return parseWholeIn(text, '--percent', 0, 100)
}

/** Refuses a due date before the start date (both 'YYYY-MM-DD'). */
export function checkProjectDates(start: string, due: string): void {
  if (due < start) {
    throw new UserError(t('project.dueBeforeStart', { due, start }), t('project.dueBeforeStart.hint'))
  }
}

/** What was tried on a project that is no longer open. */
export type ProjectDoing = 'complete' | 'cancel' | 'members' | 'progress'

/** Refuses changing a project that is no longer open; `what` says what was tried, e.g. 'complete'. */
export function checkOpen(p: { code: string; status: ProjectStatus; completed_on: string | null }, what: ProjectDoing): void {
  const action = t(`project.do.${what}`)
  if (p.status === 'completed') throw new UserError(t('project.closedCompleted', { action, code: p.code, date: p.completed_on ?? '?' }))
  if (p.status === 'cancelled') throw new UserError(t('project.closedCancelled', { action, code: p.code }))
}

/** Refuses a completion date after today or before the project started. */
export function checkCompletionDate(date: string, start: string, today: string): void {
  if (date > today) throw new UserError(t('project.completionFuture', { date, today }), t('project.completionFuture.hint'))
  if (date < start) throw new UserError(t('project.completionBeforeStart', { date, start }))
}

/** What a project is as far as its rules go (the stored project has these fields). */
export interface ProjectState {
  code: string
  status: ProjectStatus
  owner_id: number
  start_date: string
  completed_on: string | null
}

/** A change to a project, in the policy's words; the repository writes it with the time of the change. */
export interface ProjectChange {
  status?: ProjectStatus
  progress?: number
  completedOn?: string
  /** 1–5; null when completed without a quality (the base score alone counts, DESIGN.md §3 C) */
  quality?: number | null
  completionNote?: string | null
  cancelledAt?: Date
  cancelReason?: string
}

/** Refuses the owner as a member of its own project, and a project no longer open. */
export function checkMember(p: ProjectState, unit: { id: number; code: string }): void {
  checkOpen(p, 'members')
  if (unit.id === p.owner_id) throw new UserError(t('project.ownerAsMember', { unit: unit.code, code: p.code }), t('project.ownerAsMember.hint'))
}

/**
 * The project's progress after an update at `at`: the percent of its latest update in time (a
 * back-filled update may be older than the last one; on the same instant the new one wins).
 * Refuses a project no longer open and an update dated before the project started.
 */
export function progressAfter(p: ProjectState, history: readonly { at: string; percent: number }[], update: { at: Date; percent: number }): number {
  checkOpen(p, 'progress')
  const day = localDate(update.at)
  if (day < p.start_date) throw new UserError(t('project.progressBeforeStart', { day, code: p.code, start: p.start_date }), t('project.progressBeforeStart.hint'))
  return [...history, { at: update.at.toISOString(), percent: update.percent }].reduce((a, b) => (b.at >= a.at ? b : a)).percent
}

/** The completion of an open project on `date`, with its quality when one is given (null: none): completed, progress 100. */
export function completion(p: ProjectState, c: { date: string; quality: number | null; note: string | null }, today: string): ProjectChange {
  checkOpen(p, 'complete')
  checkCompletionDate(c.date, p.start_date, today)
  return { status: 'completed', progress: 100, completedOn: c.date, quality: c.quality, completionNote: c.note }
}

/** The cancellation of an open project: it is then left out of the collaboration score. */
export function cancellation(p: ProjectState, reason: string, at: Date): ProjectChange {
  checkOpen(p, 'cancel')
  return { status: 'cancelled', cancelledAt: at, cancelReason: reason }
}

export type TimingState = 'on_time' | 'late' | 'open' | 'overdue' | 'cancelled'

export interface ProjectTiming {
  state: TimingState
  /** late: days after due it was completed; overdue: days past due; open: days left until due; else 0. */
  days: number
}

/**
 * Whether a project kept its due date, in calendar days as of `today` ('YYYY-MM-DD'):
 * completed on or before due → on_time; completed after → late by (completed − due) days;
 * open and due before today → overdue by (today − due) days; open otherwise → open with
 * (due − today) days left; cancelled → cancelled.
 */
export function projectTiming(p: { status: ProjectStatus; due: string; completed_on: string | null }, today: string): ProjectTiming {
  if (p.status === 'cancelled') return { state: 'cancelled', days: 0 }
  if (p.status === 'completed' && p.completed_on !== null) {
    const late = daysBetween(p.due, p.completed_on)
    return late > 0 ? { state: 'late', days: late } : { state: 'on_time', days: 0 }
  }
  const overdue = daysBetween(p.due, today)
  return overdue > 0 ? { state: 'overdue', days: overdue } : { state: 'open', days: daysBetween(today, p.due) }
}

/**
 * The timing in words: 'on time', 'late 5 days', 'overdue 1 day', 'due in 3 days', 'due today',
 * 'cancelled' (in the interface language; `say` = english keeps piped output in English).
 */
export function timingText(timing: ProjectTiming, say: typeof english = t): string {
  const n = timing.days
  switch (timing.state) {
    case 'on_time':
      return say('project.timing.onTime')
    case 'late':
      return say('project.timing.late', { n })
    case 'overdue':
      return say('project.timing.overdue', { n })
    case 'cancelled':
      return say('project.timing.cancelled')
    case 'open':
      return n === 0 ? say('project.timing.dueToday') : say('project.timing.dueIn', { n })
  }
}

/** Late for `project list --late`: completed after due, or still open past due. */
export function isLate(t: ProjectTiming): boolean {
  return t.state === 'late' || t.state === 'overdue'
}
