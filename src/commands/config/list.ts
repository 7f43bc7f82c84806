import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printEntity, printRows } from '../../cli/output.js'
import { configEntries, configKey } from '../../domain/policy/config.js'
import { loadConfigValues } from '../../storage/config-repo.js'
import { resolveConfigKey } from './set.js'

/** Reading the policy parameters: every key, or one key's value. */
export function registerList(config: Command, ctx: AppContext): void {
  example(
    config
      .command('list')
      .description('Every key with its value, default and meaning')
      .action(() => configListRun(ctx)),
    'icm config list',
  )
  example(
    config
      .command('get')
      .description("Print one key's value")
      .argument('<key>', 'config key, e.g. sla.response_hours')
      .action((key: string) => configGetRun(ctx, key)),
    'icm config get assess.weights',
    'icm config get notify.IT.secret',
  )
}

export async function configListRun(ctx: AppContext): Promise<void> {
  const store = await ctx.store()
  await printRows(
    ctx,
    configEntries(await loadConfigValues(store.db)),
    [
      { header: 'key', value: (e) => e.key },
      { header: 'value', value: (e) => e.value ?? '(none)' },
      { header: 'source', value: (e) => e.source },
      { header: 'meaning', value: (e) => e.description },
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
  else if (entry.value === null) ctx.io.err(`${def.key} is not set and has no default (set it with icm config set ${def.key} VALUE)\n`)
  else ctx.io.out(`${entry.value}\n`)
}
