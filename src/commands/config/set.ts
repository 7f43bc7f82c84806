import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { confirm, printEntity } from '../../cli/output.js'
import { UserError } from '../../domain/errors.js'
import type { Kysely } from 'kysely'
import { requireUnit } from '../../cli/lookups.js'
import { configEntries, configKey, effectiveValue, loggedValue, notifyKeyName, parseNotifyKey, shownValue, type ConfigKey } from '../../domain/policy/config.js'
import type { DB } from '../../storage/schema.js'
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
    'icm config set notify.IT.webhook "https://oapi.dingtalk.com/robot/send?access_token=…"',
    'icm config set notify.IT.secret SEC0123…',
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

/**
 * The key's definition; a push key (notify.<unit>.webhook|secret) names a unit that exists
 * (exit 4 otherwise), written with the unit's code.
 */
export async function resolveConfigKey(db: Kysely<DB>, key: string): Promise<ConfigKey> {
  const notify = parseNotifyKey(key)
  if (!notify || notify.unit === 'default') return configKey(key)
  const unit = await requireUnit(db, notify.unit)
  return configKey(notifyKeyName({ ...notify, unit: unit.code }))
}

export async function configSetRun(ctx: AppContext, key: string, value: string): Promise<void> {
  // a bad key or value is refused before the database is opened (or created)
  configKey(key).validate(value)
  const store = await ctx.store()
  const def = await resolveConfigKey(store.db, key)
  const normalised = def.validate(value)
  await store.write(async (trx) => {
    const before = effectiveValue(await loadConfigValues(trx), def.key, def)
    await setConfigValue(trx, def.key, normalised, ctx.now())
    // a secret, or a webhook's token, never reaches the event log
    await appendEvent(trx, ctx.event('config.set', def.key, { from: loggedValue(def, before), to: loggedValue(def, normalised) }))
  })
  await printKey(ctx, def)
  confirm(ctx, t('config.set.done', { key: def.key, value: shownValue(def, normalised) ?? '' }))
}

export async function configUnsetRun(ctx: AppContext, key: string): Promise<void> {
  configKey(key)
  const store = await ctx.store()
  const def = await resolveConfigKey(store.db, key)
  await store.write(async (trx) => {
    const before = (await loadConfigValues(trx)).get(def.key)
    if (before === undefined) throw new UserError(t('config.unset.already', { key: def.key, default: def.default ?? t('config.noneWord') }))
    await deleteConfigValue(trx, def.key)
    await appendEvent(trx, ctx.event('config.unset', def.key, { from: loggedValue(def, before), to: def.default }))
  })
  await printKey(ctx, def)
  confirm(ctx, t('config.unset.done', { key: def.key, default: def.default ?? t('config.noneWord') }))
}

/** With --json, the key as it is now. */
async function printKey(ctx: AppContext, def: ConfigKey): Promise<void> {
  if (!ctx.json) return
  const store = await ctx.store()
  printEntity(ctx, configEntries(await loadConfigValues(store.db)).find((e) => e.key === def.key) ?? { key: def.key, value: null, default: def.default, source: 'default', description: def.description }, [])
}
