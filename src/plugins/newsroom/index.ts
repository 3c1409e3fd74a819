import type { CollectionConfig, Config, Plugin } from 'payload'

import { createLocalReq } from 'payload'

import { articleSnapshotsCollection } from '../../collections/ArticleSnapshots.ts'
import { articlesCollection } from '../../collections/Articles.ts'
import { jointStatementsCollection } from '../../collections/JointStatements.ts'
import { participantsCollection } from '../../collections/Participants.ts'
import { photosCollection } from '../../collections/Photos.ts'
import { rolesField, usersCollection } from '../../collections/Users.ts'
import { webhookDeliveriesCollection } from '../../collections/WebhookDeliveries.ts'
import { backfillArticleSnapshots } from '../../delivery/snapshots.ts'
import { removeOrphanedPhotoFiles } from '../../photos/orphanedFiles.ts'
import type { GateTarget } from '../../gate/types.ts'

import { deliveryEndpoints } from '../../hooks/deliveryEndpoints.ts'
import { enforceEditPrecondition } from '../../hooks/enforceEditPrecondition.ts'
import { enforcePublishGate } from '../../hooks/enforcePublishGate.ts'
import { participantArticlesEndpoint } from '../../hooks/participantArticlesEndpoint.ts'
import { refreshSnapshotOnArticleChange, refreshSnapshotsOnDependencyChange, removeSnapshotOnArticleDelete } from '../../hooks/keepSnapshotsCurrent.ts'
import { makeFirstUserAdmin } from '../../hooks/makeFirstUserAdmin.ts'
import { preflightEndpoint } from '../../hooks/preflightEndpoint.ts'
import { setCacheHeaders } from '../../hooks/setCacheHeaders.ts'
import { setPublishedAt } from '../../hooks/setPublishedAt.ts'
import { deliverWebhookTask } from '../../webhooks/deliverWebhook.ts'
import { applyOverride, mergeHooks } from './applyOverride.ts'
import { COMPONENT_PATHS } from './componentPaths.ts'
import { withArticleTextIndexes } from './databaseIndexes.ts'
import { answerDatabaseOutage, answerInvalidData, surviveDatabaseRestarts } from './databaseOutages.ts'
import { runJobQueuesExclusively } from './exclusiveJobRuns.ts'
import { type NewsroomCollectionKey, type NewsroomPluginOptions, type ResolvedNewsroomOptions, resolveOptions } from './options.ts'

export type { CollectionOverride, NewsroomCollectionKey, NewsroomPluginOptions, WebhookEndpoint, WebhookEventName } from './options.ts'
export type { WebhookEvent } from '../../webhooks/events.ts'
export { signWebhookBody, verifyWebhookSignature } from '../../webhooks/signature.ts'
export { removeOrphanedPhotoFiles } from '../../photos/orphanedFiles.ts'
export { isDatabaseUnavailable } from './databaseOutages.ts'
export type { Finding, GateContext, GateReport, GateRule, GateTarget, RuleFinding, Severity, SeveritySetting } from '../../gate/types.ts'
export { BUILT_IN_RULES } from '../../gate/runGate.ts'
export { DEFAULT_MINISTRY_WORDING } from '../../gate/ministryWording.ts'


/** Adds newsroom roles to the host's own auth collection, or a users collection when it has none. */
function withNewsroomUsers(collections: CollectionConfig[], options: ResolvedNewsroomOptions): CollectionConfig[] {
  const existing = collections.find((collection) => collection.slug === options.usersSlug)
  if (!existing) return [...collections, withCacheHeaders(applyOverride(usersCollection(options.usersSlug), options.overrides.users), options, false)]

  const hasRoles = existing.fields.some((field) => 'name' in field && field.name === 'roles')
  const extended: CollectionConfig = {
    ...existing,
    fields: hasRoles ? existing.fields : [...existing.fields, rolesField()],
    hooks: mergeHooks({ beforeChange: [makeFirstUserAdmin] }, existing.hooks),
  }
  return collections.map((collection) => (collection === existing ? withCacheHeaders(applyOverride(extended, options.overrides.users), options, false) : collection))
}

