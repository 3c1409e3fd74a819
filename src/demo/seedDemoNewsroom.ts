import type { Payload, PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'

import { doc, paragraph, quote, upload } from './lexicalBuilders.ts'
import { creditXmp } from '../photos/xmpPacket.ts'
import { drawConferenceScene } from './demoImages.ts'
import {
  demoParticipants,
  demoPhotos,
  demoRoles,
  demoStatement,
  demoUsers,
  DRAFT_ARTICLE_SLUG,
  HANDOUT_CREDIT_LINE,
  MINISTRY_COMMENT,
  MINISTRY_SLUG,
  PUBLISHED_ARTICLE_SLUG,
  STATEMENT_QUOTE,
  MINISTRY_STATEMENT_SLUG,
  demoMinistryComment,
  demoStatementInRussian,
  DESK_TRANSLATED_QUOTE,
  STATEMENT_SLUG,
} from './demoContent.ts'

export interface SeedOptions {
  /** Create the demo admin, editor and writer accounts (never in production). */
  withDemoLogins: boolean
}

export interface SeedResult {
  created: number
}

/** Any stable 64-bit number: every process that seeds the same database waits on this lock. */
const SEED_LOCK_KEY = 4_072_026_020

async function findIdBy(payload: Payload, req: PayloadRequest, collection: string, field: string, value: string) {
  const { docs } = await payload.find({
    collection: collection as 'articles',
    where: { [field]: { equals: value } },
    limit: 1,
    depth: 0,
    draft: true,
    overrideAccess: true,
    pagination: false,
    req,
  })
  return docs[0]?.id as number | undefined
}

/**
 * Fills an empty database with the demo newsroom. Safe to run on every start and from several
 * processes at once: each item is looked up by its slug (or alt text, or e-mail) first, under a
 * PostgreSQL advisory lock.
 */
export async function seedDemoNewsroom(payload: Payload, options: SeedOptions): Promise<SeedResult> {
  const pool = (
    payload.db as unknown as {
      pool: {
        connect: () => Promise<{ query: (sql: string, values?: unknown[]) => Promise<unknown>; release: () => void }>
      }
    }
  ).pool
  const lock = await pool.connect()
  let created = 0
  try {
    await lock.query('select pg_advisory_lock($1)', [SEED_LOCK_KEY])
    const req = await createLocalReq({ context: { seeding: true } }, payload)
    const ensure = async (
      collection: string,
      field: string,
      value: string,
      create: () => Promise<{ id: number | string }>,
    ) => {
      const existing = await findIdBy(payload, req, collection, field, value)
      if (existing !== undefined) return existing
      created += 1
      return (await create()).id as number
    }

    if (options.withDemoLogins) {
      for (const user of demoUsers) {
        await ensure('users', 'email', user.email, () =>
          payload.create({ collection: 'users', data: { ...user, roles: [...user.roles] }, overrideAccess: true, req }),
        )
      }
    }

    const participantIds = new Map<string, number>()
    for (const participant of demoParticipants) {
      const { parentSlug, ...data } = participant
      const id = await ensure('participants', 'slug', participant.slug, () =>
        payload.create({
          collection: 'participants',
          data: { ...data, parent: parentSlug ? participantIds.get(parentSlug) : undefined, _status: 'published' },
          overrideAccess: true,
          req,
        }),
      )
      participantIds.set(participant.slug, id)
    }
    const participant = (slug: string) => participantIds.get(slug)!

    const statementId = await ensure('joint-statements', 'slug', STATEMENT_SLUG, () =>
      payload.create({
        collection: 'joint-statements',
        data: {
          title: demoStatement.title,
          slug: demoStatement.slug,
          issuedOn: demoStatement.issuedOn,
          place: demoStatement.place,
          event: demoStatement.event,
          signatories: demoStatement.signatorySlugs.map(participant),
          language: 'en',
          text: doc(...demoStatement.paragraphs.map((line) => paragraph(line))) as never,
          translations: [
            {
              language: 'ru',
              official: true,
              text: doc(...demoStatementInRussian.map((line) => paragraph(line))) as never,
            },
          ],
          _status: 'published',
        },
        overrideAccess: true,
        req,
      }),
    )

    const commentId = await ensure('statements', 'slug', MINISTRY_STATEMENT_SLUG, () =>
      payload.create({
        collection: 'statements',
        data: {
          title: demoMinistryComment.title,
          slug: demoMinistryComment.slug,
          issuer: participant(MINISTRY_SLUG),
          kind: demoMinistryComment.kind,
          issuedOn: demoMinistryComment.issuedOn,
          place: demoMinistryComment.place,
          language: demoMinistryComment.language,
          text: doc(...demoMinistryComment.paragraphs.map((line) => paragraph(line))) as never,
          _status: 'published',
        },
        overrideAccess: true,
        req,
      }),
    )
    const ministryComment = { relationTo: 'statements', value: commentId }

    const photoIds = new Map<string, number>()
    for (const photo of demoPhotos) {
      // Looked up by alt text, not file name: Payload renames a file whose name is taken on disk.
      const id = await ensure('photos', 'alt', photo.alt, async () => {
        const data = await drawConferenceScene(
          photo.scene,
          1600,
          1000,
          photo.credited ? creditXmp({ line: HANDOUT_CREDIT_LINE }) : undefined,
        )
        return payload.create({
          collection: 'photos',
          data: {
            alt: photo.alt,
            caption: photo.caption,
            credit: photo.credited
              ? { line: HANDOUT_CREDIT_LINE, kind: 'handout', issuer: participant(MINISTRY_SLUG), distributable: true }
              : { distributable: true },
          },
          file: { data, mimetype: 'image/jpeg', name: photo.filename, size: data.length },
          overrideAccess: true,
          req,
        })
      })
      photoIds.set(photo.key, id)
    }
    const photo = (key: string) => photoIds.get(key)!

    await ensure('articles', 'slug', PUBLISHED_ARTICLE_SLUG, () =>
      payload.create({
        collection: 'articles',
        data: {
          title: 'Kazakhstan ends the Astana talks on Syria after their 20th round',
          slug: PUBLISHED_ARTICLE_SLUG,
          dateline: 'ASTANA',
          byline: 'Diplomacy desk',
          publishedAt: '2023-06-21T15:00:00.000Z',
          summary:
            'Kazakhstan will no longer host the Astana-format meetings on Syria, saying the process has done what it set out to do; the three guarantors reaffirmed their commitments in a joint statement.',
          heroPhoto: photo('plenary'),
          body: doc(
            paragraph(
              'The 20th round of the Astana-format talks on Syria closed on 21 June, and Kazakhstan said it would stop hosting them because they had reached their aims, its Ministry of Foreign Affairs reported.',
            ),
            paragraph(
              'Since 2017 the Kazakh capital has given Russia, Türkiye, Iran, the Syrian government and the opposition a place to negotiate over the conflict, with the United Nations and other observers present.',
            ),
            quote({
              text: MINISTRY_COMMENT,
              attributedTo: ministryComment,
              manner: 'official-comment',
              saidOn: '2023-06-21T00:00:00.000Z',
            }),
            upload('photos', photo('turkiye')),
            paragraph(
              'The ministry pointed to Syria’s return to regional diplomacy, including its renewed membership of the Arab League, as a result of the process, and said Kazakhstan would consider hosting again if the participants asked it to together.',
            ),
            upload('photos', photo('iran')),
            paragraph(
              'In a joint statement, Iran, Russia and Türkiye reviewed regional developments and restated their commitment to Syria’s sovereignty and territorial integrity and to the UN Charter.',
            ),
            quote({
              text: STATEMENT_QUOTE,
              attributedTo: { relationTo: 'joint-statements', value: statementId },
              manner: 'joint-statement',
              saidOn: '2023-06-21T00:00:00.000Z',
            }),
            upload('photos', photo('un')),
            paragraph(
              'The guarantors also described the talks of the foreign ministers of Iran, Russia, Syria and Türkiye on 20 June as constructive, with a roadmap for restoring relations between Ankara and Damascus on the agenda.',
            ),
            paragraph(
              'The guarantors issued the statement in Russian as well as in English. Its Russian text, in the desk’s translation:',
            ),
            quote({
              text: DESK_TRANSLATED_QUOTE.text,
              attributedTo: { relationTo: 'joint-statements', value: statementId },
              manner: 'joint-statement',
              saidOn: '2023-06-21T00:00:00.000Z',
              translatedFrom: DESK_TRANSLATED_QUOTE.translatedFrom,
            }),
            upload('photos', photo('russia')),
          ) as never,
          participants: demoRoles.map(({ slug, role }) => ({ participant: participant(slug), role })),
          statements: [statementId],
          tags: ['Syria', 'Astana format', 'Kazakhstan'],
          _status: 'published',
        },
        overrideAccess: true,
        req,
      }),
    )

    await ensure('articles', 'slug', DRAFT_ARTICLE_SLUG, () =>
      payload.create({
        collection: 'articles',
        data: {
          title: 'Astana could host Syria talks again if the parties ask, ministry says',
          slug: DRAFT_ARTICLE_SLUG,
          dateline: 'ASTANA',
          byline: 'Diplomacy desk',
          summary: 'Kazakhstan leaves the door open to a 21st round.',
          heroPhoto: photo('arrival'),
          body: doc(
            paragraph(
              'Kazakhstan is prepared to consider hosting the Astana-format meetings on Syria again as a gesture of goodwill if all participants request it, the Ministry of Foreign Affairs said.',
            ),
            quote({
              text: MINISTRY_COMMENT,
              attributedTo: ministryComment,
              manner: 'official-comment',
              saidOn: '2023-06-21T00:00:00.000Z',
            }),
          ) as never,
          participants: [{ participant: participant('kazakhstan'), role: 'host' }],
          _status: 'draft',
        },
        draft: true,
        overrideAccess: true,
        req,
      }),
    )

    if (created > 0) payload.logger.info(`Demo newsroom: created ${created} documents.`)
    if (options.withDemoLogins) {
      payload.logger.info(
        `Demo logins (development only): ${demoUsers.map((user) => `${user.email} / ${user.password}`).join(', ')}`,
      )
    }
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [SEED_LOCK_KEY]).catch(() => {})
    lock.release()
  }
  return { created }
}
