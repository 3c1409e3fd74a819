import type { Metadata } from 'next'

import { notFound } from 'next/navigation'

import type { JointStatement, Participant, Photo } from '../../../../payload-types.ts'

import { creditText } from '../../../../delivery/credit.ts'
import { fetchArticle } from '../../api.ts'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ slug: string }> }

const ROLE_LABELS: Record<string, string> = {
  host: 'Host',
  guarantor: 'Guarantors',
  party: 'Parties',
  observer: 'Observers',
  mediator: 'Mediators',
  other: 'Also present',
}

const asObject = <T,>(value: unknown): T | undefined => (value && typeof value === 'object' ? (value as T) : undefined)
const longDate = (iso?: string | null) =>
  iso
    ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    : undefined

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params
  const loaded = await fetchArticle(slug)
  return loaded
    ? { title: loaded.article.title, description: loaded.article.summary ?? undefined }
    : { title: 'Not found' }
}

function HeroFigure({ photo }: { photo: Photo }) {
  const credit = creditText(photo.credit)
  const src = photo.sizes?.feature?.url || photo.url || ''
  return (
    <figure className="hero">
      <img
        src={src}
        alt={photo.alt ?? ''}
        width={photo.sizes?.feature?.width ?? photo.width ?? undefined}
        height={photo.sizes?.feature?.height ?? photo.height ?? undefined}
      />
      <figcaption>
        {photo.caption ? <span className="caption">{photo.caption}</span> : null}{' '}
        {credit ? <span className="credit">Photo credit: {credit}</span> : null}
      </figcaption>
    </figure>
  )
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params
  const loaded = await fetchArticle(slug)
  if (!loaded) notFound()
  const { article, html, jsonLd } = loaded
  const hero = asObject<Photo>(article.heroPhoto)
  const statements = (article.statements ?? [])
    .map((s) => asObject<JointStatement>(s))
    .filter((s): s is JointStatement => Boolean(s))

  const byRole = new Map<string, Participant[]>()
  for (const row of article.participants ?? []) {
    const participant = asObject<Participant>(row.participant)
    if (participant) byRole.set(row.role, [...(byRole.get(row.role) ?? []), participant])
  }

  return (
    <article className="story">
      {jsonLd ? (
        // `<` is escaped so that no text in the data can close the script element.
        <script
          type="application/ld+json"
          dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, '\\u003c') }}
        />
      ) : null}
      {article.tags?.[0] ? <p className="story__kicker">{article.tags[0]}</p> : null}
      <h1 className="story__headline">{article.title}</h1>
      {article.summary ? <p className="story__standfirst">{article.summary}</p> : null}
      <p className="story__meta">
        {article.byline ? <span className="story__byline">{article.byline}</span> : null}
        {article.publishedAt ? <time dateTime={article.publishedAt}>{longDate(article.publishedAt)}</time> : null}
      </p>
      {hero ? <HeroFigure photo={hero} /> : null}
      <div className="story__body">
        {article.dateline ? <span className="story__dateline">{article.dateline} — </span> : null}
        {/* The HTML endpoint escapes every text it renders. */}
        <div dangerouslySetInnerHTML={{ __html: html }} />
      </div>

      {byRole.size > 0 ? (
        <aside className="panel" aria-labelledby="who-took-part">
          <h2 id="who-took-part">Who took part</h2>
          <dl className="roles">
            {[...byRole].map(([role, participants]) => (
              <div key={role} className="roles__row">
                <dt>{ROLE_LABELS[role] ?? role}</dt>
                <dd>{participants.map((p) => p.shortName || p.name).join(', ')}</dd>
              </div>
            ))}
          </dl>
        </aside>
      ) : null}

      {statements.map((statement) => (
        <aside key={statement.id} className="panel panel--statement" aria-label="Joint statement">
          <h2>Joint statement</h2>
          <p className="statement__title">{statement.title}</p>
          <p className="statement__meta">
            {[statement.place, longDate(statement.issuedOn)].filter(Boolean).join(', ')}
            {statement.signatories?.length
              ? ` · Signed by ${statement.signatories
                  .map((s) => asObject<Participant>(s))
                  .filter((s): s is Participant => Boolean(s))
                  .map((s) => s.shortName || s.name)
                  .join(', ')}`
              : null}
          </p>
          {statement.sourceUrl ? (
            <a href={statement.sourceUrl} rel="noopener noreferrer">
              Read the statement
            </a>
          ) : null}
        </aside>
      ))}
    </article>
  )
}
