import { describe, expect, it } from 'vitest'
import { assessUnits } from '../../src/domain/assessment/assessment.js'
import { boundsOf, parsePeriod } from '../../src/domain/calendar/period.js'
import { loadAssessInput } from '../../src/storage/assessment-data-repo.js'
import { DEFAULT_NOW } from '../helpers/harness.js'
import { workedExample } from '../helpers/scenarios.js'
import { BACKEND, freshStore } from '../helpers/stores.js'

describe(`loadAssessInput (${BACKEND})`, () => {
  it("reads DESIGN.md's worked example in the shapes the domain takes", { timeout: 60_000 }, async () => {
    const t = await workedExample()
    const store = await freshStore(t.db)
    const asOf = new Date(DEFAULT_NOW)
    const input = await loadAssessInput(store.db, boundsOf(parsePeriod('2026-H1')), 'department', asOf)
    const id = new Map(input.units.map((u) => [u.code, u.id]))
    const byUnit = <T extends { unitId: number }>(xs: readonly T[]) => [...xs].sort((a, b) => a.unitId - b.unitId)

    expect(input.units.map((u) => [u.code, u.kind, u.parentId === null ? null : input.units.find((p) => p.id === u.parentId)!.code, u.active])).toEqual([
      ['FIN', 'department', null, true],
      ['HR', 'department', null, true],
      ['IT', 'department', null, true],
      ['IT-HD', 'position', 'IT', true],
    ])
    expect(input).toMatchObject({ level: 'department', asOf, policy: { weights: { S: 30, T: 20, C: 15, H: 15, self: 5, superior: 15 }, minResponses: 5, complaintFree: 2 } })
    // the responses rating each unit: IT 4 + 4 + 3, its service desk 5 + 4, HR 5
    expect(byUnit(input.satisfaction)).toEqual(byUnit([
      { unitId: id.get('IT')!, count: 3, valueSum: 11 },
      { unitId: id.get('IT-HD')!, count: 2, valueSum: 9 },
      { unitId: id.get('HR')!, count: 1, valueSum: 5 },
    ]))
    // REQ-0001 and 4 answered on time by IT, 3 by its service desk; REQ-0002 answered late, in full
    expect(byUnit(input.requestsOnTime)).toEqual(byUnit([
      { unitId: id.get('IT')!, count: 2 },
      { unitId: id.get('IT-HD')!, count: 1 },
    ]))
    expect(input.requests).toEqual([
      { code: 'REQ-0002', unitId: id.get('IT'), responseDue: new Date('2026-03-03T17:00:00+08:00'), respondedAt: new Date('2026-03-04T10:00:00+08:00'), cancelledAt: null },
    ])
    expect([...input.projects].sort((a, b) => a.code.localeCompare(b.code) || a.unitId - b.unitId)).toEqual(
      [
        { code: 'PRJ-0001', unitId: id.get('IT'), role: 'owner', due: '2026-05-31', completedOn: '2026-05-28', quality: 4, cancelled: false },
        { code: 'PRJ-0002', unitId: id.get('HR'), role: 'owner', due: '2026-04-30', completedOn: '2026-05-08', quality: 5, cancelled: false },
        { code: 'PRJ-0002', unitId: id.get('IT'), role: 'member', due: '2026-04-30', completedOn: '2026-05-08', quality: 5, cancelled: false },
      ].sort((a, b) => a.code.localeCompare(b.code) || a.unitId! - b.unitId!),
    )
    expect(input.complaints).toEqual([
      { code: 'CMP-0001', unitId: id.get('IT'), outcome: expect.objectContaining({ resolvedByDeadline: true, verifiedSatisfaction: 4 }), planDeadline: '2026-04-15', verifiedAt: new Date('2026-04-10T15:00:00+08:00') },
    ])
    expect(byUnit(input.inputs)).toEqual(byUnit([
      { unitId: id.get('IT')!, self: 80, superior: 90 },
      { unitId: id.get('HR')!, self: 90, superior: 80 },
    ]))
    // and the domain turns it into the worked example's totals
    expect(assessUnits(input).map((r) => [r.code, r.total])).toEqual([
      ['HR', 81],
      ['IT', 79],
      ['FIN', null],
    ])
  })

  it('finds nothing to count in a period without data', async () => {
    const store = await freshStore()
    const input = await loadAssessInput(store.db, boundsOf(parsePeriod('2026-Q3')), 'position', new Date(DEFAULT_NOW))
    expect(input).toMatchObject({ units: [], level: 'position', satisfaction: [], requestsOnTime: [], requests: [], projects: [], complaints: [], inputs: [] })
  })
})
