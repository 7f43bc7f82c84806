import { Command } from 'commander'
import pkg from '../../package.json' with { type: 'json' }
import { registerAction } from '../commands/action/index.js'
import { registerAdmin } from '../commands/admin/index.js'
import { registerAssess } from '../commands/assess/index.js'
import { registerCalendar } from '../commands/calendar/index.js'
import { registerCheck } from '../commands/check/index.js'
import { registerConfig } from '../commands/config/index.js'
import { registerCustomer } from '../commands/customer/index.js'
import { registerDb } from '../commands/db/index.js'
import { registerDemo } from '../commands/demo/index.js'
import { registerDependency } from '../commands/dependency/index.js'
import { registerLink } from '../commands/link/index.js'
import { registerLog } from '../commands/log/index.js'
import { registerProcess } from '../commands/process/index.js'
import { registerService } from '../commands/service/index.js'
import { registerRequest } from '../commands/request/index.js'
import { registerComplaint } from '../commands/complaint/index.js'
import { registerSurvey } from '../commands/survey/index.js'
import { registerVisit } from '../commands/visit/index.js'
import { registerRelation } from '../commands/relation/index.js'
import { registerProject } from '../commands/project/index.js'
import { registerRecognition } from '../commands/recognition/index.js'
import { registerAudit } from '../commands/audit/index.js'
import { registerReport } from '../commands/report/index.js'
import { registerUnit } from '../commands/unit/index.js'
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
 * A fresh commander program for one run (commander keeps parse state on its objects). Usage
 * errors surface as CommanderError (exit 2); output goes through ctx.io.
 */
export function createProgram(ctx: AppContext): Command {
  const program = new Command('icm')
    .description('icm — internal customer management (内部客户管理制度) over a local SQLite file')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--db <path>', 'database file (default: $ICM_DB, else ./icm.db)')
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--actor <name>', 'who is acting, for the event log (default: $ICM_ACTOR, else the OS user)')
    .option('--no-input', 'never prompt: fail when a required option is missing')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
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

  registerAdmin(program, ctx)
  registerCheck(program, ctx)
  registerDemo(program, ctx)
  registerUnit(program, ctx)
  registerProcess(program, ctx)
  registerDependency(program, ctx)
  registerLink(program, ctx)
  registerCustomer(program, ctx)
  registerService(program, ctx)
  registerRequest(program, ctx)
  registerSurvey(program, ctx)
  registerVisit(program, ctx)
  registerRelation(program, ctx)
  registerProject(program, ctx)
  registerRecognition(program, ctx)
  registerComplaint(program, ctx)
  registerAction(program, ctx)
  registerAudit(program, ctx)
  registerReport(program, ctx)
  registerAssess(program, ctx)
  registerConfig(program, ctx)
  registerCalendar(program, ctx)
  registerLog(program, ctx)
  registerDb(program, ctx)
  return program
}
