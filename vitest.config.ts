import { defineConfig } from 'vitest/config'

import { conditionFlag } from './scripts/nodeConditions.ts'

/** Test processes load Payload's Lexical in Node itself: see scripts/nodeConditions.ts. */
const execArgv = [conditionFlag()]

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          // Pure functions on hand-built inputs: no globalSetup, so no database is started.
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // Nothing here needs a process of its own, and threads start in a fraction of the time.
          pool: 'threads',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          execArgv,
          globalSetup: ['./tests/setup/database.ts'],
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/package/**', 'tests/unit/**'],
          // Each file boots its own Payload on its own database; two at a time suits a small machine.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          // npm pack, install into a fresh host app, boot it: slow, so it runs once per `npm test`.
          name: 'package',
          execArgv,
          globalSetup: ['./tests/setup/database.ts'],
          include: ['tests/package/**/*.test.ts'],
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          execArgv,
          globalSetup: ['./tests/setup/database.ts'],
          include: ['tests/e2e/**/*.test.ts'],
          // One Next.js dev server per file, and Next.js allows one per folder at a time.
          fileParallelism: false,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
})
