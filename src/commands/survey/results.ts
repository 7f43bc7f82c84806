import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printRows, printText } from '../../cli/output.js'
import { UserError } from '../../domain/errors.js'
import { quote } from '../../domain/excerpt.js'
import { SCORE_FIELDS } from '../../domain/surveys/survey-fields.js'
import { unitSurveyResult, type UnitSurveyResult } from '../../domain/surveys/survey.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { surveyScoreSums } from '../../storage/surveys-repo.js'
import { listUnits } from '../../storage/units-repo.js'
import { requireSurvey } from './survey-json.js'
import { isChinese, t } from '../../domain/i18n/catalog.js'
import { toSimplified } from '../../domain/org/unit-names.js'

export interface SurveyResultsOptions {
  by?: string
}

const RESULT_VIEWS = ['rated', 'respondent'] as const
type ResultView = (typeof RESULT_VIEWS)[number]

export function registerSurveyResults(survey: Command, ctx: AppContext): void {
  example(
    survey
      .command('results')
      .description(t('survey.results.description'))
      .argument('<code>', t('survey.code'))
      .option('--by <view>', t('survey.results.by'))
      .action((code: string, opts: SurveyResultsOptions) => surveyResultsRun(ctx, code, opts)),
    'icm survey results 2026H1-SERVICE',
    'icm survey results 2026H1-SERVICE --by respondent --csv > by-respondent.csv',
  )
}

/** --by in Chinese words (simplified or traditional, NFKC): the units rated, or the units that answered. */
const VIEW_WORDS: Readonly<Record<string, ResultView>> = { 被评价单位: 'rated', 被评价: 'rated', 被评: 'rated', 填写单位: 'respondent', 填写: 'respondent', 答卷单位: 'respondent' }

function parseView(text: string | undefined): ResultView {
  const typed = (text ?? 'rated').normalize('NFKC').trim().toLowerCase()
  const by = VIEW_WORDS[toSimplified(typed)] ?? typed
  if (!(RESULT_VIEWS as readonly string[]).includes(by)) throw new UserError(t('survey.results.invalidBy', { text: quote(text ?? '') }), t('survey.results.invalidBy.hint'))
  return by as ResultView
}

export async function surveyResultsRun(ctx: AppContext, code: string, opts: SurveyResultsOptions): Promise<void> {
  const by = parseView(opts.by)
  const store = await ctx.store()
  const s = await requireSurvey(store.db, code)
  const policy = await loadPolicy(store.db)
  const units = new Map((await listUnits(store.db, { includeInactive: true })).map((u) => [u.id, u]))
  const sums = await surveyScoreSums(store.db, s.id, by)
  const rows = sums
    .map((x) => {
      const u = units.get(x.unitId)
      return { unit: u?.code ?? String(x.unitId), name: u?.name ?? '', ...unitSurveyResult(x, policy.minResponses) }
    })
    .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
  // a terminal in Chinese reads the dimensions by name; piped lines and CSV keep the values
  const term = ctx.io.stdoutIsTTY && !ctx.csv && !ctx.json && isChinese()
  const mean = (x: number | null) => (x === null ? '' : x.toFixed(2))
  if (!ctx.json && !ctx.csv && rows.length > 0 && ctx.io.stdoutIsTTY) {
    printText(
      ctx,
      t(by === 'rated' ? 'survey.results.captionRated' : 'survey.results.captionRespondent', { code: s.code, period: s.period, min: policy.minResponses }),
    )
  }
  await printRows(
    ctx,
    rows,
    [
      { header: 'unit', title: t('survey.col.unit'), value: (r) => r.unit },
      { header: 'name', title: t('survey.col.name'), value: (r) => r.name },
      { header: 'responses', title: t('survey.col.responses'), value: (r) => r.responses, align: 'right' },
      ...SCORE_FIELDS.map((f) => ({ header: f, title: t(`survey.dim.${f}`), value: (r: UnitSurveyResult) => mean(r[f]), align: 'right' as const })),
      { header: 'satisfaction', title: t('survey.col.satisfaction'), value: (r) => (r.satisfaction === null ? (term ? t('survey.results.na') : 'n/a') : r.satisfaction.toFixed(1)), align: 'right' },
      { header: 'lowest', title: t('survey.col.lowest'), value: (r) => (r.lowestDimension === null ? '' : term ? t(`survey.dim.${r.lowestDimension}`) : r.lowestDimension) },
    ],
    { csv: ctx.csv, empty: t('survey.results.empty', { code: s.code }) },
  )
}
