import { describe, expect, it } from 'vitest'
import { RELATION_ACTION_DAYS, assessRelation, relationAction, relationActionRef, relationPairs } from '../../src/domain/collaboration/relation.js'
import { explainRelationLines, parsePairText } from '../../src/domain/collaboration/relation-explain.js'

const none = { responses: 0, valueSum: 0, loyaltyCount: 0, loyaltySum: 0, requests: 0, visits: 0, visitRatings: 0, visitRatingSum: 0, projects: 0 }
const opts = { frequent: 12, threshold: 60 }

describe('assessRelation (relation.frequent 12, threshold 60)', () => {
  it('satisfaction 3.5 (62.5), loyalty 3 (50), 4 requests + 2 visits of 12 (50) → 0.5·62.5 + 0.3·50 + 0.2·50 = 56.3, flagged', () => {
    const r = assessRelation({ ...none, responses: 2, valueSum: 7, loyaltyCount: 2, loyaltySum: 6, requests: 4, visits: 2 }, opts)
    expect(r).toEqual({
      satisfactionMean: 3.5,
      satisfaction: 62.5,
      loyaltyMean: 3,
      loyalty: 50,
      frequencyCount: 6,
      frequency: 50,
      index: 56.3,
      flagged: true,
    })
  })

  it('all fives and 12 contacts → 100, not flagged; more contacts than relation.frequent still score 100', () => {
    const r = assessRelation({ ...none, responses: 1, valueSum: 5, loyaltyCount: 1, loyaltySum: 5, requests: 20 }, opts)
    expect([r.frequency, r.index, r.flagged]).toEqual([100, 100, false])
  })

  it('without loyalty answers the weights renormalise: (0.5·75 + 0.2·0) / 0.7 = 53.6', () => {
    expect(assessRelation({ ...none, responses: 1, valueSum: 4 }, opts).index).toBe(53.6)
  })

  it('a pair nobody rated has no index and is not flagged, however rarely they meet', () => {
    const r = assessRelation({ ...none, visits: 1 }, opts)
    expect([r.satisfaction, r.loyalty, r.frequency, r.index, r.flagged]).toEqual([null, null, 8.3, null, false])
  })

  it('flags strictly below the threshold: 0.5·50 + 0.3·50 + 0.2·100 = 60 is not flagged', () => {
    const atThreshold = assessRelation({ ...none, responses: 1, valueSum: 3, loyaltyCount: 1, loyaltySum: 3, requests: 12 }, opts)
    expect(atThreshold.index).toBe(60)
    expect(atThreshold.flagged).toBe(false)
  })

  it('counts shared projects in the frequency', () => {
    expect(assessRelation({ ...none, responses: 1, valueSum: 5, requests: 2, visits: 1, projects: 3 }, opts).frequencyCount).toBe(6)
  })
})

describe('relationActionRef', () => {
  it('names the period and the pair', () => {
    expect(relationActionRef('2026-H1', 'IT', 'HR')).toBe('2026-H1 IT→HR')
  })
})

describe('sharedProjectCounts', () => {
  it('counts each project once for every pair of its units, in both directions', async () => {
    const { sharedProjectCounts } = await import('../../src/domain/collaboration/relation.js')
    // PRJ-1: units 1 (owner), 2, 3; PRJ-2: units 1, 2 → 1↔2 share two, 1↔3 and 2↔3 one
    const counts = sharedProjectCounts([
      { code: 'PRJ-1', unitId: 1 },
      { code: 'PRJ-1', unitId: 2 },
      { code: 'PRJ-1', unitId: 3 },
      { code: 'PRJ-2', unitId: 1 },
      { code: 'PRJ-2', unitId: 2 },
      { code: 'PRJ-2', unitId: 2 },
    ])
    expect(Object.fromEntries(counts)).toEqual({ '1>2': 2, '2>1': 2, '1>3': 1, '3>1': 1, '2>3': 1, '3>2': 1 })
  })
})

