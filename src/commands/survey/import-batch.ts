import path from 'node:path'
import type { AppContext } from '../../cli/context.js'
import { reportError } from '../../cli/errors.js'
import { printJson, printRows } from '../../cli/output.js'
import { UsageError, errorWithCode, isIcmError, type ExitCodeValue } from '../../domain/errors.js'
import { isChinese, t } from '../../domain/i18n/catalog.js'

/** What the batch needs of `survey import`'s options. */
interface BatchOptions {
  showMapping?: boolean
  dryRun?: boolean
  rejects?: string
}

/**
 * `icm survey import CODE FILE…` with several files (a shell glob): each file is its own batch
 * with its own all-or-nothing, imported in the order given (so a file that is an earlier one
 * renamed is refused, exit 5). Each file's summary as for one file, then a table of the files;
 * with --json one array of one object per file. The exit code is the worst of the files.
 */

interface FileOutcome {
  file: string
  read: number | null
  imported: number | null
  alreadyPresent: number | null
  rejected: number | null
  status: string
  exitCode: number
  error?: string
}

export async function surveyImportBatch(
  ctx: AppContext,
  files: string[],
  opts: BatchOptions,
  importOne: (file: string, rejects: string | undefined) => Promise<Record<string, unknown> | undefined>,
): Promise<void> {
  if (opts.showMapping) throw new UsageError(t('survey.batch.showMappingOne'), t('survey.batch.showMappingOne.hint'))
  if (files.filter((f) => f === '-').length > 1) throw new UsageError(t('survey.batch.stdinOnce'), t('survey.batch.stdinOnce.hint'))
  const outcomes: FileOutcome[] = []
  const docs: Record<string, unknown>[] = []
  for (const file of files) {
    const shown = file === '-' ? 'stdin' : path.basename(file)
    try {
      const summary = await importOne(file, opts.rejects === undefined ? undefined : rejectsFor(opts.rejects, file, files))
      if (!summary) {
        outcomes.push({ file: shown, read: null, imported: null, alreadyPresent: null, rejected: null, status: 'skipped', exitCode: 0 })
        continue
      }
      const status = opts.dryRun ? 'dry run' : 'imported'
      docs.push({ ...summary, status })
      outcomes.push({ file: shown, read: n(summary.read), imported: n(summary.imported), alreadyPresent: n(summary.alreadyPresent), rejected: n(summary.rejected), status, exitCode: 0 })
    } catch (e) {
      if (!isIcmError(e) || e.exitCode === 2) throw e // a bug, or a usage error that holds for every file
      reportError(e, ctx.io, Boolean(ctx.env.ICM_DEBUG))
      const error = e.hint ? `${e.message} (${e.hint})` : e.message
      docs.push({ file: shown, status: 'failed', exitCode: e.exitCode, error })
      outcomes.push({ file: shown, read: null, imported: null, alreadyPresent: null, rejected: null, status: `failed (exit ${e.exitCode})`, exitCode: e.exitCode, error })
    }
  }
  if (ctx.json) printJson(ctx, docs)
  else {
    // a terminal in Chinese reads each file's outcome in words; piped lines keep the values
    const term = ctx.io.stdoutIsTTY && !ctx.csv && isChinese()
    await printRows(ctx, outcomes, [
      { header: 'file', title: t('survey.col.file'), value: (o) => o.file },
      { header: 'read', title: t('survey.col.read'), value: (o) => o.read ?? '', align: 'right' },
      { header: 'imported', title: t('survey.col.imported'), value: (o) => o.imported ?? '', align: 'right' },
      { header: 'already present', title: t('survey.col.alreadyPresent'), value: (o) => o.alreadyPresent ?? '', align: 'right' },
      { header: 'rejected', title: t('survey.col.rejected'), value: (o) => o.rejected ?? '', align: 'right' },
      { header: 'status', title: t('survey.col.status'), value: (o) => (term ? shownStatus(o) : o.status) },
    ])
  }
  const failed = outcomes.filter((o) => o.exitCode !== 0)
  if (failed.length > 0) {
    const worst = Math.max(...failed.map((o) => o.exitCode)) as ExitCodeValue
    const params = { n: failed.length, total: files.length, files: failed.map((o) => t('survey.batch.failedFile', { file: o.file, code: o.exitCode })).join(', ') }
    // "the others were imported" only when there are others, and not in a dry run
    const message = failed.length === files.length ? 'survey.batch.failedAll' : opts.dryRun ? 'survey.batch.failedDry' : 'survey.batch.failed'
    throw errorWithCode(worst, t(message, params), t('survey.batch.failed.hint'))
  }
}

/** A file's outcome in words on a Chinese terminal. */
function shownStatus(o: FileOutcome): string {
  if (o.status === 'skipped') return t('survey.batch.skipped')
  if (o.status === 'dry run') return t('survey.batch.dryRun')
  if (o.status === 'imported') return t('survey.batch.imported')
  return t('survey.batch.failedStatus', { code: o.exitCode })
}

function n(v: unknown): number | null {
  return typeof v === 'number' ? v : null
}

/** With several files, --rejects bad.csv becomes bad-<file name>.csv for each file. */
function rejectsFor(rejects: string, file: string, files: readonly string[]): string {
  if (files.length < 2) return rejects
  const ext = path.extname(rejects)
  const stem = file === '-' ? 'stdin' : path.basename(file, path.extname(file))
  return `${rejects.slice(0, rejects.length - ext.length)}-${stem}${ext}`
}
