import { afterEach, describe, expect, it } from 'vitest'
import { label, useLanguage } from '../../src/domain/i18n/catalog.js'
import { parseEnum } from '../../src/domain/input/enum-input.js'

afterEach(async () => {
  await useLanguage('en')
})

describe('fixed values as people type them (DESIGN.md §7)', () => {
  it.each([
    ['complaintChannel', '电话', 'phone'],
    ['complaintChannel', '電話', 'phone'],
    ['complaintChannel', 'PHONE', 'phone'],
    ['complaintChannel', 'in person', 'in_person'],
    ['complaintChannel', 'in-person', 'in_person'],
    ['rootCause', '沟通', 'communication'],
    ['rootCause', '溝通', 'communication'],
    ['requestStatus', '已关闭', 'closed'],
    ['requestStatus', '已關閉', 'closed'],
    ['requestStatus', 'in progress', 'in_progress'],
    ['requestStatus', 'IN_PROGRESS', 'in_progress'],
    ['severity', '严重', 'major'],
    ['severity', '嚴重', 'major'],
    ['unitKind', '部门', 'department'],
    ['yesNo', '是', 'yes'],
    ['yesNo', 'Ｙｅｓ', 'yes'],
  ] as const)('%s %j → %s', (kind, text, value) => {
    expect(parseEnum(kind, text, '--x')).toBe(value)
  })

  it('refuses a value in neither language, listing the accepted values in the interface language', async () => {
    expect(() => parseEnum('rootCause', 'weather', '--category')).toThrow(/invalid --category 'weather'/)
    try {
      parseEnum('rootCause', 'weather', '--category')
    } catch (e) {
      expect((e as { hint: string }).hint).toBe('use one of: process, people, system, communication, resource, other')
    }
    await useLanguage('zh-CN')
    try {
      parseEnum('rootCause', 'weather', '--category')
      expect.unreachable()
    } catch (e) {
      expect((e as Error).message).toBe("--category 的取值无效：'weather'")
      expect((e as { hint: string }).hint).toBe('可用：流程 (process), 人员 (people), 系统 (system), 沟通 (communication), 资源 (resource), 其他 (other)')
    }
  })

  it('narrows to the allowed values (e.g. the published complaint channels)', () => {
    expect(() => parseEnum('complaintChannel', '电话', '--channel', ['email', 'online'])).toThrow(/invalid --channel/)
  })

  it('labels a value in the interface language', async () => {
    expect(label('requestStatus', 'in_progress')).toBe('in progress')
    await useLanguage('zh-CN')
    expect(label('requestStatus', 'in_progress')).toBe('处理中')
    await useLanguage('zh-TW')
    expect(label('requestStatus', 'in_progress')).toBe('處理中')
    expect(label('calendarDay', 'workday')).toBe('補班日')
    expect(label('complaintChannel', 'wechat')).toBe('wechat')
  })
})
