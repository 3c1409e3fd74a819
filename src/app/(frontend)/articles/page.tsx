import type { Photo } from '../../../payload-types.ts'

import { fetchArticleList } from '../api.ts'

export const dynamic = 'force-dynamic'

export default async function ArticleIndex() {
  const articles = await fetchArticleList()
  return (
    <section className="index">
      <h1 className="index__title">Latest</h1>
      <ul className="index__list">
        {articles.map((article) => {
          const hero = typeof article.heroPhoto === 'object' ? (article.heroPhoto as Photo | null) : null
          return (
            <li key={article.id} className="index__item">
              {hero?.sizes?.thumbnail?.url ? (
                <img src={hero.sizes.thumbnail.url} alt={hero.alt ?? ''} width={160} height={120} />
              ) : null}
              <div>
                <a href={`/articles/${article.slug}`} className="index__headline">
                  {article.title}
                </a>
                {article.summary ? <p className="index__summary">{article.summary}</p> : null}
              </div>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
