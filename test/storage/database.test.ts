import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { BUSY_TIMEOUT_MS, CURRENT_SCHEMA_VERSION, networkFsName, openSqliteStore } from '../../src/storage/database.js'
import { appendEvent, listEvents } from '../../src/storage/events-repo.js'
import { MIGRATIONS } from '../../src/storage/migrations/index.js'
import { formatCode, nextCode } from '../../src/storage/sequences-repo.js'
import { tempDir } from '../helpers/harness.js'
import { holdWriteLock } from '../helpers/write-lock.js'

const event = (action: string, entity: string | null) => ({ at: new Date('2026-03-02T01:00:00Z'), actor: 'a', host: 'h', action, entity, details: { n: 1 } })

describe('opening a database', () => {
  it('creates and migrates a new file with WAL, full sync and foreign keys', async () => {
    const file = path.join(tempDir(), 'new.db')
    const store = await openSqliteStore(file)
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2)
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS)
    expect(BUSY_TIMEOUT_MS).toBe(60_000)
    const names = store.sqlite.prepare('select name from icm_migration order by name').all()
    expect(names).toHaveLength(CURRENT_SCHEMA_VERSION)
    await store.close()
  })

  it('backs up an older database online before migrating it (icm.db.bak-<from>-<to>)', async () => {
    const file = path.join(tempDir(), 'old.db')
    const [first] = Object.entries(MIGRATIONS)
    const older = await openSqliteStore(file, { migrations: Object.fromEntries([first!]) })
    await older.close()
    const notices: string[] = []
    const newer = { ...MIGRATIONS, '2999_01_01_001_future': { up: async (db: any) => void (await sql`create table future_thing (id integer)`.execute(db)) } }
    const store = await openSqliteStore(file, { migrations: newer, notice: (m) => notices.push(m) })
    await store.close()
    const to = Object.keys(newer).length
    expect(fs.existsSync(`${file}.bak-1-${to}`)).toBe(true)
    expect(notices[0]).toContain(`before migrating the schema from version 1 to ${to}`)
    const backup = new Database(`${file}.bak-1-${to}`, { readonly: true })
    expect(backup.prepare('select count(*) n from icm_migration').get()).toEqual({ n: 1 })
    backup.close()
  })

  it('refuses a database written by a newer icm (exit 5)', async () => {
    const file = path.join(tempDir(), 'future.db')
    const future = { ...MIGRATIONS, '2999_01_01_001_future': { up: async () => {} } }
    await (await openSqliteStore(file, { migrations: future })).close()
    await expect(openSqliteStore(file)).rejects.toMatchObject({ exitCode: 5, message: expect.stringContaining('written by a newer icm') })
  })

  it('refuses a file that is not SQLite and leaves it untouched (exit 3)', async () => {
    const file = path.join(tempDir(), 'notes.txt')
    fs.writeFileSync(file, 'these are my notes, not a database\n')
    await expect(openSqliteStore(file)).rejects.toMatchObject({ exitCode: 3, message: expect.stringContaining('not an icm database') })
    expect(fs.readFileSync(file, 'utf8')).toBe('these are my notes, not a database\n')
    expect(fs.readdirSync(path.dirname(file))).toEqual(['notes.txt'])
  })

  it('refuses an SQLite database that is not icm\'s and leaves it untouched', async () => {
    const file = path.join(tempDir(), 'other.db')
    const other = new Database(file)
    other.exec('create table customers (id integer primary key, name text)')
    other.close()
    const bytes = fs.readFileSync(file)
    await expect(openSqliteStore(file)).rejects.toMatchObject({ exitCode: 3, message: expect.stringContaining("not icm's (its tables: customers)") })
    expect(fs.readFileSync(file).equals(bytes)).toBe(true)
  })

  it('refuses a path whose folder does not exist (exit 3)', async () => {
    const file = path.join(tempDir(), 'missing', 'icm.db')
    await expect(openSqliteStore(file)).rejects.toMatchObject({ exitCode: 3, message: expect.stringContaining('does not exist') })
    expect(fs.existsSync(path.dirname(file))).toBe(false)
  })

  it('refuses a network file system, pointing to PostgreSQL', async () => {
    const file = path.join(tempDir(), 'icm.db')
    await expect(openSqliteStore(file, { fsTypeOf: () => 0x6969 })).rejects.toMatchObject({ exitCode: 3, hint: expect.stringContaining('PostgreSQL') })
    expect(fs.existsSync(file)).toBe(false)
    expect(networkFsName(0xff534d42)).toBe('CIFS')
    expect(networkFsName(0xef53)).toBeUndefined()
  })
})

