import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity, printRows, shownInstant } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { UserError } from '../../domain/errors.js'
import { checkName } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertLink, listLinks } from '../../storage/relations-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'

/** Manual supplier→customer links, for relations no process or dependency shows. */
export function registerLink(program: Command, ctx: AppContext): void {
  const link = program.command('link').description('Manual supplier→customer links')

  example(
    link
      .command('add')
      .description('Record that a supplier unit provides something to a customer unit')
      .option('--supplier <unit>', 'the unit that provides')
      .option('--customer <unit>', 'the unit served')
      .option('--provides <text>', 'what is provided')
      .action((opts: LinkOptions) => linkAddRun(ctx, opts)),
    'icm link add --supplier IT --customer HR --provides 考勤系统维护',
  )

  example(
    link
      .command('list')
      .description('List manual links')
      .action((opts: { csv?: boolean }) => linkListRun(ctx, opts)),
    'icm link list',
  )
}

interface LinkOptions {
  supplier?: string
  customer?: string
  provides?: string
}

export async function linkAddRun(ctx: AppContext, opts: LinkOptions): Promise<void> {
  const supplierRef = await need(ctx, opts.supplier, { flag: '--supplier', message: 'Supplier unit' })
  const customerRef = await need(ctx, opts.customer, { flag: '--customer', message: 'Customer unit' })
  const provides = checkName(await need(ctx, opts.provides, { flag: '--provides', message: 'What is provided' }), '--provides')
  const store = await ctx.store()
  const json = await store.write(async (trx) => {
    const supplier = await requireUnit(trx, supplierRef, 'supplier unit')
    const customer = await requireUnit(trx, customerRef, 'customer unit')
    if (customer.id === supplier.id) throw new UserError(`a unit cannot be its own customer (${customer.code})`)
    const row = await insertLink(trx, { supplier_id: supplier.id, customer_id: customer.id, provides, created_at: ctx.now().toISOString() })
    await appendEvent(trx, ctx.event('link.add', supplier.code, { customer: customer.code, provides }))
    return { id: row.id, supplier: supplier.code, customer: customer.code, provides, createdAt: shownInstant(row.created_at) }
  })
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, `${json.supplier} provides ${provides} to ${json.customer}`)
}

export async function linkListRun(ctx: AppContext, opts: { csv?: boolean }): Promise<void> {
  const store = await ctx.store()
  const codes = await unitCodesById(store.db)
  const rows = (await listLinks(store.db)).map((l) => ({
    id: l.id,
    supplier: codes.get(l.supplier_id) ?? null,
    customer: codes.get(l.customer_id) ?? null,
    provides: l.provides,
    createdAt: shownInstant(l.created_at),
  }))
  await printRows(
    ctx,
    rows,
    [
      { header: 'supplier', value: (r) => r.supplier },
      { header: 'customer', value: (r) => r.customer },
      { header: 'provides', value: (r) => r.provides },
    ],
    { csv: ctx.csv, empty: 'no links yet (add one with icm link add)' },
  )
}
