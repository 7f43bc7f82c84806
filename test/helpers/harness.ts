import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { afterEach } from 'vitest'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { createContext } from '../../src/cli/context.js'
import { testIO } from '../../src/cli/io.js'
import { run } from '../../src/cli/main.js'
import { COMMAND_GROUPS } from '../../src/commands/registry.js'

/** A fresh temporary folder (tests never share one), removed with its test file's folder (test/setup-tmp.ts). */
export function tempDir(prefix = 'icm-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

const HERE = path.dirname(fileURLToPath(import.meta.url))
export const FIXTURES = path.resolve(HERE, '..', 'fixtures')
export const ROOT = path.resolve(HERE, '..', '..')

export interface RunResult {
  code: number
  stdout: string
  stderr: string
  /** stdout parsed as the one JSON document --json promises */
  json<T = any>(): T
  /** in-process runs: what went through the pager, and the prompts asked */
  paged?: { pager: string; text: string }[]
  asked?: string[]
  refused?: string[]
}

export interface CliOptions {
  /** folder holding the database; a fresh one by default */
  dir?: string
  /** the fixed clock, ISO 8601 (default 2026-07-01T10:00:00+08:00, a Wednesday) */
  now?: string | (() => Date)
  env?: Record<string, string>
  /** run on this backend rather than the project's */
  backend?: 'sqlite' | 'postgres'
}

export const DEFAULT_NOW = '2026-07-01T10:00:00+08:00'

/**
 * The backend the command and end-to-end tests run on: SQLite files, or PostgreSQL when vitest's
 * 'postgres' project sets ICM_TEST_BACKEND (ICM_TEST_PG_URL names the server), each test in a
 * schema of its own.
 */
export const BACKEND: 'sqlite' | 'postgres' = process.env.ICM_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite'

let schemaCount = 0
const schemasToDrop: string[] = []

// Each PostgreSQL test schema is dropped after its test, so the server's catalog stays small
// (kysely's Migrator lists every table of every schema when it migrates a new one).
if (process.env.ICM_TEST_PG_URL) {
  afterEach(async () => {
    const schemas = schemasToDrop.splice(0)
    if (schemas.length === 0) return
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: process.env.ICM_TEST_PG_URL })
    await client.connect()
    try {
      for (const s of schemas) await client.query(`drop schema if exists ${s} cascade`)
    } finally {
      await client.end()
    }
  })
}

