import { hasMessage, t } from '../domain/i18n/catalog.js'

/**
 * All terminal IO goes through an IO value, so commands never touch process.stdout directly and
 * tests run without a TTY: systemIO() for the real terminal, testIO() to capture and script.
 */
/** One entry of a search prompt's list: the value returned and the text shown. */
export interface SearchChoice {
  value: string
  name: string
}

export interface Prompter {
  /** free text; `validate` returns true or what is wrong, and the question is asked again */
  input(opts: { message: string; validate?: (value: string) => boolean | string | Promise<boolean | string> }): Promise<string>
  /** a list that narrows as the user types: `source` gives the entries for the text typed so far */
  search(opts: { message: string; source: (typed: string | undefined) => Promise<readonly SearchChoice[]> }): Promise<string>
  select<T extends string>(opts: { message: string; choices: readonly T[] }): Promise<T>
  confirm(opts: { message: string; default?: boolean }): Promise<boolean>
}

export interface IO {
  out(text: string): void
  err(text: string): void
  /** stdout is a terminal: aligned tables instead of tab-separated lines. */
  stdoutIsTTY: boolean
  /** stdin and stderr are a terminal: prompts and progress are allowed. */
  interactive: boolean
  /** colour allowed (stdout is a TTY and NO_COLOR is not set). */
  color: boolean
  /** the terminal's width and height in characters when stdout is a terminal */
  columns?: number
  rows?: number
  /** Shows text through the pager command (a shell command line, e.g. $PAGER); false when it could not run. */
  page(text: string, pager: string): Promise<boolean>
  prompter: Prompter
}


/** The key tips under a list (↑↓ navigate • ⏎ select) in the interface language. */
const KEYS_THEME = {
  style: {
    keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${hasMessage(`prompt.key.${action}`) ? t(`prompt.key.${action}` as 'prompt.key.select') : action}`).join(' • '),
  },
}

export function systemIO(env: NodeJS.ProcessEnv = process.env): IO {
  const stdoutIsTTY = process.stdout.isTTY === true
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true
  const out = quietWhenClosed(process.stdout)
  const err = quietWhenClosed(process.stderr)
  return {
    out,
    err,
    stdoutIsTTY,
    interactive,
    color: stdoutIsTTY && !env.NO_COLOR,
    columns: stdoutIsTTY ? process.stdout.columns : undefined,
    rows: stdoutIsTTY ? process.stdout.rows : undefined,
    page: (text, pager) => runPager(text, pager, env),
    prompter: inquirerPrompter(),
  }
}

/** Pipes text into the pager (`sh -c`, like git); resolves false when the shell could not start it. */
async function runPager(text: string, pager: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const { spawn } = await import('node:child_process')
  return new Promise((resolve) => {
    const child = spawn(pager, { shell: true, stdio: ['pipe', 'inherit', 'inherit'], env: { LESS: 'FRX', ...env } })
    child.on('error', () => resolve(false))
    child.stdin.on('error', () => {}) // the pager quit before reading everything (q in less)
    child.on('close', (code) => resolve(code !== 126 && code !== 127))
    child.stdin.end(text)
  })
}

/**
 * Writes to a stream that the reader may close early (`icm request list | head`): once the pipe
 * is closed (EPIPE), further output is dropped and the command finishes with its own exit code,
 * like `git log | head`, rather than dying with a stack trace.
 */
function quietWhenClosed(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true
    else throw e
  })
  return (text) => {
    if (!closed) stream.write(text)
  }
}

/** Prompts through @inquirer/prompts, loaded only when a prompt is really shown; drawn on stderr. */
function inquirerPrompter(): Prompter {
  const load = () => import('@inquirer/prompts')
  const context = { output: process.stderr }
  return {
    async input(opts) {
      const { input } = await load()
      return input({ message: opts.message, validate: opts.validate }, context)
    },
    async search(opts) {
      const { search } = await load()
      return search({ message: opts.message, source: async (typed) => [...(await opts.source(typed))], pageSize: 10, theme: KEYS_THEME }, context)
    },
    async select(opts) {
      const { select } = await load()
      return select({ message: opts.message, choices: opts.choices.map((value) => ({ value, name: value })), theme: KEYS_THEME }, context)
    },
    async confirm(opts) {
      const { confirm } = await load()
      return confirm({ message: opts.message, default: opts.default ?? false, transformer: (yes) => t(yes ? 'prompt.yes' : 'prompt.no') }, context)
    },
  }
}

export interface TestIO extends IO {
  stdout(): string
  stderr(): string
  /** Prompts asked so far (their messages; a question asked again after a refused answer is in it again). */
  asked: string[]
  /** What was said about refused answers, in order. */
  refused: string[]
  /** What went through the pager: its command and text. */
  paged: { pager: string; text: string }[]
}

/** Captures output; `answers` are given, in order, to the prompts the command asks. */
export function testIO(opts: { tty?: boolean; answers?: (string | boolean)[]; columns?: number; rows?: number } = {}): TestIO {
  let out = ''
  const paged: { pager: string; text: string }[] = []
  let err = ''
  const answers = [...(opts.answers ?? [])]
  const asked: string[] = []
  const refused: string[] = []
  const next = (message: string) => {
    asked.push(message)
    if (answers.length === 0) throw new Error(`test prompt not answered: ${message}`)
    return answers.shift() as string | boolean
  }
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    stdoutIsTTY: opts.tty ?? false,
    interactive: opts.tty ?? false,
    color: false,
    columns: opts.tty ? (opts.columns ?? 80) : undefined,
    rows: opts.tty ? (opts.rows ?? 24) : undefined,
    page: async (text, pager) => {
      paged.push({ pager, text })
      return true
    },
    asked,
    refused,
    paged,
    prompter: {
      // like a terminal: a refused answer is said and the question asked again (the next answer)
      input: async (o) => {
        for (;;) {
          const value = String(next(o.message))
          const ok = o.validate ? await o.validate(value) : true
          if (ok === true) return value
          refused.push(String(ok))
        }
      },
      // the answer is what is typed in the search box; the first entry of the list is taken, and
      // an answer that leaves the list empty is typed again (the next answer)
      search: async (o) => {
        for (;;) {
          const typed = String(next(o.message))
          const list = await o.source(typed)
          if (list.length > 0) return list[0]!.value
          refused.push(`no results for '${typed}'`)
        }
      },
      select: async <T extends string>(o: { message: string; choices: readonly T[] }) => {
        const value = String(next(o.message)) as T
        if (!o.choices.includes(value)) throw new Error(`test answer '${value}' not among ${o.choices.join(', ')}`)
        return value
      },
      confirm: async (o) => Boolean(next(o.message)),
    },
    stdout: () => out,
    stderr: () => err,
  }
}

/** IO that discards everything and never prompts (the demo builds its company with it). */
export function silentIO(): IO {
  const refuse = async (): Promise<never> => {
    throw new Error('silent IO cannot prompt')
  }
  return {
    out: () => {},
    err: () => {},
    stdoutIsTTY: false,
    interactive: false,
    color: false,
    page: async () => true,
    prompter: { input: refuse, search: refuse, select: refuse, confirm: refuse },
  }
}
