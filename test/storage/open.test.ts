import { describe, expect, it } from 'vitest'
import { openStore } from '../../src/storage/open.js'
import { tempDir, testDatabase } from '../helpers/harness.js'
import { BACKEND, freshStore } from '../helpers/stores.js'

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
