import type { Kysely } from 'kysely'

/** Half-yearly assessments: qualitative inputs, the stored score table, and its finalization. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('assessment_inputs')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('self', 'double precision')
    .addColumn('superior', 'double precision')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_inputs_pk', ['period', 'unit_id'])
    .execute()

  await db.schema
    .createTable('assessments')
    .addColumn('period', 'text', (c) => c.primaryKey())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    // the weights, grade bands, bonus table and thresholds used, as JSON
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('inputs_hash', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('finalized_at', 'text')
    .addColumn('finalized_by', 'text')
    .execute()

  await db.schema
    .createTable('assessment_rows')
    .addColumn('period', 'text', (c) => c.notNull().references('assessments.period'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('s', 'double precision')
    .addColumn('t', 'double precision')
    .addColumn('c', 'double precision')
    .addColumn('h', 'double precision')
    .addColumn('self', 'double precision')
    .addColumn('superior', 'double precision')
    .addColumn('total', 'double precision')
    .addColumn('rank', 'integer')
    .addColumn('grade', 'text')
    .addColumn('bonus', 'double precision')
    // everything behind the row (counts, lists, arithmetic) as JSON, so a final table explains itself
    .addColumn('details', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_rows_pk', ['period', 'unit_id'])
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
