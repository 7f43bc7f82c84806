import { responseValue } from '../../domain/assessment/kpi.js'
import type { CheckedRecord, WideResponse } from '../../domain/surveys/survey-import.js'
import type { CanonicalResponse } from '../../domain/surveys/survey-row.js'
import { INTS, PACK_ROWS, STRS, newPack, type Stager } from './types.js'

/**
 * Gathers checked records into packs for the stager, numbering each response and bad line in file
 * order (their seq: a wide row gives several responses on one line).
 */
export class Packer {
  private pack = newPack(0)
  private ordinal = 0
  /** responses of a wide row that did not fit in the pack sent last */
  private overflow: WideResponse[] = []
  private overflowLine = 0

  constructor(private readonly stager: Stager) {}

  /** Adds a checked record; true when the pack is full (call flush). */
  add(c: Exclude<CheckedRecord, { kind: 'blank' }>): boolean {
    if (c.kind === 'bad') {
      this.pack.bad.push({ seq: ++this.ordinal, line: c.line, reason: c.reason, exitCode: 3 })
      return false
    }
    if (c.kind === 'row') {
      this.addRow(c.row, c.key, c.fingerprint, c.line)
      return this.pack.count === PACK_ROWS
    }
    for (let i = 0; i < c.rows.length; i++) {
      if (this.pack.count === PACK_ROWS) {
        this.overflow = c.rows.slice(i)
        this.overflowLine = c.line
        return true
      }
      const r = c.rows[i]!
      this.addRow(r.row, r.key, r.fingerprint, c.line)
    }
    return this.pack.count === PACK_ROWS
  }

  /** Sends the full pack (and the rest of a wide row that did not fit). */
  async flush(): Promise<void> {
    do {
      await this.stager.send(this.pack)
      this.pack = newPack(this.pack.seq + 1)
      const rest = this.overflow
      this.overflow = []
      for (let i = 0; i < rest.length; i++) {
        if (this.pack.count === PACK_ROWS) {
          this.overflow = rest.slice(i)
          break
        }
        this.addRow(rest[i]!.row, rest[i]!.key, rest[i]!.fingerprint, this.overflowLine)
      }
    } while (this.pack.count === PACK_ROWS)
  }

  /** Sends what is left. */
  async end(): Promise<void> {
    if (this.pack.count > 0 || this.pack.bad.length > 0) await this.stager.send(this.pack)
  }

  private addRow(r: CanonicalResponse, key: string, fingerprint: string, line: number): void {
    const pack = this.pack
    const k = pack.count
    const o = k * INTS
    const ints = pack.ints
    ints[o] = r.respondentUnitId ?? 0
    ints[o + 1] = r.ratedUnitId
    ints[o + 2] = r.accuracy ?? 0
    ints[o + 3] = r.timeliness ?? 0
    ints[o + 4] = r.completeness ?? 0
    ints[o + 5] = r.professionalism ?? 0
    ints[o + 6] = r.overall ?? 0
    ints[o + 7] = r.loyalty ?? 0
    ints[o + 8] = line
    ints[o + 9] = ++this.ordinal
    const so = k * STRS
    pack.strs[so] = key
    pack.strs[so + 1] = r.comment
    pack.strs[so + 2] = r.submittedAt
    pack.strs[so + 3] = fingerprint
    pack.values[k] = responseValue(r) ?? Number.NaN
    pack.count = k + 1
  }
}

