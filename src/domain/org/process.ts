import { UserError } from '../errors.js'
import { t } from '../i18n/catalog.js'

/**
 * Process analysis (policy 2.1): a business process is a numbered list of steps, each owned by a
 * unit and handing on an output; a step follows one or more earlier steps (by default the one
 * before it), so the hand-offs between units can be read off.
 */
export interface Process {
  id: number
  code: string
  name: string
  createdAt: Date
}

export interface ProcessStep {
  seq: number
  unitId: number
  output: string
  /** the steps this one follows ([] for a first step) */
  afterSeqs: number[]
}

/**
 * The number of the step appended to a process and the steps it follows: the ones asked for, or
 * else the last step. UserError when a step asked for does not exist.
 */
export function nextStep(processCode: string, steps: readonly Pick<ProcessStep, 'seq'>[], after: readonly number[] | undefined): { seq: number; afterSeqs: number[] } {
  const last = steps.at(-1)?.seq
  const follows = after ? [...after] : last === undefined ? [] : [last]
  const missing = follows.filter((s) => !steps.some((x) => x.seq === s))
  if (missing.length > 0) {
    throw new UserError(t('process.step.noSuchStep', { code: processCode, steps: missing.join(', ') }), last !== undefined ? t('process.step.noSuchStep.hint', { last }) : t('process.step.firstStep.hint'))
  }
  return { seq: (last ?? 0) + 1, afterSeqs: follows }
}
