import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { BACKEND, cli, tempDir } from '../helpers/harness.js'

describe.skipIf(BACKEND === 'postgres')('icm init and the database location (SQLite files)', () => {
  it('creates the database at --db, else ICM_DB', async () => {
    const t = cli()
    const r = await t.ok(['init', '--json'])
    expect(r.json()).toMatchObject({ database: t.db, created: true })
    expect((await t.ok(['init', '--json'])).json()).toMatchObject({ created: false })
    const other = path.join(t.dir, 'other.db')
    await t.ok(['--db', other, 'init'])
    expect(fs.existsSync(other)).toBe(true)
  })

  it('defaults to ./icm.db in the working folder when neither --db nor ICM_DB is set', async () => {
    const t = cli({ env: { ICM_DB: '' } })
    await t.ok(['init'])
    expect(fs.existsSync(path.join(t.dir, 'icm.db'))).toBe(true)
  })

  it.each([
    ['a folder that does not exist', (dir: string) => path.join(dir, 'nope', 'icm.db'), /folder .* does not exist/],
    ['a text file', (dir: string) => (fs.writeFileSync(path.join(dir, 'a.txt'), 'hello'), path.join(dir, 'a.txt')), /not an icm database \(not an SQLite file\)/],
    ['a folder', (dir: string) => dir, /it is a folder/],
  ])('refuses %s as --db with exit 3', async (_what, target, message) => {
    const dir = tempDir()
    const t = cli({ dir })
    const db = target(dir)
    const r = await t.run(['--db', db, 'unit', 'list'])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(message)
    if (db.endsWith('a.txt')) expect(fs.readFileSync(db, 'utf8')).toBe('hello')
  })
})

describe.skipIf(BACKEND === 'postgres')('icm backup (SQLite files)', () => {
  it('writes a consistent copy through the online backup and logs it', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
    const target = path.join(t.dir, 'copy.db')
    const r = await t.ok(['backup', target, '--json'])
    expect(r.json()).toMatchObject({ backup: target })
    const copy = new Database(target, { readonly: true })
    expect(copy.prepare('select code from units').all()).toEqual([{ code: 'HR' }])
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    copy.close()
    expect((await t.ok(['log', '--json'])).json().at(-1)).toMatchObject({ action: 'db.backup' })
  })

  it('refuses a target folder that does not exist, and the database itself', async () => {
    const t = cli()
    await t.ok(['init'])
    expect((await t.run(['backup', path.join(t.dir, 'no', 'x.db')])).code).toBe(3)
    expect((await t.run(['backup', t.db])).code).toBe(3)
  })
})

describe.skipIf(BACKEND === 'sqlite')('icm init and backup on PostgreSQL', () => {
  it('creates the schema once and says so; a backup is pg_dump\'s job', async () => {
    const t = cli()
    expect((await t.ok(['init', '--json'])).json()).toMatchObject({ created: true, schemaVersion: expect.any(Number) })
    expect((await t.ok(['init', '--json'])).json()).toMatchObject({ created: false })
    const r = await t.run(['backup', path.join(t.dir, 'copy.db')])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('pg_dump')
    expect(r.stderr).not.toContain('icm:icm@')
  })

  it('refuses to build the demo in a database server', async () => {
    const t = cli()
    const r = await t.run(['--db', t.db, 'demo'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('the demo builds an SQLite file')
  })
})

describe('icm log', () => {
  it('filters by entity and since, limits to the newest N', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    await t.ok(['unit', 'update', 'HR', '--head', '王敏'])
    expect((await t.ok(['log', '--entity', 'HR', '--json'])).json().map((e: any) => e.action)).toEqual(['unit.add', 'unit.update'])
    expect((await t.ok(['log', '--limit', '1', '--json'])).json()).toHaveLength(1)
    expect((await t.ok(['log', '--since', '2027-01-01', '--json'])).json()).toEqual([])
    expect((await t.run(['log', '--limit', '0'])).code).toBe(3)
    expect((await t.run(['log', '--since', '2026-13-01'])).code).toBe(3)
  })
})

describe('the demo', () => {
  it('builds the demo company and prints its customer map and score table as one JSON document', async () => {
    const t = cli()
    const demo = path.join(t.dir, 'demo.db')
    const r = await t.ok(['--db', demo, 'demo', '--json'])
    const { customerMap: map, scoreTable } = r.json()
    expect(scoreTable).toMatchObject({ period: '2026-H1', state: 'draft' })
    expect(scoreTable.rows).toHaveLength(10)
    expect(scoreTable.rows.filter((row: any) => row.total !== null).length).toBeGreaterThan(5)
    expect(map.length).toBeGreaterThan(10)
    expect(map.some((p: any) => p.sources.includes('dependency'))).toBe(true)
    expect(map.some((p: any) => p.sources.includes('link'))).toBe(true)
    expect(map.some((p: any) => p.sources.some((s: string) => s.startsWith('process:P2P')))).toBe(true)
    const units = (await t.ok(['--db', demo, 'unit', 'list', '--json'])).json()
    expect(units).toHaveLength(18)
    // a second run replaces the demo database rather than adding to it
    await t.ok(['--db', demo, 'demo'])
    expect((await t.ok(['--db', demo, 'unit', 'list', '--json'])).json()).toHaveLength(18)
  })

  it.skipIf(BACKEND === 'postgres')('will not replace a file that is not a demo database without --yes', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
    const r = await t.run(['--db', t.db, 'demo'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('is not an icm demo database')
    expect((await t.ok(['unit', 'list', '--json'])).json()).toHaveLength(1)
  })
})
