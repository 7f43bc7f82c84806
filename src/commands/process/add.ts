import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { formatInstant } from '../../domain/calendar/dates.js'
import { ConflictError } from '../../domain/errors.js'
import { checkCode, checkName } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import { findProcessByCode, insertProcess } from '../../storage/processes-repo.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerAdd(process: Command, ctx: AppContext): void {
  example(
    process
      .command('add')
      .description(t('process.add.description'))
      .argument('<code>', t('process.add.code'))
      .option('--name <name>', t('process.add.name'))
      .action((code: string, opts: ProcessAddOptions) => processAddRun(ctx, code, opts)),
    'icm process add P2P --name 采购到付款',
  )
}

export interface ProcessAddOptions {
  name?: string
}

export async function processAddRun(ctx: AppContext, code: string, opts: ProcessAddOptions): Promise<void> {
  const processCode = checkCode(code, t('process.codeWhat'), 'P2P')
  const name = checkName(await need(ctx, opts.name, { flag: '--name', message: t('process.add.askName'), check: (v) => checkName(v, '--name') }), '--name')
  const store = await ctx.store()
  const p = await store.write(async (trx) => {
    const existing = await findProcessByCode(trx, processCode)
    if (existing) throw new ConflictError(t('process.exists', { code: existing.code }), t('process.exists.hint'))
    const created = await insertProcess(trx, { code: processCode, name }, ctx.now())
    await appendEvent(trx, ctx.event('process.add', created.code, { name }))
    return created
  })
  if (ctx.json) printEntity(ctx, { code: p.code, name: p.name, steps: [], createdAt: formatInstant(p.createdAt) }, [])
  confirm(ctx, t('process.added', { code: p.code, name: p.name }))
}
