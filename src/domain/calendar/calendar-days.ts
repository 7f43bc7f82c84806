import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { toSimplified } from '../org/unit-names.js'
import { t } from '../i18n/catalog.js'
import { matchEnum } from '../i18n/enums.js'
import { isoWeekday } from './dates.js'

/**
 * The business calendar's exceptions (DESIGN.md §4): public holidays, and make-up working days
 * (调休) that fall on a weekend. Work hours and work days come from config.
 */
export type DayType = 'holiday' | 'workday'

export interface CalendarDay {
  /** 'YYYY-MM-DD' */
  date: string
  type: DayType
  /** e.g. 国庆节 */
  name: string | null
}

const TYPE_ALIASES: Record<string, DayType> = {
  holiday: 'holiday',
  off: 'holiday',
  假日: 'holiday',
  节假日: 'holiday',
  休息日: 'holiday',
  放假: 'holiday',
  workday: 'workday',
  'make-up': 'workday',
  makeup: 'workday',
  调休: 'workday',
  上班: 'workday',
  工作日: 'workday',
  补班: 'workday',
  调休上班: 'workday',
  假期: 'holiday',
  休: 'holiday',
  班: 'workday',
}

/** A day type as written in English or Chinese ('holiday', '节假日', 'workday', '调休', '調休上班日' …). */
export function parseDayType(text: string): DayType {
  const type = TYPE_ALIASES[toSimplified(text.normalize('NFKC')).trim().toLowerCase()] ?? matchEnum('calendarDay', text, ['holiday', 'workday'], toSimplified)
  if (!type) throw new UserError(t('calendar.invalidDayType', { text: quote(text) }), t('calendar.invalidDayType.hint'))
  return type
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** 'Mon' … 'Sun' of a date 'YYYY-MM-DD' (English whatever the interface language: --json and CSV hold it). */
export function weekdayName(date: string): string {
  return WEEKDAYS[isoWeekday(date) - 1]!
}

/** The weekday of a date as a person reads it in the interface language ('Mon', '周一'). */
export function weekdayLabel(date: string): string {
  return t(`calendar.weekday.${isoWeekday(date) as 1 | 2 | 3 | 4 | 5 | 6 | 7}`)
}

/** The columns of a calendar CSV: English names or the Chinese ones people write. */
export const CALENDAR_COLUMNS = {
  date: ['日期', '时间'],
  type: ['类型', '类别', '性质', '日期类型'],
  name: ['名称', '节日', '节假日', '说明', '备注'],
} as const
