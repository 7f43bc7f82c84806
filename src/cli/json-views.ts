import { daysBetween, localDate } from '../domain/calendar/dates.js'
import { actionState } from '../domain/supervision/action.js'
import type { ActionRow } from '../storage/schema.js'
import { shownInstant } from './output.js'

/**
 * JSON shapes of entities that more than one command group prints (an improvement action is
 * shown by `action list` and by the complaint, audit and assessment commands that open one).
 */

/** The JSON of an improvement action, with its state as of today. */
export function actionJson(a: ActionRow, codes: ReadonlyMap<number, string>, today: string) {
  const state = actionState(a, today)
  return {
    code: a.code,
    source: a.source,
    sourceRef: a.source_ref,
    owner: codes.get(a.owner_id) ?? null,
    description: a.description,
    due: a.due,
    status: state,
    daysOverdue: state === 'overdue' ? daysBetween(a.due, today) : null,
    doneNote: a.done_note,
    doneAt: shownInstant(a.done_at),
    /** done by its due date (its local day), null while open */
    doneOnTime: a.done_at === null ? null : localDate(new Date(a.done_at)) <= a.due,
    createdAt: shownInstant(a.created_at),
  }
}

