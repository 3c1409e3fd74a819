import type { CollectionConfig, Config, Payload, Plugin } from 'payload'

import path from 'node:path'
import { createLocalReq } from 'payload'

import type { NewsroomCollectionKey, NewsroomPluginOptions, ResolvedNewsroomOptions } from '../../options/types.ts'

import { articleSnapshotsCollection } from '../../collections/ArticleSnapshots.ts'
import { participantSnapshotsCollection } from '../../collections/ParticipantSnapshots.ts'
import { articlesCollection } from '../../collections/Articles.ts'
import { jointStatementsCollection } from '../../collections/JointStatements.ts'
import { participantsCollection } from '../../collections/Participants.ts'
import { photosCollection, withPhotoCredits } from '../../collections/Photos.ts'
import { statementsCollection } from '../../collections/Statements.ts'
import { usersCollection, withNewsroomRoles } from '../../collections/Users.ts'
import { LIVE_IMPACT_REFUSED } from '../../hooks/guardLiveArticles.ts'
import { needsAttentionCollection } from '../../collections/NeedsAttention.ts'
import { webhookDeliveriesCollection } from '../../collections/WebhookDeliveries.ts'
import { withPostgresSupport } from '../../db/install.ts'
import { reconcilePhotoVisibility } from '../../db/statements.ts'
import { refreshParticipantSnapshots } from '../../delivery/participantSnapshots.ts'
import { backfillArticleSnapshots, refreshStaleSnapshots } from '../../delivery/snapshots.ts'
import { rightsExpiryTask } from '../../jobs/rightsExpiry.ts'
import { removeOrphanedPhotoFiles } from '../../photos/orphanedFiles.ts'
import { deliverWebhookTask } from '../../webhooks/deliverWebhook.ts'
import { applyOverride } from './applyOverride.ts'
import { resolveOptions } from './resolveOptions.ts'

export type {
  CollectionOverride,
  NewsroomCollectionKey,
  NewsroomPluginOptions,
  WebhookEndpoint,
  WebhookEventName,
} from '../../options/types.ts'
export type { WebhookEvent } from '../../webhooks/events.ts'
export { signWebhookBody, verifyWebhookSignature } from '../../webhooks/signature.ts'
export { removeOrphanedPhotoFiles } from '../../photos/orphanedFiles.ts'
export { isDatabaseUnavailable } from '../../db/outages.ts'
// Also `payload-plugin-newsroom/delivery`, which loads neither Payload nor Next.js.
export {
  createDeliveryServer,
  type DeliveryServer,
  type DeliveryServerOptions,
  deliveryRoleSql,
} from '../../deliveryServer/index.ts'
export type {
  Finding,
  GateContext,
  GateReport,
  GateRule,
  GateTarget,
  RuleFinding,
  Severity,
  SeveritySetting,
} from '../../gate/types.ts'
export { BUILT_IN_RULES } from '../../gate/rules/index.ts'
export { DEFAULT_MINISTRY_WORDING } from '../../gate/ministryWording.ts'

/**
 * The jobs queues: the webhook and rights tasks are always registered (they are part of the
 * schema); the plugin runs their queues unless told not to. The rights queue's run also schedules
 * the rights task, through the task's `schedule`.
 */
function withWebhookJobs(jobs: Config['jobs'], options: ResolvedNewsroomOptions): Config['jobs'] {
  const tasks = [...(jobs?.tasks ?? []), deliverWebhookTask(options), rightsExpiryTask(options)]
  const ours = [
    ...(!options.disabled && options.webhooks.endpoints.length > 0 && options.webhooks.autoRun !== false
      ? [{ cron: options.webhooks.autoRun, queue: options.webhooks.queue, limit: 20 }]
      : []),
    ...(!options.disabled && options.rightsExpiry.autoRun !== false
      ? [{ cron: options.rightsExpiry.autoRun, queue: options.rightsExpiry.queue, limit: 5 }]
      : []),
  ]
  if (ours.length === 0) return { ...jobs, tasks }
  const hostAutoRun = jobs?.autoRun
  const autoRun =
    typeof hostAutoRun === 'function'
      ? async (payload: Parameters<typeof hostAutoRun>[0]) => [...(await hostAutoRun(payload)), ...ours]
      : [...(hostAutoRun ?? []), ...ours]
  return { ...jobs, tasks, autoRun }
}

