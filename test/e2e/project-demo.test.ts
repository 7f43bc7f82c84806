import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { spawnIcm, tempDir } from '../helpers/harness.js'

describe('the demo company: projects, audit, recognitions, reports', () => {
  it('has 2026-H1 projects on time, late, open past due and cancelled, IT owning one and a member of others', async () => {
    const cwd = tempDir()
    const db = path.join(cwd, 'demo.db')
    const env = { ICM_NOW: '2026-07-01T10:00:00+08:00' }
    const demo = await spawnIcm(['demo', '--db', db], { cwd, env })
    expect(demo.code).toBe(0)
    const icm = async (args: string[]) => JSON.parse((await spawnIcm(['--db', db, '--json', ...args], { cwd, env })).stdout)
    const projects = await icm(['project', 'list', '--period', '2026-H1'])
    expect(projects.map((p: any) => [p.code, p.owner, p.status, p.timing])).toEqual([
      ['PRJ-0002', 'HR', 'completed', 'late'],
      ['PRJ-0001', 'IT', 'completed', 'on_time'],
      ['PRJ-0003', 'QA', 'open', 'overdue'],
      ['PRJ-0004', 'WH', 'cancelled', 'cancelled'],
    ])
    const it = await icm(['project', 'list', '--period', '2026-H1', '--unit', 'IT'])
    expect(it.map((p: any) => [p.code, p.score])).toEqual([['PRJ-0002', 36], ['PRJ-0001', 80], ['PRJ-0004', null]])
    expect((await icm(['project', 'show', 'PRJ-0001'])).progressHistory).toHaveLength(2)
    const audit = await icm(['audit', 'show', 'AUD-0001'])
    expect(audit.findings.map((f: any) => [f.severity, f.status, f.action !== null])).toEqual([
      ['minor', 'closed', false],
      ['major', 'overdue', true],
      ['minor', 'open', false],
    ])
    expect((await icm(['recognition', 'list', '--period', '2026-H1'])).map((r: any) => r.unit ?? r.person)).toEqual(['IT', 'QA', '李娜'])
    expect((await icm(['report', 'list'])).map((r: any) => [r.code, r.status, r.reward])).toEqual([['RPT-0001', 'decided', 500], ['RPT-0002', 'received', null]])
  })
})
