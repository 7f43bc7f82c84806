import { Kysely, PostgresDialect, sql, type DatabaseIntrospector, type DatabaseMetadata, type SchemaMetadata, type TableMetadata } from 'kysely'
import { NotFoundError, UserError } from '../domain/errors.js'
import { t } from '../domain/i18n/catalog.js'
import { missingDatabase, transactionOnConnection, type OpenOptions, type Store } from './database.js'
import { MIGRATION_TABLE, migrate } from './migrate.js'
import { MIGRATIONS } from './migrations/index.js'
import { translateDbError } from './dialect.js'
import type { DB } from './schema.js'

/** What a postgres:// URL names, for messages: never the password. */
export interface PgTarget {
  connectionString: string
  host: string
  port: string
  database: string
  user: string
  /** `?schema=NAME`: icm's tables live in this schema (created if missing) */
  schema: string | null
  /** the URL without its password, for messages and the store's location */
  display: string
}

export function parsePgUrl(url: string): PgTarget {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new UserError(t('system.pg.badUrl'), t('system.pg.badUrl.hint'))
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new UserError(t('system.db.urlScheme', { scheme: u.protocol.replace(/:$/, '') }), t('system.db.urlSchemePg.hint'))
  }
  const schema = u.searchParams.get('schema')
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new UserError(t('system.pg.badSchema', { schema }), t('system.pg.badSchema.hint'))
  }
  u.searchParams.delete('schema')
  const display = `postgres://${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.hostname || 'localhost'}${u.port ? `:${u.port}` : ''}${u.pathname}${schema ? `?schema=${schema}` : ''}`
  return {
    connectionString: u.toString(),
    host: u.hostname || 'localhost',
    port: u.port || '5432',
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username),
    user: decodeURIComponent(u.username),
    schema,
    display,
  }
}

let typesConfigured = false

/**
 * Opens the icm schema on a PostgreSQL server and migrates it. Refuses (exit 3, with the host and
 * the reason, never the password) an unreachable server or failed login; refuses a database with
 * other tables and no icm schema; refuses a database written by a newer icm (exit 5).
 */
export async function openPostgresStore(url: string, opts: OpenOptions = {}): Promise<Store> {
  const target = parsePgUrl(url)
  const pg = (await import('pg')).default
  if (!typesConfigured) {
    // counts (bigint) and sums (numeric) as numbers, as SQLite gives them
    pg.types.setTypeParser(20, (v: string) => Number(v))
    pg.types.setTypeParser(1700, (v: string) => Number(v))
    typesConfigured = true
  }
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: 2,
    connectionTimeoutMillis: 10_000,
    options: target.schema ? `-c search_path=${target.schema}` : undefined,
  })
  pool.on('error', () => {}) // an idle client losing its server must not crash the process
  try {
    const client = await pool.connect()
    try {
      if (target.schema) {
        const exists = await client.query('select 1 from information_schema.schemata where schema_name = $1', [target.schema])
        if (exists.rows.length === 0) {
          if (opts.mustExist) throw missingDatabase(target.display)
          await client.query(`create schema if not exists ${target.schema}`)
        }
      }
    } finally {
      client.release()
    }
  } catch (e) {
    await pool.end().catch(() => {})
    throw e instanceof NotFoundError ? e : connectError(target, e)
  }
  const db = new Kysely<DB>({ dialect: new OwnSchemaDialect({ pool }) })
  let created = false
  const store: Store = {
    db,
    get created() {
      return created
    },
    dialect: 'postgres',
    location: target.display,
    pgPool: pool,
    write: async (fn) => {
      try {
        return await db.transaction().execute(fn)
      } catch (e) {
        throw translateDbError(e)
      }
    },
    backupTo: async () => {
      throw new UserError(t('system.pg.backup'), t('system.pg.backup.hint', { url: target.display.replace(/\?.*$/, '') }))
    },
    close: async () => {
      await db.destroy()
    },
  }
  try {
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s
    const tables = await listTables(db)
    created = tables.length === 0
    if (created && opts.mustExist) throw missingDatabase(target.display)
    if (tables.length > 0 && !tables.includes(MIGRATION_TABLE)) {
      const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '')
      throw new UserError(t('system.pg.otherTables', { location: target.display, tables: shown }), t('system.pg.otherTables.hint'))
    }
    await migrate(
      {
        location: target.display,
        schema,
        applied: async () => ((await listTables(db)).includes(MIGRATION_TABLE) ? (await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db)).rows.map((r) => r.name) : []),
        // one migrator at a time: a transaction-scoped advisory lock. A transaction begun by hand on
        // one connection, because kysely's Migrator asks its db for a connection (a Transaction refuses)
        write: (fn) =>
          transactionOnConnection(
            db,
            (conn) => sql`begin`.execute(conn),
            async (conn) => {
              await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}, hashtext(coalesce(current_schema(), '')))`.execute(conn)
              return fn(conn)
            },
          ),
      },
      tables.length > 0,
      opts.migrations ?? MIGRATIONS,
      opts.notice,
    )
  } catch (e) {
    await store.close()
    throw e
  }
  return store
}

/**
 * PostgreSQL as kysely speaks it, except that introspection (which kysely's Migrator uses to see
 * whether its tables exist) looks at icm's own schema only: kysely's introspector reads every
 * table of every schema on the server and looks each up by name, so a schema that another
 * session drops meanwhile fails the migration ("schema … does not exist").
 */
class OwnSchemaDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new OwnSchemaIntrospector(db)
  }
}

/** The schemas of the server, and the tables of the current schema (without their columns: nothing in icm reads them). */
class OwnSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    return (await sql<SchemaMetadata>`select nspname as name from pg_catalog.pg_namespace`.execute(this.db)).rows
  }

  async getTables(): Promise<TableMetadata[]> {
    const rows = await sql<{ name: string; schema: string; isView: boolean }>`
      select table_name as name, table_schema as schema, table_type = 'VIEW' as "isView"
      from information_schema.tables where table_schema = current_schema() order by table_name`.execute(this.db)
    return rows.rows.map((t) => ({ ...t, columns: [] }))
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() }
  }
}

/** An arbitrary constant: the advisory lock that serialises icm migrations on a server. */
const MIGRATION_LOCK_KEY = 7_364_281

async function listTables(db: Kysely<DB>): Promise<string[]> {
  const rows = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
  return rows.rows.map((r) => r.table_name)
}

function connectError(target: PgTarget, e: unknown): Error {
  const err = e as { code?: string; message?: string }
  const reasons: Record<string, () => string> = {
    ECONNREFUSED: () => t('system.pg.refused'),
    ENOTFOUND: () => t('system.pg.noHost'),
    EAI_AGAIN: () => t('system.pg.unresolved'),
    ETIMEDOUT: () => t('system.pg.timedOut'),
    '28P01': () => t('system.pg.password', { user: target.user }),
    '28000': () => t('system.pg.mayNotConnect', { user: target.user }),
    '3D000': () => t('system.pg.noDatabase', { database: target.database }),
    '42501': () => t('system.pg.permission'),
  }
  const known = err.code && Object.hasOwn(reasons, err.code) ? reasons[err.code] : undefined
  const reason = known ? known() : (err.message ?? String(e)).replace(/postgres(ql)?:\/\/[^\s]*/g, '<url>')
  return new UserError(t('system.pg.cannotOpen', { host: target.host, port: target.port, database: target.database, reason }), t('system.pg.cannotOpen.hint'))
}