describe('visit satisfaction counts with the survey ratings', () => {
  it('2 responses adding up to 7 and 1 visit rated 5 → mean (7 + 5) / 3 = 4 → 75; loyalty 3 → 50; 6 contacts of 12 → 50 → 0.5·75 + 0.3·50 + 0.2·50 = 62.5', () => {
    const r = assessRelation({ ...none, responses: 2, valueSum: 7, visitRatings: 1, visitRatingSum: 5, loyaltyCount: 1, loyaltySum: 3, requests: 5, visits: 1 }, opts)
    expect(r).toMatchObject({ satisfactionMean: 4, satisfaction: 75, loyalty: 50, frequencyCount: 6, frequency: 50, index: 62.5, flagged: false })
  })

  it('rated visits alone give a satisfaction: 2 visits rated 2 and 3 → mean 2.5 → 37.5; frequency 2/12 → 16.7 → (0.5·37.5 + 0.2·16.7) / 0.7 = 31.55 → 31.6, flagged', () => {
    const r = assessRelation({ ...none, visits: 2, visitRatings: 2, visitRatingSum: 5 }, opts)
    expect(r).toMatchObject({ satisfactionMean: 2.5, satisfaction: 37.5, loyalty: null, frequency: 16.7, index: 31.6, flagged: true })
  })
})

describe('relationPairs', () => {
  const none = { ratings: [], requests: [], visits: [], projects: [] }

  it("takes the customer map's pairs, and adds a pair only a survey rating brings in", () => {
    // units: 1 IT, 2 HR, 3 FIN; the map has IT→HR; FIN rated IT (respondent 3 rates 1), so IT→FIN comes in too
    const pairs = relationPairs([{ supplierId: 1, customerId: 2 }], {
      ...none,
      ratings: [{ ratedId: 1, respondentId: 3, count: 2, valueSum: 7, loyaltyCount: 1, loyaltySum: 4 }],
    })
    expect(pairs).toEqual([
      { supplierId: 1, customerId: 2, inMap: true, input: { responses: 0, valueSum: 0, loyaltyCount: 0, loyaltySum: 0, requests: 0, visits: 0, visitRatings: 0, visitRatingSum: 0, projects: 0 } },
      { supplierId: 1, customerId: 3, inMap: false, input: { responses: 2, valueSum: 7, loyaltyCount: 1, loyaltySum: 4, requests: 0, visits: 0, visitRatings: 0, visitRatingSum: 0, projects: 0 } },
    ])
  })

  it('counts requests, visits and the projects the two share, leaving out cancelled projects', () => {
    const [pair] = relationPairs([{ supplierId: 1, customerId: 2 }], {
      ratings: [{ ratedId: 1, respondentId: 2, count: 1, valueSum: 4, loyaltyCount: 0, loyaltySum: 0 }],
      requests: [{ supplierId: 1, customerId: 2, count: 4 }, { supplierId: 2, customerId: 1, count: 9 }],
      visits: [{ supplierId: 1, customerId: 2, visits: 2, satisfactionCount: 1, satisfactionSum: 5 }],
      projects: [
        { code: 'PRJ-1', unitId: 2, status: 'open' },
        { code: 'PRJ-1', unitId: 1, status: 'open' },
        { code: 'PRJ-2', unitId: 2, status: 'completed' },
        { code: 'PRJ-2', unitId: 1, status: 'completed' },
        { code: 'PRJ-3', unitId: 2, status: 'cancelled' },
        { code: 'PRJ-3', unitId: 1, status: 'cancelled' },
      ],
    })
    expect(pair!.input).toEqual({ responses: 1, valueSum: 4, loyaltyCount: 0, loyaltySum: 0, requests: 4, visits: 2, visitRatings: 1, visitRatingSum: 5, projects: 2 })
  })

  it('lists every pair with activity in the period: requests and visits bring a pair in, shared projects count for the pairs listed', () => {
    // map empty; HR (2) asked IT (1) 3 times; IT visited FIN (3) once, rated 4; IT and HR share PRJ-1
    const pairs = relationPairs([], {
      ratings: [],
      requests: [{ supplierId: 1, customerId: 2, count: 3 }],
      visits: [{ supplierId: 1, customerId: 3, visits: 1, satisfactionCount: 1, satisfactionSum: 4 }],
      projects: [{ code: 'PRJ-1', unitId: 1, status: 'open' }, { code: 'PRJ-1', unitId: 2, status: 'open' }],
    })
    expect(pairs.map((p) => [p.supplierId, p.customerId, p.inMap, p.input.requests, p.input.visits, p.input.visitRatings, p.input.projects])).toEqual([
      [1, 2, false, 3, 0, 0, 1],
      [1, 3, false, 0, 1, 1, 0],
    ])
  })
})

