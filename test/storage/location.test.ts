import { describe, expect, it } from 'vitest'
import { isDatabaseUrl, isPostgresUrl, withoutPassword } from '../../src/storage/location.js'

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
