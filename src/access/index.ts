import type { Access, FieldAccess, PayloadRequest, Where } from 'payload'

export type Role = 'admin' | 'editor' | 'writer'

export const hasRole = (user: unknown, role: Role): boolean => {
  const roles = (user as { roles?: unknown } | null | undefined)?.roles
  return Array.isArray(roles) && roles.includes(role)
}

/** Editors and admins may publish, unpublish, schedule and delete. */
export const canPublish = (req: PayloadRequest): boolean => hasRole(req.user, 'editor') || hasRole(req.user, 'admin')

/** Anyone on the desk: a signed-in user with a newsroom role. */
export const isStaff = (req: PayloadRequest): boolean => canPublish(req) || hasRole(req.user, 'writer')

/** Signed-in staff see everything, drafts included; everyone else sees published documents only. */
export const publishedOrStaff: Access = ({ req }) => (isStaff(req) ? true : { _status: { equals: 'published' } })

export const staff: Access = ({ req }) => isStaff(req)

/** A statement whose embargo has lifted (or that has none), by the request's time. */
export const embargoLifted = (): Where => ({
  or: [{ embargoUntil: { exists: false } }, { embargoUntil: { less_than_equal: new Date().toISOString() } }],
})

/**
 * Statements and joint statements: the desk sees every one; everyone else only published ones whose
 * embargo has lifted. The time is the request's, so nothing has to run when an embargo lifts.
 */
export const releasedOrStaff: Access = ({ req }) =>
  isStaff(req) ? true : { and: [{ _status: { equals: 'published' } }, embargoLifted()] }

/**
 * Photos: the desk sees every one; everyone else only those a published article shows, so the
 * pictures of a story still in draft (an embargoed one) stay private — files and sizes included.
 * A photo whose rights have expired leaves public reads at that moment: the time is the request's,
 * so nothing has to run for it to disappear.
 */
export const shownPhotosOrStaff: Access = ({ req }) => {
  if (isStaff(req)) return true
  const rightsHeld: Where = {
    or: [
      { 'credit.rightsExpireAt': { exists: false } },
      { 'credit.rightsExpireAt': { greater_than: new Date().toISOString() } },
    ],
  }
  return { and: [{ shownPublicly: { equals: true } }, rightsHeld] }
}

export const anyone: Access = () => true

/** Editors and admins delete anything; writers only what has never been published. */
export const deleteDraftsOrEditor: Access = ({ req }) => {
  if (canPublish(req)) return true
  if (hasRole(req.user, 'writer')) return { _status: { not_equals: 'published' } }
  return false
}

export const editorsOnly: Access = ({ req }) => canPublish(req)

export const adminOnlyField: FieldAccess = ({ req }) => hasRole(req.user, 'admin')

export const adminsOnly: Access = ({ req }) => hasRole(req.user, 'admin')

export const nobody: Access = () => false
