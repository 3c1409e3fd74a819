/** The "Needs attention" list's vocabulary: why an article is on it, and how it left. */

/** Why a published article was put on the list. */
export const ATTENTION_REASONS = [
  { label: 'A source changed', value: 'source-changed' },
  { label: 'A source was unpublished', value: 'source-unpublished' },
  { label: 'A source was deleted', value: 'source-deleted' },
  { label: 'Photo rights expired', value: 'photo-rights-expired' },
] as const

/** How an item left the list. */
export const ATTENTION_RESOLUTIONS = [
  { label: 'The article was published again, passing every check', value: 'article-republished' },
  { label: 'The source was fixed', value: 'source-fixed' },
  { label: 'The article was unpublished', value: 'article-unpublished' },
  { label: 'The article was deleted', value: 'article-deleted' },
] as const

export type AttentionReason = (typeof ATTENTION_REASONS)[number]['value']
export type AttentionResolution = (typeof ATTENTION_RESOLUTIONS)[number]['value']
