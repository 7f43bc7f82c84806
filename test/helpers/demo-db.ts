import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { BACKEND, cli, tempDir } from './harness.js'

/**
 * The demo company in a database of the project's backend, built once for a describe block: an
 * SQLite file, or on PostgreSQL that file copied into a schema of its own (the harness drops a
 * test's schema after each test; this one lives until the block ends).
 */
export function demoDatabase(): { location: () => string; dir: string } {
  const dir = tempDir()
  const file = path.join(dir, 'demo.db')
  const schema = `t_demo_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`
  const pg = process.env.ICM_TEST_PG_URL ?? ''
  const location = BACKEND === 'postgres' ? `${pg}${pg.includes('?') ? '&' : '?'}schema=${schema}` : file
  beforeAll(async () => {
    const lite = cli({ dir, backend: 'sqlite' })
    await lite.ok(['--db', file, 'demo'])
    if (BACKEND === 'postgres') await lite.ok(['db', 'copy', '--from', file, '--to', location])
  }, 120_000)
  afterAll(async () => {
    if (BACKEND !== 'postgres') return
    const { default: pgClient } = await import('pg')
    const client = new pgClient.Client({ connectionString: pg })
    await client.connect()
    try {
      await client.query(`drop schema if exists ${schema} cascade`)
    } finally {
      await client.end()
    }
  })
  return { location: () => location, dir }
}
