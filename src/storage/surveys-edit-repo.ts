import type { Kysely } from 'kysely'
import type { PeriodBounds } from '../domain/calendar/period.js'
import type { SurveyKind } from '../domain/surveys/survey.js'
import type { DB } from './schema.js'
import type { SurveyRow } from './schema-surveys.js'

/** Changing a survey and deleting one with its import batches, responses and score sums. */

export interface SurveyChanges {
  title?: string
  kind?: SurveyKind
  period?: Pick<PeriodBounds, 'code' | 'startDate' | 'endDate'>
}

export async function updateSurvey(db: Kysely<DB>, id: number, c: SurveyChanges): Promise<SurveyRow> {
  return db
    .updateTable('surveys')
    .set({
      ...(c.title === undefined ? {} : { title: c.title }),
      ...(c.kind === undefined ? {} : { kind: c.kind }),
      ...(c.period === undefined ? {} : { period: c.period.code, period_start: c.period.startDate, period_end: c.period.endDate }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface DeletedSurvey {
  responses: number
  batches: number
}

/** Deletes a survey and everything imported into it; returns how many responses and batches went. */
export async function deleteSurvey(db: Kysely<DB>, id: number): Promise<DeletedSurvey> {
  await db.deleteFrom('survey_score_sums').where('survey_id', '=', id).execute()
  const responses = await db.deleteFrom('survey_responses').where('survey_id', '=', id).executeTakeFirst()
  const batches = await db.deleteFrom('survey_batches').where('survey_id', '=', id).executeTakeFirst()
  await db.deleteFrom('surveys').where('id', '=', id).execute()
  return { responses: Number(responses.numDeletedRows), batches: Number(batches.numDeletedRows) }
}
