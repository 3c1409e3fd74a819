import type { Access, CollectionConfig, SelectField } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { adminOnlyField, hasRole } from '../access/index.ts'
import { makeFirstUserAdmin } from '../hooks/makeFirstUserAdmin.ts'
import { mergeHooks } from './mergeHooks.ts'
import { cacheHeaderHooks } from './wiring.ts'

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
export const usersCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: options.usersSlug,
  auth: { maxLoginAttempts: 10, lockTime: 10 * 60 * 1000 },
  admin: { useAsTitle: 'email', defaultColumns: ['name', 'email', 'roles'], group: 'Admin' },
  access: {
    read: ({ req }) => Boolean(req.user),
    create: admins,
    update: adminOrSelf,
    delete: admins,
  },
  hooks: { beforeOperation: cacheHeaderHooks(options, 'private'), beforeChange: [makeFirstUserAdmin] },
  fields: [{ name: 'name', type: 'text' }, rolesField()],
})

/** The host's own auth collection with newsroom roles (unless it has a `roles` field already). */
export function withNewsroomRoles(existing: CollectionConfig, options: ResolvedNewsroomOptions): CollectionConfig {
  const hasRoles = existing.fields.some((field) => 'name' in field && field.name === 'roles')
  return {
    ...existing,
    fields: hasRoles ? existing.fields : [...existing.fields, rolesField()],
    hooks: mergeHooks(mergeHooks({ beforeChange: [makeFirstUserAdmin] }, existing.hooks), {
      beforeOperation: cacheHeaderHooks(options, 'private'),
    }),
  }
}
