import { example, examplesOf } from './help.js'
import { Command } from 'commander'
import pkg from '../../package.json' with { type: 'json' }
import { t } from '../domain/i18n/catalog.js'
import { groupsFor } from './command-registry.js'
import { usageErrorLine } from './usage-errors.js'
import type { AppContext, GlobalOptions } from './context.js'

export const VERSION: string = pkg.version

/** Commands that only read the database (DESIGN.md §8: they never create one). */
const READ_VERBS = new Set(['list', 'show', 'map', 'of', 'suppliers-of', 'rank', 'overdue', 'results', 'export', 'due', 'stats', 'channels', 'explain', 'annual', 'bonus', 'get', 'reveal', 'assess', 'report'])
// notify writes only its own event rows: a missing database (a wrong ICM_DB in a cron line) must be exit 4, never a new empty one
const READ_TOP_LEVEL = new Set(['log', 'backup', 'check', 'today', 'notify', 'completion', '__complete'])

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
    .description(t('cli.description'))
    .version(VERSION, '-V, --version', t('cli.option.version'))
    .option('--db <path>', t('cli.option.db'))
    .option('--json', t('cli.option.json'))
    .option('--csv', t('cli.option.csv'))
    .option('--actor <name>', t('cli.option.actor'))
    .option('--lang <lang>', t('cli.option.lang'))
    .option('--no-input', t('cli.option.noInput'))
    .helpOption('-h, --help', t('cli.option.help'))
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true, styleTitle: translateTitle, styleUsage: translateUsage, styleOptionDescription: translateDefault })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.out(s),
      writeErr: (s) => ctx.io.err(s),
      outputError: (s, write) => write(usageErrorLine(s)),
    })
    .helpCommand('help [command]', t('cli.helpCommand'))
    .addHelpText('after', t('cli.rootHelp'))
  program.hook('preAction', (_root, action) => {
    ctx.globals = action.optsWithGlobals<GlobalOptions>()
    ctx.access = databaseAccessOf(action)
  })

  for (const group of groups) (await group.load())(program, ctx)
  for (const cmd of program.commands) groupExamples(cmd)
  return program
}

/** A group's --help shows the first example of up to four of its commands (`icm assess --help`). */
function groupExamples(group: Command): void {
  if (group.commands.length === 0 || examplesOf(group).length > 0) return
  const lines = group.commands.flatMap((c) => examplesOf(c).slice(0, 1)).slice(0, 4)
  if (lines.length > 0) example(group, ...lines)
}

const TITLES = {
  'Usage:': 'cli.help.usage',
  'Arguments:': 'cli.help.arguments',
  'Options:': 'cli.help.options',
  'Global Options:': 'cli.help.globalOptions',
  'Commands:': 'cli.help.commands',
} as const

/** commander's usage line in the interface language: [options] and [command] (argument names stay). */
function translateUsage(usage: string): string {
  return usage.replace('[options]', t('cli.help.optionsArg')).replace('[command]', t('cli.help.commandArg'))
}

/** commander's "(default: x)" after an option's help in the interface language. */
function translateDefault(description: string): string {
  return description.replace(/ \(default: (.*)\)$/, (_m, value: string) => t('cli.help.default', { value }))
}

/** commander's help headings in the interface language. */
function translateTitle(title: string): string {
  const key = TITLES[title as keyof typeof TITLES]
  return key ? t(key) : title
}
