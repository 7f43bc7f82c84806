import { sql, type Kysely } from 'kysely'
import { addIdColumn, makeAppendOnly } from './frozen-helpers.js'

/** Units, processes, dependencies, links, config, calendar, the event log and code sequences. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute()

  await addIdColumn(db, db.schema.createTable('units'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('department', 'position')`))
    .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
    .addColumn('head', 'text')
    .addColumn('duties', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('units_code_key').on('units').unique().expression(sql`upper(code)`).execute()
  await db.schema.createIndex('units_name').on('units').column('name').execute()
  await db.schema.createIndex('units_parent').on('units').column('parent_id').execute()

  await addIdColumn(db, db.schema.createTable('processes'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('processes_code_key').on('processes').unique().expression(sql`upper(code)`).execute()

  await addIdColumn(db, db.schema.createTable('process_steps'))
    .addColumn('process_id', 'integer', (c) => c.notNull().references('processes.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('output', 'text', (c) => c.notNull())
    .addColumn('after_seqs', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('process_steps_seq_key', ['process_id', 'seq'])
    .execute()

  await addIdColumn(db, db.schema.createTable('dependencies'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('support', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await addIdColumn(db, db.schema.createTable('links'))
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('provides', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema.createTable('config')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema.createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('holiday', 'workday')`))
    .addColumn('name', 'text')
    .execute()

  await addIdColumn(db, db.schema.createTable('events'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('events_entity').on('events').columns(['entity', 'id']).execute()
  await db.schema.createIndex('events_at').on('events').column('at').execute()
  await makeAppendOnly(db, 'events')

  await db.schema.createTable('sequences')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
