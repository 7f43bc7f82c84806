import { describe, expect, it } from 'vitest'
import { cellCountProblem, describeBadLines } from '../../src/domain/bad-lines.js'
import { headerWidth } from '../../src/domain/surveys/header-aliases.js'

describe('describeBadLines', () => {
  it.each([
    [1, 'line 4: bad kind'],
    [2, 'line 4: bad kind (and 1 more bad line)'],
    [5, 'line 4: bad kind (and 4 more bad lines)'],
  ])('with %i bad lines: %s', (total, text) => {
    expect(describeBadLines({ line: 4, reason: 'bad kind' }, total)).toBe(text)
  })
})

describe('headerWidth', () => {
  it.each([
    [['a', 'b', 'c'], 3],
    [['a', 'b', 'c', '', ' '], 3], // Excel's trailing commas
    [['a', '', 'c', ''], 3], // a blank header inside counts
    [['a', '\u200B'], 1], // an invisible character is blank
    [['', ''], 0],
    [[], 0],
  ])('%j has %i columns', (headers, width) => {
    expect(headerWidth(headers)).toBe(width)
  })
})

describe('cellCountProblem', () => {
  // header "T,rated,accuracy,overall,comment" (5 columns)
  it('accepts a record with as many cells as the header', () => {
    expect(cellCountProblem(['T1', 'IT', '4', '5', 'ok'], 5)).toBeUndefined()
  })
  it('calls a record cut short a bad line: "T2,HR,IT,1" against 5 columns has 4 cells', () => {
    expect(cellCountProblem(['T2', 'HR', 'IT', '1'], 5)).toBe(
      '4 cells, but the header has 5 columns (a row cut short, or a line break in a cell that is not quoted?)',
    )
    expect(cellCountProblem(['T3'], 5)).toMatch(/^1 cell, but the header has 5 columns/)
  })
  it('measures a short record against the header without its trailing blank columns', () => {
    const header = ['a', 'b', 'c', '', '']
    expect(cellCountProblem(['1', '2', '3'], headerWidth(header), header.length)).toBeUndefined()
    expect(cellCountProblem(['1', '2'], headerWidth(header), header.length)).toMatch(/^2 cells, but the header has 3 columns/)
  })
  it('accepts blank cells past the header (trailing commas), refuses text there', () => {
    expect(cellCountProblem(['1', '2', '3', '', ' '], 3)).toBeUndefined()
    expect(cellCountProblem(['1', '2', '3', 'x'], 3)).toBe('4 cells, but the header has 3 columns (a delimiter inside a cell that is not quoted?)')
  })
  it('counts extra cells against the whole header record, trailing blank headers included', () => {
    // header "a,b,c,," : 5 cells, 3 columns; a row may fill the two blank columns as before
    expect(cellCountProblem(['1', '2', '3', 'x', 'y'], 3, 5)).toBeUndefined()
    expect(cellCountProblem(['1', '2', '3', 'x', 'y', 'z'], 3, 5)).toMatch(/^6 cells, but the header has 5 columns/)
  })
})
