import type { Migration } from 'kysely'
import * as m001 from './2026_11_26_001_foundation.js'

/**
 * Every migration, in order. Names sort in the order they run; a database that holds a name not
 * listed here was written by a newer icm and is refused.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '2026_11_26_001_foundation': m001,
}

