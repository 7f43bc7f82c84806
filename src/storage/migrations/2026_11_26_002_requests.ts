import { sql, type Kysely } from 'kysely'
import { addIdColumn } from './frozen-helpers.js'

/** The service catalogue and internal requests with evaluations, co-responsible units and changes. */
export async function up(db: Kysely<any>): Promise<void> {
  await addIdColumn(db, db.schema.createTable('services'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('response_hours', 'double precision')
    .addColumn('resolution_days', 'double precision')
    .addColumn('standard', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('services_code_key').on('services').unique().expression(sql`upper(code)`).execute()
  await db.schema.createIndex('services_provider').on('services').column('provider_id').execute()

  await addIdColumn(db, db.schema.createTable('requests'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('provider_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('service_id', 'integer', (c) => c.references('services.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('needed_by', 'text')
    .addColumn('important_override', 'integer')
    .addColumn('urgent_override', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('response_due', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .addColumn('response_on_time', 'integer')
    .addColumn('decision', 'text')
    .addColumn('expected_date', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('resolution_due', 'text')
    .addColumn('paused_minutes', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('waiting_since', 'text')
    .addColumn('waiting_reason', 'text')
    .addColumn('started_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolution_note', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('satisfaction', 'integer')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    // the latest --at of any step: a later step cannot be back-dated before it
    .addColumn('last_step_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // The queue of one provider (rank, list --to), the response clock (overdue, timeliness) and the customer's view.
  await db.schema.createIndex('requests_provider_status').on('requests').columns(['provider_id', 'status']).execute()
  // a provider's requests by due time; with the response and cancellation times it also covers
  // the on-time counts of a period (assess run) without reading the table
  await db.schema.createIndex('requests_provider_due').on('requests').columns(['provider_id', 'response_due', 'responded_at', 'cancelled_at']).execute()
  await db.schema.createIndex('requests_customer').on('requests').columns(['customer_id', 'created_at']).execute()
  await db.schema.createIndex('requests_status').on('requests').columns(['status', 'response_due']).execute()
  // covers the response timeliness of a period (assess run): due time, provider, response, cancellation
  await db.schema.createIndex('requests_timeliness').on('requests').columns(['response_due', 'provider_id', 'responded_at', 'cancelled_at', 'code']).execute()
  await db.schema
    .createIndex('requests_unanswered')
    .on('requests')
    .column('response_due')
    .where(sql.ref('responded_at'), 'is', null)
    .execute()
  // for `overdue --as-of` a time in the past: what was answered, resolved or cancelled after it
  for (const column of ['responded_at', 'resolved_at', 'cancelled_at']) {
    await db.schema.createIndex(`requests_${column}`).on('requests').column(column).where(sql.ref(column), 'is not', null).execute()
  }
  await db.schema
    .createIndex('requests_resolution_open')
    .on('requests')
    .column('resolution_due')
    .where(sql.ref('status'), 'in', ['accepted', 'in_progress', 'waiting'])
    .execute()

  await db.schema
    .createTable('request_units')
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('request_units_pk', ['request_id', 'unit_id'])
    .execute()
  await db.schema.createIndex('request_units_unit').on('request_units').columns(['unit_id', 'request_id']).execute()

  await addIdColumn(db, db.schema.createTable('request_evaluations'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id'))
    .addColumn('evaluator', 'text', (c) => c.notNull())
    .addColumn('reasonableness', 'integer', (c) => c.notNull())
    .addColumn('feasibility', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('cost_benefit', 'integer', (c) => c.notNull())
    .addColumn('important', 'integer')
    .addColumn('urgent', 'integer')
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    // set when a change of scope sends the request back for re-evaluation: kept, no longer counted
    .addColumn('superseded_at', 'text')
    .execute()
  await db.schema.createIndex('request_evaluations_request').on('request_evaluations').columns(['request_id', 'evaluator']).execute()

  await addIdColumn(db, db.schema.createTable('request_changes'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('impact', 'text')
    .addColumn('scope_change', 'integer', (c) => c.notNull())
    .addColumn('status_before', 'text', (c) => c.notNull())
    .addColumn('status_after', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('request_changes_request').on('request_changes').columns(['request_id', 'id']).execute()
}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
