import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { BACKEND, ROOT, queryRows, spawnIcm, tempDir, testDatabase } from '../helpers/harness.js'

/**
 * Reliability of the bulk import on the built CLI (dist/icm.js), as separate processes: a killed
 * import leaves all of its file or nothing, and two imports at once both succeed. Files of this
 * size go through the insert worker.
 */

/** A database with the bench's 100 units and survey S, and generated survey files of `rows` rows each. */
function setup(files: { name: string; rows: number; firstId: number }[], backend: 'sqlite' | 'postgres' = 'sqlite') {
  const cwd = tempDir('icm-e2e-survey-')
  const org = path.join(cwd, 'org.csv')
  for (const f of files) {
    execFileSync(process.execPath, [path.join(ROOT, 'bench', 'gen-survey-csv.mjs'), path.join(cwd, f.name), org, String(f.rows), String(f.firstId)], { stdio: 'ignore' })
  }
  const env = { ICM_DB: testDatabase(cwd, 'icm.db', backend), ICM_ACTOR: 'e2e' }
  execFileSync(process.execPath, [path.join(ROOT, 'dist', 'icm.js'), 'unit', 'import', org], { env: { ...process.env, ...env }, stdio: 'ignore' })
  execFileSync(process.execPath, [path.join(ROOT, 'dist', 'icm.js'), 'survey', 'create', 'S', '--title', 's', '--period', '2026-H1'], { env: { ...process.env, ...env }, stdio: 'ignore' })
  return { cwd, env, db: env.ICM_DB }
}

