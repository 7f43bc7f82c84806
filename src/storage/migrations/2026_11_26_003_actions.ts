import { sql, type Kysely } from 'kysely'
import { addIdColumn } from './frozen-helpers.js'

/** Improvement actions, shared by complaints, surveys, audits, relationships and assessments. */
export async function up(db: Kysely<any>): Promise<void> {
  await addIdColumn(db, db.schema.createTable('actions'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'done')`))
    .addColumn('done_note', 'text')
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('actions_owner').on('actions').columns(['owner_id', 'status']).execute()
  await db.schema.createIndex('actions_status_due').on('actions').columns(['status', 'due']).execute()
  await db.schema.createIndex('actions_source_ref').on('actions').column('source_ref').execute()
}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
