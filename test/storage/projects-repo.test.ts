import { describe, expect, it } from 'vitest'
import { cancellation, completion } from '../../src/domain/collaboration/project.js'
import {
  findMember,
  findProjectByCode,
  insertProgress,
  insertProject,
  listMembers,
  listProgress,
  listProjectParticipations,
  listProjects,
  updateProject,
  upsertMember,
} from '../../src/storage/projects-repo.js'
import { addUnits, bounds, repoStore } from '../helpers/repo-fixture.js'

const t0 = new Date('2026-02-01T02:00:00Z')
const t1 = new Date('2026-07-01T02:00:00Z')

/**
 * PRJ-0001 IT (FIN member) due 2026-03-31, completed late on 04-14; PRJ-0002 HR (IT member) due
 * 06-30, open; PRJ-0003 FIN due 05-31, cancelled; PRJ-0004 IT due 2026-09-30, open.
 */
async function withProjects() {
  const store = await repoStore()
  const u = await addUnits(store.db, ['IT', 'HR', 'FIN'])
  await store.write(async (trx) => {
    const add = (name: string, owner: string, due: string) => insertProject(trx, { name, kind: 'project', ownerId: u[owner]!, startDate: '2026-02-01', due, createdAt: t0 })
    const a = await add('ERP', 'IT', '2026-03-31')
    const b = await add('入职', 'HR', '2026-06-30')
    const c = await add('索赔', 'FIN', '2026-05-31')
    await add('二期', 'IT', '2026-09-30')
    await upsertMember(trx, { projectId: a.id, unitId: u.FIN!, duty: '科目映射', addedAt: t0 })
    await upsertMember(trx, { projectId: b.id, unitId: u.IT!, duty: '账号', addedAt: t0 })
    await updateProject(trx, a.id, completion(a, { date: '2026-04-14', quality: 3, note: null }, '2026-07-01'), t1)
    await updateProject(trx, c.id, cancellation(c, '并入二期', t1), t1)
  })
  return { store, u }
}

describe('insertProject and updateProject', () => {
  it('adds an open project at 0 % (PRJ-0001 …) and writes the changes the domain decides, with the time of the change', async () => {
    const store = await repoStore()
    const u = await addUnits(store.db, ['IT'])
    const p = await store.write((trx) => insertProject(trx, { name: 'ERP 上线', kind: 'problem', ownerId: u.IT!, startDate: '2026-02-01', due: '2026-06-30', createdAt: t0 }))
    expect(p).toMatchObject({
      code: 'PRJ-0001', name: 'ERP 上线', kind: 'problem', owner_id: u.IT, start_date: '2026-02-01', due: '2026-06-30', status: 'open', progress: 0,
      completed_on: null, quality: null, completion_note: null, cancelled_at: null, cancel_reason: null,
      created_at: '2026-02-01T02:00:00.000Z', updated_at: '2026-02-01T02:00:00.000Z',
    })
    const touched = await store.write((trx) => updateProject(trx, p.id, {}, t1))
    expect(touched).toEqual({ ...p, updated_at: '2026-07-01T02:00:00.000Z' })
    const done = await store.write((trx) => updateProject(trx, p.id, { status: 'completed', progress: 100, completedOn: '2026-06-28', quality: 4, completionNote: '按期' }, t1))
    expect(done).toMatchObject({ status: 'completed', progress: 100, completed_on: '2026-06-28', quality: 4, completion_note: '按期', cancelled_at: null })
    expect(await findProjectByCode(store.db, ' prj-0001 ')).toEqual(done)
    expect(await findProjectByCode(store.db, 'PRJ-0002')).toBeUndefined()
  })

  it('writes a cancellation with its time and reason', async () => {
    const store = await repoStore()
    const u = await addUnits(store.db, ['IT'])
    const p = await store.write((trx) => insertProject(trx, { name: 'x', kind: 'project', ownerId: u.IT!, startDate: '2026-02-01', due: '2026-06-30', createdAt: t0 }))
    const c = await store.write((trx) => updateProject(trx, p.id, { status: 'cancelled', cancelledAt: new Date('2026-03-01T01:00:00Z'), cancelReason: '合并' }, t1))
    expect(c).toMatchObject({ status: 'cancelled', cancelled_at: '2026-03-01T01:00:00.000Z', cancel_reason: '合并', progress: 0 })
  })
})

