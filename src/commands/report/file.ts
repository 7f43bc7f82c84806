import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { parseAt, requiredText } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { UserError } from '../../domain/errors.js'
import { REPORTS_KEY_ENV, checkFilingKey, padIdentity, sealIdentity } from '../../domain/supervision/report-crypto.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertReport, nextReportCode } from '../../storage/reports-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { reportJson } from './report-json.js'
import { databaseKey, reportsKey } from './reports-key.js'
import { t } from '../../domain/i18n/catalog.js'

export interface ReportFileOptions {
  about?: string
  description?: string
  reporter?: string
  at?: string
}

export function registerReportFile(report: Command, ctx: AppContext): void {
  const cmd = report
    .command('file')
    .description(t('report.file.description', { env: REPORTS_KEY_ENV }))
    .option('--about <unit>', t('report.file.about'))
    .option('--description <text>', t('report.file.descriptionOption'))
    .option('--reporter <name>', t('report.file.reporter', { env: REPORTS_KEY_ENV }))
    .option('--at <datetime>', t('report.file.at'))
  cmd.action(async (opts: ReportFileOptions) => void (await reportFileRun(ctx, opts)))
  example(
    cmd,
    'icm report file --about PUR --description "供应商选择未按规定比价"',
    'icm report file --about WH --description "出库单代签" --reporter 王芳   # needs ICM_REPORTS_KEY',
  )
}

/** Files a report; returns its code. */
export async function reportFileRun(ctx: AppContext, opts: ReportFileOptions): Promise<string> {
  const aboutRef = await requiredText(ctx, opts.about, { flag: '--about', message: t('report.file.askAbout'), unit: true })
  const description = await requiredText(ctx, opts.description, { flag: '--description', message: t('report.file.askDescription') })
  const reporter = opts.reporter === undefined ? null : opts.reporter.trim()
  if (reporter === '') throw new UserError(t('report.file.emptyReporter'), t('report.file.emptyReporter.hint'))
  let secret: string | null = null
  if (reporter !== null) {
    padIdentity(reporter) // refuses a name too long to pad, before anything else
    secret = reportsKey(ctx, '--reporter')
    checkFilingKey(secret)
  }
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const about = await requireUnit(trx, aboutRef, t('unit.what'))
    const key = reporter !== null && secret !== null ? await databaseKey(trx, secret, null) : null
    if (key === 'mismatch') throw new UserError(t('report.file.keyMismatch', { env: REPORTS_KEY_ENV }), t('report.file.keyMismatch.hint'))
    const code = await nextReportCode(trx)
    const sealed = reporter !== null && key !== null ? sealIdentity(key, reporter, code) : null
    const created = await insertReport(trx, { code, aboutId: about.id, description, sealed, filedAt: at, createdAt: ctx.now() })
    // the description stays with the report; the event says only that one was filed
    await appendEvent(trx, ctx.event('report.file', code, { about: about.code, anonymous: sealed === null }))
    return created
  })
  const json = reportJson(row, await unitCodesById(store.db))
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${row.code}\n`)
  confirm(ctx, t(json.anonymous ? 'report.filedAnonymous' : 'report.filedNamed', { code: row.code, about: json.about ?? '' }))
  return row.code
}
