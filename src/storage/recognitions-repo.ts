import type { Kysely } from 'kysely'
import type { NewRecognition, RecognitionRow } from './schema-collaboration.js'
import type { DB } from './schema.js'
import { nextCode } from './sequences-repo.js'

/** Recognitions (incentives, policy chapter 5) of a unit or a person for a period: RCG-0001 …. */
export async function insertRecognition(db: Kysely<DB>, r: Omit<NewRecognition, 'code'>): Promise<RecognitionRow> {
  const code = await nextCode(db, 'RCG')
  return db
    .insertInto('recognitions')
    .values({ ...r, code })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface RecognitionFilter {
  /** only recognitions whose period lies within [from, to] (dates 'YYYY-MM-DD') */
  from?: string
  to?: string
  unitId?: number
}

/** Recognitions by period start, then code. */
export async function listRecognitions(db: Kysely<DB>, f: RecognitionFilter = {}): Promise<RecognitionRow[]> {
  let q = db.selectFrom('recognitions').selectAll()
  if (f.from) q = q.where('period_start', '>=', f.from)
  if (f.to) q = q.where('period_end', '<=', f.to)
  if (f.unitId !== undefined) q = q.where('unit_id', '=', f.unitId)
  return q.orderBy('period_start').orderBy('code').execute()
}
