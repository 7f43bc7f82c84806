import type { Command } from 'commander'
import { REQUEST_CHANNELS } from '../../domain/requests/request.js'
import { ENUM_LABELS } from '../../domain/i18n/enums.js'

/**
 * The command tree as completion needs it (issue: shell completion): for each command path its
 * subcommands, its flags, and what a value may be: fixed words, or a kind of code the database
 * knows (`@unit`, `@request` …, answered by `icm __complete KIND`), or a file.
 */
export type ValueSpec = { words: readonly string[] } | { dynamic: DynamicKind } | { file: true } | { none: true }

export const DYNAMIC_KINDS = ['unit', 'request', 'complaint', 'survey', 'project', 'action', 'audit', 'finding', 'report', 'service', 'process', 'period', 'channel'] as const
export type DynamicKind = (typeof DYNAMIC_KINDS)[number]

export interface CommandNode {
  /** 'request log' ('' for the program) */
  path: string
  subcommands: string[]
  /** long flags, e.g. '--from' */
  flags: string[]
  /** what follows a flag that takes a value */
  values: Record<string, ValueSpec>
  /** what the first positional argument is */
  argument: ValueSpec
}

const keys = (kind: keyof typeof ENUM_LABELS) => Object.keys(ENUM_LABELS[kind])

/** Fixed values of a flag in a group (the same word means the same thing in every verb of a group). */
const FLAG_WORDS: Record<string, readonly string[]> = {
  'request --channel': REQUEST_CHANNELS,
  'request --status': keys('requestStatus'),
  'complaint --status': keys('complaintStatus'),
  'complaint --kind': keys('evidenceKind'),
  'complaint --category': keys('rootCause'),
  'project --kind': keys('projectKind'),
  'project --status': keys('projectStatus'),
  'unit --kind': keys('unitKind'),
  'survey --kind': keys('surveyKind'),
  'survey --encoding': ['auto', 'utf8', 'utf16le', 'utf16be', 'gb18030', 'gbk'],
  'survey --by': ['rated', 'respondent'],
  'assess --level': keys('level'),
  'action --source': keys('actionSource'),
  'action --status': keys('actionStatus'),
  'audit --severity': keys('severity'),
  'report --status': ['received', 'decided'],
  'customer --format': ['table', 'json', 'csv', 'mermaid', 'dot'],
  '--lang': ['en', 'zh-CN', 'zh-TW'],
  '--important': ['yes', 'no'],
  '--urgent': ['yes', 'no'],
  '--resolved': ['yes', 'no'],
}

/** Flags whose value is a code of the database, whatever the group. */
const FLAG_DYNAMIC: Record<string, DynamicKind> = {
  '--service': 'service',
  '--request': 'request',
  '--period': 'period',
  'complaint --channel': 'channel',
}

/** The code a command's first argument names, by group (`icm request show <code>`). */
const ARGUMENT_KIND: Record<string, DynamicKind> = {
  request: 'request',
  complaint: 'complaint',
  survey: 'survey',
  project: 'project',
  action: 'action',
  report: 'report',
  service: 'service',
  process: 'process',
  unit: 'unit',
  customer: 'unit',
}

function valueOf(group: string, flag: string, placeholder: string): ValueSpec {
  const words = FLAG_WORDS[`${group} ${flag}`] ?? FLAG_WORDS[flag]
  if (words) return { words }
  const dynamic = FLAG_DYNAMIC[`${group} ${flag}`] ?? FLAG_DYNAMIC[flag]
  if (dynamic) return { dynamic }
  if (/^<units?>$/.test(placeholder)) return { dynamic: 'unit' }
  if (/file|path/.test(placeholder)) return { file: true }
  return { none: true }
}

function argumentOf(group: string, cmd: Command): ValueSpec {
  const first = cmd.registeredArguments[0]
  if (!first) return { none: true }
  const name = first.name()
  if (/file/.test(name)) return { file: true }
  if (cmd.name() === 'close-finding') return { dynamic: 'finding' }
  if (group === 'audit' && name === 'code') return { dynamic: 'audit' }
  if (name === 'unit' || name === 'ref') return { dynamic: 'unit' }
  const kind = ARGUMENT_KIND[group]
  return kind ? { dynamic: kind } : { none: true }
}

/** Every visible command of the program, depth first, with its completion data. */
export function commandTree(program: Command): CommandNode[] {
  const out: CommandNode[] = []
  const walk = (cmd: Command, path: string[]) => {
    const visible = cmd.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden)
    const group = path[0] ?? ''
    const options = path.length === 0 ? cmd.options : [...cmd.options, ...globalOptions(cmd)]
    const values: Record<string, ValueSpec> = {}
    const flags: string[] = []
    for (const o of options) {
      if (!o.long || o.hidden) continue
      flags.push(o.long)
      if (o.required || o.optional) values[o.long] = valueOf(group, o.long, o.flags.split(/\s+/).pop() ?? '')
    }
    out.push({ path: path.join(' '), subcommands: visible.map((c) => c.name()), flags: [...new Set(flags)], values, argument: argumentOf(group, cmd) })
    for (const c of visible) walk(c, [...path, c.name()])
  }
  walk(program, [])
  return out
}

function globalOptions(cmd: Command) {
  let root: Command = cmd
  while (root.parent) root = root.parent
  return root.options
}
