/**
 * Pieces several collection factories share. Each takes `disabled` into account, so a factory
 * applies it once by using them: a disabled plugin keeps its collections and fields (the schema
 * does not change) and its safeguards (access, roles, the shape of input, upload checks, reference
 * bookkeeping), but checks, changes and serves nothing else.
 */
import type {
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  CollectionBeforeOperationHook,
  CollectionConfig,
  Endpoint,
  Field,
  UIField,
} from 'payload'

import type { SourceCollection } from '../gate/loadContext.ts'
import type { GateTarget } from '../gate/types.ts'
import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { COMPONENT_PATHS } from '../components/paths.ts'
import { liveImpactEndpoint } from '../endpoints/liveImpact.ts'
import { preflightEndpoint } from '../endpoints/preflight.ts'
import { enforceEditPrecondition } from '../hooks/enforceEditPrecondition.ts'
import { nullListsAreEmpty, rejectMalformedRichText } from '../hooks/checkIncomingShapes.ts'
import { enforcePublishGate } from '../hooks/enforcePublishGate.ts'
import { ACKNOWLEDGE_FIELD, guardLiveArticles } from '../hooks/guardLiveArticles.ts'
import type { ArticleDependency } from '../delivery/affectedArticles.ts'
import { refreshSnapshotsOnDependencyChange } from '../hooks/keepSnapshotsCurrent.ts'
import { setCacheHeaders } from '../hooks/setCacheHeaders.ts'
import { editorialOperationHooks } from './editorial.ts'

/**
 * `Cache-Control` on reads through Payload's REST and GraphQL handlers. Collections without public
 * content (accounts, delivery records) are always private.
 */
export function cacheHeaderHooks(
  options: ResolvedNewsroomOptions,
  content: 'public' | 'private',
): CollectionBeforeOperationHook[] {
  if (options.disabled) return []
  return [setCacheHeaders(content === 'public' ? options.delivery.cacheControl : undefined)]
}

/**
 * The publish gate on a collection: the sidebar checklist, the check itself (after the edit
 * precondition and any `beforePublish` hooks, such as stamping the publication time) and the
 * preflight endpoint the checklist reads.
 */
export function publishGate(
  target: GateTarget,
  slug: string,
  options: ResolvedNewsroomOptions,
  beforePublish: CollectionBeforeChangeHook[] = [],
): { checklist: UIField[]; beforeChange: CollectionBeforeChangeHook[]; endpoints: Endpoint[] } {
  if (options.disabled) return { checklist: [], beforeChange: [], endpoints: [] }
  return {
    checklist: [
      {
        name: 'attributionChecklist',
        type: 'ui',
        admin: { position: 'sidebar', components: { Field: COMPONENT_PATHS.attributionChecklist } },
      },
    ],
    beforeChange: [enforceEditPrecondition, ...beforePublish, enforcePublishGate(target, options)],
    endpoints: [preflightEndpoint(target, slug, options)],
  }
}

/**
 * For photos, participants and statements: published articles that show one get a fresh snapshot
 * when it changes or goes, and webhook receivers hear of it.
 */
export function snapshotUpkeepHooks(
  dependency: ArticleDependency,
  options: ResolvedNewsroomOptions,
): CollectionConfig['hooks'] {
  if (options.disabled) return {}
  const { afterChange, beforeDelete, afterDelete } = refreshSnapshotsOnDependencyChange(options, dependency)
  return { afterChange: [afterChange], beforeDelete: [beforeDelete], afterDelete: [afterDelete] }
}

/**
 * For photos, participants and statements: a change that would put a published article in breach
 * of the rules is refused unless confirmed (the hooks), the admin shows the articles and asks for
 * the confirmation (a field that is never stored), and `/:id/live-impact` answers what a change
 * would do. The delete check runs before the snapshot upkeep reads the articles.
 */
export function liveArticleGuard(
  collection: SourceCollection,
  options: ResolvedNewsroomOptions,
): {
  beforeOperation: CollectionBeforeOperationHook[]
  beforeChange: CollectionBeforeChangeHook[]
  beforeDelete: CollectionBeforeDeleteHook[]
  fields: Field[]
  endpoints: Endpoint[]
} {
  if (options.disabled) return { beforeOperation: [], beforeChange: [], beforeDelete: [], fields: [], endpoints: [] }
  const guard = guardLiveArticles(options, collection)
  return {
    beforeOperation: [guard.beforeOperation],
    beforeChange: [guard.beforeChange],
    beforeDelete: [guard.beforeDelete],
    fields: [
      {
        name: ACKNOWLEDGE_FIELD,
        type: 'checkbox',
        virtual: true,
        label: 'Save even though published articles would need attention',
        admin: {
          position: 'sidebar',
          components: {
            Field: { path: COMPONENT_PATHS.liveImpact, clientProps: { articlesSlug: options.slugs.articles } },
          },
        },
      },
    ],
    endpoints: [liveImpactEndpoint(collection, options)],
  }
}

/**
 * What statements and joint statements share besides their fields: the checks on incoming rich
 * text and lists, roles, the live-articles guard, cache headers, the publish gate and its
 * checklist, snapshot upkeep, and their endpoints.
 */
export function statementCollectionParts(
  target: 'statements' | 'jointStatements',
  options: ResolvedNewsroomOptions,
): { hooks: CollectionConfig['hooks']; endpoints: Endpoint[]; leadingFields: Field[] } {
  const gate = publishGate(target, options.slugs[target], options)
  const guard = liveArticleGuard(target, options)
  const upkeep = snapshotUpkeepHooks(target, options)
  return {
    hooks: {
      beforeOperation: [
        rejectMalformedRichText(['text']),
        nullListsAreEmpty,
        ...editorialOperationHooks,
        ...guard.beforeOperation,
        ...cacheHeaderHooks(options, 'public'),
      ],
      beforeChange: [...gate.beforeChange, ...guard.beforeChange],
      ...upkeep,
      beforeDelete: [...guard.beforeDelete, ...(upkeep?.beforeDelete ?? [])],
    },
    endpoints: [...gate.endpoints, ...guard.endpoints],
    leadingFields: [...gate.checklist, ...guard.fields],
  }
}
