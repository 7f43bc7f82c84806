import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { BACKEND, cli, dbState, tempDir, writeFile } from '../helpers/harness.js'

/**
 * DESIGN.md §8 "Safety of files and data": no output path replaces the database, an input or a
 * device; an existing file is replaced only with --yes or a confirmation; files are 0600;
 * read commands never create a database.
 */
type Cli = ReturnType<typeof cli>

/** A small database with a survey and a draft 2026-H1 table, built once (the checks never change it). */
async function withData(): Promise<Cli> {
  const t = cli()
  await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
  await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
  await t.ok(['survey', 'create', 'S1', '--title', '满意度', '--period', '2026-H1'])
  const csv = writeFile(t.dir, 'survey.csv', 'response_id,respondent_unit,rated_unit,overall\n1,HR,IT,4\n2,HR,IT,5\n')
  await t.ok(['survey', 'import', 'S1', csv])
  await t.ok(['assess', 'input', '--period', '2026-H1', '--unit', 'IT', '--self', '80'])
  await t.ok(['assess', 'run', '--period', '2026-H1'])
  return t
}

const sqliteOnly = BACKEND === 'postgres'

describe('output paths (DESIGN.md §8)', () => {
  let t: Cli
  // each test its own database (PostgreSQL test schemas are dropped after every test)
  beforeEach(async () => {
    t = await withData()
  })

  it.skipIf(sqliteOnly).each([
    ['assess export --out', (db: string) => ['assess', 'export', '--period', '2026-H1', '--out', db, '--yes'], 'the database itself'],
    ['assess export --out DB-wal', (db: string) => ['assess', 'export', '--period', '2026-H1', '--out', `${db}-wal`, '--yes'], "the database's wal file"],
    ['survey export --out DB-shm', (db: string) => ['survey', 'export', 'S1', '--out', `${db}-shm`, '--yes'], "the database's shm file"],
    ['backup DB-wal', (db: string) => ['backup', `${db}-wal`, '--yes'], "the database's wal file"],
    ['backup DB-journal', (db: string) => ['backup', `${db}-journal`, '--yes'], "the database's journal file"],
    ['backup DB', (db: string) => ['backup', db, '--yes'], 'the database itself'],
  ])('%s is refused with exit 3 and changes nothing', async (_name, args, why) => {
    const before = await dbState(t.db)
    const size = fs.statSync(t.db).size
    const r = await t.run(args(t.db))
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(why)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(fs.statSync(t.db).size).toBe(size)
    expect(await dbState(t.db)).toBe(before)
  })

  it.skipIf(sqliteOnly)('refuses --rejects naming the database or the file being imported', async () => {
    const bad = writeFile(t.dir, 'bad.csv', 'response_id,respondent_unit,rated_unit,overall\n9,HR,NOPE,4\n10,HR,IT,4\n')
    const before = await dbState(t.db)
    for (const [target, why] of [
      [t.db, 'the database itself'],
      [bad, 'which this command reads'],
    ] as const) {
      const r = await t.run(['survey', 'import', 'S1', bad, '--skip-invalid', '--rejects', target, '--yes'])
      expect(r.code).toBe(3)
      expect(r.stderr).toContain(why)
    }
    expect(await dbState(t.db)).toBe(before)
    expect(fs.readFileSync(bad, 'utf8')).toContain('9,HR,NOPE,4')
  })

  it('refuses a folder, a device and a FIFO as --out', async () => {
    const dir = tempDir()
    const fifo = path.join(dir, 'pipe')
    let haveFifo = true
    try {
      execFileSync('mkfifo', [fifo])
    } catch {
      haveFifo = false
    }
    const cases: [string, RegExp][] = [
      [dir, /it is a folder/],
      ['/dev/null', /it is a device, not a regular file/],
      ...(haveFifo ? ([[fifo, /it is a FIFO/]] as [string, RegExp][]) : []),
    ]
    for (const [target, message] of cases) {
      const r = await t.run(['assess', 'export', '--period', '2026-H1', '--out', target, '--yes'])
      expect(r.code).toBe(3)
      expect(r.stderr).toMatch(message)
    }
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true)
    if (haveFifo) expect(fs.statSync(fifo).isFIFO()).toBe(true)
  })

  it('refuses an existing file without --yes (no terminal), replaces it with --yes, asks on a terminal', async () => {
    const out = writeFile(t.dir, 'scores.csv', 'keep me')
    const refused = await t.run(['assess', 'export', '--period', '2026-H1', '--out', out])
    expect(refused.code).toBe(3)
    expect(refused.stderr).toMatch(/scores\.csv already exists; not replacing it \(add --yes to replace it/)
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me')

    const declined = await t.run(['assess', 'export', '--period', '2026-H1', '--out', out], { tty: true, answers: [false] })
    expect(declined.code).toBe(0)
    expect(declined.stderr).toContain('cancelled; nothing written')
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me')

    await t.ok(['assess', 'export', '--period', '2026-H1', '--out', out], { tty: true, answers: [true] })
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^\uFEFFperiod,state,rank/)

    fs.writeFileSync(out, 'keep me')
    await t.ok(['assess', 'export', '--period', '2026-H1', '--out', out, '--yes'])
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^\uFEFFperiod,state,rank/)

    const export2 = writeFile(t.dir, 'responses.csv', 'keep me')
    expect((await t.run(['--no-input', 'survey', 'export', 'S1', '--out', export2])).code).toBe(3)
    expect(fs.readFileSync(export2, 'utf8')).toBe('keep me')
  })

  it('writes exports, rejects files and backups with mode 0600 and leaves no temporary file', async () => {
    const dir = tempDir()
    const previous = process.umask(0o022)
    try {
      await t.ok(['assess', 'export', '--period', '2026-H1', '--out', path.join(dir, 'a.csv')])
      await t.ok(['survey', 'export', 'S1', '--out', path.join(dir, 'b.csv')])
      if (BACKEND === 'sqlite') {
        await t.ok(['backup', path.join(dir, 'c.db')])
        expect(fs.statSync(t.db).mode & 0o777).toBe(0o600)
      }
    } finally {
      process.umask(previous)
    }
    const files = fs.readdirSync(dir).sort()
    expect(files).toEqual(BACKEND === 'sqlite' ? ['a.csv', 'b.csv', 'c.db'] : ['a.csv', 'b.csv'])
    for (const f of files) expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600)
  })
})