/** `Cache-Control` on reads through Payload's REST and GraphQL handlers: public for published, private for the signed-in. */
function withCacheHeaders(collection: CollectionConfig, options: ResolvedNewsroomOptions, publicContent = true): CollectionConfig {
  if (options.disabled) return collection
  return { ...collection, hooks: mergeHooks({ beforeOperation: [setCacheHeaders(publicContent ? options.delivery.cacheControl : undefined)] }, collection.hooks) }
}

/**
 * Keeps published snapshots current and tells webhook receivers: articles on publish, unpublish
 * and delete; photos, participants and statements when published articles show them.
 */
function withSnapshotUpkeep(collection: CollectionConfig, key: NewsroomCollectionKey, options: ResolvedNewsroomOptions): CollectionConfig {
  if (options.disabled) return collection
  const hooks: CollectionConfig['hooks'] =
    key === 'articles'
      ? { afterChange: [refreshSnapshotOnArticleChange(options)], beforeDelete: [removeSnapshotOnArticleDelete(options)] }
      : (({ afterChange, beforeDelete, afterDelete }) => ({ afterChange: [afterChange], beforeDelete: [beforeDelete], afterDelete: [afterDelete] }))(
          refreshSnapshotsOnDependencyChange(options, key),
        )
  return withCacheHeaders({ ...collection, hooks: mergeHooks(collection.hooks, hooks) }, options)
}

/**
 * The host's own upload collection, given what the plugin's photos collection would have: its
 * credit fields (those the host lacks, by name), hooks and endpoints. The host keeps its upload
 * settings and access.
 */
function withPhotoCredits(host: CollectionConfig, photos: CollectionConfig): CollectionConfig {
  const named = new Set(host.fields.flatMap((field) => ('name' in field ? [field.name] : [])))
  return {
    ...host,
    fields: [...host.fields, ...photos.fields.filter((field) => !('name' in field) || !named.has(field.name))],
    hooks: mergeHooks(photos.hooks, host.hooks),
    endpoints: [...(Array.isArray(photos.endpoints) ? photos.endpoints : []), ...(Array.isArray(host.endpoints) ? host.endpoints : [])],
  }
}

/** The publish gate on a collection: the check itself, its preflight endpoint and the sidebar checklist. */
function withPublishGate(collection: CollectionConfig, target: GateTarget, options: ResolvedNewsroomOptions): CollectionConfig {
  return {
    ...collection,
    // First, so the checklist heads the sidebar.
    fields: [
      {
        name: 'attributionChecklist',
        type: 'ui',
        admin: { position: 'sidebar', components: { Field: COMPONENT_PATHS.attributionChecklist } },
      },
      ...collection.fields,
    ],
    hooks: mergeHooks(
      { beforeChange: [enforceEditPrecondition, ...(target === 'articles' ? [setPublishedAt] : []), enforcePublishGate(target, options)] },
      collection.hooks,
    ),
    endpoints: [...(Array.isArray(collection.endpoints) ? collection.endpoints : []), preflightEndpoint(target, collection.slug, options)],
  }
}

function withBehaviour(collection: CollectionConfig, key: NewsroomCollectionKey, options: ResolvedNewsroomOptions): CollectionConfig {
  if (options.disabled || key === 'photos') return collection
  const gated = withPublishGate(collection, key, options)
  if (key === 'participants') return { ...gated, endpoints: [participantArticlesEndpoint(options), ...(Array.isArray(gated.endpoints) ? gated.endpoints : [])] }
  if (key !== 'articles') return gated
  // The public reads come first: they hand over to Payload's own endpoints for everything else.
  return { ...gated, endpoints: [...deliveryEndpoints(options), ...(Array.isArray(gated.endpoints) ? gated.endpoints : [])] }
}

/** The jobs queue: the webhook task is always registered (it is part of the schema); the plugin runs its queue unless told not to. */
function withWebhookJobs(jobs: Config['jobs'], options: ResolvedNewsroomOptions): Config['jobs'] {
  const tasks = [...(jobs?.tasks ?? []), deliverWebhookTask(options)]
  const ours = !options.disabled && options.webhooks.endpoints.length > 0 && options.webhooks.autoRun !== false ? [{ cron: options.webhooks.autoRun, queue: options.webhooks.queue, limit: 20 }] : []
  if (ours.length === 0) return { ...jobs, tasks }
  const hostAutoRun = jobs?.autoRun
  const autoRun =
    typeof hostAutoRun === 'function' ? async (payload: Parameters<typeof hostAutoRun>[0]) => [...(await hostAutoRun(payload)), ...ours] : [...(hostAutoRun ?? []), ...ours]
  return { ...jobs, tasks, autoRun }
}

