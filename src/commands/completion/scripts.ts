import type { CommandNode, ValueSpec } from './tree.js'

/**
 * The completion scripts, generated from the command tree: bash (zsh loads it through
 * bashcompinit), fish and PowerShell. Static parts (commands, flags, fixed values) are in the
 * script; codes from the database come from `icm __complete KIND PREFIX`, which answers quickly
 * because it loads no command group.
 */
function specWord(spec: ValueSpec): string {
  if ('words' in spec) return spec.words.join(' ')
  if ('dynamic' in spec) return `@${spec.dynamic}`
  if ('file' in spec) return '@file'
  return '@none'
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

export function bashScript(tree: readonly CommandNode[]): string {
  const subs = tree.filter((n) => n.subcommands.length > 0).map((n) => `    ${q(n.path)}) echo ${q(n.subcommands.join(' '))} ;;`)
  const flags = tree.map((n) => `    ${q(n.path)}) echo ${q(n.flags.join(' '))} ;;`)
  const values = tree.flatMap((n) => Object.entries(n.values).map(([flag, spec]) => `    ${q(`${n.path}|${flag}`)}) echo ${q(specWord(spec))} ;;`))
  const args = tree.filter((n) => !('none' in n.argument)).map((n) => `    ${q(n.path)}) echo ${q(specWord(n.argument))} ;;`)
  return `# icm completion for bash (and zsh through bashcompinit). Load it with:
#   source <(icm completion bash)        or save it in ~/.local/share/bash-completion/completions/icm
_icm_subs() {
  case "$1" in
${subs.join('\n')}
  esac
}
_icm_flags() {
  case "$1" in
${flags.join('\n')}
  esac
}
_icm_value() {
  case "$1|$2" in
${values.join('\n')}
  esac
}
_icm_arg() {
  case "$1" in
${args.join('\n')}
  esac
}
_icm_reply() {
  local spec="$1" cur="$2" db="$3"
  case "$spec" in
    @file) COMPREPLY=($(compgen -f -- "$cur")) ;;
    @none) COMPREPLY=() ;;
    @*)
      local found
      found="$(\${_ICM_COMMAND:-icm} $db __complete "\${spec#@}" "$cur" 2>/dev/null)"
      local IFS=$'\\n'
      COMPREPLY=($(compgen -W "$found" -- "$cur")) ;;
    *) COMPREPLY=($(compgen -W "$spec" -- "$cur")) ;;
  esac
}
_icm() {
  COMPREPLY=()
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" path="" w i expect=0 positional=0 db=""
  ((COMP_CWORD > 0)) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if ((expect)); then expect=0; continue; fi
    if [[ $w == --db ]]; then db="--db \${COMP_WORDS[i+1]}"; fi
    if [[ $w == -* ]]; then [[ -n "$(_icm_value "$path" "$w")" ]] && expect=1; continue; fi
    if [[ " $(_icm_subs "$path") " == *" $w "* ]]; then path="\${path:+$path }$w"; else positional=$((positional + 1)); fi
  done
  if ((expect)); then _icm_reply "$(_icm_value "$path" "$prev")" "$cur" "$db"; return; fi
  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$(_icm_flags "$path")" -- "$cur")); return; fi
  local subs="$(_icm_subs "$path")"
  if [[ -n $subs ]]; then COMPREPLY=($(compgen -W "$subs" -- "$cur")); return; fi
  ((positional == 0)) && _icm_reply "$(_icm_arg "$path")" "$cur" "$db"
}
complete -F _icm icm
`
}

export function zshScript(tree: readonly CommandNode[]): string {
  return `# icm completion for zsh. Load it with: source <(icm completion zsh)
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashScript(tree)}`
}

export function fishScript(tree: readonly CommandNode[]): string {
  const subs = tree.filter((n) => n.subcommands.length > 0).map((n) => `        case ${q(n.path)}\n            echo ${q(n.subcommands.join(' '))}`)
  const flags = tree.map((n) => `        case ${q(n.path)}\n            echo ${q(n.flags.join(' '))}`)
  const values = tree.flatMap((n) => Object.entries(n.values).map(([flag, spec]) => `        case ${q(`${n.path}|${flag}`)}\n            echo ${q(specWord(spec))}`))
  const args = tree.filter((n) => !('none' in n.argument)).map((n) => `        case ${q(n.path)}\n            echo ${q(specWord(n.argument))}`)
  const sw = (name: string, arg: string, cases: string[]) => `function ${name}\n    switch ${arg}\n${cases.join('\n')}\n    end\nend`
  return `# icm completion for fish. Load it with: icm completion fish | source
${sw('__icm_subs', '$argv[1]', subs)}
${sw('__icm_flags', '$argv[1]', flags)}
${sw('__icm_value', '"$argv[1]|$argv[2]"', values)}
${sw('__icm_arg', '$argv[1]', args)}
function __icm_reply
    set -l spec $argv[1]
    switch $spec
        case '@file'
            __fish_complete_path $argv[2]
        case '@none'
        case '@*'
            set -q _ICM_COMMAND; or set -l _ICM_COMMAND icm
            eval $_ICM_COMMAND __complete (string sub -s 2 -- $spec) (string escape -- $argv[2]) 2>/dev/null
        case '*'
            string split ' ' -- $spec
    end
end
function __icm_candidates
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l path ''
    set -l expect 0
    set -l positional 0
    for w in $words[2..-1]
        if test $expect -eq 1
            set expect 0
            continue
        end
        if string match -q -- '-*' $w
            test -n "(__icm_value "$path" $w)"; and set expect 1
            continue
        end
        if contains -- $w (string split ' ' -- (__icm_subs "$path"))
            if test -z "$path"; set path $w; else; set path "$path $w"; end
        else
            set positional (math $positional + 1)
        end
    end
    if test $expect -eq 1
        __icm_reply (__icm_value "$path" $words[-1]) $cur
    else if string match -q -- '-*' $cur
        string split ' ' -- (__icm_flags "$path")
    else if test -n "(__icm_subs "$path")"
        string split ' ' -- (__icm_subs "$path")
    else if test $positional -eq 0
        __icm_reply (__icm_arg "$path") $cur
    end
end
complete -c icm -f -a '(__icm_candidates)'
`
}

export function powershellScript(): string {
  return `# icm completion for PowerShell. Load it with: icm completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName icm -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
    if ($wordToComplete -eq '') { $words += '' }
    & icm __complete --words -- @words 2>$null | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
`
}
