/**
 * What a database location names: a server URL (scheme://…, of which icm opens postgres://) or
 * else an SQLite file path. Kept apart from open.ts, which loads the database drivers, so that
 * resolving --db and naming the database in messages load nothing heavy.
 */

/** Whether a database location is a URL (scheme://…) rather than a file path. */
export function isDatabaseUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location)
}

/** Whether a database location names a PostgreSQL server (postgres:// or postgresql://). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location)
}

/** A database location as messages may name it: a URL without its password, a path as it is. */
export function withoutPassword(location: string): string {
  return isDatabaseUrl(location) ? location.replace(/^([^:]+:\/\/[^/:@]*):[^@/]*@/, '$1@') : location
}
