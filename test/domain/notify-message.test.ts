import { describe, expect, it } from 'vitest'
import type { UnitDigest } from '../../src/domain/today/digest.js'
import type { TodayItem } from '../../src/domain/today/items.js'
import { backoffMs, digestMarkdown, platformRequest, readAnswer } from '../../src/domain/today/notify-message.js'

const item = (n: number): TodayItem => ({
  section: 'actions', state: 'overdue', code: `ACT-${String(n).padStart(4, '0')}`, unit: 'IT', title: 'x', due: '2026-06-30',
  late: 1, lateUnit: 'days', daysLeft: 0, what: 'action', command: 'c',
})
const group = (n: number): UnitDigest => ({ unit: 'IT', name: '信息技术部', items: Array.from({ length: n }, (_, i) => item(i + 1)) })

describe('digestMarkdown', () => {
  // each item line is '- ACT-000n x: overdue 1 d → c' (29 characters)
  it('keeps everything that fits', () => {
    const m = digestMarkdown([group(2)], 'T', 'IT', () => true, 'none')
    expect(m.text).toBe('### T\n\n**IT 信息技术部**\nImprovement actions:\n- ACT-0001 x: overdue 1 d → c\n- ACT-0002 x: overdue 1 d → c')
    expect([m.shown, m.omitted]).toEqual([2, 0])
  })
  it('cuts at the limit, keeping room for the "and N more" line', () => {
    // at most 120 characters: the header (40), one line (30 with its newline) and the reserve for
    // '\nand 999999 more: icm today --unit IT' (37) make 107; a second line would need 137
    const m = digestMarkdown([group(5)], 'T', 'IT', (text) => text.length <= 120, 'none')
    expect(m.text).toBe('### T\n\n**IT 信息技术部**\nImprovement actions:\n- ACT-0001 x: overdue 1 d → c\nand 4 more: icm today --unit IT')
    expect([m.shown, m.omitted]).toEqual([1, 4])
  })
  it('says nothing is due in one line', () => {
    expect(digestMarkdown([], 'T', null, () => true, 'Nothing needs attention').text).toBe('### T\n\nNothing needs attention')
  })
})

describe('platformRequest', () => {
  it('leaves an unsigned 钉钉 or 飞书 message unsigned', () => {
    const m = { title: 'T', text: 'x' }
    expect(platformRequest('dingtalk', 'https://h/robot/send?access_token=a', m, null, new Date(0)).url).toBe('https://h/robot/send?access_token=a')
    expect(platformRequest('feishu', 'https://h', m, null, new Date(0)).body).not.toHaveProperty('sign')
    expect(platformRequest('wecom', 'https://h', m, null, new Date(0)).body).toEqual({ msgtype: 'markdown', markdown: { content: 'x' } })
  })
})

describe('readAnswer', () => {
  it.each([
    [200, '{"errcode":0,"errmsg":"ok"}', { kind: 'ok' }],
    [200, '{"code":0,"msg":"success"}', { kind: 'ok' }],
    [200, '{"StatusCode":0}', { kind: 'ok' }],
    [200, '{"errcode":93000,"errmsg":"invalid webhook url"}', { kind: 'refused', message: 'error 93000: invalid webhook url' }],
    [200, '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}', { kind: 'refused', message: 'error 19021: sign match fail or timestamp is not within one hour from current time' }],
    [404, 'not found', { kind: 'refused', message: 'HTTP 404: not found' }],
    [500, 'busy', { kind: 'retry', message: 'HTTP 500' }],
    [503, '', { kind: 'retry', message: 'HTTP 503' }],
  ])('HTTP %i %s', (status, body, expected) => {
    expect(readAnswer(status, body)).toEqual(expected)
  })
})

describe('backoffMs', () => {
  it('waits the base before the second try, twice it before the third, never more than 4 × base', () => {
    expect([backoffMs(2, 1000), backoffMs(3, 1000), backoffMs(4, 1000), backoffMs(9, 1000)]).toEqual([1000, 2000, 4000, 4000])
  })
})
