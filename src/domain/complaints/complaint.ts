import type { ComplaintFacts, EvidenceKind } from './complaint-rules.js'
import type { ComplaintStatus } from './complaint-state.js'

/**
 * A complaint as the rules see it (policy chapter 7): its current state of every step. Instants
 * are ISO 8601 UTC text, dates 'YYYY-MM-DD', units by id. The timeline keeps every step.
 */
export interface Complaint {
  id: number
  code: string
  /** the complaining unit; null for an anonymous complaint (nothing else identifies one) */
  complainantId: number | null
  /** the unit complained about */
  againstId: number
  requestId: number | null
  channel: string
  summary: string
  handler: string
  status: ComplaintStatus
  /** when it was received (--at) */
  receivedAt: string
  investigatedAt: string | null
  /** the current plan; null before one */
  plan: ComplaintPlan | null
  /** the complainant's answer to the current plan; null before one */
  feedback: ComplaintFeedback | null
  /** the last follow-up verification of the current plan; null before one */
  verification: ComplaintVerification | null
  rootCause: RootCause | null
  /** when the status last changed (later steps may not be dated before it) */
  statusChangedAt: string
  createdAt: string
  updatedAt: string
}

export interface ComplaintPlan {
  responsibleId: number
  measures: string
  deadline: string
  plannedAt: string
}

export interface ComplaintFeedback {
  accepted: boolean
  note: string | null
  at: string
}

export interface ComplaintVerification {
  resolved: boolean
  satisfaction: number
  note: string | null
  at: string
}

export interface RootCause {
  category: string
  analysis: string
  at: string
}

/** A complaint about to be stored: everything but the id and the code its series gives it. */
export type NewComplaint = Omit<Complaint, 'id' | 'code'>

/** The facts the rules of complaint-rules.ts read from a complaint. */
export function complaintFacts(c: Complaint): ComplaintFacts {
  return {
    status: c.status,
    planDeadline: c.plan?.deadline ?? null,
    verifiedAt: c.verification ? new Date(c.verification.at) : null,
    satisfaction: c.verification?.satisfaction ?? null,
  }
}

/** A file kept as evidence: its base name, size in bytes and sha256 (hex), so later tampering shows. */
export interface EvidenceFile {
  name: string
  size: number
  sha256: string
}

/** An evidence item, numbered 1, 2, … within its complaint. */
export interface Evidence {
  seq: number
  kind: EvidenceKind
  note: string
  file: EvidenceFile | null
  /** when it was collected (--at) */
  at: string
  actor: string
}

/** A step of the timeline: when it happened, who recorded it, the status it left and what it recorded. */
export interface ComplaintTimelineStep {
  at: string
  step: string
  actor: string
  statusBefore: ComplaintStatus | null
  statusAfter: ComplaintStatus
  details: Record<string, unknown>
}
