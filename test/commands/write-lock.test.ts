import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKEND, FIXTURES, cli } from '../helpers/harness.js'
import { holdWriteLock } from '../helpers/write-lock.js'

/** SQLite's write lock, as a command feels it (PostgreSQL writers do not queue on one lock). */
describe.skipIf(BACKEND === 'postgres')('a command that has to wait for another writer', () => {
  it('says once on a terminal that it waits for another icm command, then succeeds', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
    const other = await holdWriteLock(t.db, 1000)
    const r = await t.run(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'], { tty: true })
    await other.released
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr.split('\n').filter((l) => l.includes('waiting'))).toEqual(['icm: waiting for another icm command to finish…'])
  })

  it('waits without a word when piped', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
    const other = await holdWriteLock(t.db, 1000)
    const r = await t.run(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    await other.released
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).not.toContain('waiting')
    expect((await t.ok(['unit', 'list', '--json'])).json().map((u: { code: string }) => u.code)).toEqual(['HR', 'IT'])
  })

  it('a survey import stages its rows while another command holds the lock, then waits for it only for its final insert', async () => {
    const t = cli()
    await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
    await t.ok(['survey', 'create', 'S', '--title', 's', '--period', '2026-H1'])
    const other = await holdWriteLock(t.db, 1000)
    const r = await t.run(['survey', 'import', 'S', path.join(FIXTURES, 'surveys', 'service-basic.csv')], { tty: true })
    await other.released
    expect(r.code, r.stderr).toBe(0)
    // As a terminal shows it: a carriage return goes back to the start of the line, ESC[2K clears it.
    const screen = r.stderr.split('\n').map((l) => l.slice(l.lastIndexOf('\r') + 1).replace('\x1b[2K', ''))
    expect(screen.filter((l) => l.includes('waiting'))).toEqual(['icm: waiting for another icm command to finish…'])
    expect(r.stderr).toContain('✓ 60 of 60 responses imported into S')
  })
})