/**
 * Two upload collections writing into one folder cannot tell their files apart: a name taken in
 * one is free in the other, and a clean-up of one folder would reach the other's files. Refused
 * when the config is built, whichever two collections they are.
 */
function refuseSharedUploadFolders(collections: CollectionConfig[], photosSlug: string): void {
  const owners = new Map<string, string>()
  for (const collection of collections) {
    const upload = collection.upload
    if (!upload) continue
    // Files kept by a storage adapter (S3, Azure, GCS) are never written to the local folder.
    if (typeof upload === 'object' && upload.disableLocalStorage) continue
    const folder = path.resolve((typeof upload === 'object' && upload.staticDir) || collection.slug)
    const other = owners.get(folder)
    if (other === undefined) {
      owners.set(folder, collection.slug)
      continue
    }
    const pair = [other, collection.slug]
    const host = pair.find((slug) => slug !== photosSlug)
    throw new Error(
      pair.includes(photosSlug)
        ? `newsroomPlugin: the photos collection "${photosSlug}" and the upload collection "${host}" both keep their files in ${folder}. ` +
            `Give the photos a folder of their own with the option photos.staticDir, ` +
            `or keep photos in "${host}" with the option photos.collection.`
        : `newsroomPlugin: the upload collections "${pair[0]}" and "${pair[1]}" both keep their files in ${folder}. ` +
            `Give each a folder of its own (the option photos.staticDir sets the plugin's photos folder).`,
    )
  }
}

/** What the plugin does when Payload starts. A failure is logged, never fatal. */
async function startUp(payload: Payload, options: ResolvedNewsroomOptions): Promise<void> {
  // Files of uploads the plugin recorded that never got their row (the process stopped, or the
  // database failed, in between). It asks the database about each record, so it runs beside the
  // start-up rather than delaying it.
  void removeOrphanedPhotoFiles(payload, options.slugs.photos).catch((error: unknown) =>
    payload.logger.warn({ err: error, msg: 'newsroomPlugin: could not look for photo files without a row.' }),
  )
  // Photos whose public visibility disagrees with what is published (a column added by a schema
  // push, or rows changed outside the plugin). First: the snapshots below show photos to the public.
  try {
    const changed = await reconcilePhotoVisibility(payload, options.slugs)
    if (changed > 0) payload.logger.info(`newsroomPlugin: set the public visibility of ${changed} photo(s).`)
  } catch (error) {
    payload.logger.warn({ err: error, msg: 'newsroomPlugin: could not check which photos the public may see.' })
  }
  // Participants published before their public identity was kept beside the snapshots, or
  // changed outside the plugin, get theirs (participants' lists of articles read it).
  try {
    const changed = await refreshParticipantSnapshots(await createLocalReq({}, payload), options, 'all')
    if (changed.length > 0) payload.logger.info(`newsroomPlugin: wrote ${changed.length} participant snapshot(s).`)
  } catch (error) {
    payload.logger.warn({ err: error, msg: 'newsroomPlugin: could not bring participant snapshots up to date.' })
  }
  // Articles published before snapshots existed get theirs.
  try {
    const written = await backfillArticleSnapshots(await createLocalReq({}, payload), options)
    if (written > 0) payload.logger.info(`newsroomPlugin: wrote ${written} missing published snapshot(s).`)
  } catch (error) {
    payload.logger.warn({
      err: error,
      msg: 'newsroomPlugin: could not write missing published snapshots; public reads fall back to live data.',
    })
  }
  // After a renderer change this rewrites every published article's snapshot, too long to hold up
  // the start; until each is done, readers get the previous rendering of the current content.
  void createLocalReq({}, payload)
    .then((req) => refreshStaleSnapshots(req, options))
    .catch((error: unknown) =>
      payload.logger.warn({
        err: error,
        msg: 'newsroomPlugin: could not re-render snapshots of an older renderer; they are served as they are.',
      }),
    )
}

