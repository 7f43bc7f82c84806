import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { BACKEND, ROOT, queryRows, spawnIcm, tempDir, testDatabase, childEnv } from '../helpers/harness.js'

/**
 * Reliability of the bulk import on the built CLI (dist/icm.js), as separate processes: a killed
 * import leaves all of its file or nothing (and no staging file), two imports at once both
 * succeed, and another command writes while an import stages its rows. Files of this size are
 * staged by the worker thread.
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

function spawnImport(cwd: string, env: Record<string, string>, file: string, extra: string[] = []): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'dist', 'icm.js'), 'survey', 'import', 'S', file, ...extra], {
    cwd,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'ignore'],
  })
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode })
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
}

/** The import staging files next to icm.db (icm.db.import-<pid>-<random>.tmp). */
function stagingFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.startsWith('icm.db.import-'))
}

/** Waits until an import's staging file holds more than `bytes` (-1: exists), and returns its path. */
async function stagingFileGrowing(dir: string, bytes: number): Promise<string> {
  const started = Date.now()
  for (;;) {
    const f = stagingFiles(dir).find((n) => n.endsWith('.tmp'))
    if (f && fs.statSync(path.join(dir, f), { throwIfNoEntry: false })?.size! > bytes) return path.join(dir, f)
    if (Date.now() - started > 20_000) throw new Error('the import never started staging')
    await sleep(5)
  }
}

