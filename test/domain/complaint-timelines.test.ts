import { describe, expect, it } from 'vitest'
import { scheduleOf } from '../../src/domain/calendar/business-time.js'
import { formatInstant, parseInstant } from '../../src/domain/calendar/dates.js'
import {
  checkMilestoneDue,
  checkProgress,
  investigationTimeline,
  milestoneDaysOverdue,
  overdueReasons,
  parseMilestone,
  type Milestone,
} from '../../src/domain/complaints/complaint-timelines.js'
import { NotFoundError, UserError } from '../../src/domain/errors.js'

// vitest pins TZ=Asia/Shanghai. Mon–Fri 09:00–18:00 (9 h a day); the Labour Day holiday Fri 2026-05-01 … Tue 05-05
// and the make-up working Saturday 2026-05-09.
const may = scheduleOf('09:00-18:00', '1-5', [
  ...['01', '02', '03', '04', '05'].map((d) => ({ date: `2026-05-${d}`, type: 'holiday' as const })),
  { date: '2026-05-09', type: 'workday' as const },
])
const t = (s: string) => parseInstant(s)
const open = (receivedAt: string, investigatedAt: string | null = null) => ({ status: 'received' as const, receivedAt: t(receivedAt), investigatedAt: investigatedAt === null ? null : t(investigatedAt) })

describe('parseMilestone', () => {
  it('reads a date and what is due by then, the date as people write it', () => {
    expect(parseMilestone('2026-04-10 备用服务器上线')).toEqual({ due: '2026-04-10', title: '备用服务器上线' })
    expect(parseMilestone('  2026/4/20   监控告警 上线 ')).toEqual({ due: '2026-04-20', title: '监控告警 上线' })
  })
  it.each([['2026-04-10'], ['备用服务器上线 2026-04-10'], ['2026-02-30 x']])('refuses %s', (text) => {
    expect(() => parseMilestone(text)).toThrow(UserError)
  })
})

describe('checkMilestoneDue', () => {
  it('accepts the day of receipt and refuses the day before', () => {
    expect(checkMilestoneDue('2026-04-01', t('2026-04-01 16:00'), 'CMP-0001')).toBe('2026-04-01')
    expect(() => checkMilestoneDue('2026-03-31', t('2026-04-01 16:00'), 'CMP-0001')).toThrow('--milestone 2026-03-31 is before CMP-0001 was received (2026-04-01)')
  })
})

describe('investigationTimeline (8 business hours)', () => {
  it('Thu 2026-04-30 14:00: 4 h that day, then the holiday and the weekend, 4 h on Wed 05-06 → due Wed 13:00', () => {
    const r = investigationTimeline(may, open('2026-04-30 14:00'), 8, t('2026-05-06 13:00'))
    expect(formatInstant(r.due)).toBe('2026-05-06T13:00:00+08:00')
    expect(r).toMatchObject({ late: null, overdue: false, hoursLate: null })
  })

  it('no team at Wed 05-06 15:30 is 2.5 business hours overdue', () => {
    expect(investigationTimeline(may, open('2026-04-30 14:00'), 8, t('2026-05-06 15:30'))).toMatchObject({ overdue: true, hoursLate: 2.5 })
  })

  it('due at 18:00 and no team by 09:00 the next working day: no working time passed, not overdue', () => {
    // received Thu 04-30 10:00 + 8 h = 18:00 the same day; the next working moment is Wed 05-06 09:00
    const r = investigationTimeline(may, open('2026-04-30 10:00'), 8, t('2026-05-06 09:00'))
    expect(formatInstant(r.due)).toBe('2026-04-30T18:00:00+08:00')
    expect(r.overdue).toBe(false)
    expect(investigationTimeline(may, open('2026-04-30 10:00'), 8, t('2026-05-06 09:01')).overdue).toBe(true)
  })

  it('a team formed on the make-up Saturday 05-09 at 11:00, due Fri 05-08 12:00, is 6 + 2 = 8.0 hours late', () => {
    // received Thu 05-07 13:00: 5 h that day, 3 h on Fri → due Fri 12:00; Fri 12:00–18:00 = 6 h, Sat 09:00–11:00 = 2 h
    const r = investigationTimeline(may, open('2026-05-07 13:00', '2026-05-09 11:00'), 8, t('2026-05-11 10:00'))
    expect(formatInstant(r.due)).toBe('2026-05-08T12:00:00+08:00')
    expect(r).toMatchObject({ late: true, overdue: false, hoursLate: 8 })
  })

  it('a closed complaint without a team is not overdue', () => {
    expect(investigationTimeline(may, { ...open('2026-04-30 14:00'), status: 'verified' }, 8, t('2026-06-01 10:00')).overdue).toBe(false)
  })
})

