import { describe, expect, it } from 'vitest'
import { CONFIG_KEYS, configEntries, configKey, loggedValue, maskWebhookToken, policyOf } from '../../src/domain/policy/config.js'

describe('policy configuration', () => {
  it('has a valid default for every key (or none, for the complaint handler, the interface language and the company name)', () => {
    for (const k of CONFIG_KEYS) {
      if (k.default === null) expect(['complaint.handler', 'ui.lang', 'org.name']).toContain(k.key)
      else expect(k.validate(k.default)).toBe(k.default)
    }
  })

  it('reads the typed policy from stored values over the defaults', () => {
    const p = policyOf(new Map([['sla.response_hours', '4'], ['assess.weights', 'S=40,T=20,C=10,H=10,self=5,superior=15']]))
    expect(p.responseHours).toBe(4)
    expect(p.resolutionDays).toBe(5)
    expect(p.weights).toMatchObject({ S: 40, T: 20, C: 10, H: 10, self: 5, superior: 15 })
    expect(p.complaintHandler).toBeNull()
    expect(p.complaintChannels).toEqual(['email', 'phone', 'online', 'in_person'])
  })

  it.each([
    ['sla.work_hours', ' 9:00-18:00', '09:00-18:00'],
    ['complaint.channels', 'Email, Phone', 'email,phone'],
    ['assess.min_responses', '07', '7'],
  ])('normalises %s %j to %j', (key, value, stored) => {
    expect(configKey(key).validate(value)).toBe(stored)
  })

  it('names the known keys when a key is unknown', () => {
    expect(() => configKey('sla.respons_hours')).toThrow(expect.objectContaining({ hint: expect.stringContaining('sla.response_hours') }))
  })
})

describe('configEntries', () => {
  it('lists every key with the value in force, its default and where the value comes from', () => {
    const entries = configEntries(new Map([['sla.response_hours', '4']]))
    expect(entries.map((e) => e.key)).toEqual(CONFIG_KEYS.map((k) => k.key))
    expect(entries.find((e) => e.key === 'sla.response_hours')).toEqual({ key: 'sla.response_hours', value: '4', default: '8', source: 'set', description: 'business hours to respond to a request' })
    expect(entries.find((e) => e.key === 'complaint.handler')).toMatchObject({ value: null, default: null, source: 'default' })
    expect(entries.find((e) => e.key === 'visit.interval_days')).toMatchObject({ value: '90', source: 'default' })
  })
})

describe('loggedValue and maskWebhookToken: what the event log keeps of a push key', () => {
  it.each([
    ['钉钉', 'https://oapi.dingtalk.com/robot/send?access_token=6a1b2c3d4e5f', 'https://oapi.dingtalk.com/robot/send?access_token=********'],
    ['企业微信', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=********'],
    ['飞书', 'https://open.feishu.cn/open-apis/bot/v2/hook/2c8f0f6e-3c7a-4e2b-9d3f-1f0c2b7a9e11', 'https://open.feishu.cn/open-apis/bot/v2/hook/********'],
    ['a short path and no query', 'http://127.0.0.1:8080/x', 'http://127.0.0.1:8080/x'],
  ])('%s: %s → %s', (_platform, url, logged) => {
    expect(maskWebhookToken(url)).toBe(logged)
    expect(loggedValue(configKey('notify.IT.webhook'), url)).toBe(logged)
  })

  it('masks a secret whole, and leaves other keys as they are', () => {
    expect(loggedValue(configKey('notify.IT.secret'), 'SEC0123')).toBe('********')
    expect(loggedValue(configKey('notify.IT.secret'), null)).toBeNull()
    expect(loggedValue(configKey('notify.IT.webhook'), null)).toBeNull()
    expect(loggedValue(configKey('complaint.handler'), '王敏')).toBe('王敏')
  })
})
