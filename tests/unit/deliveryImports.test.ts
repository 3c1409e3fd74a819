import fs from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { deliveryRoleSql } from '../../src/deliveryServer/role.ts'

const root = path.resolve(import.meta.dirname, '../..')

/** Every module the delivery server loads, following relative imports from its entry (type-only imports aside). */
function moduleGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const source = fs.readFileSync(file, 'utf8')
    for (const match of source.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      if (match[2]) continue
      const specifier = match[3]!
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier))
      else packages.add(specifier)
    }
  }
  visit(entry)
  return { files: [...files].map((file) => path.relative(root, file)), packages: [...packages] }
}

describe('the delivery server', () => {
  it('loads nothing but Node, pg and payload-free modules of its own', () => {
    const { files, packages } = moduleGraph(path.join(root, 'src/deliveryServer/index.ts'))
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))
    expect(packages.filter((name) => !builtins.has(name))).toEqual(['pg'])
    expect(
      files.every((file) =>
        /^src\/(deliveryServer|delivery\/(publicRead|httpCaching)|db\/(unreachable|ids)|options\/defaults)\.?/.test(
          file,
        ),
      ),
    ).toBe(true)
    expect(files).toContain('src/delivery/publicRead.ts')
  })
})

describe('deliveryRoleSql', () => {
  it('grants connect, the schema and SELECT on the three snapshot tables only', () => {
    const sql = deliveryRoleSql({ role: 'reader', password: "it's secret", database: 'news' })
    expect(sql).toContain('grant connect on database "news" to "reader";')
    expect(sql).toContain('grant usage on schema "public" to "reader";')
    expect(sql).toContain(
      'grant select on table "public"."article_snapshots", "public"."article_snapshots_rels", "public"."participant_snapshots" to "reader";',
    )
    expect(sql).toContain("password 'it''s secret'")
    expect(sql.match(/\bgrant\b/g)).toHaveLength(3)
  })

  it('follows custom table names and schema, and refuses a role name it cannot quote safely', () => {
    const sql = deliveryRoleSql({ role: 'reader', tables: { schema: 'cms', snapshots: 'snaps' } })
    expect(sql).toContain('grant select on table "cms"."snaps", "cms"."article_snapshots_rels"')
    expect(sql).toContain("format('grant connect on database %I to %I', current_database(), 'reader')")
    expect(sql).not.toContain('password')
    expect(() => deliveryRoleSql({ role: 'x"; drop table articles; --' })).toThrow(/role name/)
  })
})
