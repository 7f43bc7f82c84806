import { describe, expect, it } from 'vitest'
import { jsonErrorAt } from '../../src/domain/input/json-error.js'

describe('jsonErrorAt: where JSON.parse stopped, as line and column', () => {
  it('counts lines and columns from 1, and gives the rest of the line', () => {
    // position 11 is the "b" on line 2 (line 1 is 8 characters and a line break): column 3
    expect(jsonErrorAt('{"a": 1,\n  b: 2}', 'Expected double-quoted property name in JSON at position 11')).toEqual({ line: 2, column: 3, rest: 'b: 2}' })
    expect(jsonErrorAt('{"a": 1', 'Expected \',\' or \'}\' after property value in JSON at position 7')).toEqual({ line: 1, column: 8, rest: '' })
  })

  it('is undefined when the message names no position', () => {
    expect(jsonErrorAt('', 'Unexpected end of JSON input')).toBeUndefined()
  })
})
