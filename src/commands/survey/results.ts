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

export interface SurveyResultsOptions {
  by?: string
}

const RESULT_VIEWS = ['rated', 'respondent'] as const
type ResultView = (typeof RESULT_VIEWS)[number]

export function registerSurveyResults(survey: Command, ctx: AppContext): void {
  example(
    survey
      .command('results')
      .description('Results per unit: responses, mean of each dimension, loyalty, satisfaction index 0–100, lowest dimension')
      .argument('<code>', 'survey code')
      .option('--by <view>', 'rated (default): the units rated; respondent: the units that answered')
      .action((code: string, opts: SurveyResultsOptions) => surveyResultsRun(ctx, code, opts)),
    'icm survey results 2026H1-SERVICE',
    'icm survey results 2026H1-SERVICE --by respondent --csv > by-respondent.csv',
  )
}

function parseView(text: string | undefined): ResultView {
  const by = (text ?? 'rated').trim().toLowerCase()
  if (!(RESULT_VIEWS as readonly string[]).includes(by)) throw new UserError(`invalid --by ${quote(text ?? '')}`, 'use rated or respondent')
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
    .map((t) => {
      const u = units.get(t.unitId)
      return { unit: u?.code ?? String(t.unitId), name: u?.name ?? '', ...unitSurveyResult(t, policy.minResponses) }
    })
    .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
  const mean = (x: number | null) => (x === null ? '' : x.toFixed(2))
  if (!ctx.json && !ctx.csv && rows.length > 0 && ctx.io.stdoutIsTTY) {
    printText(
      ctx,
      `${s.code} (${s.period}), per ${by === 'rated' ? 'rated unit' : 'respondent unit'}: means 1–5; satisfaction = (mean − 1)/4·100 of overall (else the mean of the dimensions), n/a below ${policy.minResponses} responses`,
    )
  }
  await printRows(
    ctx,
    rows,
    [
      { header: 'unit', value: (r) => r.unit },
      { header: 'name', value: (r) => r.name },
      { header: 'responses', value: (r) => r.responses, align: 'right' },
      ...SCORE_FIELDS.map((f) => ({ header: f, value: (r: UnitSurveyResult) => mean(r[f]), align: 'right' as const })),
      { header: 'satisfaction', value: (r) => (r.satisfaction === null ? 'n/a' : r.satisfaction.toFixed(1)), align: 'right' },
      { header: 'lowest', value: (r) => r.lowestDimension ?? '' },
    ],
    { csv: ctx.csv, empty: `no responses in ${s.code} yet (import some with icm survey import ${s.code} FILE.csv)` },
  )
}