describe('write transactions and the event log', () => {
  it('rolls back every write of a failed transaction, event included', async () => {
    const store = await openSqliteStore(path.join(tempDir(), 'icm.db'))
    await expect(
      store.write(async (trx) => {
        await appendEvent(trx, event('x', 'A'))
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await listEvents(store.db, { limit: 10 })).toEqual([])
    await store.close()
  })

  it('refuses UPDATE and DELETE on events (append-only)', async () => {
    const store = await openSqliteStore(path.join(tempDir(), 'icm.db'))
    await store.write((trx) => appendEvent(trx, event('unit.add', 'HR')))
    expect(() => store.sqlite.prepare(`update events set actor = 'mallory'`).run()).toThrow(/append-only/)
    expect(() => store.sqlite.prepare('delete from events').run()).toThrow(/append-only/)
    expect(await listEvents(store.db, { limit: 10 })).toHaveLength(1)
    await store.close()
  })

  it('lists events by entity (any case), since a time, newest N oldest first', async () => {
    const store = await openSqliteStore(path.join(tempDir(), 'icm.db'))
    await store.write(async (trx) => {
      for (const [i, entity] of ['HR', 'IT', 'HR', 'HR'].entries()) {
        await appendEvent(trx, { ...event(`a${i}`, entity), at: new Date(Date.UTC(2026, 0, 1 + i)) })
      }
    })
    const hr = await listEvents(store.db, { entity: 'hr', limit: 2 })
    expect(hr.map((e) => e.action)).toEqual(['a2', 'a3'])
    const since = await listEvents(store.db, { since: new Date(Date.UTC(2026, 0, 2)), limit: 10 })
    expect(since.map((e) => e.action)).toEqual(['a1', 'a2', 'a3'])
    await store.close()
  })

  it('numbers codes per series without gaps or repeats', async () => {
    const store = await openSqliteStore(path.join(tempDir(), 'icm.db'))
    const codes = await store.write(async (trx) => [await nextCode(trx, 'REQ'), await nextCode(trx, 'REQ'), await nextCode(trx, 'CMP')])
    expect(codes).toEqual(['REQ-0001', 'REQ-0002', 'CMP-0001'])
    expect(formatCode('REQ', 12345)).toBe('REQ-12345')
    await store.close()
  })
})

describe('writers wait for each other (DESIGN.md §8)', () => {
  it('a write finds the lock held, says so once, waits for the other writer to commit, then writes after it', async () => {
    const file = path.join(tempDir(), 'icm.db')
    let waits = 0
    const store = await openSqliteStore(file, { onLockWait: () => waits++ })
    const other = await holdWriteLock(file, 1000)
    await store.write((trx) => appendEvent(trx, event('unit.add', 'HR')))
    await other.released
    expect(waits).toBe(1)
    // The other writer's row was committed before this write could begin: it is there, and the
    // write came after it (the lock holder inserts its row before it sleeps).
    expect(store.sqlite.prepare(`select value from meta where key = 'held-by-other-writer'`).get()).toEqual({ value: '1' })
    expect(await listEvents(store.db, { limit: 10 })).toHaveLength(1)
    // A write that finds the lock free says nothing.
    await store.write((trx) => appendEvent(trx, event('unit.add', 'IT')))
    expect(waits).toBe(1)
    await store.close()
  })

  it('refuses with exit 3 naming the lock, not a bug, when the other writer holds it past the timeout; nothing is written', async () => {
    const file = path.join(tempDir(), 'icm.db')
    let waits = 0
    const store = await openSqliteStore(file, { onLockWait: () => waits++, busyTimeoutMs: 300 })
    const other = await holdWriteLock(file, 2000)
    await expect(store.write((trx) => appendEvent(trx, event('unit.add', 'HR')))).rejects.toMatchObject({
      exitCode: 3,
      message: `the database ${file} is still locked by another icm command after 0.3 s; nothing was changed`,
    })
    await other.released
    expect(waits).toBe(1)
    expect(await listEvents(store.db, { limit: 10 })).toEqual([])
    await store.close()
  })
})