describe('members and progress', () => {
  it('adds a member once, changes its duty on a second upsert (keeping when it joined), lists members in the order they joined', async () => {
    const store = await repoStore()
    const u = await addUnits(store.db, ['IT', 'FIN', 'PUR'])
    const p = await store.write((trx) => insertProject(trx, { name: 'x', kind: 'project', ownerId: u.IT!, startDate: '2026-02-01', due: '2026-06-30', createdAt: t0 }))
    await store.write((trx) => upsertMember(trx, { projectId: p.id, unitId: u.PUR!, duty: '订单', addedAt: new Date('2026-02-03T00:00:00Z') }))
    await store.write((trx) => upsertMember(trx, { projectId: p.id, unitId: u.FIN!, duty: '科目', addedAt: new Date('2026-02-02T00:00:00Z') }))
    const again = await store.write((trx) => upsertMember(trx, { projectId: p.id, unitId: u.PUR!, duty: '订单迁移', addedAt: t1 }))
    expect(again).toEqual({ project_id: p.id, unit_id: u.PUR, duty: '订单迁移', added_at: '2026-02-03T00:00:00.000Z' })
    expect((await listMembers(store.db, [p.id])).map((m) => [m.unit_id, m.duty])).toEqual([
      [u.FIN, '科目'],
      [u.PUR, '订单迁移'],
    ])
    expect(await findMember(store.db, p.id, u.IT!)).toBeUndefined()
    expect(await listMembers(store.db, [])).toEqual([])
  })

  it('keeps the progress updates, oldest first', async () => {
    const store = await repoStore()
    const u = await addUnits(store.db, ['IT'])
    const p = await store.write((trx) => insertProject(trx, { name: 'x', kind: 'project', ownerId: u.IT!, startDate: '2026-02-01', due: '2026-06-30', createdAt: t0 }))
    await store.write((trx) => insertProgress(trx, { projectId: p.id, at: new Date('2026-03-27T09:30:00Z'), percent: 75, note: null, actor: 'a' }))
    await store.write((trx) => insertProgress(trx, { projectId: p.id, at: new Date('2026-02-10T09:00:00Z'), percent: 30, note: '配置完成', actor: 'b' }))
    expect((await listProgress(store.db, p.id)).map((r) => [r.at, r.percent, r.note, r.actor])).toEqual([
      ['2026-02-10T09:00:00.000Z', 30, '配置完成', 'b'],
      ['2026-03-27T09:30:00.000Z', 75, null, 'a'],
    ])
  })
})

describe('listProjects', () => {
  it.each([
    ['everything, by due date', {}, ['PRJ-0001', 'PRJ-0003', 'PRJ-0002', 'PRJ-0004']],
    ['open ones', { status: 'open' as const }, ['PRJ-0002', 'PRJ-0004']],
    ['due in 2026-H1 (both ends included)', { period: bounds('2026-H1') }, ['PRJ-0001', 'PRJ-0003', 'PRJ-0002']],
    ['late as of 2026-07-01: completed after due, or open past due', { lateAsOf: '2026-07-01' }, ['PRJ-0001', 'PRJ-0002']],
  ])('%s', async (_what, filter, codes) => {
    const { store } = await withProjects()
    expect((await listProjects(store.db, filter)).map((p) => p.code)).toEqual(codes)
  })

  it('finds the projects a unit owns or is a member of', async () => {
    const { store, u } = await withProjects()
    expect((await listProjects(store.db, { unitId: u.IT })).map((p) => p.code)).toEqual(['PRJ-0001', 'PRJ-0002', 'PRJ-0004'])
    expect((await listProjects(store.db, { unitId: u.FIN, period: bounds('2026-Q1') })).map((p) => p.code)).toEqual(['PRJ-0001'])
  })
})

describe('listProjectParticipations', () => {
  it('gives every unit its part in the projects due in the days given, owner first, cancelled ones included', async () => {
    const { store, u } = await withProjects()
    const parts = await listProjectParticipations(store.db, { dueFrom: '2026-01-01', dueTo: '2026-06-30' })
    expect(parts.map((p) => [p.code, p.unitId, p.role, p.status, p.completedOn, p.quality])).toEqual([
      ['PRJ-0001', u.IT, 'owner', 'completed', '2026-04-14', 3],
      ['PRJ-0001', u.FIN, 'member', 'completed', '2026-04-14', 3],
      ['PRJ-0002', u.HR, 'owner', 'open', null, null],
      ['PRJ-0002', u.IT, 'member', 'open', null, null],
      ['PRJ-0003', u.FIN, 'owner', 'cancelled', null, null],
    ])
  })
})