describe('relationAction', () => {
  it('asks the supplier to visit its customer within 30 days, once per pair and period', () => {
    expect(relationAction('2026-H1', { supplier: 'IT', customer: 'HR', customerName: '人力资源部' }, 56.25, 60, '2026-07-01')).toEqual({
      sourceRef: '2026-H1 IT→HR',
      description: '2026-H1 与人力资源部(HR)的客户关系指数 56.3 低于 60: 回访客户并制定改进措施',
      due: '2026-07-31',
    })
    expect(RELATION_ACTION_DAYS).toBe(30)
  })
})

describe('explainRelationLines and parsePairText', () => {
  const pair = { period: '2026-Q2', supplier: 'IT', supplierName: '信息技术部', customer: 'HR', customerName: '人力资源部', inMap: true }

  it('gives every step of a pair with no loyalty: 1 response 3 + 1 visit 5 → mean 4 → 75; 3 contacts of 12 → 25; (0.5·75 + 0.2·25) / 0.7 = 60.7', () => {
    const input = { ...none, responses: 1, valueSum: 3, visitRatings: 1, visitRatingSum: 5, requests: 2, visits: 1 }
    const lines = explainRelationLines(pair, input, assessRelation(input, opts), { ...opts, surveys: [{ code: 'H1', period: '2026-H1' }] })
    expect(lines).toEqual([
      'IT 信息技术部 → HR 人力资源部, 2026-Q2',
      '  surveys serving the period (within it, or containing it): H1 (2026-H1)',
      '',
      'satisfaction = 75.0   (weight 0.5)',
      '  1 survey response of HR rating IT, values adding up to 3; 1 visit with a satisfaction, adding up to 5',
      '  mean (3 + 5) / (1 + 1) = 4.00 → (4.00 − 1) / 4 × 100 = 75.0',
      '',
      'loyalty = n/a   (weight 0.3)',
      '  no loyalty answer → n/a',
      '',
      'frequency = 25.0   (weight 0.2)',
      '  2 requests + 1 visit + 0 shared projects = 3 contacts; 100 at relation.frequent = 12',
      '  min(100, 100 × 3 / 12) = 25.0',
      '',
      'index = (0.5×75.0 + 0.2×25.0) / 0.7 = 60.7   (a part is n/a: the other weights renormalised)',
      '  not below 60 → not flagged',
    ])
  })

  it('says why a pair without any rating has no index', () => {
    const input = { ...none, requests: 2 }
    const lines = explainRelationLines({ ...pair, inMap: false }, input, assessRelation(input, opts), { ...opts, surveys: [] })
    expect(lines[0]).toBe('IT 信息技术部 → HR 人力资源部, 2026-Q2 (not in the customer map: its activity in the period brings it in)')
    expect(lines[1]).toBe('  no survey serves the period')
    expect(lines.at(-1)).toBe('index = n/a: neither satisfaction nor loyalty is known (frequency alone says how often, not how well); not flagged')
  })

  it.each([
    ['IT:HR', { supplier: 'IT', customer: 'HR' }],
    [' IT → HR ', { supplier: 'IT', customer: 'HR' }],
    ['IT->HR', { supplier: 'IT', customer: 'HR' }],
  ])('reads %j', (text, expected) => {
    expect(parsePairText(text)).toEqual(expected)
  })

  it.each(['IT', 'IT:', ':HR', 'IT:HR:FIN'])('refuses %j', (text) => {
    expect(() => parsePairText(text)).toThrow(/invalid pair/)
  })
})
