import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { demoDatabase } from '../helpers/demo-db.js'
import { BACKEND, DEFAULT_NOW, cli } from '../helpers/harness.js'

/** A local robot on 127.0.0.1 (never any other address): records each request, answers as told. */
interface Seen {
  url: string
  body: any
}
type Reply = (res: http.ServerResponse) => void
const ok: Reply = (res) => res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }))
const hang: Reply = () => {}

function robot() {
  const seen: Seen[] = []
  let replies: Reply[] = []
  const server = http.createServer((req, res) => {
    let text = ''
    req.on('data', (c) => (text += c))
    req.on('end', () => {
      seen.push({ url: req.url ?? '', body: JSON.parse(text) })
      ;(replies.shift() ?? ok)(res)
    })
  })
  return {
    seen,
    answer: (...r: Reply[]) => (replies = r),
    reset: () => {
      seen.length = 0
      replies = []
    },
    start: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    stop: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
    url: (path = '/hook') => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
  }
}

const SECRET = 'SECtest0123456789'
const now = new Date(DEFAULT_NOW)
const env = { ICM_NOTIFY_TIMEOUT_MS: '200', ICM_NOTIFY_BACKOFF_MS: '5' }

describe('icm notify to a local robot, on the demo company (as of 2026-07-01 10:00)', () => {
  const t = cli({ env })
  const demo = demoDatabase()
  const server = robot()
  const icm = (...args: string[]) => t.run(['--db', demo.location(), ...args])
  const sends = async () => ((await icm('log', '--json', '--limit', '1000')).json() as { action: string; entity: string; details: any }[]).filter((e) => e.action === 'notify.send')

  beforeAll(async () => {
    await server.start()
  })
  afterAll(async () => {
    await server.stop()
  })
  beforeEach(() => server.reset())

  it('企业微信: a markdown message per department, and an event with unit, platform and count', async () => {
    await t.ok(['--db', demo.location(), 'config', 'set', 'notify.WH.webhook', server.url('/wecom?key=k1')])
    const before = (await sends()).length
    const r = await icm('notify', '--via', 'wecom', '--unit', 'WH', '--force')
    expect(r.code, r.stderr).toBe(0)
    expect(server.seen).toHaveLength(1)
    expect(server.seen[0]!.url).toBe('/wecom?key=k1')
    const body = server.seen[0]!.body
    expect(Object.keys(body)).toEqual(['msgtype', 'markdown'])
    expect(body.msgtype).toBe('markdown')
    expect(body.markdown.content).toContain('### icm today · WH 仓储物流部 · 2026-07-01')
    expect(body.markdown.content).toContain('- CMP-0004 plan deadline of "发货单多次延误，客户投诉交期": overdue 42 d → icm complaint verify CMP-0004')
    expect(body.markdown.content).toContain('ACT-0005')
    const events = await sends()
    expect(events).toHaveLength(before + 1)
    expect(events.at(-1)).toMatchObject({ entity: 'WH', details: { unit: 'WH', platform: 'wecom', count: 5, day: '2026-07-01' } })
  })

  it('钉钉 with a secret: signed with timestamp and sign in the URL; the secret is masked and never logged, nor the webhook\'s token', async () => {
    await t.ok(['--db', demo.location(), 'config', 'set', 'notify.IT.webhook', server.url('/robot/send?access_token=tok0123456789abcdef')])
    const logged = ((await icm('log', '--json', '--limit', '1000')).json() as { action: string; entity: string; details: any }[]).filter((e) => e.action === 'config.set' && e.entity === 'notify.IT.webhook')
    expect(logged.at(-1)!.details.to).toBe(server.url('/robot/send?access_token=********'))
    await t.ok(['--db', demo.location(), 'config', 'set', 'notify.IT.webhook', server.url('/robot/send?access_token=tok')])
    await t.ok(['--db', demo.location(), 'config', 'set', 'notify.IT.secret', SECRET])
    const r = await icm('notify', '--via', 'dingtalk', '--unit', 'IT', '--force')
    expect(r.code, r.stderr).toBe(0)
    const url = new URL(server.seen[0]!.url, 'http://x')
    expect(url.searchParams.get('access_token')).toBe('tok')
    const ts = url.searchParams.get('timestamp')!
    expect(ts).toBe(String(now.getTime()))
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64'))
    expect(server.seen[0]!.body).toMatchObject({ msgtype: 'markdown', markdown: { title: 'icm today · IT 信息技术部 · 2026-07-01' } })
    expect(server.seen[0]!.body.markdown.text).toContain('REQ-0004')
    expect((await icm('config', 'get', 'notify.IT.secret')).stdout).toBe('********\n')
    expect((await icm('config', 'list')).stdout).not.toContain(SECRET)
    const log = (await icm('log', '--json', '--limit', '1000')).stdout
    expect(log).not.toContain(SECRET)
    expect(log).not.toContain('tok0123456789abcdef')
    expect(log).not.toContain('access_token=tok"')
  })

  it('飞书 with a secret: an interactive card with markdown, timestamp (seconds) and sign in the body', async () => {
    const r = await icm('notify', '--via', 'feishu', '--unit', 'IT', '--webhook', server.url('/open-apis/bot/v2/hook/x'), '--force')
    expect(r.code, r.stderr).toBe(0)
    const body = server.seen[0]!.body
    const ts = String(Math.floor(now.getTime() / 1000))
    expect(body.timestamp).toBe(ts)
    expect(body.sign).toBe(createHmac('sha256', `${ts}\n${SECRET}`).update('').digest('base64'))
    expect(body.msg_type).toBe('interactive')
    expect(body.card.header.title.content).toBe('icm today · IT 信息技术部 · 2026-07-01')
    expect(body.card.elements[0].tag).toBe('markdown')
    expect(body.card.elements[0].content).toContain('REQ-0005')
  })

  it("a platform's error code is exit 3 with its message, and nothing is recorded", async () => {
    const before = (await sends()).length
    server.answer((res) => res.end(JSON.stringify({ errcode: 310000, errmsg: 'sign not match' })))
    const r = await icm('notify', '--via', 'dingtalk', '--unit', 'IT', '--force')
    expect(r.code).toBe(3)
    expect(r.stderr).toBe(
      'icm: dingtalk refused the digest of IT: error 310000: sign not match (check the webhook and secret (config notify.IT.webhook, notify.IT.secret); nothing was recorded for IT)\n',
    )
    server.answer((res) => {
      res.statusCode = 400
      res.end(JSON.stringify({ code: 19001, msg: 'param invalid: incoming webhook access token invalid' }))
    })
    const f = await icm('notify', '--via', 'feishu', '--unit', 'IT', '--force')
    expect(f.code).toBe(3)
    expect(f.stderr).toContain('feishu refused the digest of IT: HTTP 400: param invalid')
    expect(server.seen).toHaveLength(2)
    expect(await sends()).toHaveLength(before)
  })

  it('a 500 is tried again: 500 then success sends once and records once', async () => {
    const before = (await sends()).length
    server.answer((res) => {
      res.statusCode = 500
      res.end('busy')
    }, ok)
    const r = await icm('notify', '--via', 'dingtalk', '--unit', 'IT', '--force')
    expect(r.code, r.stderr).toBe(0)
    expect(server.seen).toHaveLength(2)
    expect(await sends()).toHaveLength(before + 1)
  })

  it('a robot that never answers: 3 tries bounded by the timeout, then exit 3', async () => {
    const before = (await sends()).length
    server.answer(hang, hang, hang)
    const r = await icm('notify', '--via', 'dingtalk', '--unit', 'IT', '--force')
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('could not post the digest of IT to dingtalk after 3 tries: no answer within 200 ms')
    expect(server.seen).toHaveLength(3)
    expect(await sends()).toHaveLength(before)
  })

  it('sends a unit once a day unless --force; --dry-run prints the payloads and sends nothing', async () => {
    await t.ok(['--db', demo.location(), 'config', 'set', 'notify.QA.webhook', server.url('/qa')])
    const day = ['--as-of', '2026-07-02 09:00']
    expect((await icm('notify', '--via', 'dingtalk', '--unit', 'QA', ...day)).code).toBe(0)
    const again = await icm('notify', '--via', 'dingtalk', '--unit', 'QA', ...day)
    expect(again.code).toBe(0)
    expect(again.stderr).toContain('the digest of QA for 2026-07-02 was already sent; not sending it again (add --force to send it anyway)')
    expect(server.seen).toHaveLength(1)
    expect((await icm('notify', '--via', 'dingtalk', '--unit', 'QA', ...day, '--force')).code).toBe(0)
    expect(server.seen).toHaveLength(2)
    const dry = await icm('--json', 'notify', '--via', 'dingtalk', '--unit', 'QA', ...day, '--dry-run')
    expect(dry.code).toBe(0)
    expect(dry.json()).toMatchObject([{ unit: 'QA', platform: 'dingtalk', omitted: 0, payload: { msgtype: 'markdown' } }])
    expect(server.seen).toHaveLength(2)
  })

  it('sends nothing on a day off of the business calendar, and sends on a make-up workday (调休)', async () => {
    await t.ok(['--db', demo.location(), 'calendar', 'add', '2026-07-03', '--holiday', '--name', '测试假日'])
    await t.ok(['--db', demo.location(), 'calendar', 'add', '2026-07-04', '--workday', '--name', '调休'])
    const holiday = await icm('notify', '--via', 'dingtalk', '--unit', 'QA', '--as-of', '2026-07-03 09:00')
    expect(holiday.code).toBe(0)
    expect(holiday.stderr).toBe('icm: 2026-07-03 is not a working day on the business calendar; nothing sent (add --force to send anyway)\n')
    const sunday = await icm('notify', '--via', 'dingtalk', '--unit', 'QA', '--as-of', '2026-07-05 09:00')
    expect(sunday.stderr).toContain('2026-07-05 is not a working day')
    expect(server.seen).toHaveLength(0)
    const saturday = await icm('notify', '--via', 'dingtalk', '--unit', 'QA', '--as-of', '2026-07-04 09:00')
    expect(saturday.code, saturday.stderr).toBe(0)
    expect(server.seen).toHaveLength(1)
  })

  it('--all-units: one message with every department, to notify.default.webhook', async () => {
    await t.ok(['--db', demo.location(), 'config', 'set', 'notify.default.webhook', server.url('/all')])
    const r = await icm('notify', '--via', 'wecom', '--all-units', '--webhook', server.url('/all'), '--force')
    expect(r.code, r.stderr).toBe(0)
    expect(server.seen).toHaveLength(1)
    const content: string = server.seen[0]!.body.markdown.content
    // 企业微信 takes 4096 bytes: the 37 items do not fit, so the message ends with the way to see the rest
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096)
    expect(content).toMatch(/\nand \d+ more: icm today$/)
  })

  it('refuses bad input with its exit code and sends and records nothing', async () => {
    const before = (await sends()).length
    const cases: [string[], number, string][] = [
      [['--via', 'slack'], 2, "icm: unknown --via 'slack' (use wecom, dingtalk or feishu)"],
      [['--via', 'wecom', '--unit', 'FIN'], 3, 'icm: no webhook for FIN: notify.FIN.webhook is not set (nor notify.default.webhook)'],
      [['--via', 'wecom', '--unit', 'QA', '--webhook', 'ftp://127.0.0.1/x'], 3, "icm: --webhook must be an http(s) URL, got 'ftp://127.0.0.1/x'"],
      [['--via', 'wecom', '--unit', 'IT'], 3, 'icm: notify.IT.secret is set, but 企业微信 (wecom) group robots do not sign messages'],
      [['--via', 'wecom', '--unit', 'NOPE'], 4, "icm: unknown unit 'NOPE'"],
    ]
    await t.ok(['--db', demo.location(), 'config', 'unset', 'notify.default.webhook'])
    for (const [args, code, message] of cases) {
      const r = await icm('notify', ...args, '--force')
      expect([r.code, r.stderr.split(' (')[0]], args.join(' ')).toEqual([code, message.split(' (')[0]])
    }
    expect(server.seen).toHaveLength(0)
    expect(await sends()).toHaveLength(before)
    const bad = await icm('config', 'set', 'notify.IT.webhook', 'file:///etc/passwd')
    expect(bad.code).toBe(3)
    expect((await icm('config', 'set', 'notify.NOPE.webhook', server.url())).code).toBe(4)
  })
})