describe.skipIf(sqliteOnly)('read commands never create a database', () => {
  it.each([
    [['unit', 'list']],
    [['request', 'list', '--json']],
    [['assess', 'show', '--period', '2026-H1']],
    [['log']],
    [['config', 'list']],
    [['customer', 'map']],
    [['backup', 'copy.db']],
  ])('%j on a missing file exits 4 naming the path and creates nothing', async (args) => {
    const t = cli()
    const r = await t.run(args)
    expect(r.code).toBe(4)
    expect(r.stderr).toBe(`icm: no icm database at ${t.db} (icm init creates one; check --db or ICM_DB)\n`)
    expect(fs.readdirSync(t.dir)).toEqual([])
  })

  it('a write command on a missing file creates it and says so; init says so in its own words', async () => {
    const t = cli()
    const r = await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    expect(r.stderr).toContain(`icm: created a new database at ${t.db}\n`)
    expect(fs.existsSync(t.db)).toBe(true)
    const again = await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
    expect(again.stderr).not.toContain('created a new database')
    const u = cli()
    const init = await u.ok(['init'])
    expect(init.stderr).not.toContain('created a new database')
    expect(init.stderr).toContain('created database')
  })

  it('a mistyped --db is not silently created by a read command', async () => {
    const t = cli()
    await t.ok(['init'])
    const typo = path.join(t.dir, 'icm-dmeo.db')
    const r = await t.run(['--db', typo, 'unit', 'list'])
    expect(r.code).toBe(4)
    expect(fs.existsSync(typo)).toBe(false)
  })
})

describe('piped output is formula-safe', () => {
  it('neutralises a formula-looking cell in tab-separated output as --csv does', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'X1', '--name', "=cmd|' /C calc'!A0", '--kind', 'department'])
    const tsv = await t.ok(['unit', 'list'])
    expect(tsv.stdout).toContain("\t'=cmd|' /C calc'!A0\t")
    const csv = await t.ok(['unit', 'list', '--csv'])
    expect(csv.stdout).toContain("'=cmd|' /C calc'!A0")
    expect((await t.ok(['unit', 'list', '--json'])).json()[0].name).toBe("=cmd|' /C calc'!A0")
  })
})
