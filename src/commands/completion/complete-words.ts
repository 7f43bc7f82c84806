import type { CommandNode, DynamicKind, ValueSpec } from './tree.js'

/**
 * What completes the last word of a command line, worked out from the command tree: the same
 * rules the bash and fish scripts follow (they carry the tree in their own syntax). Used by the
 * PowerShell completer through `icm __complete --words`, and by the tests.
 */
export type Candidates = { words: string[] } | { dynamic: DynamicKind; prefix: string } | { file: true }

export function completeWords(tree: readonly CommandNode[], words: readonly string[]): Candidates {
  const byPath = new Map(tree.map((n) => [n.path, n]))
  const current = words[words.length - 1] ?? ''
  let path = ''
  let positional = 0
  let expectValue = false
  for (const w of words.slice(0, -1)) {
    if (expectValue) {
      expectValue = false
      continue
    }
    const node = byPath.get(path)!
    if (w.startsWith('-')) {
      expectValue = node.values[w] !== undefined
      continue
    }
    if (node.subcommands.includes(w)) path = path === '' ? w : `${path} ${w}`
    else positional++
  }
  const node = byPath.get(path)!
  const previous = words[words.length - 2]
  const filter = (list: readonly string[]) => ({ words: list.filter((x) => x.startsWith(current)) })
  if (expectValue && previous) return fromSpec(node.values[previous]!, current, filter)
  if (current.startsWith('-')) return filter(node.flags)
  if (node.subcommands.length > 0) return filter(node.subcommands)
  if (positional === 0) return fromSpec(node.argument, current, filter)
  return { words: [] }
}

function fromSpec(spec: ValueSpec, current: string, filter: (l: readonly string[]) => { words: string[] }): Candidates {
  if ('words' in spec) return filter(spec.words)
  if ('dynamic' in spec) return { dynamic: spec.dynamic, prefix: current }
  if ('file' in spec) return { file: true }
  return { words: [] }
}