/**
 * The newsroom plugin: Article, PhotoWithCredit, Participant, JointStatement and Statement collections,
 * staff roles, and the checks that guard attribution and photo credits when editors publish.
 *
 * ```ts
 * export default buildConfig({
 *   // …
 *   plugins: [newsroomPlugin({ overrides: { articles: { admin: { group: 'Desk' } } } })],
 * })
 * ```
 *
 * Each collection's factory (`src/collections/`) declares its fields, hooks and endpoints; this
 * adds them to the host's config, applies the host's overrides, and adds what is plugin-wide:
 * the jobs queue, PostgreSQL support and the start-up tasks.
 */
export const newsroomPlugin =
  (pluginOptions: NewsroomPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions, config.admin?.user)
    const hostCollections = config.collections ?? []
    const hostPhotos = options.photos.hostCollection
    const hasHostCollection = (slug: string) => hostCollections.some((collection) => collection.slug === slug)

    const content: [NewsroomCollectionKey, () => ReturnType<typeof articlesCollection>][] = [
      ['participants', () => participantsCollection(options)],
      ['photos', () => photosCollection(options)],
      ['jointStatements', () => jointStatementsCollection(options)],
      ['statements', () => statementsCollection(options)],
      ['articles', () => articlesCollection(options)],
    ]
    const added = content
      .filter(([key]) => !(key === 'photos' && hostPhotos))
      .map(([key, build]) => {
        const collection = build()
        if (hasHostCollection(collection.slug)) {
          throw new Error(
            `newsroomPlugin: the host app already has a collection with the slug "${collection.slug}". ` +
              `Give the plugin's collection another slug with the option slugs.${key}.`,
          )
        }
        return applyOverride(collection, options.overrides[key])
      })

    if (hostPhotos && !hostCollections.some((collection) => collection.slug === hostPhotos && collection.upload)) {
      throw new Error(
        `newsroomPlugin: photos.collection is "${hostPhotos}", but the host has no upload collection with that slug.`,
      )
    }
    const host = hostCollections.map((collection) =>
      collection.slug === hostPhotos
        ? applyOverride(withPhotoCredits(collection, options), options.overrides.photos)
        : collection,
    )

    const system = [
      articleSnapshotsCollection(options),
      participantSnapshotsCollection(options),
      webhookDeliveriesCollection(options),
      needsAttentionCollection(options),
    ]
    const systemClash = system.find((collection) => hasHostCollection(collection.slug))
    if (systemClash) {
      throw new Error(
        `newsroomPlugin: the host app already has a collection with the slug "${systemClash.slug}"; choose another with the option slugs.`,
      )
    }

    // Roles go on the host's own auth collection; a users collection is added when it has none.
    const hostUsers = host.find((collection) => collection.slug === options.usersSlug)
    const collections = hostUsers
      ? [
          ...host.map((collection) =>
            collection === hostUsers
              ? applyOverride(withNewsroomRoles(hostUsers, options), options.overrides.users)
              : collection,
          ),
          ...added,
          ...system,
        ]
      : [...host, ...added, ...system, applyOverride(usersCollection(options), options.overrides.users)]

    refuseSharedUploadFolders(collections, options.slugs.photos)

    return withPostgresSupport(
      {
        ...config,
        admin: { ...config.admin, user: config.admin?.user ?? options.usersSlug },
        collections,
        jobs: withWebhookJobs(config.jobs, options),
        // A refused change to a source of live articles is an answer to the editor, not a server fault.
        loggingLevels: { [LIVE_IMPACT_REFUSED]: 'info', ...config.loggingLevels } as Config['loggingLevels'],
        onInit: async (payload) => {
          await config.onInit?.(payload)
          if (!options.disabled) await startUp(payload, options)
        },
      },
      options.slugs,
    )
  }
