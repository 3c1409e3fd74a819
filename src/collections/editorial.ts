import type { CollectionConfig } from 'payload'

import { deleteDraftsOrEditor, publishedOrStaff, releasedOrStaff, staff } from '../access/index.ts'
import { enforceEditorialRoles } from '../hooks/enforceEditorialRoles.ts'
import { publicReadsArePublished } from '../hooks/publicReadsArePublished.ts'

/**
 * Who may do what to a document with drafts (articles, joint statements, participants): the
 * public reads published versions only, the desk writes drafts, editors publish and delete.
 */
export const editorialAccess: NonNullable<CollectionConfig['access']> = {
  read: publishedOrStaff,
  readVersions: staff,
  create: staff,
  update: staff,
  delete: deleteDraftsOrEditor,
}

/** The same for statements and joint statements, which readers see only once any embargo has lifted. */
export const statementAccess: NonNullable<CollectionConfig['access']> = { ...editorialAccess, read: releasedOrStaff }

/** The operation hooks that go with `editorialAccess`. */
export const editorialOperationHooks = [publicReadsArePublished, enforceEditorialRoles]
