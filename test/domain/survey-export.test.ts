import { describe, expect, it } from 'vitest'
import { delimiterName } from '../../src/domain/surveys/csv-dialect.js'
import { mapHeaders, mappedColumns } from '../../src/domain/surveys/header-aliases.js'
import { surveyExportRecord, type StoredResponse } from '../../src/domain/surveys/survey-export.js'
import { RATED_DIMENSIONS, SCORE_FIELDS, SURVEY_EXPORT_COLUMNS, SURVEY_FIELDS } from '../../src/domain/surveys/survey-fields.js'

describe('the survey fields', () => {
  it('are the import fields, the scores in them, and the export columns built from them', () => {
    expect(SURVEY_FIELDS).toEqual(['response_id', 'respondent_unit', 'rated_unit', 'accuracy', 'timeliness', 'completeness', 'professionalism', 'overall', 'loyalty', 'comment', 'submitted_at'])
    expect(SCORE_FIELDS).toEqual(['accuracy', 'timeliness', 'completeness', 'professionalism', 'overall', 'loyalty'])
    expect(RATED_DIMENSIONS).toEqual(['accuracy', 'timeliness', 'completeness', 'professionalism'])
    expect(SURVEY_EXPORT_COLUMNS).toEqual([
      'survey', 'response_id', 'respondent_unit', 'respondent_name', 'rated_unit', 'rated_name',
      'accuracy', 'timeliness', 'completeness', 'professionalism', 'overall', 'loyalty', 'comment', 'submitted_at', 'file', 'line',
    ])
  })
})

describe('surveyExportRecord', () => {
  const units = new Map([
    [1, { code: 'IT', name: '信息技术部' }],
    [2, { code: 'HR', name: '人力资源部' }],
  ])
  const record = surveyExportRecord('S', units, new Map([[7, 'wjx.csv']]))
  const r: StoredResponse = {
    responseId: '17', respondentUnitId: 2, ratedUnitId: 1,
    accuracy: 4, timeliness: null, completeness: 5, professionalism: null, overall: 4, loyalty: 3,
    comment: '响应快\n希望再快些', submittedAt: '2026-04-25T01:45:35.000Z', batchId: 7, line: 12,
  }

  it('writes every column: unit codes and names, empty for no score, CRLF in a comment, the time in local time, the file and line', () => {
    expect(record(r)).toEqual(['S', '17', 'HR', '人力资源部', 'IT', '信息技术部', '4', '', '5', '', '4', '3', '响应快\r\n希望再快些', '2026-04-25T09:45:35+08:00', 'wjx.csv', '12'])
  })

  it('leaves out what a response does not have, and shows a rated unit no longer known by its id', () => {
    const bare = { ...r, responseId: null, respondentUnitId: null, ratedUnitId: 99, comment: null, submittedAt: null, batchId: 8 }
    expect(record(bare)).toEqual(['S', '', '', '', '99', '', '4', '', '5', '', '4', '3', '', '', '', '12'])
  })
})

describe('what --show-mapping shows', () => {
  it('lists the mapped columns in field order, 1-based, with their headers', () => {
    const headers = ['提交时间', '被评价部门', '总体满意度', 'IP']
    expect(mappedColumns(headers, mapHeaders(headers))).toEqual([
      { field: 'rated_unit', column: 2, header: '被评价部门' },
      { field: 'overall', column: 3, header: '总体满意度' },
      { field: 'submitted_at', column: 1, header: '提交时间' },
    ])
  })

  it('names the delimiters', () => {
    expect([',', '\t', ';'].map((d) => delimiterName(d as ',' | '\t' | ';'))).toEqual(['comma', 'tab', 'semicolon'])
  })
})
