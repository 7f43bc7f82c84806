import { createHash } from 'node:crypto'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { spawnIcm, tempDir, testDatabase, writeFile } from '../helpers/harness.js'

describe('complaints with the built icm binary', () => {
  it('receives a complaint, fingerprints an evidence file, refuses a skipped step and shows the timeline', async () => {
    const cwd = tempDir()
    const env = { ICM_DB: testDatabase(cwd), ICM_ACTOR: 'e2e', ICM_NOW: '2026-07-01T10:00:00+08:00' }
    const icm = (...args: string[]) => spawnIcm(args, { cwd, env })
    expect((await icm('unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department')).code).toBe(0)
    expect((await icm('unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department')).code).toBe(0)

    const noHandler = await icm('complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', '考勤宕机')
    expect(noHandler.code).toBe(3)
    expect(noHandler.stderr).toMatch(/^icm: no complaint handler is designated .*\(icm config set complaint.handler NAME/)

    expect((await icm('config', 'set', 'complaint.handler', '王敏')).code).toBe(0)
    const open = await icm('complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', '考勤宕机', '--at', '2026-06-29T09:00')
    expect(open.code).toBe(0)
    expect(open.stdout).toBe('CMP-0001\n')

    const skipped = await icm('complaint', 'verify', 'CMP-0001', '--resolved', 'yes', '--satisfaction', '5')
    expect(skipped.code).toBe(3)
    expect(skipped.stderr).toBe('icm: cannot verify CMP-0001 in status received (next: icm complaint investigate, icm complaint evidence, icm complaint prevent)\n')
    expect(skipped.stdout).toBe('')

    const content = Buffer.from('2026-06-28 23:59 attendance-svc OOM\n'.repeat(5000))
    const file = writeFile(cwd, 'attendance.log', content)
    const ev = await icm('complaint', 'evidence', 'CMP-0001', '--kind', 'document', '--note', '服务日志', '--file', file, '--json')
    expect(ev.code).toBe(0)
    expect(JSON.parse(ev.stdout).file).toEqual({ name: 'attendance.log', size: content.length, sha256: createHash('sha256').update(content).digest('hex') })

    const missing = await icm('complaint', 'evidence', 'CMP-0001', '--kind', 'document', '--note', 'x', '--file', 'gone.pdf')
    expect(missing.code).toBe(4)
    expect(missing.stderr).toBe('icm: file not found: gone.pdf (check the path)\n')

    const shown = await icm('complaint', 'show', 'CMP-0001')
    expect(shown.code).toBe(0)
    expect(shown.stdout).toContain('\nTimeline:\n')
    expect(shown.stdout).toContain(createHash('sha256').update(content).digest('hex'))
  })

  it('builds the demo with complaints in every state', async () => {
    const cwd = tempDir()
    const db = path.join(cwd, 'demo.db')
    const demo = await spawnIcm(['demo', '--db', db], { cwd })
    expect(demo.code).toBe(0)
    const list = await spawnIcm(['--db', db, 'complaint', 'list', '--json'], { cwd })
    const complaints = JSON.parse(list.stdout)
    expect(new Set(complaints.map((c: any) => c.status))).toEqual(new Set(['received', 'investigating', 'planned', 'confirmed', 'verified']))
    expect(complaints.filter((c: any) => c.anonymous)).toHaveLength(1)
    expect(complaints.filter((c: any) => c.against === 'IT').length).toBeGreaterThanOrEqual(3)
    expect(complaints.some((c: any) => c.against === 'WH')).toBe(true)
    for (const c of complaints) expect(c.receivedAt >= '2026-01-01' && c.receivedAt < '2026-07-01').toBe(true)

    const stats = JSON.parse((await spawnIcm(['--db', db, 'complaint', 'stats', '--period', '2026-H1', '--json'], { cwd })).stdout)
    expect(stats.units.find((u: any) => u.unit === 'IT')).toMatchObject({ received: 3, verified: 2, resolvedByDeadline: 1, meanSatisfaction: 3.5 })
    expect(stats.rootCauses.length).toBeGreaterThanOrEqual(4)

    const actions = JSON.parse((await spawnIcm(['--db', db, 'action', 'list', '--json'], { cwd })).stdout)
    expect(actions.filter((a: any) => a.source === 'complaint').length).toBeGreaterThanOrEqual(4)
    expect(actions.some((a: any) => a.source === 'complaint' && a.status === 'done')).toBe(true)
  })
})
