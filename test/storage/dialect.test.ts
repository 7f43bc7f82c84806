import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { ConflictError, UserError } from '../../src/domain/errors.js'
import { appendOnlyProblems, databaseLockedError, dialectOf, isBusyError, makeAppendOnly, restoreAppendOnly, translateDbError } from '../../src/storage/dialect.js'
import { appendEvent } from '../../src/storage/events-repo.js'
import { BACKEND, freshStore } from '../helpers/stores.js'

describe(`dialect (${BACKEND})`, () => {
  it('names the backend of a connection', async () => {
    expect(dialectOf((await freshStore()).db)).toBe(BACKEND)
  })

  it('makes a table append-only: UPDATE and DELETE raise, INSERT goes through', async () => {
    const store = await freshStore()
    await sql`create table notes (body text)`.execute(store.db)
    await makeAppendOnly(store.db, 'notes')
    await sql`insert into notes (body) values ('a')`.execute(store.db)
    await expect(sql`update notes set body = 'b'`.execute(store.db)).rejects.toThrow(/notes is append-only/)
    await expect(sql`delete from notes`.execute(store.db)).rejects.toThrow(/notes is append-only/)
    expect(await appendOnlyProblems(store.db, 'notes')).toEqual([])
  })

  it('names a missing or altered trigger of the event log and restores it', async () => {
    const store = await freshStore()
    expect(await appendOnlyProblems(store.db, 'events')).toEqual([])
    if (BACKEND === 'sqlite') {
      await sql`drop trigger events_no_delete`.execute(store.db)
      await sql`drop trigger events_no_update`.execute(store.db)
      await sql`create trigger events_no_update before update on events begin select 1; end`.execute(store.db)
      expect(await appendOnlyProblems(store.db, 'events')).toEqual(['events_no_update', 'events_no_delete'])
      await restoreAppendOnly(store.db, 'events', ['events_no_update', 'events_no_delete'])
    } else {
      await sql`alter table events disable trigger events_append_only`.execute(store.db)
      expect(await appendOnlyProblems(store.db, 'events')).toEqual(['events_append_only'])
      await restoreAppendOnly(store.db, 'events', ['events_append_only'])
    }
    expect(await appendOnlyProblems(store.db, 'events')).toEqual([])
    await store.write((trx) => appendEvent(trx, { at: new Date('2026-03-02T01:00:00Z'), actor: 'a', host: 'h', action: 'db.init', entity: null, details: {} }))
    await expect(sql`delete from events`.execute(store.db)).rejects.toThrow(/append-only/)
  })
})

describe('database errors as icm reports them', () => {
  it.each([
    ['PostgreSQL unique violation', { code: '23505', detail: 'Key (code)=(IT) already exists.' }, 'that already exists (Key (code)=(IT) already exists.)'],
    ['SQLite unique constraint', { code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: units.code' }, 'that already exists (UNIQUE constraint failed: units.code)'],
    ['SQLite primary key', { code: 'SQLITE_CONSTRAINT_PRIMARYKEY', message: 'PRIMARY KEY' }, 'that already exists (PRIMARY KEY)'],
  ])('a %s is a conflict (exit 5)', (_what, e, message) => {
    const t = translateDbError(e)
    expect(t).toBeInstanceOf(ConflictError)
    expect(t).toMatchObject({ exitCode: 5, message })
  })

  it('a busy database is exit 3, naming the lock; anything else stays as it was', () => {
    expect(isBusyError({ code: 'SQLITE_BUSY_SNAPSHOT' })).toBe(true)
    expect(isBusyError(new Error('x'))).toBe(false)
    expect(translateDbError({ code: 'SQLITE_BUSY' })).toMatchObject({ exitCode: 3, message: 'the database is still locked by another icm command; nothing was changed' })
    expect(databaseLockedError('/srv/icm.db', 60_000)).toBeInstanceOf(UserError)
    expect(databaseLockedError('/srv/icm.db', 60_000).message).toBe('the database /srv/icm.db is still locked by another icm command after 60 s; nothing was changed')
    const other = new Error('disk I/O error')
    expect(translateDbError(other)).toBe(other)
  })
})
