import { describe, expect, it } from 'vitest'
import { INPUT_COLUMNS } from '../../src/domain/assessment/assessment.js'
import { CALENDAR_COLUMNS, parseDayType } from '../../src/domain/calendar/calendar-days.js'
import { columnKey, findColumns, namesOf } from '../../src/domain/input/csv-columns.js'

describe('columns of CSV files people made (DESIGN.md §7)', () => {
  it.each([
    ['unit', 'unit'],
    ['  Unit ', 'unit'],
    ['\uFEFFdate', 'date'],
    ['base amount', 'base_amount'],
    ['Base-Amount', 'base_amount'],
    ['奖金基数（元）', '奖金基数'],
    ['獎金基數', '奖金基数'],
    ['上級評分：', '上级评分'],
    ['自评*', '自评'],
    ['ｕｎｉｔ', 'unit'],
  ])('%j compares as %j', (header, key) => {
    expect(columnKey(header)).toBe(key)
  })

  it('finds each field by its English or Chinese name, simplified or traditional', () => {
    expect(findColumns(['部门', '自评', '上级评分'], INPUT_COLUMNS)).toEqual({ unit: 0, self: 1, superior: 2 })
    expect(findColumns(['上級評分', '單位', '備註'], INPUT_COLUMNS)).toEqual({ unit: 1, self: -1, superior: 0 })
    expect(findColumns(['date', 'type', 'name'], CALENDAR_COLUMNS)).toEqual({ date: 0, type: 1, name: 2 })
    expect(findColumns(['日期', '類型', '名稱'], CALENDAR_COLUMNS)).toEqual({ date: 0, type: 1, name: 2 })
  })

  it('names the fields for a hint in both languages', () => {
    expect(namesOf(INPUT_COLUMNS, ['unit', 'self', 'superior'])).toBe('unit,self,superior (部门,自评,上级评分)')
  })

  it.each([
    ['holiday', 'holiday'],
    ['節假日', 'holiday'],
    ['休', 'holiday'],
    ['調休', 'workday'],
    ['补班', 'workday'],
    ['班', 'workday'],
  ])('day type %j is %s', (text, type) => {
    expect(parseDayType(text)).toBe(type)
  })
})
