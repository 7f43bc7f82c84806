import { formatInstant, localDate } from '../calendar/dates.js'
import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'

/** Improvement actions: who does what by when, and whether it is late. */

/** An improvement action as the rules see it (instants ISO 8601 UTC, dates 'YYYY-MM-DD'). */
export interface Action {
  id: number
  code: string
  source: string
  /** the code it came from, e.g. CMP-0003 or 2026-H1 */
  sourceRef: string | null
  ownerId: number
  description: string
  due: string
  status: 'open' | 'done'
  doneNote: string | null
  doneAt: string | null
  createdAt: string
}

export const ACTION_SOURCES = ['manual', 'complaint', 'survey', 'audit', 'relation', 'assessment'] as const
export type ActionSource = (typeof ACTION_SOURCES)[number]

export function parseActionSource(text: string): ActionSource {
  const s = text.trim().toLowerCase() as ActionSource
  if (!ACTION_SOURCES.includes(s)) throw new UserError(`invalid action source ${quote(text)}`, `use one of ${ACTION_SOURCES.join(', ')}`)
  return s
}

export const ACTION_STATUS_FILTERS = ['open', 'done', 'overdue'] as const

export function parseActionStatusFilter(text: string): (typeof ACTION_STATUS_FILTERS)[number] {
  const s = text.trim().toLowerCase() as (typeof ACTION_STATUS_FILTERS)[number]
  if (!ACTION_STATUS_FILTERS.includes(s)) throw new UserError(`invalid action status ${quote(text)}`, 'use open, done or overdue')
  return s
}

/** Open and due before today → overdue; the days it is late, counted in calendar days. */
export function actionState(a: { status: 'open' | 'done'; due: string }, today: string): 'open' | 'done' | 'overdue' {
  if (a.status === 'done') return 'done'
  return a.due < today ? 'overdue' : 'open'
}

/** A due date may not be before the day the action is opened. */
export function checkActionDue(due: string, openedAt: Date): string {
  const opened = localDate(openedAt)
  if (due < opened) throw new UserError(`--due ${due} is before the action is opened (${opened})`, 'give a date on or after the day it is opened')
  return due
}

/** An action is done at or after it was opened. */
export function checkDoneTime(doneAt: Date, createdAt: Date, code: string): Date {
  if (doneAt.getTime() < createdAt.getTime()) {
    throw new UserError(`--at ${formatInstant(doneAt)} is before ${code} was opened (${formatInstant(createdAt)})`, 'an action is done after it is opened')
  }
  return doneAt
}

/** An action is done once, at or after it was opened; UserError otherwise. */
export function checkActionDone(a: Pick<Action, 'code' | 'status' | 'doneNote' | 'createdAt'>, doneAt: Date): void {
  if (a.status === 'done') throw new UserError(`${a.code} is already done (${a.doneNote ?? ''})`)
  checkDoneTime(doneAt, new Date(a.createdAt), a.code)
}
