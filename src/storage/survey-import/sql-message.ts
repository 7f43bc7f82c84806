import { sql, type RawBuilder } from 'kysely'

/**
 * A message of the catalog made by SQL for every row at once (a bad line's reason that names
 * another row): `template` is the message with its placeholders left in ('{id}'), each filled by
 * the SQL expression `values` gives for it; the text between them is bound, never spliced.
 */
export function sqlMessage(template: string, values: Readonly<Record<string, RawBuilder<unknown>>>): RawBuilder<string> {
  const pieces = template
    .split(/\{(\w+)\}/)
    .map((part, i) => (i % 2 === 1 ? sql`${values[part] ?? part}` : part === '' ? undefined : sql`cast(${part} as text)`))
    .filter((p): p is RawBuilder<unknown> => p !== undefined)
  return sql<string>`(${sql.join(pieces, sql` || `)})`
}