const ms = (seq: number, due: string, more: Partial<Milestone> = {}): Milestone => ({ seq, due, title: `m${seq}`, createdAt: '2026-04-01T02:00:00.000Z', doneAt: null, supersededAt: null, ...more })

describe('milestones past due', () => {
  it('counts days past the date of an open milestone of an open complaint', () => {
    expect(milestoneDaysOverdue(ms(1, '2026-04-10'), 'planned', '2026-04-13')).toBe(3)
    expect(milestoneDaysOverdue(ms(1, '2026-04-10'), 'planned', '2026-04-10')).toBeNull()
    expect(milestoneDaysOverdue(ms(1, '2026-04-10', { doneAt: '2026-04-12T02:00:00.000Z' }), 'planned', '2026-04-13')).toBeNull()
    expect(milestoneDaysOverdue(ms(1, '2026-04-10', { supersededAt: '2026-04-05T02:00:00.000Z' }), 'planned', '2026-04-13')).toBeNull()
    expect(milestoneDaysOverdue(ms(1, '2026-04-10'), 'verified', '2026-04-13')).toBeNull()
  })

  it('lists every reason a complaint is past due', () => {
    const inv = investigationTimeline(may, open('2026-04-01 09:00', '2026-04-01 10:00'), 8, t('2026-04-13 10:00'))
    expect(overdueReasons(true, inv, [ms(1, '2026-04-10'), ms(2, '2026-04-20')], 'planned', '2026-04-13')).toEqual(['plan', 'milestone 1'])
    const noTeam = investigationTimeline(may, open('2026-04-01 09:00'), 8, t('2026-04-13 10:00'))
    expect(overdueReasons(false, noTeam, [], 'received', '2026-04-13')).toEqual(['investigation'])
  })
})

describe('checkProgress', () => {
  const c = { code: 'CMP-0001', status: 'planned' as const }
  const list = [ms(1, '2026-04-10', { doneAt: '2026-04-09T02:00:00.000Z' }), ms(2, '2026-04-20'), ms(3, '2026-04-25', { supersededAt: '2026-04-15T02:00:00.000Z' })]
  it('finds the milestone a note is about', () => {
    expect(checkProgress(c, list, 2, true)?.title).toBe('m2')
    expect(checkProgress(c, list, undefined, false)).toBeUndefined()
    expect(checkProgress(c, list, 1, false)?.seq).toBe(1)
  })
  it('refuses an unknown milestone (not found), one already done or superseded, and a closed complaint', () => {
    expect(() => checkProgress(c, list, 4, true)).toThrow(NotFoundError)
    expect(() => checkProgress(c, list, 4, true)).toThrow('CMP-0001 has no milestone 4 (it has 1, 2, 3)')
    expect(() => checkProgress(c, [], 1, false)).toThrow('(it has none)')
    expect(() => checkProgress(c, list, 1, true)).toThrow('already done')
    expect(() => checkProgress(c, list, 3, true)).toThrow('replaced by a later plan')
    expect(() => checkProgress({ ...c, status: 'verified' }, list, undefined, false)).toThrow('is closed')
  })
})
