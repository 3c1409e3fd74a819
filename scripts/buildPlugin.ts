/**
 * Builds the plugin package into dist/: JavaScript and type declarations from the source, the
 * admin components' CSS, and import-map paths pointing at the package's own entry points.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist')
const packageName = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name as string

fs.rmSync(dist, { recursive: true, force: true })
execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' })

for (const file of fs.readdirSync(path.join(root, 'src/components'))) {
  if (file.endsWith('.css'))
    fs.copyFileSync(path.join(root, 'src/components', file), path.join(dist, 'components', file))
}

// tsc rewrites `.ts` specifiers in JavaScript but not in declarations; hosts resolve `.js`.
const declarations = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? declarations(full) : entry.name.endsWith('.d.ts') ? [full] : []
  })
for (const file of declarations(dist)) {
  const text = fs.readFileSync(file, 'utf8')
  fs.writeFileSync(file, text.replace(/((?:from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]+?)\.tsx?(['"])/g, '$1.js$2'))
}

const componentPaths = path.join(dist, 'components/paths.js')
const rewritten = fs
  .readFileSync(componentPaths, 'utf8')
  .replace(
    /'\/src\/components\/(AttributionChecklist|CreditProvenance|LiveImpact)\.tsx#(\w+)'/g,
    `'${packageName}/client#$2'`,
  )
  .replace(/'\/src\/components\/(PhotoUsage)\.tsx#(\w+)'/g, `'${packageName}/rsc#$2'`)
if (rewritten.includes('/src/components/')) throw new Error('A component path was not rewritten for the package')
fs.writeFileSync(componentPaths, rewritten)
console.log(`Built ${packageName} into dist/`)