/** SQLite's file, WAL and memory; the PostgreSQL project runs the block after this one instead. */
describe.skipIf(BACKEND === 'postgres')('survey import, as a process', () => {
  it('killed (SIGKILL) in the middle leaves a sound database with none of the file, and the same import then succeeds', async () => {
    const rows = 150_000
    const { cwd, env, db } = setup([{ name: 'big.csv', rows, firstId: 1 }])
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'icm.js'), 'survey', 'import', 'S', 'big.csv'], {
      cwd,
      env: childEnv(env),
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
    expect(stagingFiles(cwd)).toEqual([])
  }, 60_000)

  it('killed (SIGKILL) while staging leaves no rows; the next import removes its staging file, never reading it, and succeeds', async () => {
    const rows = 150_000
    const { cwd, env, db } = setup([{ name: 'big.csv', rows, firstId: 1 }])
    const child = spawnImport(cwd, env, 'big.csv')
    const staging = await stagingFileGrowing(cwd, 1 << 20)
    child.kill('SIGKILL')
    expect(await exited(child)).toEqual({ code: null, signal: 'SIGKILL' })
    expect(query<{ n: number }>(db, 'select count(*) as n from survey_responses').n).toBe(0)
    expect(query<{ n: number }>(db, 'select count(*) as n from survey_batches').n).toBe(0)
    // SIGKILL cannot be caught: the killed process's staging file is still there, under its pid.
    expect(stagingFiles(cwd)).toEqual([path.basename(staging)])
    // A stale file is never mistaken for a live one: the next import stages into a file of its own and
    // removes the stale one. A truncated stale file would make a mistaken reader fail.
    fs.truncateSync(staging, 4096)
    const again = await spawnIcm(['survey', 'import', 'S', 'big.csv', '--json'], { cwd, env })
    expect(again.code, again.stderr).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({ read: rows, imported: rows, alreadyPresent: 0, rejected: 0 })
    expect(stagingFiles(cwd)).toEqual([])
  }, 60_000)

  it.each(['SIGTERM', 'SIGINT'] as const)('stopped with %s while staging leaves no rows and no staging file', async (signal) => {
    const rows = 150_000
    const { cwd, env, db } = setup([{ name: 'big.csv', rows, firstId: 1 }])
    const child = spawnImport(cwd, env, 'big.csv')
    await stagingFileGrowing(cwd, 1 << 20)
    child.kill(signal)
    expect(await exited(child)).toEqual({ code: null, signal })
    expect(stagingFiles(cwd)).toEqual([])
    expect(query<{ n: number }>(db, 'select count(*) as n from survey_responses').n).toBe(0)
    expect(query<{ n: number }>(db, 'select count(*) as n from survey_batches').n).toBe(0)
  }, 60_000)

  it('another command writes while an import stages its rows: it succeeds before the import ends, and its event comes first', async () => {
    const rows = 300_000
    const { cwd, env, db } = setup([{ name: 'big.csv', rows, firstId: 1 }])
    const child = spawnImport(cwd, env, 'big.csv', ['--json'])
    let importOut = ''
    child.stdout!.on('data', (d: Buffer) => (importOut += d.toString()))
    // The staging file exists from the start of the import; reading 300,000 rows takes seconds.
    await stagingFileGrowing(cwd, -1)
    const add = await spawnIcm(['unit', 'add', 'NEW', '--name', '新部门', '--kind', 'department'], { cwd, env })
    expect(add.code, add.stderr).toBe(0)
    // The writer is done while the import is still at work (no batch yet). Before this change the
    // import held the write lock from its first row: a writer waited for all of it (failing after
    // 5 s), so its event could only come after the import's.
    expect(query<{ n: number }>(db, 'select count(*) as n from survey_batches').n).toBe(0)
    expect(await exited(child)).toEqual({ code: 0, signal: null })
    expect(JSON.parse(importOut)).toMatchObject({ read: rows, imported: rows })
    const order = await queryRows<{ action: string }>(db, `select action from events where action in ('unit.add', 'survey.import') order by id`)
    expect(order.map((e) => e.action)).toEqual(['unit.add', 'survey.import'])
  }, 60_000)

  it('two imports of different files into one database at once both succeed, their final inserts one after the other', async () => {
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
    expectSerialImports(await batchRanges(db), await importEvents(db), rows)
  }, 60_000)

  it('keeps the peak memory of a 300,000-row import under 128 MB', async () => {
    const rows = 300_000
    const { cwd, env } = setup([{ name: 'big.csv', rows, firstId: 1 }])
    const script = `process.on('exit', () => { const r = process.resourceUsage(); process.stderr.write('maxrss ' + r.maxRSS + '\\n') })`
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(script)}`, path.join(ROOT, 'dist', 'icm.js'), 'survey', 'import', 'S', 'big.csv'], {
        cwd,
        env: childEnv(env),
      })
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      child.on('close', (code) => resolve({ code, stderr }))
    })
    expect(r.code, r.stderr).toBe(0)
    const kib = Number(/maxrss (\d+)/.exec(r.stderr)?.[1])
    expect(kib).toBeGreaterThan(0)
    expect(kib / 1024, `peak ${(kib / 1024).toFixed(1)} MB`).toBeLessThan(128)
  }, 60_000)
})

const count = async (db: string, table: string) => Number((await queryRows<{ n: number }>(db, `select count(*) as n from ${table}`))[0]!.n)

describe.skipIf(BACKEND === 'sqlite')('survey import on PostgreSQL, as a process', () => {
  it('killed (SIGKILL) in the middle leaves none of the file, and the same import then succeeds', async () => {
    const rows = 60_000
    const { cwd, env, db } = setup([{ name: 'big.csv', rows, firstId: 1 }], 'postgres')
    // The import's connections are named, so other tests' sessions on the server do not count.
    const app = `icm-e2e-${process.pid}-${Date.now()}`
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'icm.js'), 'survey', 'import', 'S', 'big.csv'], {
      cwd,
      env: childEnv({ ...env, PGAPPNAME: app }),
      stdio: 'ignore',
    })
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
    // In the final step: the batch row is written (uncommitted) and the rows are going in.
    const started = Date.now()
    for (;;) {
      const active = await queryRows<{ n: number }>(db, `select count(*) as n from pg_stat_activity where application_name = '${app}' and query like 'insert into survey_responses%'`)
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

  it('two imports of different files into one database at once both succeed, their final inserts one after the other', async () => {
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
    expectSerialImports(await batchRanges(db), await importEvents(db), rows)
  }, 120_000)

  it('killed (SIGKILL) while staging leaves none of the file, and another command writes meanwhile', async () => {
    const rows = 60_000
    const { cwd, env, db } = setup([{ name: 'big.csv', rows, firstId: 1 }], 'postgres')
    const app = `icm-e2e-${process.pid}-${Date.now()}`
    const child = spawnImport(cwd, { ...env, PGAPPNAME: app }, 'big.csv')
    // Staging: the rows stream into the temporary tables of the import's own connection.
    const started = Date.now()
    for (;;) {
      const active = await queryRows<{ n: number }>(db, `select count(*) as n from pg_stat_activity where application_name = '${app}' and query like 'insert into icm_staged%'`)
      if (Number(active[0]!.n) > 0) break
      if (Date.now() - started > 20_000) throw new Error('the import never got going')
      await sleep(20)
    }
    const add = await spawnIcm(['unit', 'add', 'NEW', '--name', '新部门', '--kind', 'department'], { cwd, env })
    expect(add.code, add.stderr).toBe(0)
    child.kill('SIGKILL')
    expect(await exited(child)).toEqual({ code: null, signal: 'SIGKILL' })
    expect(await count(db, 'survey_responses')).toBe(0)
    expect(await count(db, 'survey_batches')).toBe(0)
    const again = await spawnIcm(['survey', 'import', 'S', 'big.csv', '--json'], { cwd, env })
    expect(again.code, again.stderr).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({ read: rows, imported: rows })
  }, 120_000)
})

/** Each batch's response ids, first and last. */
async function batchRanges(db: string) {
  return queryRows<{ batch: number; first: number; last: number; n: number }>(
    db,
    'select batch_id as batch, min(id) as first, max(id) as last, count(*) as n from survey_responses group by batch_id order by batch_id',
  )
}

async function importEvents(db: string) {
  return (await queryRows<{ details: string }>(db, `select details from events where action = 'survey.import' order by id`)).map((e) => JSON.parse(e.details).batch as number)
}

/**
 * Two imports' final steps ran one after the other: each batch's rows are one unbroken run of
 * ids (two INSERTs at once would interleave them), the second batch's after the first's, and
 * the events in the same order as the batches.
 */
function expectSerialImports(ranges: { batch: number; first: number; last: number; n: number }[], eventBatches: number[], rows: number) {
  expect(ranges.map((r) => Number(r.n))).toEqual([rows, rows])
  for (const r of ranges) expect(Number(r.last) - Number(r.first) + 1).toBe(rows)
  expect(Number(ranges[1]!.first)).toBeGreaterThan(Number(ranges[0]!.last))
  expect(eventBatches).toEqual(ranges.map((r) => Number(r.batch)))
}
