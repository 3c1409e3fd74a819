import type { CollectionBeforeOperationHook } from 'payload'

import { isStaff } from '../access/index.ts'

/**
 * Readers outside the desk always get the published version: `?draft=true` (REST), `draft: true`
 * (GraphQL, Local API with a user) is ignored for them, so no draft can leak through it.
 */
export const publicReadsArePublished: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if ((operation === 'read' || operation === 'count') && !args.overrideAccess && !isStaff(req)) {
    return { ...args, draft: false }
  }
  return args
}
