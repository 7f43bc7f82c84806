import type { Kysely } from 'kysely'
import type { DB } from './schema.js'

/** The tables whose codes shell completion offers (`icm __complete KIND`). */
const CODE_TABLES = {
  unit: 'units',
  request: 'requests',
  complaint: 'complaints',
  survey: 'surveys',
  project: 'projects',
  action: 'actions',
  audit: 'audits',
  finding: 'findings',
  report: 'reports',
  service: 'services',
  process: 'processes',
} as const

export type CodeKind = keyof typeof CODE_TABLES

/** Codes of one kind that start with `prefix` (any case), newest last, at most `limit`. */
export async function codesStartingWith(db: Kysely<DB>, kind: CodeKind, prefix: string, limit = 200): Promise<string[]> {
  const pattern = `${prefix.toUpperCase().replace(/[%_\\]/g, '')}%`
  if (kind === 'unit') {
    const units = await db.selectFrom('units').select('code').where('active', '=', 1).where((eb) => eb(eb.fn('upper', ['code']), 'like', pattern)).orderBy('code').limit(limit).execute()
    return units.map((r) => r.code)
  }
  const rows = await db.selectFrom(CODE_TABLES[kind]).select('code').where((eb) => eb(eb.fn('upper', ['code']), 'like', pattern)).orderBy('code').limit(limit).execute()
  return rows.map((r) => r.code)
}

/** The periods that have data: the assessed ones and the survey periods, newest first. */
export async function knownPeriods(db: Kysely<DB>): Promise<string[]> {
  const assessed = await db.selectFrom('assessments').select('period').execute()
  const surveyed = await db.selectFrom('surveys').select('period').execute()
  return [...new Set([...assessed, ...surveyed].map((r) => r.period))].sort().reverse()
}
