/** icm demo: its own words (the company it builds is data). */
export const demo = {
  'demo.description': 'Build a demo company in a fresh database (default ./{file}; an earlier demo database there is replaced, any other file is refused unless --yes) and print its customer map and {period} score table',
  'demo.yes': 'replace the file even if it is not an earlier demo database',
  'demo.server': 'the demo builds an SQLite file; it does not write into a database server',
  'demo.server.hint': 'give a file: icm demo --db demo.db (then copy it with icm db copy if you like)',
  'demo.notDemo': '{file} exists and is not an icm demo database; not replacing it',
  'demo.notDemo.hint': 'choose another --db, or add --yes to replace it',
  'demo.askReplace': '{file} is not a demo database. Replace it with the demo?',
  'demo.cancelled': 'cancelled; nothing changed',
  'demo.building': 'building the demo company in {file} …',
  'demo.mapCaption': 'The internal customer map of the demo company (supplier → customer):',
  'demo.database': 'demo database: {file}',
  'demo.next': 'next: {explain}   ·   {rank}',
} as const
