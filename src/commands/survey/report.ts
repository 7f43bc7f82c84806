import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { yesOption } from '../../cli/options.js'
import { checkOutputPath, writeOutputFile } from '../../cli/output-file.js'
import { confirm, printJson } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { formatInstant } from '../../domain/calendar/dates.js'
import { UserError } from '../../domain/errors.js'
import { quote } from '../../domain/excerpt.js'
import { language, t } from '../../domain/i18n/catalog.js'
import { effectiveValue } from '../../domain/policy/config.js'
import { round2 } from '../../domain/rounding.js'
import { SCORE_FIELDS, type ScoreValues } from '../../domain/surveys/survey-fields.js'
import { unitSurveyResult } from '../../domain/surveys/survey.js'
import { loadConfigValues, loadPolicy } from '../../storage/config-repo.js'
import { countResponses, listSurveyComments, surveyScoreSums } from '../../storage/surveys-repo.js'
import { listUnits } from '../../storage/units-repo.js'
import { surveyReportHtml } from './report-html.js'
import { requireSurvey } from './survey-json.js'

export interface SurveyReportOptions {
  out?: string
  yes?: boolean
}

export function registerSurveyReport(survey: Command, ctx: AppContext): void {
  example(
    yesOption(
      survey
        .command('report')
        .description(t('survey.report.description'))
        .argument('<code>', t('survey.code'))
        .option('--out <file.html>', t('survey.report.out')),
    ).action((code: string, opts: SurveyReportOptions) => surveyReportRun(ctx, code, opts)),
    'icm survey report 2026H1-SERVICE --out 2026H1-survey.html',
  )
}

export async function surveyReportRun(ctx: AppContext, code: string, opts: SurveyReportOptions): Promise<void> {
  const outArg = await need(ctx, opts.out, { flag: '--out', message: t('survey.report.askOut') })
  if (!/\.html?$/i.test(outArg)) throw new UserError(t('survey.report.notHtml', { file: quote(outArg) }), t('survey.report.notHtml.hint'))
  const store = await ctx.store()
  const s = await requireSurvey(store.db, code)
  const policy = await loadPolicy(store.db)
  const units = new Map((await listUnits(store.db, { includeInactive: true })).map((u) => [u.id, u]))
  const sums = await surveyScoreSums(store.db, s.id, 'rated')
  const comments = new Map<number, string[]>()
  for (const c of await listSurveyComments(store.db, s.id)) comments.set(c.ratedId, [...(comments.get(c.ratedId) ?? []), c.comment])
  const means = {} as ScoreValues
  for (const f of SCORE_FIELDS) {
    const n = sums.reduce((a, x) => a + x[`${f}N`], 0)
    means[f] = n === 0 ? null : round2(sums.reduce((a, x) => a + x[`${f}Sum`], 0) / n)
  }
  const rows = sums
    .map((x) => {
      const u = units.get(x.unitId)
      return { unit: u?.code ?? String(x.unitId), name: u?.name ?? '', ...unitSurveyResult(x, policy.minResponses), comments: comments.get(x.unitId) ?? [] }
    })
    .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
  const responses = await countResponses(store.db, s.id)
  const doc = await surveyReportHtml({
    lang: language(),
    org: effectiveValue(await loadConfigValues(store.db), 'org.name'),
    survey: { code: s.code, title: s.title, kind: s.kind, period: s.period, responses },
    minResponses: policy.minResponses,
    means,
    units: rows,
    writtenAt: formatInstant(ctx.now()),
  })
  const out = await checkOutputPath(ctx, outArg, { flag: '--out', yes: opts.yes })
  if (out === undefined) return
  writeOutputFile(out, doc)
  const bytes = Buffer.byteLength(doc)
  if (ctx.json) printJson(ctx, { file: out, survey: s.code, units: rows.length, responses, bytes })
  confirm(ctx, t('survey.reported', { code: s.code, units: rows.length, n: responses, file: out }))
}
