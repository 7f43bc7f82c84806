import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, cli } from '../helpers/harness.js'

function logRequests(db: string, n: number, tag: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'helpers', 'log-requests.ts'), db, String(n), tag], {
      cwd: ROOT,
      env: { ...process.env, TZ: 'Asia/Shanghai' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }))
  })
}

describe('several administrators writing at once', () => {
  it('four processes each logging 250 requests: 1,000 requests, 1,000 distinct codes, 1,000 events in one hash chain, no errors', { timeout: 240_000 }, async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((tag) => logRequests(t.db, 250, tag)))
    for (const r of results) {
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
    }
    const requests = (await t.ok(['request', 'list', '--json'])).json()
    expect(requests).toHaveLength(1000)
    expect(new Set(requests.map((r: any) => r.code)).size).toBe(1000)
    expect(requests.map((r: any) => r.code).sort().at(-1)).toBe('REQ-1000')
    const events = (await t.ok(['log', '--limit', '5000', '--json'])).json().filter((e: any) => e.action === 'request.log')
    expect(events).toHaveLength(1000)
    expect(new Set(events.map((e: any) => e.entity)).size).toBe(1000)
    // one unbroken hash chain over all 1,002 events, though four processes wrote them at once
    const check = await t.run(['check', '--json'])
    expect(check.code).toBe(0)
    expect(check.json().chain).toMatchObject({ status: 'ok', events: 1002, breaks: 0, head: { seq: 1002 } })
  })
})
