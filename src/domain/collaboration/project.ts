import { daysBetween, localDate } from '../calendar/dates.js'
import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'

/**
 * Collaboration projects (policy chapter 5: 项目协作 and 问题协同解决): kinds, states, the rules of
 * their dates, and whether one finished on time (DESIGN.md §2, §3 C).
 */
export const PROJECT_KINDS = ['project', 'problem'] as const
export type ProjectKind = (typeof PROJECT_KINDS)[number]

export const PROJECT_STATUSES = ['open', 'completed', 'cancelled'] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]

export function parseProjectKind(text: string): ProjectKind {
  const k = text.trim().toLowerCase() as ProjectKind
  if (!PROJECT_KINDS.includes(k)) throw new UserError(`invalid project kind ${quote(text)}`, 'use project (项目协作) or problem (问题协同解决)')
  return k
}

export function parseProjectStatus(text: string): ProjectStatus {
  const s = text.trim().toLowerCase() as ProjectStatus
  if (!PROJECT_STATUSES.includes(s)) throw new UserError(`invalid project status ${quote(text)}`, `use one of ${PROJECT_STATUSES.join(', ')}`)
  return s
}

/** A whole number from `min` to `max` given as text, or UserError naming the option. */
export function parseWholeIn(text: string, flag: string, min: number, max: number): number {
  const t = String(text).trim()
  if (!/^-?\d+$/.test(t) || Number(t) < min || Number(t) > max) {
    throw new UserError(`${flag} must be a whole number from ${min} to ${max}, got ${quote(text)}`)
  }
  return Number(t)
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
    throw new UserError(`due date ${due} is before the start date ${start}`, 'give a later --due, or an earlier --start')
  }
}

/** Refuses changing a project that is no longer open; `what` says what was tried, e.g. 'complete'. */
export function checkOpen(p: { code: string; status: ProjectStatus; completed_on: string | null }, what: string): void {
  if (p.status === 'completed') throw new UserError(`cannot ${what} ${p.code}: it was completed on ${p.completed_on ?? '?'}`)
  if (p.status === 'cancelled') throw new UserError(`cannot ${what} ${p.code}: it was cancelled`)
}

/** Refuses a completion date after today or before the project started. */
export function checkCompletionDate(date: string, start: string, today: string): void {
  if (date > today) throw new UserError(`completion date ${date} is in the future (today is ${today})`, 'record a completion once it has happened')
  if (date < start) throw new UserError(`completion date ${date} is before the project started (${start})`)
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
  checkOpen(p, 'change the members of')
  if (unit.id === p.owner_id) throw new UserError(`${unit.code} owns ${p.code}; members are the other units that take part`, 'give another --unit')
}

/**
 * The project's progress after an update at `at`: the percent of its latest update in time (a
 * back-filled update may be older than the last one; on the same instant the new one wins).
 * Refuses a project no longer open and an update dated before the project started.
 */
export function progressAfter(p: ProjectState, history: readonly { at: string; percent: number }[], update: { at: Date; percent: number }): number {
  checkOpen(p, 'record progress on')
  const day = localDate(update.at)
  if (day < p.start_date) throw new UserError(`progress at ${day} is before ${p.code} started (${p.start_date})`, 'check --at')
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

/** The timing in words: 'on time', 'late 5 days', 'overdue 1 day', 'due in 3 days', 'due today', 'cancelled'. */
export function timingText(t: ProjectTiming): string {
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`
  switch (t.state) {
    case 'on_time':
      return 'on time'
    case 'late':
      return `late ${days(t.days)}`
    case 'overdue':
      return `overdue ${days(t.days)}`
    case 'cancelled':
      return 'cancelled'
    case 'open':
      return t.days === 0 ? 'due today' : `due in ${days(t.days)}`
  }
}

/** Late for `project list --late`: completed after due, or still open past due. */
export function isLate(t: ProjectTiming): boolean {
  return t.state === 'late' || t.state === 'overdue'
}
