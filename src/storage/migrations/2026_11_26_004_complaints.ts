import { sql, type Kysely } from 'kysely'
import { addIdColumn } from './frozen-helpers.js'

/** Complaints with their investigation team and units, evidence and timeline (policy chapter 7). */
export async function up(db: Kysely<any>): Promise<void> {
  await addIdColumn(db, db.schema.createTable('complaints'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('complainant_id', 'integer', (c) => c.references('units.id'))
    .addColumn('against_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('request_id', 'integer', (c) => c.references('requests.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('handler', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('received', 'investigating', 'planned', 'confirmed', 'verified')`))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('investigated_at', 'text')
    .addColumn('plan_responsible_id', 'integer', (c) => c.references('units.id'))
    .addColumn('plan_measures', 'text')
    .addColumn('plan_deadline', 'text')
    .addColumn('planned_at', 'text')
    .addColumn('feedback', 'text', (c) => c.check(sql`feedback in ('accepted', 'disputed')`))
    .addColumn('feedback_note', 'text')
    .addColumn('feedback_at', 'text')
    .addColumn('resolved', 'integer', (c) => c.check(sql`resolved in (0, 1)`))
    .addColumn('satisfaction', 'integer', (c) => c.check(sql`satisfaction between 1 and 5`))
    .addColumn('verification_note', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('root_cause_category', 'text')
    .addColumn('root_cause_analysis', 'text')
    .addColumn('root_cause_at', 'text')
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // The assessment and stats read complaints against a unit by received time; monitoring reads
  // open complaints by plan deadline.
  await db.schema.createIndex('complaints_against_received').on('complaints').columns(['against_id', 'received_at']).execute()
  await db.schema.createIndex('complaints_received').on('complaints').column('received_at').execute()
  await db.schema.createIndex('complaints_status_deadline').on('complaints').columns(['status', 'plan_deadline']).execute()

  await db.schema
    .createTable('complaint_team')
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('member', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_team_pk', ['complaint_id', 'member'])
    .execute()

  await db.schema
    .createTable('complaint_units')
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('complaint_units_pk', ['complaint_id', 'unit_id'])
    .execute()

  await addIdColumn(db, db.schema.createTable('complaint_evidence'))
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('document', 'interview', 'site_visit')`))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('file_size', 'bigint')
    .addColumn('file_sha256', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addUniqueConstraint('complaint_evidence_seq_key', ['complaint_id', 'seq'])
    .execute()

  await addIdColumn(db, db.schema.createTable('complaint_steps'))
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('status_before', 'text')
    .addColumn('status_after', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('complaint_steps_complaint').on('complaint_steps').columns(['complaint_id', 'at']).execute()
}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
