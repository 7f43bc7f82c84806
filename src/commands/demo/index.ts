import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { withIO, type AppContext } from '../../cli/context.js'
import { silentIO } from '../../cli/io.js'
import { printCaption, printJson, printText } from '../../cli/output.js'
import { confirmDestructive } from '../../cli/prompt.js'
import { buildDemo } from '../../demo/build-demo.js'
import { UserError } from '../../domain/errors.js'
import { isDemoDatabase, removeDatabaseFiles } from '../../storage/database.js'
import { setMeta } from '../../storage/meta-repo.js'
import { parsePeriod } from '../../domain/calendar/period.js'
import { printTable, requireTable, tableJson } from '../assess/index.js'
import { customerMapRun, loadCustomerMap } from '../customer/index.js'
import { example } from '../../cli/command-helpers.js'

export const DEFAULT_DEMO_DB = 'icm-demo.db'
const DEMO_PERIOD = '2026-H1'

export function registerDemo(program: Command, ctx: AppContext): void {
  example(
    program
      .command('demo')
      .description(`Build a demo company in a fresh database (default ./${DEFAULT_DEMO_DB}, replaced if it exists) and print its customer map and ${'2026-H1'} score table`)
      .option('--yes', 'replace the file even if it is not an earlier demo database')
      .action((opts: { yes?: boolean }) => demoRun(ctx, opts)),
    'icm demo',
    'icm demo --db /tmp/demo.db',
  )
}

export async function demoRun(ctx: AppContext, opts: { yes?: boolean }): Promise<void> {
  // --db only when given on the command line: ICM_DB may point at the real database.
  if (ctx.globals.db && /^[a-z][a-z0-9+.-]*:\/\//i.test(ctx.globals.db)) {
    throw new UserError('the demo builds an SQLite file; it does not write into a database server', 'give a file: icm demo --db demo.db (then copy it with icm db copy if you like)')
  }
  const file = path.resolve(ctx.cwd, ctx.globals.db ?? DEFAULT_DEMO_DB)
  if (fs.existsSync(file) && !isDemoDatabase(file)) {
    if (!opts.yes && !ctx.canPrompt) {
      throw new UserError(`${file} exists and is not an icm demo database; not replacing it`, 'choose another --db, or add --yes to replace it')
    }
    if (!(await confirmDestructive(ctx, `${file} is not a demo database. Replace it with the demo?`, opts.yes))) {
      ctx.io.err('cancelled; nothing changed\n')
      return
    }
  }
  await ctx.close()
  removeDatabaseFiles(file)
  ctx.globals.db = file
  const store = await ctx.useStore(file)
  await store.write((trx) => setMeta(trx, 'demo', '1'))
  ctx.io.err(`building the demo company in ${file} …\n`)
  await buildDemo(withIO(ctx, silentIO()))
  const { a, rows } = await requireTable(store.db, parsePeriod(DEMO_PERIOD))
  if (ctx.json) {
    printJson(ctx, { database: file, customerMap: await loadCustomerMap(store.db), scoreTable: tableJson(a, rows) })
  } else {
    printCaption(ctx, 'The internal customer map of the demo company (supplier → customer):')
    await customerMapRun(ctx, {})
    printText(ctx, '')
    await printTable(ctx, a, rows, { chart: true })
  }
  ctx.io.err(`\ndemo database: ${file}\nnext: icm --db ${path.relative(ctx.cwd, file) || file} assess explain --period ${DEMO_PERIOD} --unit IT   ·   icm --db ${path.relative(ctx.cwd, file) || file} request rank --to IT\n`)
}
