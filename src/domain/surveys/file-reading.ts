import { UserError } from '../errors.js'
import { excerpt, quote } from '../excerpt.js'
import { answerFormOf, foldLabel, numberInAnswer, type AnswerForm } from './score-labels.js'
import { SCORE_FIELDS, type ScoreField, type SurveyField } from './survey-fields.js'
import { DateOrderDetector, describeAmbiguousDate, type DateOrder } from './written-dates.js'
import { isChinese, t } from '../i18n/catalog.js'
import { note, noteShown } from './survey-notes.js'
import { fieldName } from './header-keywords.js'
import { RANGE_SEPARATOR } from '../calendar/written-forms.js'

/**
 * How a survey file's answers are read, decided per file before its rows are checked (DESIGN.md
 * §5): the day order of its dates (a first part over 12 decides the whole column), the scale of
 * its loyalty column (a question that says 0–10, or values over 5, make it 0–10), and the answer
 * forms it uses, each stated in the summary. Pure: the importer feeds the first rows of the file
 * to a ColumnProfiler.
 */

/**
 * Whether a loyalty question's header says it is asked on 0–10: `（0-10分）`, `(0~10)`, `0到10`,
 * `0分-10分`, `0 to 10`, full-width forms too. Such a column is 0–10 even when every answer in the file is 5
 * or less (a 5 out of 10 is 3, not 5).
 */
export function headerSaysZeroToTen(header: string): boolean {
  return ZERO_TO_TEN.test(header.normalize('NFKC'))
}

/** 0-10, 0分-10分, 0 to 10 … (written-forms.ts RANGE_SEPARATOR), not part of 10-100 or 0.5-10. */
const ZERO_TO_TEN = new RegExp(`(?:^|[^\\d.])0\\s*分?\\s*(?:${RANGE_SEPARATOR}|to)\\s*10(?![\\d.])`, 'i')

export interface FileReading {
  dateOrder?: DateOrder
  loyaltyScale: 5 | 10
  /** put before each response id (id-prefix.ts) */
  idPrefix?: string
  /** One line per conversion used, for the summary ("submitted_at: month/day/year, since '5/13/2026' …"). */
  conversions: string[]
}

/** What the user said: `--date-order` / "date_order", `--loyalty-scale` / "loyalty_scale". */
export interface ReadingOptions {
  dateOrder?: DateOrder
  /** where the date order was given, for the summary: '--date-order' or 'the mapping file' */
  dateOrderFrom?: string
  loyaltyScale?: 5 | 10
  loyaltyScaleFrom?: string
  idPrefix?: string
  /** '--id-prefix' or 'the mapping file' */
  idPrefixFrom?: string
}

/** Rows the profiler looks at for the loyalty scale and the answer forms (the date order may read on, see needsMore). */
export const PROFILE_ROWS = 5000

export class ColumnProfiler {
  readonly dates = new DateOrderDetector()
  private rows = 0
  private loyaltyMax = Number.NEGATIVE_INFINITY
  private loyaltyZero = false
  private readonly forms = new Map<AnswerForm, ScoreField>()
  private readonly scoreColumns: [ScoreField, number][]

  /** `more`: score columns besides `columns`' (a wide file's, one per unit and dimension). */
  constructor(private readonly columns: Partial<Record<SurveyField, number>>, more: readonly [ScoreField, number][] = []) {
    this.scoreColumns = [...SCORE_FIELDS.filter((f) => columns[f] !== undefined).map((f): [ScoreField, number] => [f, columns[f]!]), ...more]
  }

  /** Looks at one record's cells (after the header; blank records are fine). */
  add(cells: readonly string[]): void {
    const iTime = this.columns.submitted_at
    if (iTime !== undefined && !this.dates.decided) this.dates.add(cells[iTime] ?? '')
    if (this.rows++ >= PROFILE_ROWS) return
    for (const [field, i] of this.scoreColumns) {
      const cell = (cells[i] ?? '').trim()
      if (cell === '') continue
      const form = answerFormOf(cell)
      if (form && !this.forms.has(form)) this.forms.set(form, field)
      if (field === 'loyalty') {
        const n = numberInAnswer(foldLabel(cell))
        if (n && Number.isInteger(n.value) && n.value >= 0) {
          if (n.value > this.loyaltyMax) this.loyaltyMax = n.value
          if (n.value === 0) this.loyaltyZero = true
        }
      }
    }
  }

  /** True while more rows could change the outcome: the first PROFILE_ROWS, then while every year-last date seen is ambiguous and no order is given. */
  needsMore(opts: ReadingOptions): boolean {
    return this.rows < PROFILE_ROWS || (opts.dateOrder === undefined && this.dates.decision().kind === 'ambiguous')
  }

