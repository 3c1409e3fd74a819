/**
 * The SQL for a PostgreSQL login the delivery server can use: it may connect, see the schema and
 * read the three snapshot tables, and nothing else. A delivery server faces the internet; if it
 * is ever turned against its database, this role cannot read drafts, users or anything the CMS
 * keeps, nor write anything.
 */
import type { DeliveryTables } from '../delivery/publicRead.ts'

import { DEFAULT_DELIVERY_TABLES } from './options.ts'

export interface DeliveryRoleOptions {
  /** The role's name: letters, digits and `_`, starting with a letter or `_`. */
  role: string
  /** Its password; without one the role gets none set (and an existing one is kept). */
  password?: string
  /** The snapshot tables, when not named as the plugin names them by default. */
  tables?: Partial<DeliveryTables>
  /** The database it may connect to. @default the database the SQL runs in */
  database?: string
}

const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`

/** SQL that creates (or brings in line) a login allowed to read the snapshot tables only; it can be run again. */
export function deliveryRoleSql(options: DeliveryRoleOptions): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(options.role))
    throw new Error(`"${options.role}" is not a role name this SQL can hold: use letters, digits and _.`)
  const tables = { ...DEFAULT_DELIVERY_TABLES, ...options.tables }
  const role = identifier(options.role)
  const schema = identifier(tables.schema ?? 'public')
  const readable = [tables.snapshots, tables.snapshotRels, tables.participants]
    .map((table) => `${schema}.${identifier(table)}`)
    .join(', ')
  const connect = options.database
    ? `grant connect on database ${identifier(options.database)} to ${role};`
    : [
        'do $grant$',
        'begin',
        `  execute format('grant connect on database %I to %I', current_database(), ${literal(options.role)});`,
        'end',
        '$grant$;',
      ].join('\n')
  return [
    '-- A login for the newsroom delivery server: it reads the published snapshots and nothing else.',
    'do $create$',
    'begin',
    `  if not exists (select from pg_catalog.pg_roles where rolname = ${literal(options.role)}) then`,
    `    create role ${role};`,
    '  end if;',
    'end',
    '$create$;',
    `alter role ${role} with login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls${
      options.password !== undefined ? ` password ${literal(options.password)}` : ''
    };`,
    `alter role ${role} set default_transaction_read_only = on;`,
    connect,
    `grant usage on schema ${schema} to ${role};`,
    // A role made earlier with more rights loses them.
    `revoke all privileges on all tables in schema ${schema} from ${role};`,
    `revoke all privileges on all sequences in schema ${schema} from ${role};`,
    `grant select on table ${readable} to ${role};`,
    '',
  ].join('\n')
}
