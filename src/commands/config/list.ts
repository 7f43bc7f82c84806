import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printEntity, printRows } from '../../cli/output.js'
import { configEntries, configKey } from '../../domain/policy/config.js'
import { loadConfigValues } from '../../storage/config-repo.js'
import { resolveConfigKey } from './set.js'
import { hasMessage, isChinese, t, type MessageKey } from '../../domain/i18n/catalog.js'

/** Reading the policy parameters: every key, or one key's value. */
export function registerList(config: Command, ctx: AppContext): void {
  example(
    config
      .command('list')
      .description(t('config.list.description'))
      .action(() => configListRun(ctx)),
    'icm config list',
  )
  example(
    config
      .command('get')
      .description(t('config.get.description'))
      .argument('<key>', t('config.get.key'))
      .action((key: string) => configGetRun(ctx, key)),
    'icm config get assess.weights',
    'icm config get notify.IT.secret',
  )
}

/** A key's meaning in the interface language. */
/** A key's meaning in the interface language (a key without a translation, e.g. a push key, keeps its own). */
function meaning(key: string, description: string): string {
  const k = `config.meaning.${key}`
  return hasMessage(k) ? t(k as Extract<MessageKey, `config.meaning.${string}`>) : description
}

export async function configListRun(ctx: AppContext): Promise<void> {
  const store = await ctx.store()
  // a terminal reads the sources and meanings in the interface language; piped lines and CSV keep them as they are
  const term = ctx.io.stdoutIsTTY && !ctx.csv && isChinese()
  await printRows(
    ctx,
    configEntries(await loadConfigValues(store.db)),
    [
      { header: 'key', title: t('config.col.key'), value: (e) => e.key },
      { header: 'value', title: t('config.col.value'), value: (e) => e.value ?? (term ? t('config.none') : '(none)') },
      { header: 'source', title: t('config.col.source'), value: (e) => (term ? t(e.source === 'set' ? 'config.source.set' : 'config.source.default') : e.source) },
      { header: 'meaning', title: t('config.col.meaning'), value: (e) => (term ? meaning(e.key, e.description) : e.description) },
    ],
    { csv: ctx.csv },
  )
}

export async function configGetRun(ctx: AppContext, key: string): Promise<void> {
  configKey(key)
  const store = await ctx.store()
  const def = await resolveConfigKey(store.db, key)
  const entry = configEntries(await loadConfigValues(store.db)).find((e) => e.key === def.key) ?? { key: def.key, value: null, default: def.default, source: 'default', description: def.description }
  if (ctx.json) printEntity(ctx, entry, [])
  else if (entry.value === null) ctx.io.err(`${t('config.notSet', { key: def.key })}\n`)
  else ctx.io.out(`${entry.value}\n`)
}
