import type { CommandGroup } from './context.js'

/**
 * How the program finds its commands: a list of groups (src/commands/registry.ts), each with the
 * top-level names it registers and a loader. The list reaches the program through the context
 * (bin/icm.ts and the tests pass it), so src/cli never imports a command group. A run loads only
 * the group of the command it runs; --help, an unknown command and shell completion load all.
 */
/** Global options that take a value: the word after them is not the command's name. */
const VALUE_OPTIONS = new Set(['--db', '--actor'])

/**
 * The groups a command line needs: the one its first word names, none for a bare --version,
 * and all of them otherwise (help, an unknown command, a misspelling to suggest a fix for).
 */
export function groupsFor(all: readonly CommandGroup[], argv: readonly string[]): readonly CommandGroup[] {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!
    if (word === '--') break
    if (word.startsWith('-')) {
      if (VALUE_OPTIONS.has(word)) i++
      if (word === '-V' || word === '--version') return []
      if (word === '-h' || word === '--help') return all
      continue
    }
    const name = word === 'help' ? argv[i + 1] : word
    const group = all.find((g) => g.names.includes(name ?? ''))
    return group ? [group] : all
  }
  return all
}
