import type { CollectionBeforeOperationHook } from 'payload'

import { PRIVATE_NO_STORE } from '../delivery/httpCaching.ts'

/**
 * `Cache-Control` on REST and GraphQL reads through Payload's own handlers: whatever a signed-in
 * user reads (drafts included) is `private, no-store`; an anonymous reader only ever gets
 * published documents, which shared caches may keep. Collections without public content (user
 * accounts, whose lookup during sign-in is itself a read) pass no public value.
 */
export const setCacheHeaders =
  (publicCacheControl: string | undefined): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    if (operation !== 'read' && operation !== 'count') return args
    if (req.payloadAPI !== 'REST' && req.payloadAPI !== 'GraphQL') return args
    req.responseHeaders ??= new Headers()
    // Once private, a response stays private whatever else it reads while populating.
    if (req.user || req.responseHeaders.get('Cache-Control') === PRIVATE_NO_STORE)
      req.responseHeaders.set('Cache-Control', PRIVATE_NO_STORE)
    else if (publicCacheControl) req.responseHeaders.set('Cache-Control', publicCacheControl)
    return args
  }
