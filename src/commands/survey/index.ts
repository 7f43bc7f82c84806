import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerSurveyCreate } from './create.js'
import { registerSurveyEdit } from './edit.js'
import { registerSurveyExport } from './export.js'
import { registerSurveyImport } from './import.js'
import { registerSurveyMap } from './map.js'
import { registerSurveyViews } from './list.js'
import { registerSurveyReport } from './report.js'
import { registerSurveyResults } from './results.js'
import { t } from '../../domain/i18n/catalog.js'

/** Satisfaction surveys (policy 4.3): create, import CSV exports, results and export. */
export function registerSurvey(program: Command, ctx: AppContext): void {
  const survey = program.command('survey').description(t('survey.description'))
  registerSurveyCreate(survey, ctx)
  registerSurveyEdit(survey, ctx)
  registerSurveyViews(survey, ctx)
  registerSurveyImport(survey, ctx)
  registerSurveyMap(survey, ctx)
  registerSurveyResults(survey, ctx)
  registerSurveyExport(survey, ctx)
  registerSurveyReport(survey, ctx)
}
