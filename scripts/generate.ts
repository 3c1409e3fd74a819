/**
 * Writes Payload's generated files for the demo app:
 *   node --import tsx scripts/generate.ts types       # src/payload-types.ts
 *   node --import tsx scripts/generate.ts importmap   # src/app/(payload)/admin/importMap.js
 * It calls the functions `payload generate:types` / `generate:importmap` call, with the config imported
 * statically: on Node 20 a dynamic import of the TypeScript config (as the CLI does) sometimes never
 * finishes, and the process then ends without writing anything.
 */
import './offlineDatabase.ts'

import { generateImportMap } from 'payload'
import { generateTypes } from 'payload/node'

import configPromise from '../payload.config.ts'

const what = process.argv[2]
if (what !== 'types' && what !== 'importmap') {
  console.error('Say what to generate: types or importmap.')
  process.exit(2)
}
const config = await configPromise
if (what === 'types') await generateTypes(config)
else await generateImportMap(config)
process.exit(0)
