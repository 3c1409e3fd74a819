import type { NewsroomPluginOptions, ResolvedNewsroomOptions, ResolvedWebhookOptions } from '../../options/types.ts'

import { compileMinistryWording, DEFAULT_MINISTRY_WORDING } from '../../gate/ministryWording.ts'
import { BUILT_IN_RULES } from '../../gate/rules/index.ts'
import { validateLanguageCode } from '../../fields/languageField.ts'
import {
  DEFAULT_NEGATIONS,
  DEFAULT_SLUGS,
  DEFAULT_WEBHOOK_EVENTS,
  DEFAULTS,
  WEBHOOK_EVENTS,
} from '../../options/defaults.ts'

/**
 * Applies the defaults (`options/defaults.ts`) and checks what a host passed, once, at config time:
 * the rest of the plugin reads resolved values only.
 */
export function resolveOptions(options: NewsroomPluginOptions = {}, hostUserSlug?: string): ResolvedNewsroomOptions {
  return {
    disabled: options.disabled ?? false,
    // Slugs are chosen by the host at run time; Payload's generated types only know the demo's.
    slugs: {
      ...DEFAULT_SLUGS,
      ...options.slugs,
      ...(options.photos?.collection ? { photos: options.photos.collection } : {}),
    } as ResolvedNewsroomOptions['slugs'],
    usersSlug: (options.usersSlug ?? hostUserSlug ?? DEFAULTS.usersSlug) as ResolvedNewsroomOptions['usersSlug'],
    defaultLanguage: resolveDefaultLanguage(options.defaultLanguage),
    overrides: options.overrides ?? {},
    photos: {
      hostCollection: options.photos?.collection,
      maxFileSize: options.photos?.maxFileSize ?? DEFAULTS.photos.maxFileSize,
      maxPixels: options.photos?.maxPixels ?? DEFAULTS.photos.maxPixels,
      staticDir: options.photos?.staticDir ?? DEFAULTS.photos.staticDir,
    },
    gate: resolveGate(options.gate),
    delivery: {
      cacheControl: options.delivery?.cacheControl ?? DEFAULTS.delivery.cacheControl,
      publicURL: options.delivery?.publicURL?.replace(/\/+$/, ''),
    },
    webhooks: resolveWebhooks(options.webhooks),
    rightsExpiry: {
      queue: options.rightsExpiry?.queue ?? DEFAULTS.rightsExpiry.queue,
      autoRun: options.rightsExpiry?.autoRun ?? DEFAULTS.rightsExpiry.autoRun,
    },
  }
}

function resolveWebhooks(
  webhooks: NewsroomPluginOptions['webhooks'] = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedWebhookOptions {
  const endpoints = (webhooks.endpoints ?? []).map((endpoint) => {
    const { url, events } = typeof endpoint === 'string' ? { url: endpoint, events: undefined } : endpoint
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw new Error(`newsroomPlugin: webhooks.endpoints has "${url}", which is not a URL.`)
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new Error(`newsroomPlugin: webhook URL "${url}" must use http or https.`)
    }
    for (const event of events ?? []) {
      if (!WEBHOOK_EVENTS.includes(event)) {
        throw new Error(
          `newsroomPlugin: webhook "${url}" asks for the event "${event}", which does not exist. Events: ${WEBHOOK_EVENTS.join(', ')}.`,
        )
      }
    }
    return { url, events: events ?? DEFAULT_WEBHOOK_EVENTS }
  })
  const secret = webhooks.secret ?? env.NEWSROOM_WEBHOOK_SECRET ?? ''
  if (endpoints.length > 0 && secret.length < DEFAULTS.webhooks.minimumSecretLength) {
    throw new Error(
      `newsroomPlugin: webhooks need a signing secret of at least ${DEFAULTS.webhooks.minimumSecretLength} characters: set NEWSROOM_WEBHOOK_SECRET ` +
        '(or webhooks.secret) so receivers can check that events come from this CMS.',
    )
  }
  const positive = (value: number | undefined, fallback: number, name: string) => {
    const resolved = value ?? fallback
    if (!Number.isFinite(resolved) || resolved <= 0)
      throw new Error(`newsroomPlugin: webhooks.${name} must be a positive number.`)
    return resolved
  }
  return {
    endpoints,
    secret,
    maxAttempts: Math.floor(positive(webhooks.maxAttempts, DEFAULTS.webhooks.maxAttempts, 'maxAttempts')),
    retryDelayMs: positive(webhooks.retryDelayMs, DEFAULTS.webhooks.retryDelayMs, 'retryDelayMs'),
    timeoutMs: positive(webhooks.timeoutMs, DEFAULTS.webhooks.timeoutMs, 'timeoutMs'),
    queue: webhooks.queue ?? DEFAULTS.webhooks.queue,
    autoRun: webhooks.autoRun ?? DEFAULTS.webhooks.autoRun,
  }
}

function resolveGate(gate: NewsroomPluginOptions['gate'] = {}): ResolvedNewsroomOptions['gate'] {
  const custom = gate.customRules ?? []
  const ids = new Set<string>()
  for (const rule of [...BUILT_IN_RULES, ...custom]) {
    if (ids.has(rule.id))
      throw new Error(`newsroomPlugin: two publish rules have the id "${rule.id}"; rule ids must be unique.`)
    ids.add(rule.id)
  }
  for (const id of Object.keys(gate.rules ?? {})) {
    if (!ids.has(id))
      throw new Error(
        `newsroomPlugin: gate.rules names "${id}", which is not a rule. Known rules: ${[...ids].join(', ')}.`,
      )
  }
  return {
    rules: [...BUILT_IN_RULES, ...custom],
    severities: gate.rules ?? {},
    // Compiled here so wording that cannot work stops the app at start, naming the option it came from.
    ministryWording: [
      ...compileMinistryWording(gate.ministryWording ?? DEFAULT_MINISTRY_WORDING, 'gate.ministryWording'),
      ...compileMinistryWording(gate.extraMinistryWording ?? [], 'gate.extraMinistryWording'),
    ],
    quotations: resolveQuotations(gate.quotations),
  }
}

/** The negations by language (a host's list replaces that language's default) and the shortest part between omissions. */
function resolveQuotations(
  quotations: NonNullable<NewsroomPluginOptions['gate']>['quotations'] = {},
): ResolvedNewsroomOptions['gate']['quotations'] {
  const minFragmentWords = quotations.minFragmentWords ?? DEFAULTS.quotations.minFragmentWords
  if (!Number.isInteger(minFragmentWords) || minFragmentWords < 1)
    throw new Error('newsroomPlugin: gate.quotations.minFragmentWords must be a whole number of at least 1.')
  const negations: Record<string, string[]> = {}
  for (const [language, words] of Object.entries({ ...DEFAULT_NEGATIONS, ...quotations.negations })) {
    if (!Array.isArray(words) || words.some((word) => typeof word !== 'string' || !word.trim()))
      throw new Error(`newsroomPlugin: gate.quotations.negations.${language} must be a list of words.`)
    negations[language] = [...words]
  }
  return { negations, minFragmentWords }
}

/** The language of new articles: an ISO 639-1 code, refused at start-up when it is not one. */
function resolveDefaultLanguage(language: string | undefined): string {
  const resolved = language ?? DEFAULTS.defaultLanguage
  const valid = validateLanguageCode(resolved, { required: true })
  if (valid !== true) throw new Error(`newsroomPlugin: defaultLanguage: ${valid}`)
  return resolved
}
