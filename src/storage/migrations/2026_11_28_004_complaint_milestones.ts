import type { Kysely } from 'kysely'
import { addIdColumn } from './frozen-helpers.js'

/**
 * The dated milestones of a complaint's resolution plan (policy 7.三.1 时间节点, 7.三.2 跟踪处理进度):
 * numbered 1, 2, … within the complaint; done when progress says so; superseded when a later plan
 * sets new milestones.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await addIdColumn(db, db.schema.createTable('complaint_milestones'))
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('superseded_at', 'text')
    .addUniqueConstraint('complaint_milestones_seq_key', ['complaint_id', 'seq'])
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
