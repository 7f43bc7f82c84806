import type { Kysely } from 'kysely'
import type { DB } from './schema.js'

/** The pushes `icm notify` recorded: event 'notify.send', entity the unit key, details with the day. */
export const NOTIFY_EVENT = 'notify.send'

/** Whether a digest for `unit` (a unit code, 'company' or 'all') was sent for `day` ('YYYY-MM-DD'). */
export async function digestSentOn(db: Kysely<DB>, unit: string, day: string): Promise<boolean> {
  const rows = await db.selectFrom('events').select('details').where('action', '=', NOTIFY_EVENT).where('entity', '=', unit).execute()
  return rows.some((r) => {
    try {
      return (JSON.parse(r.details) as { day?: string }).day === day
    } catch {
      return false
    }
  })
}