/**
 * The newsroom plugin: Article, PhotoWithCredit, Participant and JointStatement collections,
 * staff roles, and the checks that guard attribution and photo credits when editors publish.
 *
 * ```ts
 * export default buildConfig({
 *   // …
 *   plugins: [newsroomPlugin({ overrides: { articles: { admin: { group: 'Desk' } } } })],
 * })
 * ```
 */
export const newsroomPlugin =
  (pluginOptions: NewsroomPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions, config.admin?.user)
    const hostCollections = config.collections ?? []

    const ours = [
      ['participants', participantsCollection(options)],
      ['photos', photosCollection(options)],
      ['jointStatements', jointStatementsCollection(options)],
      ['articles', articlesCollection(options)],
    ] as const

    const usesHostPhotos = (key: string) => key === 'photos' && options.photos.hostCollection !== undefined
    const clash = ours.find(([key, collection]) => !usesHostPhotos(key) && hostCollections.some((host) => host.slug === collection.slug))
    if (clash) {
      throw new Error(
        `newsroomPlugin: the host app already has a collection with the slug "${clash[1].slug}". ` +
          `Give the plugin's collection another slug with the option slugs.${clash[0]}.`,
      )
    }

    const added = ours
      .filter(([key]) => !usesHostPhotos(key))
      .map(([key, collection]) => withSnapshotUpkeep(withBehaviour(applyOverride(collection, options.overrides[key]), key, options), key, options))
    const host = options.photos.hostCollection
      ? hostCollections.map((collection) =>
          collection.slug === options.photos.hostCollection
            ? withSnapshotUpkeep(applyOverride(withPhotoCredits(collection, photosCollection(options)), options.overrides.photos), 'photos', options)
            : collection,
        )
      : hostCollections
    const system = [articleSnapshotsCollection(options), webhookDeliveriesCollection(options)]
    const systemClash = system.find((collection) => hostCollections.some((hostCollection) => hostCollection.slug === collection.slug))
    if (systemClash) {
      throw new Error(`newsroomPlugin: the host app already has a collection with the slug "${systemClash.slug}"; choose another with the option slugs.`)
    }
    if (options.photos.hostCollection && !hostCollections.some((c) => c.slug === options.photos.hostCollection && c.upload)) {
      throw new Error(`newsroomPlugin: photos.collection is "${options.photos.hostCollection}", but the host has no upload collection with that slug.`)
    }

    return {
      ...config,
      admin: { ...config.admin, user: config.admin?.user ?? options.usersSlug },
      db: withArticleTextIndexes(config.db, options.slugs.articles),
      collections: withNewsroomUsers([...host, ...added, ...system.map((collection) => withCacheHeaders(collection, options, false))], options),
      jobs: withWebhookJobs(config.jobs, options),
      hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), answerDatabaseOutage, answerInvalidData] },
      onInit: async (payload) => {
        surviveDatabaseRestarts(payload)
        runJobQueuesExclusively(payload)
        await config.onInit?.(payload)
        if (options.disabled) return
        // Files left by uploads that never got their row (the database failed in between). It reads
        // every photo's file names, so it runs beside the start-up rather than delaying it.
        void removeOrphanedPhotoFiles(payload, options.slugs.photos).catch((error: unknown) =>
          payload.logger.warn({ err: error, msg: 'newsroomPlugin: could not look for photo files without a row.' }),
        )
        // Articles published before snapshots existed get theirs; a failure is logged, never fatal.
        try {
          const written = await backfillArticleSnapshots(await createLocalReq({}, payload), options)
          if (written > 0) payload.logger.info(`newsroomPlugin: wrote ${written} missing published snapshot(s).`)
        } catch (error) {
          payload.logger.warn({ err: error, msg: 'newsroomPlugin: could not write missing published snapshots; public reads fall back to live data.' })
        }
      },
    }
  }
