import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { testIO } from '../../cli/io.js'
import { printCaption, printJson, printText } from '../../cli/output.js'
import { confirmDestructive } from '../../cli/prompt.js'
import { buildDemo } from '../../demo/build-demo.js'
import type { Icm } from '../../demo/runner.js'
import { UserError } from '../../domain/errors.js'
import { isDemoDatabase, removeDatabaseFiles } from '../../storage/database.js'
import { setMeta } from '../../storage/meta-repo.js'
import { isDatabaseUrl } from '../../storage/location.js'
import { yesOption } from '../../cli/options.js'
import { example } from '../../cli/help.js'

export const DEFAULT_DEMO_DB = 'icm-demo.db'
const DEMO_PERIOD = '2026-H1'

export function registerDemoCommand(program: Command, ctx: AppContext): void {
  example(
    yesOption(
      program
        .command('demo')
        .description(`Build a demo company in a fresh database (default ./${DEFAULT_DEMO_DB}; an earlier demo database there is replaced, any other file is refused unless --yes) and print its customer map and ${DEMO_PERIOD} score table`),
      'replace the file even if it is not an earlier demo database',
    ).action((opts: DemoOptions) => demoRun(ctx, opts)),
    'icm demo',
    'icm demo --db /tmp/demo.db',
  )
}

export interface DemoOptions {
  yes?: boolean
}

/** Builds the demo company in a fresh SQLite file through icm command lines, then prints its map and score table. */
export async function demoRun(ctx: AppContext, opts: DemoOptions): Promise<void> {
  // --db only when given on the command line: ICM_DB may point at the real database.
  if (ctx.globals.db && isDatabaseUrl(ctx.globals.db)) {
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
  const icm = demoRunner(ctx)
  await buildDemo(icm)
  if (ctx.json) {
    const customerMap = await icm.json('customer', 'map')
    const scoreTable = await icm.json('assess', 'show', '--period', DEMO_PERIOD)
    printJson(ctx, { database: file, customerMap, scoreTable })
  } else {
    printCaption(ctx, 'The internal customer map of the demo company (supplier → customer):')
    await ctx.runCommand(['customer', 'map'], ctx.io)
    printText(ctx, '')
    await ctx.runCommand(['assess', 'show', '--period', DEMO_PERIOD], ctx.io)
  }
  ctx.io.err(`\ndemo database: ${file}\nnext: icm --db ${path.relative(ctx.cwd, file) || file} assess explain --period ${DEMO_PERIOD} --unit IT   ·   icm --db ${path.relative(ctx.cwd, file) || file} request rank --to IT\n`)
}

/** Runs the demo's command lines on the demo database, quietly; a failing line stops the demo. */
function demoRunner(ctx: AppContext): Icm {
  const call = async (args: string[]): Promise<string> => {
    const io = testIO()
    const code = await ctx.runCommand(args, io)
    if (code !== 0) throw new Error(`the demo's command 'icm ${args.join(' ')}' failed (exit ${code}): ${io.stderr().trim()}`)
    return io.stdout()
  }
  const icm = async (...args: string[]): Promise<void> => {
    await call(args)
  }
  icm.json = async <T>(...args: string[]): Promise<T> => JSON.parse(await call(['--json', ...args])) as T
  return icm
}
