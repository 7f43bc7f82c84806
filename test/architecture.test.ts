import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './helpers/harness.js'

/**
 * The layers of docs/architecture.md, checked on the source: every import of every file in src/
 * (static, type-only and dynamic), resolved to the file it names.
 *
 *   bin → cli, commands/registry       commands → cli, storage, domain, demo (the demo group)
 *   cli → storage, domain              storage → domain           domain → nothing of icm
 *   migrations → kysely, node: and the migrations folder only (frozen in time)
 */
const SRC = path.join(ROOT, 'src')

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(full)
    return e.name.endsWith('.ts') ? [full] : []
  })
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

interface Edge {
  from: string
  to: string
}

/** Every import as [file, target]: a file under src/ for relative imports, else the package name. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2]!
    if (!spec.startsWith('.')) {
      out.push(spec)
      continue
    }
    const resolved = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts')
    out.push(resolved)
  }
  return out
}

const files = sourceFiles(SRC)
const rel = (f: string) => path.relative(SRC, f)
const edges: Edge[] = files.flatMap((f) => importsOf(f).filter((t) => t.startsWith(SRC)).map((t) => ({ from: rel(f), to: rel(t) })))
const layer = (f: string) => f.split(path.sep)[0]!

/** Strongly connected components with more than one member (Tarjan), over the given graph. */
function cycles(nodes: string[], next: (n: string) => string[]): string[][] {
  let index = 0
  const indexOf = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string) => {
    indexOf.set(v, index)
    low.set(v, index++)
    stack.push(v)
    onStack.add(v)
    for (const w of next(v)) {
      if (!indexOf.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!))
    }
    if (low.get(v) === indexOf.get(v)) {
      const scc: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        scc.push(w)
      } while (w !== v)
      if (scc.length > 1) found.push(scc.sort())
    }
  }
  for (const n of nodes) if (!indexOf.has(n)) visit(n)
  return found
}

describe('the architecture (docs/architecture.md)', () => {
  it('finds the source and its imports', () => {
    expect(files.length).toBeGreaterThan(100)
    expect(edges.length).toBeGreaterThan(500)
  })

  it('keeps src/domain pure: it imports nothing from storage, cli, commands or the demo', () => {
    const bad = edges.filter((e) => layer(e.from) === 'domain' && layer(e.to) !== 'domain')
    expect(bad).toEqual([])
    const io = files.filter((f) => rel(f).startsWith('domain')).flatMap((f) => importsOf(f).filter((t) => /^(node:)?(fs|child_process|net|http|https|worker_threads)$/.test(t)).map((t) => `${rel(f)} → ${t}`))
    expect(io).toEqual([])
  })

  it('keeps the message catalog a leaf: src/domain/i18n imports nothing else of icm', () => {
    const inI18n = (f: string) => f.startsWith(path.join('domain', 'i18n'))
    expect(edges.filter((e) => inI18n(e.from) && !inI18n(e.to))).toEqual([])
  })

  it('keeps storage below the CLI: it imports only domain and storage', () => {
    expect(edges.filter((e) => layer(e.from) === 'storage' && !['storage', 'domain'].includes(layer(e.to)))).toEqual([])
  })

  it('keeps src/cli free of command groups (the registry reaches it through the context)', () => {
    expect(edges.filter((e) => layer(e.from) === 'cli' && !['cli', 'storage', 'domain'].includes(layer(e.to)))).toEqual([])
  })

  it('lets no command group import another group', () => {
    const groupOf = (f: string) => (f.startsWith(`commands${path.sep}`) ? f.split(path.sep)[1] : undefined)
    const bad = edges.filter((e) => {
      const from = groupOf(e.from)
      const to = groupOf(e.to)
      return from !== undefined && to !== undefined && from !== to && from !== 'registry.ts'
    })
    expect(bad).toEqual([])
  })

  it('lets the demo drive the commands only through icm command lines (it imports no command group)', () => {
    expect(edges.filter((e) => layer(e.from) === 'demo' && layer(e.to) !== 'demo')).toEqual([])
  })

  it('freezes the migrations: they import kysely, node builtins and their own folder only', () => {
    const migrations = files.filter((f) => rel(f).startsWith(path.join('storage', 'migrations')))
    const bad = migrations.flatMap((f) =>
      importsOf(f)
        .filter((t) => (t.startsWith(SRC) ? !rel(t).startsWith(path.join('storage', 'migrations')) : !(t === 'kysely' || t.startsWith('node:'))))
        .map((t) => `${rel(f)} → ${t.startsWith(SRC) ? rel(t) : t}`),
    )
    expect(bad).toEqual([])
  })

  it('has no import circle between files', () => {
    const next = new Map<string, string[]>()
    for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to])
    expect(cycles(files.map(rel), (n) => next.get(n) ?? [])).toEqual([])
  })

  it('has no import circle between folders', () => {
    const dir = (f: string) => path.dirname(f)
    const next = new Map<string, Set<string>>()
    for (const e of edges) {
      if (dir(e.from) === dir(e.to)) continue
      next.set(dir(e.from), (next.get(dir(e.from)) ?? new Set()).add(dir(e.to)))
    }
    const dirs = [...new Set(files.map((f) => dir(rel(f))))]
    expect(cycles(dirs, (n) => [...(next.get(n) ?? [])])).toEqual([])
  })

  it('keeps every file in src/ under 400 lines', () => {
    const big = files.map((f) => [rel(f), fs.readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 400)
    expect(big).toEqual([])
  })
})
