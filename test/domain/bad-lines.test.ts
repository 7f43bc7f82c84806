import { describe, expect, it } from 'vitest'
import { describeBadLines } from '../../src/domain/bad-lines.js'

describe('describeBadLines', () => {
  it.each([
    [1, 'line 4: bad kind'],
    [2, 'line 4: bad kind (and 1 more bad line)'],
    [5, 'line 4: bad kind (and 4 more bad lines)'],
  ])('with %i bad lines: %s', (total, text) => {
    expect(describeBadLines({ line: 4, reason: 'bad kind' }, total)).toBe(text)
  })
})