  /**
   * The file's reading, or UserError (exit 3): a date column whose dates are all ambiguous and no
   * order given; a column with both a month-first and a day-first date. `loyaltyHeaders`: the
   * headers of the loyalty column(s), which may say the scale.
   */
  reading(opts: ReadingOptions, dateHeader: string, loyaltyHeaders: readonly string[] = []): FileReading {
    const conversions: string[] = []
    let dateOrder = opts.dateOrder
    const d = this.dates.decision()
    if (dateOrder !== undefined) {
      if (d.kind !== 'none') {
        const from = opts.dateOrderFrom ?? '--date-order'
        conversions.push(
          from.startsWith('--')
            ? noteShown(`surveyImport.conv.${dateOrder}Given`, { header: dateHeader, from }, { header: shownField(dateHeader), from })
            : noteShown(`surveyImport.conv.${dateOrder}GivenInMap`, { header: dateHeader }, { header: shownField(dateHeader) }),
        )
      }
    } else if (d.kind === 'decided') {
      dateOrder = d.order
      conversions.push(noteShown(`surveyImport.conv.${d.order}Decided`, { header: dateHeader, example: quote(d.example) }, { header: shownField(dateHeader), example: quote(d.example) }))
    } else if (d.kind === 'ambiguous') {
      throw new UserError(
        t('surveyImport.date.ambiguous', { header: shownField(dateHeader), example: describeAmbiguousDate(d.example) }),
        t('surveyImport.date.ambiguous.hint'),
      )
    } else if (d.kind === 'conflict') {
      throw new UserError(
        t('surveyImport.date.conflict', { header: shownField(dateHeader), mdy: quote(d.mdy), dmy: quote(d.dmy) }),
        t('surveyImport.date.conflict.hint'),
      )
    }
    let loyaltyScale: 5 | 10 = 5
    if (opts.loyaltyScale !== undefined) {
      loyaltyScale = opts.loyaltyScale
      const from = opts.loyaltyScaleFrom ?? '--loyalty-scale'
      if (loyaltyScale === 10) conversions.push(from.startsWith('--') ? note('surveyImport.conv.loyaltyGiven', { from }) : note('surveyImport.conv.loyaltyGivenInMap'))
    } else if (loyaltyHeaders.some(headerSaysZeroToTen)) {
      loyaltyScale = 10
      conversions.push(note('surveyImport.conv.loyaltyFromHeader', { header: quote(loyaltyHeaders.find(headerSaysZeroToTen)!) }))
    } else if (this.loyaltyMax > 5) {
      loyaltyScale = 10
      conversions.push(note(this.loyaltyZero ? 'surveyImport.conv.loyaltyDetectedZero' : 'surveyImport.conv.loyaltyDetected', { max: this.loyaltyMax }))
    }
    for (const [form, field] of this.forms) conversions.push(noteShown(`surveyImport.conv.form.${form}`, { field }, { field: fieldName(field) }))
    // a file without response ids has nothing to prefix: its rows are keyed by their content
    const idPrefix = this.columns.response_id === undefined ? undefined : opts.idPrefix
    if (opts.idPrefix !== undefined && idPrefix === undefined) conversions.push(note('surveyImport.conv.idPrefixNoId', { prefix: quote(opts.idPrefix) }))
    if (idPrefix !== undefined) {
      const from = opts.idPrefixFrom ?? '--id-prefix'
      conversions.push(from.startsWith('--') ? note('surveyImport.conv.idPrefix', { prefix: quote(idPrefix), example: quote(`${idPrefix}1`), from }) : note('surveyImport.conv.idPrefixInMap', { prefix: quote(idPrefix), example: quote(`${idPrefix}1`) }))
    }
    return { dateOrder, loyaltyScale, ...(idPrefix !== undefined ? { idPrefix } : {}), conversions }
  }
}

/** 'submitted_at (Submission time)' as a person reads it: in Chinese the field by its name (提交时间 (Submission time)). */
function shownField(header: string): string {
  return isChinese() ? header.replace(/^submitted_at\b/, fieldName('submitted_at')) : header
}

/** Reads a `--loyalty-scale` value or a mapping file's "loyalty_scale": 5 or 10, else UserError. */
export function parseLoyaltyScale(value: unknown, from: string): 5 | 10 {
  const n = typeof value === 'string' ? Number(value.trim()) : value
  if (n === 5 || n === 10) return n
  throw new UserError(t('surveyImport.loyaltyScale', { from, value: excerpt(String(value)) }), t('surveyImport.loyaltyScale.hint'))
}
