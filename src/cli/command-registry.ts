import type { Command } from 'commander'
import type { AppContext } from './context.js'

/**
 * Every command group and top-level command, in the order --help lists them, with the module
 * that registers it. A run loads only the module of the command it runs (`icm request rank`
 * compiles and runs the request group alone); --help, an unknown command and shell completion
 * load them all. Groups never import one another.
 */
export type Register = (program: Command, ctx: AppContext) => void

export interface CommandGroup {
  /** the top-level names the module registers */
  names: readonly string[]
  load(): Promise<Register>
}

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { names: ['init', 'backup'], load: async () => (await import('../commands/admin/index.js')).registerAdmin },
  { names: ['check'], load: async () => (await import('../commands/check/index.js')).registerCheck },
  { names: ['demo'], load: async () => (await import('../commands/demo/index.js')).registerDemo },
  { names: ['unit'], load: async () => (await import('../commands/unit/index.js')).registerUnit },
  { names: ['process'], load: async () => (await import('../commands/process/index.js')).registerProcess },
  { names: ['dependency'], load: async () => (await import('../commands/dependency/index.js')).registerDependency },
  { names: ['link'], load: async () => (await import('../commands/link/index.js')).registerLink },
  { names: ['customer'], load: async () => (await import('../commands/customer/index.js')).registerCustomer },
  { names: ['service'], load: async () => (await import('../commands/service/index.js')).registerService },
  { names: ['request'], load: async () => (await import('../commands/request/index.js')).registerRequest },
  { names: ['survey'], load: async () => (await import('../commands/survey/index.js')).registerSurvey },
  { names: ['visit'], load: async () => (await import('../commands/visit/index.js')).registerVisit },
  { names: ['relation'], load: async () => (await import('../commands/relation/index.js')).registerRelation },
  { names: ['project'], load: async () => (await import('../commands/project/index.js')).registerProject },
  { names: ['recognition'], load: async () => (await import('../commands/recognition/index.js')).registerRecognition },
  { names: ['complaint'], load: async () => (await import('../commands/complaint/index.js')).registerComplaint },
  { names: ['action'], load: async () => (await import('../commands/action/index.js')).registerAction },
  { names: ['audit'], load: async () => (await import('../commands/audit/index.js')).registerAudit },
  { names: ['report'], load: async () => (await import('../commands/report/index.js')).registerReport },
  { names: ['assess'], load: async () => (await import('../commands/assess/index.js')).registerAssess },
  { names: ['config'], load: async () => (await import('../commands/config/index.js')).registerConfig },
  { names: ['calendar'], load: async () => (await import('../commands/calendar/index.js')).registerCalendar },
  { names: ['log'], load: async () => (await import('../commands/log/index.js')).registerLog },
  { names: ['db'], load: async () => (await import('../commands/db/index.js')).registerDb },
]

/** Global options that take a value: the word after them is not the command's name. */
const VALUE_OPTIONS = new Set(['--db', '--actor'])

/**
 * The groups a command line needs: the one its first word names, none for a bare --version,
 * and all of them otherwise (help, an unknown command, a misspelling to suggest a fix for).
 */
export function groupsFor(argv: readonly string[]): readonly CommandGroup[] {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!
    if (word === '--') break
    if (word.startsWith('-')) {
      if (VALUE_OPTIONS.has(word)) i++
      if (word === '-V' || word === '--version') return []
      if (word === '-h' || word === '--help') return COMMAND_GROUPS
      continue
    }
    const name = word === 'help' ? argv[i + 1] : word
    const group = COMMAND_GROUPS.find((g) => g.names.includes(name ?? ''))
    return group ? [group] : COMMAND_GROUPS
  }
  return COMMAND_GROUPS
}
