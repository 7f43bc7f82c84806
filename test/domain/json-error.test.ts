import { describe, expect, it } from 'vitest'
import { jsonErrorAt } from '../../src/domain/input/json-error.js'

describe('jsonErrorAt: where JSON.parse stopped, as line and column', () => {
  it('counts lines and columns from 1, and gives the rest of the line', () => {
    // position 11 is the "b" on line 2 (line 1 is 8 characters and a line break): column 3
    expect(jsonErrorAt('{"a": 1,\n  b: 2}', 'Expected double-quoted property name in JSON at position 11')).toEqual({ line: 2, column: 3, rest: 'b: 2}' })
    // a CRLF file: the \r is no part of the line
    expect(jsonErrorAt('{"a": 1,\r\n  b: 2}\r\n', 'Expected double-quoted property name in JSON at position 12')).toEqual({ line: 2, column: 3, rest: 'b: 2}' })
  })

  it('puts "Unexpected end of JSON input" at the end of the text', () => {
    expect(jsonErrorAt('{"a": 1', 'Unexpected end of JSON input')).toEqual({ line: 1, column: 8, rest: '' })
    expect(jsonErrorAt('', 'Unexpected end of JSON input')).toEqual({ line: 1, column: 1, rest: '' })
  })

  it('names the token when V8 gives no position', () => {
    expect(jsonErrorAt(`{"a": 'x'}`, `Unexpected token ''', "{"a": 'x'}" is not valid JSON`)).toEqual({ token: "'" })
    expect(jsonErrorAt('{"a": x}', `Unexpected token 'x', "{"a": x}" is not valid JSON`)).toEqual({ token: 'x' })
  })

  it('is undefined for any other message', () => {
    expect(jsonErrorAt('', 'Something else')).toBeUndefined()
  })
})
