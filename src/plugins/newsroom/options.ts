import type { CollectionConfig, CollectionSlug, Field } from 'payload'

import type { GateRule, SeveritySetting } from '../../gate/types.ts'

import { compileMinistryWording, DEFAULT_MINISTRY_WORDING } from '../../gate/ministryWording.ts'
import { BUILT_IN_RULES, type GateSettings } from '../../gate/runGate.ts'

/** The four content collections the plugin adds. */
export type NewsroomCollectionKey = 'articles' | 'photos' | 'participants' | 'jointStatements'

/**
 * Changes a host app makes to one of the plugin's collections.
 *
 * Everything except `fields` and `hooks` is shallow-merged over the plugin's collection config
 * (so `admin`, `access`, `labels`, … replace the plugin's values key by key). `hooks` are appended
 * after the plugin's own, so the plugin's checks keep running.
 */
export interface CollectionOverride extends Partial<Omit<CollectionConfig, 'fields' | 'hooks' | 'slug'>> {
  /** Receives the plugin's fields and returns the fields to use, e.g. `({ defaultFields }) => [...defaultFields, myField]`. */
  fields?: (args: { defaultFields: Field[] }) => Field[]
  /** Extra hooks, run after the plugin's hooks of the same kind. */
  hooks?: CollectionConfig['hooks']
}

export interface NewsroomPluginOptions {
  /**
   * Turns the plugin's behaviour off (hooks that check or change data, custom endpoints, seeding)
   * while keeping its collections and fields, so the database schema does not change when a host
   * switches the plugin off and on again.
   * @default false
   */
  disabled?: boolean
  /**
   * Collection slugs. Change them when the host app already has a collection of that name;
   * the relationships between the plugin's collections follow the new slugs.
   */
  slugs?: Partial<Record<NewsroomCollectionKey, string>>
  /**
   * The auth collection whose users write articles and carry newsroom roles. When the host has
   * no collection with this slug the plugin adds one; otherwise it adds a `roles` field to it.
   * @default config.admin.user ?? 'users'
   */
  usersSlug?: string
  /** Per-collection changes: extra fields, admin settings, access, hooks. */
  overrides?: Partial<Record<NewsroomCollectionKey | 'users', CollectionOverride>>
  /** Upload settings for photos. */
  photos?: {
    /**
     * Use the host's own upload collection (e.g. `'media'`) for photos: the plugin adds its credit
     * fields, checks and endpoints to it instead of adding a `photos` collection. The host keeps its
     * upload settings and access.
     */
    collection?: string
    /** Largest accepted upload, in bytes. @default 25 MiB */
    maxFileSize?: number
    /** Where uploaded files are stored on disk (Payload's `staticDir`). @default 'media' */
    staticDir?: string
  }
  /**
   * Settings of the publish gate: severities per rule id (`'error'`, `'warning'` or `'off'`),
   * extra rules and the wording that marks a credit as a ministry's.
   */
  gate?: {
    /** Severity per rule id: `'error'` blocks publishing, `'warning'` is reported, `'off'` skips the rule. */
    rules?: Record<string, SeveritySetting>
    /** Your own rules, run with the built-in ones. See `GateRule`. */
    customRules?: GateRule[]
    /**
     * Wording that marks a credit line as a ministry's. Strings match whole words, case-insensitively.
     * @default DEFAULT_MINISTRY_WORDING ("Ministry", "MFA", "Министерство", "МИД", "Министрлігі", …)
     */
    ministryWording?: (string | RegExp)[]
    /** Add to the default wording instead of replacing it. */
    extraMinistryWording?: (string | RegExp)[]
  }
}

export interface ResolvedNewsroomOptions {
  disabled: boolean
  slugs: Record<NewsroomCollectionKey, CollectionSlug>
  usersSlug: CollectionSlug
  overrides: Partial<Record<NewsroomCollectionKey | 'users', CollectionOverride>>
  photos: { hostCollection?: string; maxFileSize: number; staticDir: string }
  gate: GateSettings & { ministryWording: RegExp[] }
}

export const DEFAULT_SLUGS: Record<NewsroomCollectionKey, string> = {
  articles: 'articles',
  photos: 'photos',
  participants: 'participants',
  jointStatements: 'joint-statements',
}

/** Every default lives here, so the rest of the plugin reads resolved values only. */
export function resolveOptions(options: NewsroomPluginOptions = {}, hostUserSlug?: string): ResolvedNewsroomOptions {
  return {
    disabled: options.disabled ?? false,
    // Slugs are chosen by the host at run time; Payload's generated types only know the demo's.
    slugs: {
      ...DEFAULT_SLUGS,
      ...options.slugs,
      ...(options.photos?.collection ? { photos: options.photos.collection } : {}),
    } as Record<NewsroomCollectionKey, CollectionSlug>,
    usersSlug: (options.usersSlug ?? hostUserSlug ?? 'users') as CollectionSlug,
    overrides: options.overrides ?? {},
    photos: {
      hostCollection: options.photos?.collection,
      maxFileSize: options.photos?.maxFileSize ?? 25 * 1024 * 1024,
      staticDir: options.photos?.staticDir ?? 'media',
    },
    gate: resolveGate(options.gate),
  }
}

function resolveGate(gate: NewsroomPluginOptions['gate'] = {}): ResolvedNewsroomOptions['gate'] {
  const custom = gate.customRules ?? []
  const ids = new Set<string>()
  for (const rule of [...BUILT_IN_RULES, ...custom]) {
    if (ids.has(rule.id)) throw new Error(`newsroomPlugin: two publish rules have the id "${rule.id}"; rule ids must be unique.`)
    ids.add(rule.id)
  }
  for (const id of Object.keys(gate.rules ?? {})) {
    if (!ids.has(id)) throw new Error(`newsroomPlugin: gate.rules names "${id}", which is not a rule. Known rules: ${[...ids].join(', ')}.`)
  }
  return {
    rules: [...BUILT_IN_RULES, ...custom],
    severities: gate.rules ?? {},
    ministryWording: compileMinistryWording([...(gate.ministryWording ?? DEFAULT_MINISTRY_WORDING), ...(gate.extraMinistryWording ?? [])]),
  }
}
