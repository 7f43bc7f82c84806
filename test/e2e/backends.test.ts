import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKEND, cli, tempDir, testDatabase } from '../helpers/harness.js'
import { workedExample } from '../helpers/scenarios.js'

const pg = process.env.ICM_TEST_PG_URL

/**
 * What only a PostgreSQL server can show: runs when ICM_TEST_PG_URL names one (CI starts one),
 * once (in the SQLite project; the PostgreSQL project would only repeat it).
 */
describe.skipIf(!pg || BACKEND === 'postgres')('SQLite and PostgreSQL side by side', () => {
  it('the same assessment scenario gives the byte-identical `assess show --json` on both backends', async () => {
    const lite = await workedExample({ backend: 'sqlite' })
    const server = await workedExample({ backend: 'postgres' })
    await lite.ok(['assess', 'run', '--period', '2026-H1'])
    await server.ok(['assess', 'run', '--period', '2026-H1'])
    await lite.ok(['assess', 'finalize', '--period', '2026-H1'])
    await server.ok(['assess', 'finalize', '--period', '2026-H1'])
    const a = (await lite.ok(['assess', 'show', '--period', '2026-H1', '--json'])).stdout
    const b = (await server.ok(['assess', 'show', '--period', '2026-H1', '--json'])).stdout
    expect(JSON.parse(a).rows.find((r: any) => r.unit === 'IT')).toMatchObject({ total: 79 })
    expect(b).toBe(a)
  })

  it('copies an SQLite database into an empty PostgreSQL one, every table and the event log, and refuses a non-empty target', async () => {
    const dir = tempDir()
    const source = cli({ dir, backend: 'sqlite' })
    await source.ok(['--db', path.join(dir, 'demo.db'), 'demo'])
    const target = testDatabase(dir, 'x', 'postgres')
    const copy = await source.ok(['db', 'copy', '--from', path.join(dir, 'demo.db'), '--to', target, '--json'])
    const tables = copy.json().tables as { table: string; rows: number }[]
    expect(tables.find((t) => t.table === 'events')!.rows).toBeGreaterThan(100)
    expect(tables.find((t) => t.table === 'units')!.rows).toBe(18)
    const onServer = cli({ dir, backend: 'postgres' })
    const showLite = (await source.ok(['--db', path.join(dir, 'demo.db'), 'assess', 'show', '--period', '2026-H1', '--json'])).stdout
    const showServer = (await onServer.ok(['--db', target, 'assess', 'show', '--period', '2026-H1', '--json'])).stdout
    expect(showServer).toBe(showLite)
    // identity sequences continue after the copied ids
    await onServer.ok(['--db', target, 'unit', 'add', 'NEW', '--name', '新部门', '--kind', 'department'])
    const again = await source.run(['db', 'copy', '--from', path.join(dir, 'demo.db'), '--to', target])
    expect(again.code).toBe(5)
    expect(again.stderr).toContain('the target database is not empty')
  })

  it('refuses an unreachable server and a wrong password with exit 3, naming the host, never the password', async () => {
    const t = cli({ backend: 'sqlite' })
    const refused = await t.run(['--db', 'postgres://icm:s3cret-pw@127.0.0.1:1/icm', 'unit', 'list'])
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain('127.0.0.1:1')
    expect(refused.stderr).not.toContain('s3cret-pw')
    const u = new URL(pg!)
    u.password = 'wrong-s3cret'
    const wrong = await t.run(['--db', u.toString(), 'unit', 'list'])
    expect(wrong.code).toBe(3)
    expect(wrong.stderr).toMatch(/password authentication failed/)
    expect(wrong.stderr).not.toContain('wrong-s3cret')
  })

  it('refuses a database created by a newer icm with exit 5', async () => {
    const t = cli({ backend: 'postgres' })
    await t.ok(['init'])
    const { default: pgm } = await import('pg')
    const u = new URL(t.db)
    const schema = u.searchParams.get('schema')!
    u.searchParams.delete('schema')
    const client = new pgm.Client({ connectionString: u.toString() })
    await client.connect()
    await client.query(`insert into ${schema}.icm_migration (name, timestamp) values ('2999_01_01_001_future', 'x')`)
    await client.end()
    const r = await t.run(['unit', 'list'])
    expect(r.code).toBe(5)
    expect(r.stderr).toContain('written by a newer icm')
  })
})

describe('database locations', () => {
  it('refuses a URL that is neither PostgreSQL nor a file path (exit 3)', async () => {
    const t = cli({ backend: 'sqlite' })
    const r = await t.run(['--db', 'mysql://root@localhost/icm', 'unit', 'list'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain("unsupported database URL scheme 'mysql'")
    const copy = await t.run(['db', 'copy', '--to', 'mysql://x@y/z'])
    expect(copy.code).toBe(3)
  })
})
