import { describe, expect, it } from 'vitest'
import { SCORE_LABELS, foldLabel, parseScore } from '../../src/domain/surveys/score-labels.js'

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
