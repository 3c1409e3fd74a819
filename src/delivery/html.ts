import type { HTMLConvertersFunction } from '@payloadcms/richtext-lexical/html'

import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import escapeHTML from 'escape-html'

import type { ArticleSlugs } from '../article/inventory.ts'
import type { Article, JointStatement, Participant, Photo, Statement } from '../model/documents.ts'

import { readAttribution } from '../article/inventory.ts'
import { populated } from '../model/documents.ts'
import { languageName } from '../model/languages.ts'
import { creditText } from './credit.ts'

const MANNERS: Record<string, string> = {
  'official-comment': 'official comment',
  'joint-statement': 'joint statement',
  statement: 'statement',
  interview: 'interview',
  'press-conference': 'press conference',
}

/** A statement's kind as readers read it. */
const STATEMENT_KINDS: Record<string, string> = {
  'official-comment': 'official comment',
  'press-release': 'press release',
  speech: 'speech',
  briefing: 'briefing',
  'interview-transcript': 'interview',
}

const longDate = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** Where a quotation's source can be read, when it is a web address. */
function citeOf(source: { sourceUrl?: string | null } | undefined): string | undefined {
  const url = source?.sourceUrl?.trim()
  return url && /^https?:\/\//i.test(url) ? url : undefined
}

/** A photo as a figure whose caption ends with its credit. Every text is escaped. */
export function photoFigure(photo: Photo, size: 'card' | 'feature' = 'card'): string {
  const src = photo.sizes?.[size]?.url || photo.url || ''
  const credit = creditText(photo.credit)
  const caption = [
    photo.caption ? `<span class="caption">${escapeHTML(photo.caption)}</span>` : '',
    credit ? `<span class="credit">Photo credit: ${escapeHTML(credit)}</span>` : '',
  ]
    .filter(Boolean)
    .join(' ')
  const width = photo.sizes?.[size]?.width ?? photo.width
  const height = photo.sizes?.[size]?.height ?? photo.height
  return (
    `<figure class="photo" data-photo-id="${escapeHTML(String(photo.id))}">` +
    `<img src="${escapeHTML(src)}" alt="${escapeHTML(photo.alt ?? '')}"${width ? ` width="${width}"` : ''}${height ? ` height="${height}"` : ''} loading="lazy">` +
    (caption ? `<figcaption>${caption}</figcaption>` : '') +
    '</figure>'
  )
}

/** The source a quote block is attributed to, populated: a participant, a joint statement or a statement. */
function sourceOf(fields: Record<string, unknown>, slugs: ArticleSlugs) {
  const attributed = readAttribution(fields.attributedTo, slugs)
  return {
    participant: attributed?.collection === 'participants' ? populated<Participant>(attributed.value) : undefined,
    jointStatement:
      attributed?.collection === 'jointStatements' ? populated<JointStatement>(attributed.value) : undefined,
    statement: attributed?.collection === 'statements' ? populated<Statement>(attributed.value) : undefined,
  }
}

function attribution(fields: Record<string, unknown>, slugs: ArticleSlugs): string {
  const { participant, jointStatement, statement } = sourceOf(fields, slugs)
  const issuer = statement ? populated<Participant>(statement.issuer) : undefined
  const who = participant?.name ?? jointStatement?.title ?? issuer?.name ?? statement?.title
  const manner = statement
    ? statement.kind
      ? STATEMENT_KINDS[statement.kind]
      : undefined
    : typeof fields.manner === 'string' && fields.manner !== 'joint-statement'
      ? MANNERS[fields.manner]
      : undefined
  const saidOn = typeof fields.saidOn === 'string' ? fields.saidOn : undefined
  const when = saidOn
    ? `<time datetime="${new Date(saidOn).toISOString().slice(0, 10)}">${new Date(saidOn).toISOString().slice(0, 10)}</time>`
    : statement?.issuedOn
      ? `<time datetime="${statement.issuedOn.slice(0, 10)}">${escapeHTML(longDate(statement.issuedOn))}</time>`
      : ''
  const translatedFrom = typeof fields.translatedFrom === 'string' && fields.translatedFrom ? fields.translatedFrom : ''
  const parts = [
    who ? `<cite>${escapeHTML(who)}</cite>` : '',
    manner ? escapeHTML(manner) : '',
    when,
    translatedFrom
      ? `<span class="translation">translated from ${escapeHTML(languageName(translatedFrom))} by the desk</span>`
      : '',
  ]
  return parts.filter(Boolean).join(', ')
}

/**
 * Where a photo readers may no longer see stood (its rights expired, or it is otherwise withheld):
 * an empty frame, so the layout keeps its rhythm and nothing of the photo is told.
 */
export const UNAVAILABLE_PHOTO_FIGURE =
  '<figure class="photo photo--unavailable">' +
  '<div class="photo__placeholder" role="img" aria-label="Photo no longer available"></div>' +
  '</figure>'

const SAFE_URL = /^(https?:|mailto:|\/|#)/i

const convertersFor =
  (slugs: ArticleSlugs): HTMLConvertersFunction =>
  ({ defaultConverters }) => ({
    ...defaultConverters,
    upload: ({ node }) => {
      const photo = populated<Photo>((node as { value?: unknown }).value)
      return photo ? photoFigure(photo) : UNAVAILABLE_PHOTO_FIGURE
    },
    link: ({ node, nodesToHTML }) => {
      const fields = (node as { fields?: { url?: string; newTab?: boolean } }).fields ?? {}
      const href = fields.url && SAFE_URL.test(fields.url.trim()) ? fields.url.trim() : undefined
      const inner = nodesToHTML({ nodes: node.children ?? [] }).join('')
      return href
        ? `<a href="${escapeHTML(href)}"${fields.newTab ? ' target="_blank" rel="noopener noreferrer"' : ''}>${inner}</a>`
        : inner
    },
    blocks: {
      quote: ({ node }: { node: { fields: Record<string, unknown> } }) => {
        const fields = node.fields
        const by = attribution(fields, slugs)
        const { jointStatement, statement } = sourceOf(fields, slugs)
        const cite = citeOf(statement ?? jointStatement)
        return (
          '<figure class="quotation">' +
          `<blockquote${cite ? ` cite="${escapeHTML(cite)}"` : ''}><p>${escapeHTML(String(fields.text ?? ''))}</p></blockquote>` +
          (by ? `<figcaption>— ${by}</figcaption>` : '') +
          '</figure>'
        )
      },
    },
  })

/** The article body as HTML: photos as figures with their credit, quotations with their attribution. */
export function articleBodyToHtml(article: Article, slugs: ArticleSlugs): string {
  if (!article.body) return ''
  return convertLexicalToHTML({ data: article.body as never, converters: convertersFor(slugs), disableContainer: true })
}
