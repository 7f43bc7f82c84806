import { formatInstant, localDate } from '../calendar/dates.js'
import { UserError } from '../errors.js'
import { t } from '../i18n/catalog.js'
import { parseEnum } from '../input/enum-input.js'

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

/** An action's source as typed, in English or Chinese (投诉, 内审 …). */
export function parseActionSource(text: string): ActionSource {
  return parseEnum('actionSource', text, t('action.sourceWhat'), ACTION_SOURCES)
}

export const ACTION_STATUS_FILTERS = ['open', 'done', 'overdue'] as const

export function parseActionStatusFilter(text: string): (typeof ACTION_STATUS_FILTERS)[number] {
  return parseEnum('actionStatus', text, t('action.statusWhat'), ACTION_STATUS_FILTERS)
}

/** Open and due before today → overdue; the days it is late, counted in calendar days. */
export function actionState(a: { status: 'open' | 'done'; due: string }, today: string): 'open' | 'done' | 'overdue' {
  if (a.status === 'done') return 'done'
  return a.due < today ? 'overdue' : 'open'
}

/** A due date may not be before the day the action is opened. */
export function checkActionDue(due: string, openedAt: Date): string {
  const opened = localDate(openedAt)
  if (due < opened) throw new UserError(t('action.dueBeforeOpened', { due, opened }), t('action.dueBeforeOpened.hint'))
  return due
}

/** An action is done at or after it was opened. */
export function checkDoneTime(doneAt: Date, createdAt: Date, code: string): Date {
  if (doneAt.getTime() < createdAt.getTime()) {
    throw new UserError(t('action.doneBeforeOpened', { at: formatInstant(doneAt), code, opened: formatInstant(createdAt) }), t('action.doneBeforeOpened.hint'))
  }
  return doneAt
}

/** An action is done once, at or after it was opened; UserError otherwise. */
export function checkActionDone(a: Pick<Action, 'code' | 'status' | 'doneNote' | 'createdAt'>, doneAt: Date): void {
  if (a.status === 'done') throw new UserError(t('action.alreadyDone', { code: a.code, note: a.doneNote ?? '' }))
  checkDoneTime(doneAt, new Date(a.createdAt), a.code)
}
