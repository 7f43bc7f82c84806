import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity, printRows, shownInstant } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { UserError } from '../../domain/errors.js'
import { checkName } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertDependency, listDependencies } from '../../storage/relations-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'

/** Position-function analysis (policy 2.2): which position needs which for what support. */
export function registerDependency(program: Command, ctx: AppContext): void {
  const dependency = program.command('dependency').description('Position dependencies: a customer position needs a supplier position')

  example(
    dependency
      .command('add')
      .description('Record that a customer unit needs a supplier unit for some support')
      .option('--customer <unit>', 'the unit that needs the support')
      .option('--supplier <unit>', 'the unit that gives it')
      .option('--support <text>', 'what support is needed')
      .action((opts: DependencyOptions) => dependencyAddRun(ctx, opts)),
    'icm dependency add --customer FIN-AP --supplier PUR-BUYER --support 采购订单与验收单',
  )

  example(
    dependency
      .command('list')
      .description('List position dependencies')
      .action((opts: { csv?: boolean }) => dependencyListRun(ctx, opts)),
    'icm dependency list',
  )
}

interface DependencyOptions {
  customer?: string
  supplier?: string
  support?: string
}

export async function dependencyAddRun(ctx: AppContext, opts: DependencyOptions): Promise<void> {
  const customerRef = await need(ctx, opts.customer, { flag: '--customer', message: 'Customer unit (needs the support)' })
  const supplierRef = await need(ctx, opts.supplier, { flag: '--supplier', message: 'Supplier unit (gives the support)' })
  const support = checkName(await need(ctx, opts.support, { flag: '--support', message: 'What support is needed' }), '--support')
  const store = await ctx.store()
  const json = await store.write(async (trx) => {
    const customer = await requireUnit(trx, customerRef, 'customer unit')
    const supplier = await requireUnit(trx, supplierRef, 'supplier unit')
    if (customer.id === supplier.id) throw new UserError(`a unit cannot depend on itself (${customer.code})`)
    const row = await insertDependency(trx, { customer_id: customer.id, supplier_id: supplier.id, support, created_at: ctx.now().toISOString() })
    await appendEvent(trx, ctx.event('dependency.add', customer.code, { supplier: supplier.code, support }))
    return { id: row.id, customer: customer.code, supplier: supplier.code, support, createdAt: shownInstant(row.created_at) }
  })
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, `${json.customer} depends on ${json.supplier} for ${support}`)
}

export async function dependencyListRun(ctx: AppContext, opts: { csv?: boolean }): Promise<void> {
  const store = await ctx.store()
  const codes = await unitCodesById(store.db)
  const rows = (await listDependencies(store.db)).map((d) => ({
    id: d.id,
    customer: codes.get(d.customer_id) ?? null,
    supplier: codes.get(d.supplier_id) ?? null,
    support: d.support,
    createdAt: shownInstant(d.created_at),
  }))
  await printRows(
    ctx,
    rows,
    [
      { header: 'customer', value: (r) => r.customer },
      { header: 'supplier', value: (r) => r.supplier },
      { header: 'support', value: (r) => r.support },
    ],
    { csv: ctx.csv, empty: 'no dependencies yet (add one with icm dependency add)' },
  )
}
