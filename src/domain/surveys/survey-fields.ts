/**
 * The fields of a survey response, defined once: the import maps columns to them (`--map` keys,
 * `--show-mapping`), the results show the scores, the export writes them as its columns.
 */

/** The five dimensions of a service survey (a row needs at least one of them). */
export const DIMENSION_FIELDS = ['accuracy', 'timeliness', 'completeness', 'professionalism', 'overall'] as const
export type DimensionField = (typeof DIMENSION_FIELDS)[number]

/** Every field holding a 1–5 score: the five dimensions and loyalty. */
export const SCORE_FIELDS = [...DIMENSION_FIELDS, 'loyalty'] as const
export type ScoreField = (typeof SCORE_FIELDS)[number]

/** One number per score field: a response's scores 1–5, or a unit's mean of each (null where there is none). */
export type ScoreValues = Record<ScoreField, number | null>

/** The canonical fields of a survey response, in the order `--map` and `--show-mapping` name them. */
export const SURVEY_FIELDS = ['response_id', 'respondent_unit', 'rated_unit', ...SCORE_FIELDS, 'comment', 'submitted_at'] as const
export type SurveyField = (typeof SURVEY_FIELDS)[number]

/** The four dimensions a service is rated on (overall is the overall judgement, not a dimension). */
export type RatedDimension = Exclude<DimensionField, 'overall'>
export const RATED_DIMENSIONS: readonly RatedDimension[] = DIMENSION_FIELDS.filter((f): f is RatedDimension => f !== 'overall')

/**
 * The columns of `icm survey export`: the survey, then every field (each unit with its name
 * after its code), then where the response came from.
 */
export const SURVEY_EXPORT_COLUMNS: readonly string[] = [
  'survey',
  ...SURVEY_FIELDS.flatMap((f) => (f === 'respondent_unit' ? [f, 'respondent_name'] : f === 'rated_unit' ? [f, 'rated_name'] : [f])),
  'file',
  'line',
]
