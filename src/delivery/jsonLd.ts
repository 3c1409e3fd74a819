import type {
  Country,
  CreativeWork,
  GovernmentOrganization,
  ImageObject,
  NewsArticle,
  Organization,
  Person,
  Quotation,
  WithContext,
} from 'schema-dts'

import type { ArticleSlugs } from '../article/inventory.ts'
import type { Article, JointStatement, Participant, Photo, Statement } from '../model/documents.ts'

import { readArticle, readAttribution } from '../article/inventory.ts'
import { populated } from '../model/documents.ts'
import { creditText, wikidataUrl } from './credit.ts'

type Agent = Country | GovernmentOrganization | Organization | Person
type Author = GovernmentOrganization | Organization | Person

/** A participant as schema.org sees it: a state is a Country, a ministry a GovernmentOrganization. */
export function participantToSchema(participant: Participant): Agent {
  const sameAs = wikidataUrl(participant.wikidataId)
  const common = {
    name: participant.name,
    ...(participant.shortName ? { alternateName: participant.shortName } : {}),
    ...(sameAs ? { sameAs } : {}),
  }
  switch (participant.kind) {
    case 'state':
      return { '@type': 'Country', ...common }
    case 'person':
      return { '@type': 'Person', ...common }
    case 'government':
    case 'ministry':
      return { '@type': 'GovernmentOrganization', ...common }
    default:
      return { '@type': 'Organization', ...common }
  }
}

/** As the author of a text or a quotation a state acts through its government: an organisation. */
export function participantAsAuthor(participant: Participant): Author {
  const agent = participantToSchema(participant) as { '@type': string }
  return agent['@type'] === 'Country'
    ? ({ ...agent, '@type': 'GovernmentOrganization' } as GovernmentOrganization)
    : (agent as Author)
}

const absolute = (url: string | null | undefined, origin: string) => (url ? new URL(url, origin).toString() : undefined)

function imageToSchema(photo: Photo, origin: string): ImageObject {
  const credit = photo.credit ?? {}
  const issuer = populated<Participant>(credit.issuer)
  const usage = credit.usageTerms?.trim()
  return {
    '@type': 'ImageObject',
    contentUrl: absolute(photo.url, origin),
    ...(photo.width ? { width: String(photo.width) } : {}),
    ...(photo.height ? { height: String(photo.height) } : {}),
    ...(photo.caption || photo.alt ? { caption: photo.caption || photo.alt || undefined } : {}),
    ...(creditText(credit) ? { creditText: creditText(credit) } : {}),
    ...(credit.creator ? { creator: { '@type': 'Person', name: credit.creator } } : {}),
    ...(credit.copyright ? { copyrightNotice: credit.copyright } : {}),
    ...(issuer ? { copyrightHolder: participantAsAuthor(issuer) } : {}),
    ...(usage && /^https?:\/\//.test(usage) ? { license: usage } : {}),
  }
}

function statementToSchema(statement: JointStatement): CreativeWork {
  return {
    '@type': 'CreativeWork',
    name: statement.title,
    ...(statement.language ? { inLanguage: statement.language } : {}),
    ...(statement.issuedOn ? { datePublished: statement.issuedOn.slice(0, 10) } : {}),
    ...(statement.sourceUrl ? { url: statement.sourceUrl } : {}),
    ...(statement.place ? { locationCreated: { '@type': 'Place', name: statement.place } } : {}),
    author: (statement.signatories ?? [])
      .map((s) => populated<Participant>(s))
      .filter((s): s is Participant => Boolean(s))
      .map(participantAsAuthor),
  }
}

/** One participant's statement as the work a quotation is based on: its original language, address and issuer. */
function issuedStatementToSchema(statement: Statement): CreativeWork {
  const issuer = populated<Participant>(statement.issuer)
  return {
    '@type': 'CreativeWork',
    name: statement.title,
    ...(statement.language ? { inLanguage: statement.language } : {}),
    ...(statement.issuedOn ? { datePublished: statement.issuedOn.slice(0, 10) } : {}),
    ...(statement.sourceUrl ? { url: statement.sourceUrl } : {}),
    ...(statement.place ? { locationCreated: { '@type': 'Place', name: statement.place } } : {}),
    ...(issuer ? { author: [participantAsAuthor(issuer)] } : {}),
  }
}

/** The article as a schema.org NewsArticle, for search engines and aggregators. */
export function articleToJsonLd(
  article: Article,
  options: { origin: string; url: string; authors: string[]; slugs: ArticleSlugs },
): WithContext<NewsArticle> {
  const inventory = readArticle(article as unknown as Record<string, unknown>, options.slugs)
  const photos = new Map<string, Photo>()
  for (const use of inventory.photoUses) {
    const photo = populated<Photo>(use.value)
    if (photo) photos.set(String(photo.id), photo)
  }

  const statements = (article.statements ?? [])
    .map((s) => populated<JointStatement>(s))
    .filter((s): s is JointStatement => Boolean(s))
  const mentions = (article.participants ?? [])
    .map((row) => populated<Participant>(row.participant))
    .filter((p): p is Participant => Boolean(p))

  const quotations: Quotation[] = inventory.quotes.map((quote) => {
    // The block's own fields: a reader's copy may have had an unpublished attribution removed.
    const attribution = readAttribution(quote.fields?.attributedTo, options.slugs)
    const participant =
      attribution?.collection === 'participants' ? populated<Participant>(attribution.value) : undefined
    const jointStatement =
      attribution?.collection === 'jointStatements' ? populated<JointStatement>(attribution.value) : undefined
    const statement = attribution?.collection === 'statements' ? populated<Statement>(attribution.value) : undefined
    const source = jointStatement
      ? statementToSchema(jointStatement)
      : statement
        ? issuedStatementToSchema(statement)
        : undefined
    const creator = participant ? [participantAsAuthor(participant)] : (source?.author as Author[] | undefined)
    const translatedFrom = typeof quote.fields?.translatedFrom === 'string' ? quote.fields.translatedFrom : ''
    return {
      '@type': 'Quotation',
      text: quote.text,
      ...(article.language ? { inLanguage: article.language } : {}),
      ...(creator?.length ? { creator } : {}),
      ...(source ? { isBasedOn: source } : {}),
      // A desk translation: the quotation is a translation of the source's words in that language.
      ...(translatedFrom
        ? {
            translationOfWork: {
              '@type': 'CreativeWork',
              inLanguage: translatedFrom,
              ...(source ? { isPartOf: source } : {}),
            },
          }
        : {}),
      ...(quote.saidOn ? { dateCreated: quote.saidOn.slice(0, 10) } : {}),
    } as Quotation
  })

  const authors: (Person | Organization)[] = [
    ...options.authors.map((name) => ({ '@type': 'Person', name }) as Person),
    ...(article.byline ? [{ '@type': 'Organization', name: article.byline } as Organization] : []),
  ]

  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    url: options.url,
    mainEntityOfPage: options.url,
    ...(article.summary ? { description: article.summary } : {}),
    ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
    dateModified: article.updatedAt,
    ...(article.dateline ? { dateline: article.dateline } : {}),
    ...(authors.length ? { author: authors } : {}),
    image: [...photos.values()].map((photo) => imageToSchema(photo, options.origin)),
    ...(statements.length ? { citation: statements.map(statementToSchema) } : {}),
    ...(mentions.length ? { mentions: mentions.map(participantToSchema) } : {}),
    ...(quotations.length ? { hasPart: quotations } : {}),
    ...(article.tags?.length ? { keywords: article.tags.join(', ') } : {}),
  }
}
