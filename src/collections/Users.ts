import type { Access, CollectionConfig, SelectField } from 'payload'

import { adminOnlyField, hasRole } from '../access/index.ts'
import { makeFirstUserAdmin } from '../hooks/makeFirstUserAdmin.ts'

export const USER_ROLES = [
  { label: 'Admin', value: 'admin' },
  { label: 'Editor', value: 'editor' },
  { label: 'Writer', value: 'writer' },
] as const

export type UserRole = (typeof USER_ROLES)[number]['value']

/** Newsroom roles on an auth collection. Only admins may hand them out. */
export const rolesField = (): SelectField => ({
  name: 'roles',
  type: 'select',
  hasMany: true,
  options: [...USER_ROLES],
  defaultValue: ['writer'],
  saveToJWT: true,
  access: { create: adminOnlyField, update: adminOnlyField },
  admin: { description: 'Writers write drafts, editors also publish, admins also manage users.' },
})

const adminOrSelf: Access = ({ req }) => {
  if (!req.user) return false
  if (hasRole(req.user, 'admin')) return true
  return { id: { equals: req.user.id } }
}

const admins: Access = ({ req }) => hasRole(req.user, 'admin')

/** The staff accounts, used when the host app has no auth collection of its own. */
export const usersCollection = (slug: string): CollectionConfig => ({
  slug,
  auth: { maxLoginAttempts: 10, lockTime: 10 * 60 * 1000 },
  admin: { useAsTitle: 'email', defaultColumns: ['name', 'email', 'roles'], group: 'Admin' },
  access: {
    read: ({ req }) => Boolean(req.user),
    create: admins,
    update: adminOrSelf,
    delete: admins,
  },
  hooks: { beforeChange: [makeFirstUserAdmin] },
  fields: [{ name: 'name', type: 'text' }, rolesField()],
})
