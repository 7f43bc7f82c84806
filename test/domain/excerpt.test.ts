import { describe, expect, it } from 'vitest'
import { EXCERPT_CHARS, excerpt, quote, quoteList } from '../../src/domain/excerpt.js'

describe('excerpt', () => {
  it('keeps a short text as it is', () => {
    expect(excerpt('HR')).toBe('HR')
    expect(excerpt('x'.repeat(80))).toBe('x'.repeat(80))
  })
  it('cuts at 80 characters and marks the cut: 81 x → 80 x and …', () => {
    expect(EXCERPT_CHARS).toBe(80)
    expect(excerpt('x'.repeat(81))).toBe(`${'x'.repeat(80)}…`)
    expect(excerpt('x'.repeat(10_000_000)).length).toBe(81)
  })
  it('counts a Chinese or astral character as one and never cuts one in two', () => {
    expect(excerpt('部'.repeat(100))).toBe(`${'部'.repeat(80)}…`)
    expect(excerpt('𠮷'.repeat(100))).toBe(`${'𠮷'.repeat(80)}…`)
  })
  it('writes line breaks, tabs and other control characters as escapes, so a message stays one line', () => {
    expect(excerpt('a\nb\r\nc\td')).toBe('a\\nb\\r\\nc\\td')
    expect(excerpt('a\u0000b\u001bc\u2028')).toBe('a\\u{0}b\\u{1b}c\\u{2028}')
  })
  it('counts an escape by its own length: 80 NUL bytes make 16 escapes of 5 characters and …', () => {
    expect(excerpt('\u0000'.repeat(80))).toBe(`${'\\u{0}'.repeat(16)}…`)
  })
  it('takes another limit', () => {
    expect(excerpt('abcdef', 3)).toBe('abc…')
  })
})

describe('quote', () => {
  it('puts the excerpt in single quotes', () => {
    expect(quote('NOPE')).toBe("'NOPE'")
    expect(quote('y'.repeat(200))).toBe(`'${'y'.repeat(80)}…'`)
  })
})

describe('quoteList', () => {
  it('quotes every item while they fit in 80 characters', () => {
    expect(quoteList(['a', 'b', 'c'])).toBe("'a', 'b', 'c'")
    expect(quoteList([])).toBe('')
  })
  it('stops when the next item would pass 80 characters and says how many are left', () => {
    // each 'hNNN' takes 6 characters and 2 for ', ': 10 items use 80, the 11th would not fit
    const headers = Array.from({ length: 1000 }, (_, i) => `h${String(i).padStart(3, '0')}`)
    expect(quoteList(headers)).toBe(`${headers.slice(0, 10).map((h) => `'${h}'`).join(', ')}, … (and 990 more)`)
  })
  it('always shows the first item, cut to fit', () => {
    expect(quoteList(['z'.repeat(500), 'b'])).toBe(`'${'z'.repeat(80)}…', … (and 1 more)`)
  })
})