function query<T>(db: string, sql: string): T {
  const d = new Database(db)
  try {
    return d.prepare(sql).get() as T
  } finally {
    d.close()
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** SQLite's file, WAL and memory; the PostgreSQL project runs the block after this one instead. */
describe.skipIf(BACKEND === 'postgres')('survey import, as a process', () => {
  it('killed (SIGKILL) in the middle leaves a sound database with none of the file, and the same import then succeeds', async () => {
    const rows = 150_000
    const { cwd, env, db } = setup([{ name: 'big.csv', rows, firstId: 1 }])
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'icm.js'), 'survey', 'import', 'S', 'big.csv'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', TZ: 'Asia/Shanghai', ...env },
      stdio: 'ignore',
    })
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
    // Mid-import: rows are being written (the uncommitted transaction spills into the WAL).
    const wal = `${db}-wal`
    const started = Date.now()
    while (!(fs.existsSync(wal) && fs.statSync(wal).size > 4 << 20)) {
      if (Date.now() - started > 20_000) throw new Error('the import never got going')
      await sleep(5)
    }
    child.kill('SIGKILL')
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' })

    expect(query<{ integrity_check: string }>(db, 'pragma integrity_check')).toEqual({ integrity_check: 'ok' })
    const after = query<{ n: number }>(db, 'select count(*) as n from survey_responses').n
    expect([0, rows]).toContain(after)
    expect(query<{ n: number }>(db, 'select count(*) as n from survey_batches').n).toBe(after === 0 ? 0 : 1)

    if (after === 0) {
      const again = await spawnIcm(['survey', 'import', 'S', 'big.csv', '--json'], { cwd, env })
      expect(again.code).toBe(0)
      expect(JSON.parse(again.stdout)).toMatchObject({ read: rows, imported: rows, alreadyPresent: 0, rejected: 0 })
    }
    expect(query<{ n: number }>(db, 'select count(*) as n from survey_responses').n).toBe(rows)
    expect(query<{ integrity_check: string }>(db, 'pragma integrity_check')).toEqual({ integrity_check: 'ok' })
  }, 60_000)

  it('two imports of different files into one database at once both succeed (the second waits for the lock)', async () => {
    const rows = 120_000
    const { cwd, env, db } = setup([
      { name: 'a.csv', rows, firstId: 1 },
      { name: 'b.csv', rows, firstId: 1_000_001 },
    ])
    const [a, b] = await Promise.all([
      spawnIcm(['survey', 'import', 'S', 'a.csv', '--json'], { cwd, env }),
      spawnIcm(['survey', 'import', 'S', 'b.csv', '--json'], { cwd, env }),
    ])
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0])
    expect(JSON.parse(a.stdout)).toMatchObject({ imported: rows })
    expect(JSON.parse(b.stdout)).toMatchObject({ imported: rows })
    expect(query<{ n: number }>(db, 'select count(*) as n from survey_responses').n).toBe(2 * rows)
    expect(query<{ n: number }>(db, 'select count(*) as n from survey_batches').n).toBe(2)
    // One of them found the database locked and said it was waiting (when the two overlapped).
    expect(`${a.stderr}${b.stderr}`).toMatch(/waiting for another import to finish|✓ 120000 of 120000/)
  }, 60_000)

  it('keeps the peak memory of a 300,000-row import under 128 MB', async () => {
    const rows = 300_000
    const { cwd, env } = setup([{ name: 'big.csv', rows, firstId: 1 }])
    const script = `process.on('exit', () => { const r = process.resourceUsage(); process.stderr.write('maxrss ' + r.maxRSS + '\\n') })`
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(script)}`, path.join(ROOT, 'dist', 'icm.js'), 'survey', 'import', 'S', 'big.csv'], {
        cwd,
        env: { PATH: process.env.PATH ?? '', TZ: 'Asia/Shanghai', ...env },
      })
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      child.on('close', (code) => resolve({ code, stderr }))
    })
    expect(r.code, r.stderr).toBe(0)
    const kib = Number(/maxrss (\d+)/.exec(r.stderr)?.[1])
    expect(kib).toBeGreaterThan(0)
    expect(kib / 1024).toBeLessThan(128)
  }, 60_000)
})

const count = async (db: string, table: string) => Number((await queryRows<{ n: number }>(db, `select count(*) as n from ${table}`))[0]!.n)

describe.skipIf(BACKEND === 'sqlite')('survey import on PostgreSQL, as a process', () => {
  it('killed (SIGKILL) in the middle leaves none of the file, and the same import then succeeds', async () => {
    const rows = 60_000
    const { cwd, env, db } = setup([{ name: 'big.csv', rows, firstId: 1 }], 'postgres')
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'icm.js'), 'survey', 'import', 'S', 'big.csv'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', TZ: 'Asia/Shanghai', ...env },
      stdio: 'ignore',
    })
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
    // Mid-import: the batch row is written (uncommitted) and rows are going in.
    const started = Date.now()
    for (;;) {
      const active = await queryRows<{ n: number }>(db, `select count(*) as n from pg_stat_activity where query like 'insert into survey_responses%'`)
      if (Number(active[0]!.n) > 0) break
      if (Date.now() - started > 20_000) throw new Error('the import never got going')
      await sleep(20)
    }
    child.kill('SIGKILL')
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' })
    // the server rolls the transaction back once it notices the client is gone
    for (let i = 0; i < 100 && (await count(db, 'survey_batches')) > 0; i++) await sleep(50)
    expect(await count(db, 'survey_responses')).toBe(0)
    expect(await count(db, 'survey_batches')).toBe(0)
    const again = await spawnIcm(['survey', 'import', 'S', 'big.csv', '--json'], { cwd, env })
    expect(again.code, again.stderr).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({ read: rows, imported: rows, alreadyPresent: 0, rejected: 0 })
  }, 120_000)

  it('two imports of different files into one database at once both succeed (the second waits for the lock)', async () => {
    const rows = 30_000
    const { cwd, env, db } = setup(
      [
        { name: 'a.csv', rows, firstId: 1 },
        { name: 'b.csv', rows, firstId: 1_000_001 },
      ],
      'postgres',
    )
    const [a, b] = await Promise.all([spawnIcm(['survey', 'import', 'S', 'a.csv', '--json'], { cwd, env }), spawnIcm(['survey', 'import', 'S', 'b.csv', '--json'], { cwd, env })])
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0])
    expect(await count(db, 'survey_responses')).toBe(2 * rows)
    expect(await count(db, 'survey_batches')).toBe(2)
  }, 120_000)
})
