import { sql, type Kysely } from 'kysely'
import { addIdColumn } from './frozen-helpers.js'

/** Surveys, their import batches and responses, and follow-up visits (policy chapters 4.3 and 6). */
export async function up(db: Kysely<any>): Promise<void> {
  await addIdColumn(db, db.schema.createTable('surveys'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('service', 'relationship')`))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('surveys_code_key').on('surveys').unique().expression(sql`upper(code)`).execute()
  await db.schema.createIndex('surveys_period').on('surveys').columns(['period_start', 'period_end']).execute()

  await addIdColumn(db, db.schema.createTable('survey_batches'))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull())
    .addColumn('already_present', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    .addColumn('forced', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  // Not unique: --force imports the same file again on purpose.
  await db.schema.createIndex('survey_batches_sha256').on('survey_batches').column('sha256').execute()
  await db.schema.createIndex('survey_batches_survey').on('survey_batches').columns(['survey_id', 'id']).execute()

  await addIdColumn(db, db.schema.createTable('survey_responses'))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('response_id', 'text')
    .addColumn('respondent_id', 'integer', (c) => c.references('units.id'))
    .addColumn('rated_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('accuracy', 'integer')
    .addColumn('timeliness', 'integer')
    .addColumn('completeness', 'integer')
    .addColumn('professionalism', 'integer')
    .addColumn('overall', 'integer')
    .addColumn('loyalty', 'integer')
    .addColumn('comment', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('survey_batches.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .execute()
  // The natural key of a row within its survey: the import's ON CONFLICT target.
  await db.schema.createIndex('survey_responses_key').on('survey_responses').unique().columns(['survey_id', 'key']).execute()
  // The export pages through a survey's responses in id order. (Dropped by 2026_11_29_002: the
  // export walks the table by id, and a large import kept this index up under the write lock.)
  await db.schema.createIndex('survey_responses_survey').on('survey_responses').column('survey_id').execute()

  // Score sums per import batch and (rated unit, respondent unit), written by the import in the
  // same transaction as the responses they sum. Every satisfaction figure (survey results, the
  // assessment's S, the relationship assessment) adds these up in SQL: a few thousand rows
  // instead of a million responses. Responses are never changed or deleted after their import,
  // so the sums cannot drift from them.
  await db.schema
    .createTable('survey_score_sums')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('survey_batches.id'))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('rated_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('respondent_id', 'integer', (c) => c.references('units.id'))
    .addColumn('responses', 'integer', (c) => c.notNull())
    .addColumn('accuracy_sum', 'integer', (c) => c.notNull())
    .addColumn('accuracy_n', 'integer', (c) => c.notNull())
    .addColumn('timeliness_sum', 'integer', (c) => c.notNull())
    .addColumn('timeliness_n', 'integer', (c) => c.notNull())
    .addColumn('completeness_sum', 'integer', (c) => c.notNull())
    .addColumn('completeness_n', 'integer', (c) => c.notNull())
    .addColumn('professionalism_sum', 'integer', (c) => c.notNull())
    .addColumn('professionalism_n', 'integer', (c) => c.notNull())
    .addColumn('overall_sum', 'integer', (c) => c.notNull())
    .addColumn('overall_n', 'integer', (c) => c.notNull())
    .addColumn('loyalty_sum', 'integer', (c) => c.notNull())
    .addColumn('loyalty_n', 'integer', (c) => c.notNull())
    .addColumn('value_sum', 'double precision', (c) => c.notNull())
    .addColumn('value_n', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('survey_score_sums_survey').on('survey_score_sums').columns(['survey_id', 'rated_id', 'respondent_id']).execute()
  await db.schema.createIndex('survey_score_sums_batch').on('survey_score_sums').column('batch_id').execute()

  await addIdColumn(db, db.schema.createTable('visits'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('satisfaction', 'integer')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('visits_pair').on('visits').columns(['supplier_id', 'customer_id', 'date']).execute()
  await db.schema.createIndex('visits_date').on('visits').column('date').execute()
}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
