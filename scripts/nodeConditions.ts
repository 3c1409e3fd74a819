/**
 * The package export condition this project's Node processes that load Payload run with.
 *
 * Lexical's packages (which Payload's rich text editor loads, about a dozen of them) send Node to a
 * `*.node.mjs` entry that picks its development or production build with a top-level
 * `await import()`. Node 20's ES module loader sometimes never settles those awaits when the
 * entries load side by side: the process exits with code 13 ("unsettled top-level await") before
 * running anything, or, when something keeps its event loop busy, waits for ever. Naming the
 * condition sends Node straight to the build the entry would have picked, with no top-level await.
 * Next.js bundles Lexical, so `next dev|build|start` is not concerned.
 */
/** The variables these functions read; any environment will do. */
type EnvironmentOf = Readonly<Record<string, string | undefined>>

export function exportCondition(env: EnvironmentOf = process.env): 'development' | 'production' {
  return env.NODE_ENV === 'production' ? 'production' : 'development'
}

/** The Node flag that names the condition. */
export function conditionFlag(env: EnvironmentOf = process.env): string {
  return `--conditions=${exportCondition(env)}`
}

/** Node's arguments before one of this project's TypeScript files that loads Payload. */
export function typeScriptNodeArgs(env: EnvironmentOf = process.env): string[] {
  return [conditionFlag(env), '--import', 'tsx']
}

/**
 * NODE_OPTIONS with the condition added, for a Node process started by another program (the
 * Payload CLI under `npm run payload`). A condition already named there is kept as it is.
 */
export function withConditionOption(nodeOptions: string | undefined, env: EnvironmentOf = process.env): string {
  const options = (nodeOptions ?? '').trim()
  if (/(^|\s)(--conditions|-C)(=|\s)/.test(options)) return options
  return [options, conditionFlag(env)].filter(Boolean).join(' ')
}
