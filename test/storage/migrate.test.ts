import { sql, type Kysely, type Migration } from 'kysely'
import { describe, expect, it } from 'vitest'
import { CURRENT_SCHEMA_VERSION, transactionOnConnection } from '../../src/storage/database.js'
import { MIGRATION_TABLE, migrate } from '../../src/storage/migrate.js'
import { MIGRATIONS } from '../../src/storage/migrations/index.js'
import { openStore } from '../../src/storage/open.js'
import { tempDir, testDatabase } from '../helpers/harness.js'
import { BACKEND, freshStore } from '../helpers/stores.js'

const names = Object.keys(MIGRATIONS)
const createTable = (name: string): Migration => ({ up: async (db: Kysely<any>) => void (await sql`create table ${sql.table(name)} (id integer)`.execute(db)) })

async function applied(db: Kysely<any>): Promise<string[]> {
  return (await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db)).rows.map((r) => r.name)
}

async function tables(db: Kysely<any>): Promise<string[]> {
  return (await db.introspection.getTables()).map((t) => t.name)
}

/** Opens the database at `location` with these migrations, runs `fn` on it and closes it. */
async function withStore<T>(location: string, migrations: Record<string, Migration>, fn: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const store = await openStore(location, { migrations })
  try {
    return await fn(store.db)
  } finally {
    await store.close()
  }
}

/** The names of a table's indexes (those SQLite makes for constraints aside), sorted. */
async function indexesOf(db: Kysely<any>, table: string): Promise<string[]> {
  const rows =
    BACKEND === 'postgres'
      ? await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = ${table}`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${table} and name not like 'sqlite_autoindex%'`.execute(db)
  return rows.rows.map((r) => r.name).sort()
}

describe(`migrate (${BACKEND})`, () => {
  it('runs every migration on a new database, each recorded once, in name order', async () => {
    const store = await freshStore()
    expect(await applied(store.db)).toEqual(names)
    expect(names).toHaveLength(CURRENT_SCHEMA_VERSION)
    expect(await tables(store.db)).toEqual(expect.arrayContaining(['units', 'requests', 'complaints', 'surveys', 'assessments', 'events']))
  })

  it('runs only the pending migrations of an older database', async () => {
    const location = testDatabase(tempDir())
    await withStore(location, Object.fromEntries(Object.entries(MIGRATIONS).slice(0, 2)), async (db) => {
      expect(await applied(db)).toEqual(names.slice(0, 2))
      expect(await tables(db)).not.toContain('complaints')
    })
    const later = { ...MIGRATIONS, '2999_01_01_001_later': createTable('later_thing') }
    await withStore(location, later, async (db) => {
      expect(await applied(db)).toEqual([...names, '2999_01_01_001_later'])
      expect(await tables(db)).toEqual(expect.arrayContaining(['complaints', 'later_thing']))
    })
  })

  it('refuses a database written by a newer icm (exit 5), naming the migration it does not know', async () => {
    const location = testDatabase(tempDir())
    await withStore(location, { ...MIGRATIONS, '2999_01_01_001_future': createTable('future_thing') }, async () => {})
    await expect(openStore(location)).rejects.toMatchObject({
      exitCode: 5,
      message: expect.stringMatching(new RegExp(`written by a newer icm \\(schema version ${names.length + 1}, this icm knows ${names.length}; unknown migration 2999_01_01_001_future\\)`)),
    })
  })

  it('names a migration that fails; what it did is rolled back and the migrations before it stay', async () => {
    const location = testDatabase(tempDir())
    const failing: Migration = {
      up: async (db: Kysely<any>) => {
        await sql`create table half_done (id integer)`.execute(db)
        throw new Error('boom')
      },
    }
    await expect(openStore(location, { migrations: { ...MIGRATIONS, '2999_01_01_001_ok': createTable('ok_thing'), '2999_01_01_002_fails': failing } })).rejects.toThrow('migration 2999_01_01_002_fails failed: boom')
    await withStore(location, { ...MIGRATIONS, '2999_01_01_001_ok': createTable('ok_thing') }, async (db) => {
      expect(await applied(db)).toEqual([...names, '2999_01_01_001_ok'])
      expect(await tables(db)).toContain('ok_thing')
      expect(await tables(db)).not.toContain('half_done')
    })
  })

  it('backs up an existing database first when the store can (a notice says where), never a new one', async () => {
    const notices: string[] = []
    const backups: [number, number][] = []
    const store = await freshStore()
    const write = <T>(fn: (trx: Kysely<any>) => Promise<T>) => transactionOnConnection(store.db as Kysely<any>, (conn) => sql`begin`.execute(conn), fn)
    const schema = BACKEND === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]!.s : undefined
    const target = {
      location: 'the test database',
      schema,
      applied: () => applied(store.db),
      write,
      backupBefore: async (from: number, to: number) => {
        backups.push([from, to])
        return `backup-${from}-${to}`
      },
    }
    await migrate(target, true, { ...MIGRATIONS, '2999_01_01_001_next': createTable('next_thing') }, (m) => notices.push(m))
    expect(backups).toEqual([[names.length, names.length + 1]])
    expect(notices).toEqual([`backed up the test database to backup-${names.length}-${names.length + 1} before migrating the schema from version ${names.length} to ${names.length + 1}`])
    // nothing pending: no backup
    await migrate(target, true, { ...MIGRATIONS, '2999_01_01_001_next': createTable('next_thing') }, (m) => notices.push(m))
    expect(backups).toHaveLength(1)
  })

  it("drops the index of survey responses on survey_id alone (2026_11_29_002), keeping the unique key that serves lookups by survey", async () => {
    const location = testDatabase(tempDir())
    const upTo = names.indexOf('2026_11_29_002_responses_by_survey_index')
    await withStore(location, Object.fromEntries(Object.entries(MIGRATIONS).slice(0, upTo)), async (db) => {
      expect(await indexesOf(db, 'survey_responses')).toEqual(expect.arrayContaining(['survey_responses_key', 'survey_responses_survey']))
    })
    await withStore(location, MIGRATIONS, async (db) => {
      const left = await indexesOf(db, 'survey_responses')
      expect(left).toContain('survey_responses_key')
      expect(left).not.toContain('survey_responses_survey')
    })
  })
})
