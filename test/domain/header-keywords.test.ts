import { describe, expect, it } from 'vitest'
import { mapHeaders } from '../../src/domain/surveys/header-aliases.js'
import { ambiguityError, describeKeywordMatch, surveyMapFile } from '../../src/domain/surveys/header-choices.js'

const WJX = [
  '序号', '提交答卷时间', '所用时间', '来源', '来自IP', '1、您所在的部门是？', '2、请选择您本次评价的对象部门', '3、该部门处理事项的准确程度',
  '4、该部门响应是否及时', '5、提交材料是否完整齐全', '6、工作人员的专业水平', '7、您对该部门服务的总体满意程度',
  '8、您有多大可能向同事推荐该部门的服务？(0-10分)', '9、其他意见或建议',
]

describe('header matching by keywords', () => {
  it('finds every field of a freely worded 问卷星 export and says by which keywords', () => {
    const m = mapHeaders(WJX)
    expect(m.columns).toEqual({
      response_id: 0, submitted_at: 1, respondent_unit: 5, rated_unit: 6, accuracy: 7, timeliness: 8, completeness: 9,
      professionalism: 10, overall: 11, loyalty: 12, comment: 13,
    })
    expect(m.ambiguous).toBeUndefined()
    expect(m.ignored).toEqual(['所用时间', '来源', '来自IP'])
    expect(m.matched!.map((x) => describeKeywordMatch(WJX, x))).toEqual([
      "respondent unit ← '1、您所在的部门是？' (matched by 所在+部门)",
      "rated unit ← '2、请选择您本次评价的对象部门' (matched by 评价+部门)",
      "accuracy ← '3、该部门处理事项的准确程度' (matched by 准确)",
      "timeliness ← '4、该部门响应是否及时' (matched by 及时)",
      "completeness ← '5、提交材料是否完整齐全' (matched by 完整)",
      "professionalism ← '6、工作人员的专业水平' (matched by 专业)",
      "overall ← '7、您对该部门服务的总体满意程度' (matched by 满意)",
      "loyalty ← '8、您有多大可能向同事推荐该部门的服务？(0-10分)' (matched by 推荐)",
      "comment ← '9、其他意见或建议' (matched by 意见)",
    ])
  })

  it('reads English questions, matching words at their start (accurate is not rate)', () => {
    const h = ['ID', 'Start time', 'Completion time', 'Which department are you rating?', 'How accurate was the department?', 'Overall satisfaction with the service', 'How likely are you to recommend them?']
    const m = mapHeaders(h)
    expect(m.columns).toEqual({ response_id: 0, submitted_at: 2, rated_unit: 3, accuracy: 4, overall: 5, loyalty: 6 })
    expect(m.ignored).toEqual(['Start time'])
  })

  it('never takes a tie or a weak match: it lists the candidates and the --map JSON', () => {
    const tie = ['编号', '2、本次评价的部门', '3、评估的单位', '总体满意度']
    const m = mapHeaders(tie)
    expect(m.columns.rated_unit).toBeUndefined()
    expect(m.ambiguous).toEqual([{ field: 'rated_unit', candidates: [{ column: 1, keywords: ['评价', '部门'], strong: true }, { column: 2, keywords: ['评估', '单位'], strong: true }] }])
    const e = ambiguityError(tie, m)
    expect(e.message).toBe("cannot tell which column to use: rated_unit matches 2 columns equally: '2、本次评价的部门' (column 2, by 评价+部门), '3、评估的单位' (column 3, by 评估+单位)")
    expect(e.hint).toBe('say which with --map MAP.json holding {"response_id":"编号","rated_unit":"2、本次评价的部门","overall":"总体满意度"} (check the guesses), or run on a terminal to choose')

    const weak = mapHeaders(['部门', '总体满意度'])
    expect(weak.ambiguous).toEqual([{ field: 'rated_unit', candidates: [{ column: 0, keywords: ['部门'], strong: false }] }])
    expect(ambiguityError(['部门', '总体满意度'], weak).message).toBe("cannot tell which column to use: rated_unit has no clear column, only a weak match: '部门' (column 1, by 部门)")
  })

  it('writes the mapping file icm survey map gives: guesses filled in, notes under "_" keys', () => {
    const tie = ['编号', '2、本次评价的部门', '3、评估的单位', '总体满意度', 'IP']
    expect(surveyMapFile(tie, mapHeaders(tie), undefined, 'mdy')).toEqual({
      response_id: '编号',
      rated_unit: '2、本次评价的部门',
      overall: '总体满意度',
      date_order: 'mdy',
      _guessed: { rated_unit: ['2、本次评价的部门', '3、评估的单位'] },
      _unmatched_headers: ['3、评估的单位', 'IP'],
    })
  })
})
