import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/harness.js'

// Issue 13: the numbers exactly as the policy means them, through the commands.

describe('the complaint allowance is floored from the exact value', () => {
  it('FIN: 149 requests and 3 complaints (all verified in time, satisfaction 5) → allowance 2, H 95', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'FIN', '--name', '财务部', '--kind', 'department'])
    await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
    for (let i = 0; i < 149; i++) {
      await t.ok(['request', 'log', '--from', 'HR', '--to', 'FIN', '--title', `request ${i + 1}`, '--at', '2026-03-02T09:00'])
    }
    await t.ok(['config', 'set', 'complaint.handler', '王敏'])
    for (const n of [1, 2, 3]) {
      const code = `CMP-000${n}`
      await t.ok(['complaint', 'open', '--against', 'FIN', '--from', 'HR', '--channel', 'email', '--summary', `报销慢 ${n}`, '--at', '2026-04-01T10:00'])
      await t.ok(['complaint', 'investigate', code, '--team', '王敏', '--at', '2026-04-01T14:00'])
      await t.ok(['complaint', 'plan', code, '--responsible', 'FIN', '--measures', '加人', '--deadline', '2026-04-15', '--at', '2026-04-02T10:00'])
      await t.ok(['complaint', 'feedback', code, '--accepted', '--at', '2026-04-03T10:00'])
      await t.ok(['complaint', 'root-cause', code, '--category', 'process', '--analysis', '流程长', '--at', '2026-04-03T11:00'])
      await t.ok(['complaint', 'verify', code, '--resolved', 'yes', '--satisfaction', '5', '--at', '2026-04-10T15:00'])
    }
    const table = (await t.ok(['assess', 'run', '--period', '2026-H1', '--json'])).json()
    expect(table.rows.find((r: { unit: string }) => r.unit === 'FIN')).toMatchObject({ H: 95 })
    const out = (await t.ok(['assess', 'explain', '--period', '2026-H1', '--unit', 'FIN'])).stdout
    const lines = out.split('\n')
    const h = lines.indexOf('H complaint handling = 95.0   (weight 15)')
    expect(h).toBeGreaterThan(0)
    expect(lines.slice(h, h + 7)).toEqual([
      'H complaint handling = 95.0   (weight 15)',
      '  3 complaints received in the period; 149 requests received → allowance max(2, floor(2 × 149 / 100)) = max(2, floor(2.98)) = 2',
      '  CMP-0001: verified resolved 2026-04-10 (deadline 2026-04-15, in time), satisfaction 5',
      '  CMP-0002: verified resolved 2026-04-10 (deadline 2026-04-15, in time), satisfaction 5',
      '  CMP-0003: verified resolved 2026-04-10 (deadline 2026-04-15, in time), satisfaction 5',
      '  r = 3/3 = 1.00; v = 1.00; 100 × (0.6 × 1.00 + 0.4 × 1.00) = 100.0',
      '  penalty: 5 × max(0, 3 − 2) = 5 → H = 95.0',
    ])
  }, 60_000)
})
