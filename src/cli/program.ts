import { Command } from 'commander'
import pkg from '../../package.json' with { type: 'json' }
import { groupsFor } from './command-registry.js'
import type { AppContext, GlobalOptions } from './context.js'

export const VERSION: string = pkg.version

/** Commands that only read the database (DESIGN.md §8: they never create one). */
const READ_VERBS = new Set(['list', 'show', 'map', 'of', 'suppliers-of', 'rank', 'overdue', 'results', 'export', 'due', 'stats', 'channels', 'explain', 'annual', 'bonus', 'get', 'reveal', 'assess', 'report'])
const READ_TOP_LEVEL = new Set(['log', 'backup', 'check', 'today'])

function databaseAccessOf(action: Command): AppContext['access'] {
  const topLevel = action.parent?.parent === null
  if (topLevel) return action.name() === 'init' ? 'init' : READ_TOP_LEVEL.has(action.name()) ? 'read' : 'write'
  // `relation assess`, `survey report` and `assess report` read (`request log` and `visit log` write)
  return READ_VERBS.has(action.name()) ? 'read' : 'write'
}

/**
 * A fresh commander program for one run (commander keeps parse state on its objects), with the
 * command groups `argv` needs (all of ctx.commands when no argv is given). Usage errors surface as
 * CommanderError (exit 2); output goes through ctx.io.
 */
export async function createProgram(ctx: AppContext, argv?: readonly string[]): Promise<Command> {
  const groups = argv === undefined ? ctx.commands : groupsFor(ctx.commands, argv)
  const program = new Command('icm')
    .description('icm — internal customer management (内部客户管理制度) over a local SQLite file')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--db <path>', 'database file (default: $ICM_DB, else ./icm.db)')
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--csv', 'list and table commands: print RFC 4180 CSV instead of a table')
    .option('--actor <name>', 'who is acting, for the event log (default: $ICM_ACTOR, else the OS user)')
    .option('--no-input', 'never prompt: fail when a required option is missing')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.out(s),
      writeErr: (s) => ctx.io.err(s),
      outputError: (s, write) => write(`icm: ${s.replace(/^error: /, '').trim()} (see --help)\n`),
    })
    .addHelpText(
      'after',
      `
Examples:
  icm demo                                  build a demo company in ./icm-demo.db
  icm init                                  create ./icm.db
  icm unit import org.csv                   load departments and positions
  icm customer map                          who serves whom

Exit codes: 0 ok, 1 unexpected failure, 2 usage, 3 invalid input or refused change,
            4 not found, 5 conflict (duplicate, already imported, finalized)
`,
    )
  program.hook('preAction', (_root, action) => {
    ctx.globals = action.optsWithGlobals<GlobalOptions>()
    ctx.access = databaseAccessOf(action)
  })

  for (const group of groups) (await group.load())(program, ctx)
  return program
}
