import { sql, type Kysely } from 'kysely'
import { ConflictError } from '../domain/errors.js'
import { t } from '../domain/i18n/catalog.js'
import type BetterSqlite3 from 'better-sqlite3'
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from './migrate.js'
import type { DB } from './schema.js'

/**
 * Copies every table of an SQLite icm database into an empty PostgreSQL icm database of the same
 * schema, in one transaction on the target, checking the row count of every table before it
 * commits. Parents before children; a table that refers to itself (units) gets its references
 * in a second pass; identity sequences continue after the copied ids.
 */
export interface CopyReport {
  tables: { table: string; rows: number }[]
}

const SKIP = new Set([MIGRATION_TABLE, MIGRATION_LOCK_TABLE])

export async function copySqliteToPostgres(source: BetterSqlite3.Database, target: Kysely<DB>, progress?: (table: string, rows: number) => void): Promise<CopyReport> {
  const tables = tablesInDependencyOrder(source)
  return target.transaction().execute(async (trx) => {
    const nonEmpty: string[] = []
    for (const t of tables) {
      const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t.name)}`.execute(trx)
      if (Number(r.rows[0]!.n) > 0) nonEmpty.push(t.name)
    }
    if (nonEmpty.length > 0) {
      throw new ConflictError(t('system.db.targetNotEmpty', { tables: `${nonEmpty.slice(0, 4).join(', ')}${nonEmpty.length > 4 ? ', …' : ''}` }), t('system.db.targetNotEmpty.hint'))
    }
    const report: CopyReport = { tables: [] }
    for (const t of tables) {
      const columns = (source.prepare(`select name from pragma_table_info(?) order by cid`).all(t.name) as { name: string }[]).map((c) => c.name)
      const batch = Math.max(1, Math.floor(30_000 / columns.length))
      let rows = 0
      const stmt = source.prepare(`select * from "${t.name}" order by rowid`)
      let chunk: Record<string, unknown>[] = []
      const flush = async () => {
        if (chunk.length === 0) return
        const values = chunk.map((row) => {
          const out: Record<string, unknown> = { ...row }
          for (const c of t.selfRefs) out[c] = null
          return out
        })
        await trx.insertInto(t.name as never).values(values as never).execute()
        rows += chunk.length
        progress?.(t.name, rows)
        chunk = []
      }
      for (const row of stmt.iterate() as Iterable<Record<string, unknown>>) {
        chunk.push(row)
        if (chunk.length >= batch) await flush()
      }
      await flush()
      if (t.selfRefs.length > 0) {
        for (const row of source.prepare(`select id, ${t.selfRefs.map((c) => `"${c}"`).join(', ')} from "${t.name}" where ${t.selfRefs.map((c) => `"${c}" is not null`).join(' or ')}`).all() as Record<string, unknown>[]) {
          const set = Object.fromEntries(t.selfRefs.map((c) => [c, row[c]]))
          await trx.updateTable(t.name as never).set(set as never).where('id' as never, '=', row.id as never).execute()
        }
      }
      if (columns.includes('id')) {
        await sql`select setval(pg_get_serial_sequence(${t.name}, 'id'), coalesce((select max(id) from ${sql.table(t.name)}), 0) + 1, false)`.execute(trx)
      }
      const copied = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t.name)}`.execute(trx)
      const expected = (source.prepare(`select count(*) as n from "${t.name}"`).get() as { n: number }).n
      if (Number(copied.rows[0]!.n) !== expected) {
        throw new Error(`copy of ${t.name} is incomplete: ${copied.rows[0]!.n} rows on the target, ${expected} in the source; nothing committed`)
      }
      report.tables.push({ table: t.name, rows: expected })
    }
    return report
  })
}

/** The source's tables, parents before children (foreign keys), each with its self-references. */
function tablesInDependencyOrder(db: BetterSqlite3.Database): { name: string; selfRefs: string[] }[] {
  const names = (db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => !SKIP.has(n))
  const deps = new Map<string, { parents: Set<string>; selfRefs: string[] }>()
  for (const n of names) {
    const fks = db.prepare(`select "table" as parent, "from" as col from pragma_foreign_key_list(?)`).all(n) as { parent: string; col: string }[]
    deps.set(n, { parents: new Set(fks.filter((f) => f.parent !== n).map((f) => f.parent)), selfRefs: fks.filter((f) => f.parent === n).map((f) => f.col) })
  }
  const ordered: { name: string; selfRefs: string[] }[] = []
  const done = new Set<string>()
  const visit = (n: string, path: Set<string>) => {
    if (done.has(n) || path.has(n)) return
    path.add(n)
    for (const p of deps.get(n)?.parents ?? []) if (deps.has(p)) visit(p, path)
    done.add(n)
    ordered.push({ name: n, selfRefs: deps.get(n)!.selfRefs })
  }
  for (const n of names) visit(n, new Set())
  return ordered
}
