import type { Command } from 'commander'
import { t } from '../domain/i18n/catalog.js'

/** Examples of every command, so the help and the command-tree test read the same list. */
const examples = new WeakMap<Command, string[]>()

/** Adds an Examples section to a command's --help. */
export function example(cmd: Command, ...lines: string[]): Command {
  examples.set(cmd, lines)
  cmd.addHelpText('after', `\n${t(lines.length > 1 ? 'cli.help.examples' : 'cli.help.example')}\n${lines.map((l) => `  ${l}`).join('\n')}\n`)
  return cmd
}

export function examplesOf(cmd: Command): string[] {
  return examples.get(cmd) ?? []
}