describe('icm notify without a database', () => {
  it.skipIf(BACKEND === 'postgres')('is exit 4 naming the path, and creates nothing (a wrong ICM_DB in a cron line is loud)', async () => {
    const t = cli()
    const r = await t.run(['notify', '--via', 'dingtalk', '--webhook', 'http://127.0.0.1:9/x'])
    expect(r.code).toBe(4)
    expect(r.stderr).toContain(t.db)
    expect(fs.existsSync(t.db)).toBe(false)
  })
})

describe('icm notify: a unit with 500 overdue items', () => {
  // the cut is the same on both backends; 500 action adds take most of a minute on PostgreSQL
  it.skipIf(BACKEND === 'postgres')('cuts each platform to its limit with an "and N more: icm today --unit X" line', async () => {
    const server = robot()
    await server.start()
    try {
      const t = cli({ env, now: '2026-06-01T10:00:00+08:00' })
      await t.ok(['init'])
      await t.ok(['unit', 'add', 'OPS', '--name', '运维部', '--kind', 'department'])
      for (let i = 0; i < 500; i++) await t.ok(['action', 'add', '--owner', 'OPS', '--description', `巡检第 ${i + 1} 项设备并补齐记录`, '--due', '2026-06-10'])
      await t.ok(['config', 'set', 'notify.OPS.webhook', server.url()])
      const asOf = ['--as-of', '2026-07-01 10:00']
      const today = (await t.ok(['today', '--unit', 'OPS', ...asOf, '--json'])).json()
      expect(today.count).toBe(500)
      for (const via of ['wecom', 'dingtalk', 'feishu']) {
        expect((await t.run(['notify', '--via', via, '--unit', 'OPS', ...asOf, '--force'])).code).toBe(0)
      }
      const [wecom, dingtalk, feishu] = server.seen.map((s) => s.body)
      const more = (text: string) => Number(/\nand (\d+) more: icm today --unit OPS$/.exec(text)?.[1])
      const shown = (text: string) => (text.match(/^- ACT-/gm) ?? []).length
      for (const text of [wecom.markdown.content, dingtalk.markdown.text, feishu.card.elements[0].content]) {
        expect(shown(text) + more(text)).toBe(500)
        expect(shown(text)).toBeGreaterThan(10)
      }
      expect(Buffer.byteLength(wecom.markdown.content)).toBeLessThanOrEqual(4096)
      expect(Buffer.byteLength(dingtalk.markdown.text)).toBeLessThanOrEqual(20000)
      expect(Buffer.byteLength(JSON.stringify(feishu))).toBeLessThanOrEqual(20000)
      const events = ((await t.ok(['log', '--json'])).json() as { action: string; details: any }[]).filter((e) => e.action === 'notify.send')
      expect(events.map((e) => [e.details.platform, e.details.count, e.details.shown + e.details.omitted])).toEqual([
        ['wecom', 500, 500],
        ['dingtalk', 500, 500],
        ['feishu', 500, 500],
      ])
    } finally {
      await server.stop()
    }
  }, 120_000)
})
