import { sql, type Kysely } from 'kysely'

/**
 * A department table and a position table for the same period (DESIGN.md §3): the score tables
 * are keyed by period and level instead of period alone, and each row carries its table's level.
 * The tables are rebuilt (SQLite cannot change a primary key in place) and every table already
 * there keeps its level; its rows get it. The rows hash (table-hash.ts) does not cover the level,
 * so the hashes of tables already final stay valid. The annual table (period = the year, e.g.
 * '2026') is stored in the same tables when it is finalized.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('assessments_by_level')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('inputs_hash', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('finalized_at', 'text')
    .addColumn('finalized_by', 'text')
    .addColumn('rows_hash', 'text')
    .addPrimaryKeyConstraint('assessments_period_level_pk', ['period', 'level'])
    .execute()
  await sql`insert into assessments_by_level (period, level, state, policy, inputs_hash, computed_at, finalized_at, finalized_by, rows_hash)
    select period, level, state, policy, inputs_hash, computed_at, finalized_at, finalized_by, rows_hash from assessments`.execute(db)

  await db.schema
    .createTable('assessment_rows_by_level')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
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
    .addColumn('details', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_rows_period_level_unit_pk', ['period', 'level', 'unit_id'])
    .addForeignKeyConstraint('assessment_rows_table_fk', ['period', 'level'], 'assessments_by_level', ['period', 'level'])
    .execute()
  await sql`insert into assessment_rows_by_level (period, level, unit_id, position, code, name, s, t, c, h, self, superior, total, rank, grade, bonus, details)
    select r.period, a.level, r.unit_id, r.position, r.code, r.name, r.s, r.t, r.c, r.h, r.self, r.superior, r.total, r.rank, r.grade, r.bonus, r.details
    from assessment_rows r join assessments a on a.period = r.period`.execute(db)

  await db.schema.dropTable('assessment_rows').execute()
  await db.schema.dropTable('assessments').execute()
  await db.schema.alterTable('assessments_by_level').renameTo('assessments').execute()
  await db.schema.alterTable('assessment_rows_by_level').renameTo('assessment_rows').execute()
}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
