import Database from 'better-sqlite3'

/**
 * Runs SQL straight on a test database, behind icm's back, as someone with the file (or the
 * server's password) could: the tamper-evidence tests change, delete and forge rows this way.
 * SQLite statements are separated by ';'; on PostgreSQL the text is sent as it is.
 */
export async function tamper(location: string, sqlText: string): Promise<void> {
  if (!/^postgres(ql)?:/.test(location)) {
    const db = new Database(location)
    try {
      db.exec(sqlText)
    } finally {
      db.close()
    }
    return
  }
  const u = new URL(location)
  const schema = u.searchParams.get('schema')
  u.searchParams.delete('schema')
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: u.toString(), options: schema ? `-c search_path=${schema}` : undefined })
  await client.connect()
  try {
    await client.query(sqlText)
  } finally {
    await client.end()
  }
}

/** A dbState without the event log (and SQLite's id counter for it): what a logged refusal may change. */
export function withoutEventLog(state: string): string {
  return state.replace(/^(events|sqlite_sequence): .*$/gm, '')
}
