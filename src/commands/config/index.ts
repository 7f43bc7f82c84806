import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity, printRows } from '../../cli/output.js'
import { CONFIG_KEYS, configKey } from '../../domain/policy/config.js'
import { UserError } from '../../domain/errors.js'
import { deleteConfigValue, loadConfigValues, setConfigValue } from '../../storage/config-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { example } from '../../cli/help.js'

/** Policy parameters (DESIGN.md §4): defaults in code, the admin's values in the database. */
export function registerConfig(program: Command, ctx: AppContext): void {
  const config = program.command('config').description('Policy parameters: deadlines, channels, weights, grades, thresholds')

  example(
    config
      .command('list')
      .description('Every key with its value, default and meaning')
      .action((opts: { csv?: boolean }) => configListRun(ctx, opts)),
    'icm config list',
  )
  example(
    config
      .command('get')
      .description("Print one key's value")
      .argument('<key>', 'config key, e.g. sla.response_hours')
      .action((key: string) => configGetRun(ctx, key)),
    'icm config get assess.weights',
  )
  example(
    config
      .command('set')
      .description('Set a key (the value is checked first)')
      .argument('<key>', 'config key')
      .argument('<value>', 'new value')
      .action((key: string, value: string) => configSetRun(ctx, key, value)),
    'icm config set complaint.handler 王敏',
    'icm config set assess.weights S=30,T=20,C=15,H=15,self=5,superior=15',
  )
  example(
    config
      .command('unset')
      .description('Return a key to its default')
      .argument('<key>', 'config key')
      .action((key: string) => configUnsetRun(ctx, key)),
    'icm config unset sla.response_hours',
  )
}

interface ConfigEntry {
  key: string
  value: string | null
  default: string | null
  source: 'default' | 'set'
  description: string
}

async function entries(ctx: AppContext): Promise<ConfigEntry[]> {
  const store = await ctx.store()
  const stored = await loadConfigValues(store.db)
  return CONFIG_KEYS.map((k) => ({
    key: k.key,
    value: stored.get(k.key) ?? k.default,
    default: k.default,
    source: stored.has(k.key) ? 'set' : 'default',
    description: k.description,
  }))
}

export async function configListRun(ctx: AppContext, opts: { csv?: boolean }): Promise<void> {
  await printRows(
    ctx,
    await entries(ctx),
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
  const def = configKey(key)
  const entry = (await entries(ctx)).find((e) => e.key === def.key)!
  if (ctx.json) printEntity(ctx, entry, [])
  else if (entry.value === null) ctx.io.err(`${def.key} is not set and has no default (set it with icm config set ${def.key} VALUE)\n`)
  else ctx.io.out(`${entry.value}\n`)
}

export async function configSetRun(ctx: AppContext, key: string, value: string): Promise<void> {
  const def = configKey(key)
  const normalised = def.validate(value)
  const store = await ctx.store()
  await store.write(async (trx) => {
    const before = (await loadConfigValues(trx)).get(def.key) ?? def.default
    await setConfigValue(trx, def.key, normalised, ctx.now())
    await appendEvent(trx, ctx.event('config.set', def.key, { from: before, to: normalised }))
  })
  if (ctx.json) printEntity(ctx, (await entries(ctx)).find((e) => e.key === def.key), [])
  confirm(ctx, `${def.key} = ${normalised}`)
}

export async function configUnsetRun(ctx: AppContext, key: string): Promise<void> {
  const def = configKey(key)
  const store = await ctx.store()
  await store.write(async (trx) => {
    const before = (await loadConfigValues(trx)).get(def.key)
    if (before === undefined) throw new UserError(`${def.key} is not set; it already has its default (${def.default ?? 'none'})`)
    await deleteConfigValue(trx, def.key)
    await appendEvent(trx, ctx.event('config.unset', def.key, { from: before, to: def.default }))
  })
  if (ctx.json) printEntity(ctx, (await entries(ctx)).find((e) => e.key === def.key), [])
  confirm(ctx, `${def.key} back to its default (${def.default ?? 'none'})`)
}
