import type { Access, FieldAccess } from 'payload'

/** Signed-in users see everything, drafts included; everyone else sees published documents only. */
export const publishedOrSignedIn: Access = ({ req }) => {
  if (req.user) return true
  return { _status: { equals: 'published' } }
}

export const signedIn: Access = ({ req }) => Boolean(req.user)

export const anyone: Access = () => true

export const hasRole = (user: unknown, role: 'admin' | 'editor' | 'writer'): boolean => {
  const roles = (user as { roles?: unknown } | null | undefined)?.roles
  return Array.isArray(roles) && roles.includes(role)
}

export const adminOnlyField: FieldAccess = ({ req }) => hasRole(req.user, 'admin')
