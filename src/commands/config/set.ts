import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { confirm, printEntity } from '../../cli/output.js'
import { UserError } from '../../domain/errors.js'
import { configEntries, configKey, effectiveValue, type ConfigKey } from '../../domain/policy/config.js'
import { deleteConfigValue, loadConfigValues, setConfigValue } from '../../storage/config-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { t } from '../../domain/i18n/catalog.js'

/** Changing the policy parameters: set a key (checked first), or return it to its default. */
export function registerSet(config: Command, ctx: AppContext): void {
  example(
    config
      .command('set')
      .description(t('config.set.description'))
      .argument('<key>', t('config.key'))
      .argument('<value>', t('config.set.value'))
      .action((key: string, value: string) => configSetRun(ctx, key, value)),
    'icm config set complaint.handler 王敏',
    'icm config set assess.weights S=30,T=20,C=15,H=15,self=5,superior=15',
  )
  example(
    config
      .command('unset')
      .description(t('config.unset.description'))
      .argument('<key>', t('config.key'))
      .action((key: string) => configUnsetRun(ctx, key)),
    'icm config unset sla.response_hours',
  )
}

export async function configSetRun(ctx: AppContext, key: string, value: string): Promise<void> {
  const def = configKey(key)
  const normalised = def.validate(value)
  const store = await ctx.store()
  await store.write(async (trx) => {
    const before = effectiveValue(await loadConfigValues(trx), def.key)
    await setConfigValue(trx, def.key, normalised, ctx.now())
    await appendEvent(trx, ctx.event('config.set', def.key, { from: before, to: normalised }))
  })
  await printKey(ctx, def)
  confirm(ctx, t('config.set.done', { key: def.key, value: normalised }))
}

export async function configUnsetRun(ctx: AppContext, key: string): Promise<void> {
  const def = configKey(key)
  const store = await ctx.store()
  await store.write(async (trx) => {
    const before = (await loadConfigValues(trx)).get(def.key)
    if (before === undefined) throw new UserError(t('config.unset.already', { key: def.key, default: def.default ?? t('config.noneWord') }))
    await deleteConfigValue(trx, def.key)
    await appendEvent(trx, ctx.event('config.unset', def.key, { from: before, to: def.default }))
  })
  await printKey(ctx, def)
  confirm(ctx, t('config.unset.done', { key: def.key, default: def.default ?? t('config.noneWord') }))
}

/** With --json, the key as it is now. */
async function printKey(ctx: AppContext, def: ConfigKey): Promise<void> {
  if (!ctx.json) return
  const store = await ctx.store()
  printEntity(ctx, configEntries(await loadConfigValues(store.db)).find((e) => e.key === def.key), [])
}
