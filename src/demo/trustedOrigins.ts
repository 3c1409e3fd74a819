/**
 * The origins whose pages may use a signed-in editor's session cookie (Payload's `csrf`) and read
 * the API's answers with it (`cors`): the CMS's own public origin, SERVER_URL, and the frontends
 * listed in ALLOWED_ORIGINS.
 *
 * Without SERVER_URL the CMS can only know itself as the server on this machine, so it trusts
 * http://localhost:PORT and http://127.0.0.1:PORT (what `npm run dev` serves). The list is never
 * empty: Payload takes an empty `csrf` list to mean that cookies count from every origin.
 */
export function trustedOrigins(env: NodeJS.ProcessEnv): string[] {
  const origins = new Set<string>()
  const serverUrl = env.SERVER_URL?.trim()
  if (serverUrl) {
    origins.add(originOf(serverUrl, 'SERVER_URL'))
  } else {
    const port = env.PORT?.trim() || '3000'
    origins.add(`http://localhost:${port}`)
    origins.add(`http://127.0.0.1:${port}`)
  }
  for (const entry of (env.ALLOWED_ORIGINS ?? '').split(',')) {
    if (entry.trim()) origins.add(originOf(entry.trim(), 'ALLOWED_ORIGINS'))
  }
  return [...origins]
}

/** Browsers send the bare origin, so a path or a trailing slash in the setting would never match. */
function originOf(value: string, variable: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`${variable}: "${value}" is not an http(s) origin. Write it as https://news.example.`)
  }
  return url.origin
}
