import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { createProgram } from '../../cli/program.js'
import { NotFoundError, UsageError } from '../../domain/errors.js'
import { t } from '../../domain/i18n/catalog.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { codesStartingWith, knownPeriods } from '../../storage/completion-repo.js'
import { completeWords } from './complete-words.js'
import { bashScript, fishScript, powershellScript, zshScript } from './scripts.js'
import { DYNAMIC_KINDS, commandTree, type DynamicKind } from './tree.js'

const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const

/** Shell completion: `icm completion SHELL` prints the script; `icm __complete` answers it. */
export function registerCompletion(program: Command, ctx: AppContext): void {
  example(
    program
      .command('completion')
      .description(t('completion.description'))
      .argument('<shell>', t('completion.shellArg', { shells: SHELLS.join(', ') }))
      .action((shell: string) => completionRun(ctx, shell)),
    'icm completion bash > ~/.local/share/bash-completion/completions/icm',
    'icm completion fish > ~/.config/fish/completions/icm.fish',
  )
  program
    .command('__complete', { hidden: true })
    .description(t('completion.complete.description'))
    .argument('[args...]', t('completion.complete.args', { kinds: DYNAMIC_KINDS.join(', ') }))
    .option('--words', t('completion.complete.words'))
    .action((args: string[], opts: { words?: boolean }) => completeRun(ctx, args[0], args[1] ?? '', opts.words ? args : undefined))
}

export async function completionRun(ctx: AppContext, shell: string): Promise<void> {
  const name = shell.trim().toLowerCase()
  if (!(SHELLS as readonly string[]).includes(name)) throw new UsageError(t('completion.unknownShell', { shell }), t('completion.unknownShell.hint', { shells: SHELLS.join(', ') }))
  if (name === 'powershell') {
    ctx.io.out(powershellScript())
    return
  }
  const tree = commandTree(await createProgram(ctx))
  ctx.io.out(name === 'bash' ? bashScript(tree) : name === 'zsh' ? zshScript(tree) : fishScript(tree))
}

/** One candidate per line; nothing (exit 0) when there is no database or nothing fits. */
export async function completeRun(ctx: AppContext, kind: string | undefined, prefix: string, words: string[] | undefined): Promise<void> {
  let candidates: string[]
  if (words !== undefined) {
    const found = completeWords(commandTree(await createProgram(ctx)), words)
    if ('file' in found) return
    candidates = 'words' in found ? found.words : await dynamicValues(ctx, found.dynamic, found.prefix)
  } else {
    if (!(DYNAMIC_KINDS as readonly string[]).includes(kind ?? '')) return
    candidates = await dynamicValues(ctx, kind as DynamicKind, prefix)
  }
  if (candidates.length > 0) ctx.io.out(`${candidates.join('\n')}\n`)
}

async function dynamicValues(ctx: AppContext, kind: DynamicKind, prefix: string): Promise<string[]> {
  if (kind === 'period') return periodsStartingWith(ctx, prefix)
  try {
    const store = await ctx.store()
    if (kind === 'channel') return (await loadPolicy(store.db)).complaintChannels.filter((c) => c.startsWith(prefix))
    return await codesStartingWith(store.db, kind, prefix)
  } catch (e) {
    if (e instanceof NotFoundError) return []
    throw e
  }
}

/** This year's and last year's periods, and every period the database has data for. */
async function periodsStartingWith(ctx: AppContext, prefix: string): Promise<string[]> {
  const year = ctx.now().getFullYear()
  const recent = [year, year - 1].flatMap((y) => [`${y}-H1`, `${y}-H2`, `${y}-Q1`, `${y}-Q2`, `${y}-Q3`, `${y}-Q4`, String(y)])
  let known: string[] = []
  try {
    known = await knownPeriods((await ctx.store()).db)
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e
  }
  return [...new Set([...recent, ...known])].filter((p) => p.toUpperCase().startsWith(prefix.toUpperCase()))
}