/** A database location of the current backend for one test: a file in `dir`, or a fresh schema. */
export function testDatabase(dir: string, name = 'icm.db', backend = BACKEND): string {
  if (backend === 'sqlite') return path.join(dir, name)
  const url = process.env.ICM_TEST_PG_URL
  if (!url) throw new Error('ICM_TEST_BACKEND=postgres needs ICM_TEST_PG_URL')
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${(schemaCount++).toString(36)}`
  schemasToDrop.push(schema)
  return `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`
}

/**
 * Runs icm in-process against one temporary database with a fixed clock and no TTY, as the
 * STYLE.md test section asks. `tty` and `answers` simulate a terminal with prompt answers.
 */
export function cli(opts: CliOptions = {}) {
  const dir = opts.dir ?? tempDir()
  const db = testDatabase(dir, 'icm.db', opts.backend)
  let clock: () => Date
  if (typeof opts.now === 'function') clock = opts.now
  else {
    const t = new Date(opts.now ?? DEFAULT_NOW)
    clock = () => new Date(t.getTime())
  }
  const runner = async (
    args: string[],
    o: { tty?: boolean; answers?: (string | boolean)[]; env?: Record<string, string>; columns?: number; rows?: number } = {},
  ): Promise<RunResult> => {
    const io = testIO({ tty: o.tty, answers: o.answers, columns: o.columns, rows: o.rows })
    const ctx = createContext({
      io,
      commands: COMMAND_GROUPS,
      env: { ICM_DB: db, ICM_ACTOR: 'tester', ...opts.env, ...o.env },
      cwd: dir,
      now: clock,
      host: 'test-host',
    })
    const code = await run(args, ctx)
    return { ...resultOf(code, io.stdout(), io.stderr()), paged: io.paged, asked: io.asked, refused: io.refused }
  }
  /** Runs and fails the test unless the exit code is 0. */
  const ok = async (args: string[], o: Parameters<typeof runner>[1] = {}): Promise<RunResult> => {
    const r = await runner(args, o)
    if (r.code !== 0) throw new Error(`icm ${args.join(' ')} exited ${r.code}: ${r.stderr}`)
    return r
  }
  return { dir, db, run: runner, ok }
}

function resultOf(code: number, stdout: string, stderr: string): RunResult {
  return {
    code,
    stdout,
    stderr,
    json() {
      return JSON.parse(stdout)
    },
  }
}

/**
 * The environment of a process a test spawns: only what it needs, so the machine's own settings
 * (LANG, ICM_DB, colours) never leak in; Shanghai time, no colours, and this test file's
 * temporary folder (test/setup-tmp.ts); `extra` on top.
 */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: os.tmpdir(), TZ: 'Asia/Shanghai', NO_COLOR: '1', ...extra }
}

/** Spawns the built CLI (dist/icm.js) as a user would. */
export function spawnIcm(args: string[], opts: { cwd: string; env?: Record<string, string>; input?: string }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'icm.js'), ...args], {
      cwd: opts.cwd,
      env: childEnv(opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')))
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve(resultOf(code ?? -1, out, err)))
    child.stdin.end(opts.input ?? '')
  })
}

/** Writes a file in `dir` and returns its path. */
export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const p = path.join(dir, name)
  fs.writeFileSync(p, content)
  return p
}

/**
 * Every row of every table, as text: equal before and after a refused command proves that it
 * changed nothing (the file's bytes are no proof under WAL).
 */
export async function dbState(location: string): Promise<string> {
  if (/^postgres(ql)?:/.test(location)) return pgState(location)
  if (!fs.existsSync(location)) return '(no database)'
  const db = new Database(location, { readonly: true })
  try {
    const tables = db.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as { name: string }[]
    return tables.map((t) => `${t.name}: ${rowsText(db.prepare(`select * from "${t.name}"`).all())}`).join('\n')
  } finally {
    db.close()
  }
}

function rowsText(rows: unknown[]): string {
  return JSON.stringify(rows.map((r) => JSON.stringify(r)).sort())
}

async function pgState(location: string): Promise<string> {
  const u = new URL(location)
  const schema = u.searchParams.get('schema')
  u.searchParams.delete('schema')
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: u.toString() })
  await client.connect()
  try {
    const tables = await client.query(`select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by table_name`, [schema])
    if (tables.rows.length === 0) return '(no database)'
    const out: string[] = []
    for (const t of tables.rows as { table_name: string }[]) {
      const rows = await client.query(`select * from "${schema}"."${t.table_name}"`)
      out.push(`${t.table_name}: ${rowsText(rows.rows)}`)
    }
    return out.join('\n')
  } finally {
    await client.end()
  }
}

/** The rows a query returns, on either backend (the SQL must be portable). */
export async function queryRows<T = any>(location: string, sqlText: string): Promise<T[]> {
  if (!/^postgres(ql)?:/.test(location)) {
    const db = new Database(location, { readonly: true })
    try {
      return db.prepare(sqlText).all() as T[]
    } finally {
      db.close()
    }
  }
  const u = new URL(location)
  const schema = u.searchParams.get('schema')
  u.searchParams.delete('schema')
  const { default: pg } = await import('pg')
  pg.types.setTypeParser(20, (v: string) => Number(v))
  pg.types.setTypeParser(1700, (v: string) => Number(v))
  const client = new pg.Client({ connectionString: u.toString(), options: schema ? `-c search_path=${schema}` : undefined })
  await client.connect()
  try {
    return (await client.query(sqlText)).rows as T[]
  } finally {
    await client.end()
  }
}
