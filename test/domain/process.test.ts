import { describe, expect, it } from 'vitest'
import { nextStep } from '../../src/domain/org/process.js'

const steps = (...seqs: number[]) => seqs.map((seq) => ({ seq }))

describe('nextStep', () => {
  it.each([
    ['a first step follows nothing', steps(), undefined, { seq: 1, afterSeqs: [] }],
    ['by default a step follows the one before it', steps(1, 2), undefined, { seq: 3, afterSeqs: [2] }],
    ['a step may follow several earlier ones', steps(1, 2, 3), [2, 3], { seq: 4, afterSeqs: [2, 3] }],
    ['or start a branch of its own', steps(1, 2), [], { seq: 3, afterSeqs: [] }],
  ])('%s', (_what, existing, after, next) => {
    expect(nextStep('P2P', existing, after)).toEqual(next)
  })

  it.each([
    [steps(1, 2), [2, 5], 'process P2P has no step 5', 'its steps are 1–2'],
    [steps(), [1], 'process P2P has no step 1', 'this is its first step: leave out --after'],
  ])('refuses to follow a step that does not exist', (existing, after, message, hint) => {
    expect(() => nextStep('P2P', existing, after)).toThrow(expect.objectContaining({ exitCode: 3, message, hint }))
  })
})
