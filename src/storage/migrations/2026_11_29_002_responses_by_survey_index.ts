import type { Kysely } from 'kysely'

/**
 * Drops the index of survey_responses on survey_id alone. The unique index on (survey_id, key)
 * begins with survey_id and answers every lookup and count by survey; the one query that needed
 * this index, the export's paging in id order, walks the table by id instead (surveys-repo.ts
 * iterateResponses). Keeping it up cost a large import 0.1–0.3 s of the 1.8 s its final insert
 * holds the write lock for a million rows (bench/survey-import.mjs, and the insert replayed alone).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('survey_responses_survey').ifExists().execute()
}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
