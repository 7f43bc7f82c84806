import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerCopy } from './copy.js'

/** Moving a database between backends. */
export function registerDb(program: Command, ctx: AppContext): void {
  const db = program.command('db').description('Database administration across backends: copy SQLite to PostgreSQL')
  registerCopy(db, ctx)
}
