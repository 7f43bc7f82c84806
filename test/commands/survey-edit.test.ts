import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, cli, dbState, queryRows } from '../helpers/harness.js'

const fixture = (name: string) => path.join(FIXTURES, 'surveys', name)

/** The fixture organisation, an empty survey E and survey S with the 60 responses of service-basic.csv. */
async function withSurveys() {
  const t = cli()
  await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
  await t.ok(['survey', 'create', 'E', '--title', 'x', '--period', '2026-h1'])
  await t.ok(['survey', 'create', 'S', '--title', '上半年满意度', '--period', '2026-H1'])
  await t.ok(['survey', 'import', 'S', fixture('service-basic.csv')])
  return t
}

describe('icm survey update', () => {
  it('fixes the title, period and kind of a survey without responses, and logs it', async () => {
    const t = await withSurveys()
    const r = await t.ok(['survey', 'update', 'e', '--title', '2026年下半年满意度', '--period', '2026下半年', '--kind', 'relationship', '--json'])
    expect(r.json()).toMatchObject({ code: 'E', title: '2026年下半年满意度', kind: 'relationship', period: '2026-H2', periodStart: '2026-07-01', periodEnd: '2026-12-31' })
    expect(r.stderr).toContain('✓ survey E updated (relationship, 2026-H2 = 2026-07-01 … 2026-12-31, "2026年下半年满意度")')
    const events = await queryRows(t.db, `select action, entity, details from events where action = 'survey.update'`)
    expect(events.map((e) => [e.action, e.entity, JSON.parse(e.details)])).toEqual([
      ['survey.update', 'E', { title: '2026年下半年满意度', kind: 'relationship', period: '2026-H2' }],
    ])
  })

  it('changes the title of a survey with responses', async () => {
    const t = await withSurveys()
    const r = await t.ok(['survey', 'update', 'S', '--title', '新标题', '--period', '2026-H1', '--json'])
    expect(r.json()).toMatchObject({ code: 'S', title: '新标题', period: '2026-H1' })
  })

  it.each([
    ['a period change once responses exist', ['survey', 'update', 'S', '--period', '2026-H2'], 3, /survey S already has 60 responses for 2026-H1: its period cannot change \(create a survey/],
    ['nothing to change', ['survey', 'update', 'S'], 2, /nothing to update/],
    ['a bad period', ['survey', 'update', 'E', '--period', '2026-H3'], 3, /invalid period/],
    ['a bad kind', ['survey', 'update', 'E', '--kind', 'poll'], 3, /invalid survey kind 'poll'/],
    ['an unknown survey', ['survey', 'update', 'NOPE', '--title', 'y'], 4, /unknown survey 'NOPE'/],
    ['deleting one with responses', ['survey', 'delete', 'S', '--yes'], 3, /survey S "上半年满意度" \(2026-H1\) has 60 responses: not deleted \(add --with-responses --yes/],
    ['deleting without --yes and no terminal', ['survey', 'delete', 'E'], 3, /not deleted without --yes \(add --yes/],
    ['deleting with responses without --yes and no terminal', ['survey', 'delete', 'S', '--with-responses'], 3, /not deleted without --yes/],
    ['deleting an unknown survey', ['survey', 'delete', 'NOPE', '--yes'], 4, /unknown survey 'NOPE'/],
  ])('refuses %s with its exit code and no change', async (_what, args, code, message) => {
    const t = await withSurveys()
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect([r.code, r.stdout]).toEqual([code, ''])
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(await dbState(t.db)).toBe(before)
  })
})

describe('icm survey delete', () => {
  it('deletes an empty survey with --yes and records it', async () => {
    const t = await withSurveys()
    const r = await t.ok(['survey', 'delete', 'E', '--yes'])
    expect(r.stderr).toBe('✓ survey E deleted\n')
    expect((await t.ok(['survey', 'list', '--json'])).json().map((s: any) => s.code)).toEqual(['S'])
    const ev = await queryRows(t.db, `select entity, details from events where action = 'survey.delete'`)
    expect(ev.map((e) => [e.entity, JSON.parse(e.details)])).toEqual([['E', { title: 'x', kind: 'service', period: '2026-H1', responses: 0, batches: 0 }]])
  })

  it('deletes a survey with its responses, batches and score sums only with --with-responses --yes', async () => {
    const t = await withSurveys()
    const r = await t.ok(['survey', 'delete', 'S', '--with-responses', '--yes', '--json'])
    expect(r.json()).toMatchObject({ code: 'S', deleted: true, responses: 60, batches: 1 })
    expect(r.stderr).toBe('✓ survey S deleted with 60 responses in 1 batch\n')
    for (const table of ['survey_responses', 'survey_batches', 'survey_score_sums']) {
      expect((await queryRows(t.db, `select count(*) as n from ${table}`))[0].n).toBe(0)
    }
    // the same file may be imported again into a new survey
    await t.ok(['survey', 'create', 'S2', '--title', 'again', '--period', '2026-H1'])
    await t.ok(['survey', 'import', 'S2', fixture('service-basic.csv')])
  })

  it('asks on a terminal, and a no leaves it', async () => {
    const t = await withSurveys()
    const no = await t.run(['survey', 'delete', 'S', '--with-responses'], { tty: true, answers: [false] })
    expect([no.code, no.stderr]).toEqual([0, 'cancelled; nothing changed\n'])
    const yes = await t.run(['survey', 'delete', 'E'], { tty: true, answers: [true] })
    expect([yes.code, yes.stderr]).toEqual([0, '✓ survey E deleted\n'])
    expect((await t.ok(['survey', 'list', '--json'])).json().map((s: any) => s.code)).toEqual(['S'])
  })
})
