import { describe, expect, it } from 'vitest'
import { SCORE_LABELS, answerFormOf, foldLabel, loyaltyFromTen, parseLoyaltyOfTen, parseScore } from '../../src/domain/surveys/score-labels.js'

describe('parseScore', () => {
  it.each([
    ['1', 1],
    ['5', 5],
    [' 4 ', 4],
    ['4.0', 4],
    ['4分', 4],
    ['4 分', 4],
    ['５', 5], // full-width digit
    ['+3', 3],
    ['非常满意', 5],
    ['满意', 4],
    ['比较满意', 4],
    ['一般', 3],
    ['不满意', 2],
    ['比较不满意', 2],
    ['非常不满意', 1],
    ['非常滿意', 5], // traditional
    ['滿意', 4],
    ['不滿意', 2],
    ['比較滿意', 4],
    ['非常不滿意', 1],
    [' 满意 ', 4],
    ['Very satisfied', 5],
    ['VERY  SATISFIED', 5],
    ['satisfied', 4],
    ['Neutral', 3],
    ['dissatisfied', 2],
    ['Very Dissatisfied', 1],
  ])('%j → %i', (cell, value) => {
    expect(parseScore(cell)).toEqual({ kind: 'score', value })
  })

  it.each(['', '   ', '(跳过)', '（跳过）', '(跳過)', '-3', '-2', '跳过'])('%j is an empty answer', (cell) => {
    expect(parseScore(cell)).toEqual({ kind: 'empty' })
  })

  it.each([
    ['6', 'score 6 is out of range 1–5'],
    ['0', 'score 0 is out of range 1–5'],
    ['-1', 'score -1 is out of range 1–5'],
    ['10', 'score 10 is out of range 1–5'],
    ['4.5', 'score 4.5 is not a whole number 1–5'],
    ['abc', "'abc' is not a score (expected 1–5 or a label such as 满意 or satisfied)"],
    ['满意吗', "'满意吗' is not a score (expected 1–5 or a label such as 满意 or satisfied)"],
    ['4,5', "'4,5' is not a score (expected 1–5 or a label such as 满意 or satisfied)"],
  ])('%j is invalid: %s', (cell, reason) => {
    expect(parseScore(cell)).toEqual({ kind: 'invalid', reason })
  })

  it('cuts a long invalid cell in the reason', () => {
    const r = parseScore('x'.repeat(100))
    expect(r.kind === 'invalid' && r.reason.startsWith(`'${'x'.repeat(40)}…'`)).toBe(true)
  })

  it('takes a mapping file\'s labels, folded like its own, before the built-in ones', () => {
    const labels = { Neutral: 4, 'Good': 4, '極好': 5, '10': 5 }
    expect(parseScore('good', labels)).toEqual({ kind: 'score', value: 4 })
    expect(parseScore('极好', labels)).toEqual({ kind: 'score', value: 5 })
    expect(parseScore('NEUTRAL', labels)).toEqual({ kind: 'score', value: 4 })
    expect(parseScore('10', labels)).toEqual({ kind: 'score', value: 5 })
    expect(parseScore('3', labels)).toEqual({ kind: 'score', value: 3 })
    expect(parseScore('(跳过)', labels)).toEqual({ kind: 'empty' })
    expect(parseScore('Bad', labels).kind).toBe('invalid')
    // Without the labels, the same cells read as before (no cache leaks between label sets).
    expect(parseScore('NEUTRAL')).toEqual({ kind: 'score', value: 3 })
    expect(parseScore('10').kind).toBe('invalid')
  })

  it('lists its built-in labels in folded form', () => {
    for (const label of Object.keys(SCORE_LABELS)) expect(foldLabel(label)).toBe(label)
  })
})

describe('answer forms and the 0–10 loyalty scale', () => {
  it.each([
    ['5分', 5],
    ['★★★★☆', 4],
    ['★★★★★', 5],
    ['⭐⭐⭐', 3],
    ['(5)非常满意', 5],
    ['（4）满意', 4],
    ['【3】一般', 3],
    ['5 - Very satisfied', 5],
    ['2-不满意', 2],
    ['4. Satisfied', 4],
    ['1：非常不满意', 1],
  ])('%j → %i', (cell, value) => {
    expect(parseScore(cell)).toEqual({ kind: 'score', value })
  })

  it('checks the range of a number in any form', () => {
    expect(parseScore('(7)很好')).toEqual({ kind: 'invalid', reason: 'score 7 is out of range 1–5' })
    expect(parseScore('☆☆☆☆☆')).toEqual({ kind: 'invalid', reason: 'score 0 is out of range 1–5' })
  })

  it('names the form for the summary', () => {
    expect(answerFormOf('5分')).toBe('points')
    expect(answerFormOf('★★★☆☆')).toBe('stars')
    expect(answerFormOf('(5)非常满意')).toBe('numbered-label')
    expect(answerFormOf('5 - Very satisfied')).toBe('number-dash-label')
    expect(answerFormOf('5')).toBeUndefined()
    expect(answerFormOf('满意')).toBeUndefined()
  })

  it.each([
    ['0', 1], // 1 + 0 = 1
    ['3', 2], // 1 + 1.2 = 2.2 → 2
    ['4', 3], // 1 + 1.6 = 2.6 → 3
    ['5', 3], // 1 + 2 = 3
    ['7', 4], // 1 + 2.8 = 3.8 → 4
    ['8分', 4], // 1 + 3.2 = 4.2 → 4
    ['9', 5], // 1 + 3.6 = 4.6 → 5
    ['10', 5], // 1 + 4 = 5
  ])('loyalty %j of 10 → %i', (cell, value) => {
    expect(parseLoyaltyOfTen(cell)).toEqual({ kind: 'score', value })
    expect(loyaltyFromTen(Number.parseInt(cell, 10))).toBe(value)
  })

  it('refuses a loyalty answer above 10', () => {
    expect(parseLoyaltyOfTen('11')).toEqual({ kind: 'invalid', reason: 'score 11 is out of range 0–10' })
    expect(parseLoyaltyOfTen('')).toEqual({ kind: 'empty' })
  })
})
