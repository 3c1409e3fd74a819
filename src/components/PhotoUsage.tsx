import type { UIFieldServerProps } from 'payload'

/**
 * Server component in a photo's sidebar: the published articles that show this photo, so an
 * editor knows what a change of credit touches before saving it. One indexed query.
 */
export async function PhotoUsage({ data, payload, articlesSlug }: UIFieldServerProps & { articlesSlug?: string }) {
  const id = (data as { id?: number | string } | undefined)?.id
  if (id == null) return null
  const { docs, totalDocs } = await payload.find({
    collection: (articlesSlug ?? 'articles') as 'articles',
    where: { and: [{ photosUsed: { in: [id] } }, { _status: { equals: 'published' } }] },
    depth: 0,
    limit: 10,
    sort: '-publishedAt',
    select: { title: true },
    overrideAccess: true,
  })
  return (
    <div className="photo-usage" style={{ marginBottom: 24 }}>
      <h4 style={{ margin: '0 0 6px', fontSize: 13, textTransform: 'uppercase', letterSpacing: '0.04em' }}>
        Used in published articles
      </h4>
      {totalDocs === 0 ? (
        <p style={{ margin: 0, color: 'var(--theme-elevation-500)' }}>None yet.</p>
      ) : (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {docs.map((article) => (
            <li key={article.id}>
              <a href={`${payload.config.routes.admin}/collections/${articlesSlug ?? 'articles'}/${article.id}`}>
                {article.title}
              </a>
            </li>
          ))}
          {totalDocs > docs.length ? <li>and {totalDocs - docs.length} more</li> : null}
        </ul>
      )}
    </div>
  )
}
