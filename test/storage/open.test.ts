import { describe, expect, it } from 'vitest'
import { isDatabaseUrl, isPostgresUrl, openStore, withoutPassword } from '../../src/storage/open.js'
import { tempDir, testDatabase } from '../helpers/harness.js'
import { BACKEND, freshStore } from '../helpers/stores.js'

describe('database locations', () => {
  it.each([
    ['postgres://icm@db/icm', true, true],
    ['postgresql://icm:pw@db:5432/icm?schema=x', true, true],
    ['POSTGRES://db/icm', true, true],
    ['mysql://db/icm', true, false],
    ['./icm.db', false, false],
    ['C:\\data\\icm.db', false, false],
    ['/srv/icm/postgres://not-a-url.db', false, false],
  ])('%s: a URL %s, PostgreSQL %s', (location, url, pg) => {
    expect(isDatabaseUrl(location)).toBe(url)
    expect(isPostgresUrl(location)).toBe(pg)
  })

  it.each([
    ['postgres://icm:s3cret@db.example.com:5432/icm', 'postgres://icm@db.example.com:5432/icm'],
    ['postgres://icm@db/icm', 'postgres://icm@db/icm'],
    ['postgres://db/icm', 'postgres://db/icm'],
    ['/srv/icm:odd@name.db', '/srv/icm:odd@name.db'],
  ])('names %s without its password: %s', (location, shown) => {
    expect(withoutPassword(location)).toBe(shown)
  })
})

describe(`openStore (${BACKEND})`, () => {
  it('opens the backend a location names', async () => {
    const store = await freshStore()
    expect(store.dialect).toBe(BACKEND)
    expect(store.created).toBe(true)
  })

  it('refuses another URL scheme (exit 3) without touching anything', async () => {
    await expect(openStore('mysql://root@localhost/icm')).rejects.toMatchObject({ exitCode: 3, message: "unsupported database URL scheme 'mysql'" })
  })

  it('refuses to create a database for a read command (exit 4)', async () => {
    await expect(openStore(testDatabase(tempDir()), { mustExist: true })).rejects.toMatchObject({ exitCode: 4, message: expect.stringContaining('no icm database at') })
  })
})
