import { createHmac } from 'node:crypto'
import { formatInstant } from '../calendar/dates.js'
import { t } from '../i18n/catalog.js'
import { groupHeading, sectionsOf, type UnitDigest } from './digest.js'

/**
 * The digest as a group robot message (企业微信, 钉钉, 飞书): the markdown text, each platform's
 * payload and signature, the cut to its size limit, and how to read its answer. Pure: the
 * command sends it.
 */

export const PLATFORMS = ['wecom', 'dingtalk', 'feishu'] as const
export type Platform = (typeof PLATFORMS)[number]

/**
 * Size limits: 企业微信 markdown content at most 4096 bytes (UTF-8); 钉钉 message text kept
 * within 20000 bytes; 飞书 request body at most 20 KB, so the whole JSON body is measured.
 */
export const LIMITS: Record<Platform, { bytes: number; measures: 'content' | 'body' }> = {
  wecom: { bytes: 4096, measures: 'content' },
  dingtalk: { bytes: 20000, measures: 'content' },
  feishu: { bytes: 20000, measures: 'body' },
}

/** Whether a platform signs its messages (企业微信 does not: its webhook key is the only credential). */
export function signs(p: Platform): boolean {
  return p !== 'wecom'
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

export interface Message {
  title: string
  /** the markdown text */
  text: string
  /** items in the message, and items left out by the cut */
  shown: number
  omitted: number
}

/**
 * The markdown of some groups, cut to fit: the title, each department and section, one line per
 * item; when the next line would not fit (with room kept for it), the rest is left out and an
 * "and N more: icm today --unit X" line ends the message. `fits` tells whether a text fits.
 */
export function digestMarkdown(groups: readonly UnitDigest[], title: string, moreUnit: string | null, fits: (text: string) => boolean, emptyLine: string): Message {
  const total = groups.reduce((n, g) => n + g.items.length, 0)
  const head = [`### ${title}`]
  if (total === 0) return { title, text: [...head, '', emptyLine].join('\n'), shown: 0, omitted: 0 }
  const more = (n: number) => `\n${t('today.more', { n, command: moreUnit === null ? 'icm today' : `icm today --unit ${moreUnit}` })}`
  const lines = [...head]
  let shown = 0
  for (const g of groups) {
    const blocks: string[] = ['', `**${groupHeading(g)}**`]
    for (const s of sectionsOf(g)) {
      blocks.push(`${s.heading}:`)
      for (const line of s.lines) {
        const candidate = [...lines, ...blocks, `- ${line}`].join('\n')
        const left = total - shown - 1
        if (!fits(left > 0 ? candidate + more(999_999) : candidate)) {
          return { title, text: lines.join('\n') + more(total - shown), shown, omitted: total - shown }
        }
        lines.push(...blocks, `- ${line}`)
        blocks.length = 0
        shown++
      }
    }
  }
  return { title, text: lines.join('\n'), shown, omitted: 0 }
}

/** The message title: 'icm today · IT 信息技术部 · 2026-07-01' (or every unit). */
export function messageTitle(group: UnitDigest | null, asOf: Date): string {
  const day = formatInstant(asOf).slice(0, 10)
  return group === null ? `icm today · ${day}` : `icm today · ${groupHeading(group)} · ${day}`
}

export interface Signature {
  timestamp: string
  sign: string
}

/** 钉钉: timestamp in milliseconds; sign = base64(HMAC-SHA256(key secret, timestamp + "\n" + secret)), URL-encoded as a query parameter. */
export function dingtalkSignature(secret: string, at: Date): Signature {
  const timestamp = String(at.getTime())
  return { timestamp, sign: createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64') }
}

/** 飞书: timestamp in seconds; sign = base64(HMAC-SHA256 keyed by timestamp + "\n" + secret, of an empty message). */
export function feishuSignature(secret: string, at: Date): Signature {
  const timestamp = String(Math.floor(at.getTime() / 1000))
  return { timestamp, sign: createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64') }
}

export interface Request {
  url: string
  body: Record<string, unknown>
}

/** The HTTP request a platform takes for a message, signed when a secret is given. */
export function platformRequest(p: Platform, webhook: string, m: Pick<Message, 'title' | 'text'>, secret: string | null, at: Date): Request {
  if (p === 'wecom') return { url: webhook, body: { msgtype: 'markdown', markdown: { content: m.text } } }
  if (p === 'dingtalk') {
    let url = webhook
    if (secret !== null) {
      const s = dingtalkSignature(secret, at)
      url += `${webhook.includes('?') ? '&' : '?'}timestamp=${s.timestamp}&sign=${encodeURIComponent(s.sign)}`
    }
    return { url, body: { msgtype: 'markdown', markdown: { title: m.title, text: m.text } } }
  }
  const card = {
    msg_type: 'interactive',
    card: { header: { title: { tag: 'plain_text', content: m.title } }, elements: [{ tag: 'markdown', content: m.text }] },
  }
  return { url: webhook, body: secret === null ? card : { ...feishuSignature(secret, at), ...card } }
}

/** Whether a text fits a platform's limit, measured as the platform measures it. */
export function fitsPlatform(p: Platform, title: string): (text: string) => boolean {
  const limit = LIMITS[p]
  if (limit.measures === 'content') return (text) => bytes(text) <= limit.bytes
  // the body with a signature's room (timestamp and a 44-character base64 sign)
  const room = bytes(JSON.stringify({ timestamp: '1234567890', sign: 'x'.repeat(44) }))
  return (text) => bytes(JSON.stringify(platformRequest(p, '', { title, text }, null, new Date(0)).body)) + room <= limit.bytes
}

/** What a platform's answer means: sent, refused (its message), or worth another try. */
export type Answer = { kind: 'ok' } | { kind: 'refused'; message: string } | { kind: 'retry'; message: string }

export function readAnswer(status: number, bodyText: string): Answer {
  if (status >= 500) return { kind: 'retry', message: `HTTP ${status}` }
  let body: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(bodyText)
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>
  } catch {
    // not JSON: judged by the status alone
  }
  const code = body.errcode ?? body.code ?? body.StatusCode
  const message = String(body.errmsg ?? body.msg ?? body.StatusMessage ?? bodyText.slice(0, 200)).trim()
  if (status >= 400) return { kind: 'refused', message: `HTTP ${status}${message ? `: ${message}` : ''}` }
  if (code !== undefined && code !== 0 && code !== '0') return { kind: 'refused', message: `error ${String(code)}${message ? `: ${message}` : ''}` }
  return { kind: 'ok' }
}

/** The pause before try `n` (2, 3 …): base, then doubled, at most 4 × base. */
export function backoffMs(n: number, base: number): number {
  return Math.min(base * 2 ** (n - 2), base * 4)
}
