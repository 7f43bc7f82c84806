import { UserError } from '../errors.js'
import type { ProcessStep } from './process.js'
import { t } from '../i18n/catalog.js'

/**
 * The internal customer map (policy chapter 2), derived each time it is asked for from process
 * steps, position dependencies and manual links, merged per supplier→customer pair.
 */
export interface MapUnit {
  id: number
  code: string
  name: string
  active: boolean
}

export interface MapStep extends ProcessStep {
  processCode: string
}

/** Position-function analysis (policy 2.2): a customer position needs a supplier position for some support. */
export interface Dependency {
  customerId: number
  supplierId: number
  support: string
}

/** A manual supplier→customer link, for a relation no process or dependency shows. */
export interface Link {
  supplierId: number
  customerId: number
  provides: string
}

export interface MapInput {
  units: MapUnit[]
  steps: MapStep[]
  dependencies: Dependency[]
  links: Link[]
}

/** A dependency joins two different units. */
export function checkDependency(customer: { id: number; code: string }, supplier: { id: number }): void {
  if (customer.id === supplier.id) throw new UserError(t('dependency.self', { code: customer.code }))
}

/** A link joins two different units. */
export function checkLink(supplier: { id: number }, customer: { id: number; code: string }): void {
  if (customer.id === supplier.id) throw new UserError(t('link.self', { code: customer.code }))
}

export interface MapPair {
  supplier: string
  supplierName: string
  customer: string
  customerName: string
  provides: string[]
  sources: string[]
}

/**
 * One pair per supplier→customer: a process edge a→b with different owners makes owner(a) the
 * supplier of owner(b) for a's output (source `process:P2P#3→#4`); a dependency makes the supplier
 * position serve the customer position; a link is taken as written. Pairs with an inactive unit
 * are left out. Sorted by supplier code, then customer code.
 */
export function deriveCustomerMap(input: MapInput): MapPair[] {
  const units = new Map(input.units.map((u) => [u.id, u]))
  const pairs = new Map<string, MapPair>()
  const add = (supplierId: number, customerId: number, provides: string, source: string) => {
    const s = units.get(supplierId)
    const c = units.get(customerId)
    if (!s || !c || !s.active || !c.active || s.id === c.id) return
    const key = `${s.id}>${c.id}`
    let pair = pairs.get(key)
    if (!pair) {
      pair = { supplier: s.code, supplierName: s.name, customer: c.code, customerName: c.name, provides: [], sources: [] }
      pairs.set(key, pair)
    }
    if (provides && !pair.provides.includes(provides)) pair.provides.push(provides)
    if (!pair.sources.includes(source)) pair.sources.push(source)
  }

  const stepsByProcess = new Map<string, Map<number, MapStep>>()
  for (const step of input.steps) {
    let bySeq = stepsByProcess.get(step.processCode)
    if (!bySeq) stepsByProcess.set(step.processCode, (bySeq = new Map()))
    bySeq.set(step.seq, step)
  }
  for (const [processCode, bySeq] of stepsByProcess) {
    for (const step of [...bySeq.values()].sort((a, b) => a.seq - b.seq)) {
      for (const from of step.afterSeqs) {
        const prev = bySeq.get(from)
        if (!prev || prev.unitId === step.unitId) continue
        add(prev.unitId, step.unitId, prev.output, `process:${processCode}#${prev.seq}→#${step.seq}`)
      }
    }
  }
  for (const d of input.dependencies) add(d.supplierId, d.customerId, d.support, 'dependency')
  for (const l of input.links) add(l.supplierId, l.customerId, l.provides, 'link')

  return [...pairs.values()].sort((a, b) => cmp(a.supplier, b.supplier) || cmp(a.customer, b.customer))
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** A Mermaid flowchart of the map (paste into Markdown that renders Mermaid). */
export function renderMermaid(pairs: MapPair[]): string {
  const id = (code: string) => code.replace(/[^A-Za-z0-9_]/g, '_')
  const q = (s: string) => s.replace(/"/g, '#quot;')
  const lines = ['flowchart LR']
  const seen = new Set<string>()
  for (const p of pairs) {
    for (const [code, name] of [[p.supplier, p.supplierName], [p.customer, p.customerName]] as const) {
      if (seen.has(code)) continue
      seen.add(code)
      lines.push(`  ${id(code)}["${q(code)} ${q(name)}"]`)
    }
  }
  for (const p of pairs) lines.push(`  ${id(p.supplier)} -->|"${q(p.provides.join('; '))}"| ${id(p.customer)}`)
  return `${lines.join('\n')}\n`
}

/** A Graphviz digraph of the map (render with `dot -Tsvg`). */
export function renderDot(pairs: MapPair[]): string {
  const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
  const lines = ['digraph customer_map {', '  rankdir=LR;', '  node [shape=box];']
  const seen = new Set<string>()
  for (const p of pairs) {
    for (const [code, name] of [[p.supplier, p.supplierName], [p.customer, p.customerName]] as const) {
      if (seen.has(code)) continue
      seen.add(code)
      lines.push(`  ${q(code)} [label=${q(`${code}\n${name}`)}];`)
    }
  }
  for (const p of pairs) lines.push(`  ${q(p.supplier)} -> ${q(p.customer)} [label=${q(p.provides.join('; '))}];`)
  lines.push('}')
  return `${lines.join('\n')}\n`
}
