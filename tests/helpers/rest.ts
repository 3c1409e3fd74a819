import type { SanitizedConfig } from 'payload'

import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'

type Handler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

/**
 * Calls the app's real REST and GraphQL route handlers (the ones Next.js serves under /api)
 * with real `Request` objects, without a listening server.
 */
export class RestClient {
  private readonly handlers: Record<'GET' | 'POST' | 'PATCH' | 'DELETE', Handler>
  private readonly graphqlHandler: (request: Request) => Promise<Response>
  token?: string

  constructor(private readonly config: SanitizedConfig) {
    this.handlers = {
      GET: REST_GET(config) as Handler,
      POST: REST_POST(config) as Handler,
      PATCH: REST_PATCH(config) as Handler,
      DELETE: REST_DELETE(config) as Handler,
    }
    this.graphqlHandler = GRAPHQL_POST(config) as (request: Request) => Promise<Response>
  }

  private headers(body: unknown, token: string | undefined): Headers {
    const headers = new Headers()
    if (body !== undefined && !(body instanceof FormData)) headers.set('Content-Type', 'application/json')
    if (token) headers.set('Authorization', `JWT ${token}`)
    return headers
  }

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: `/${string}`,
    body?: unknown,
    options: { token?: string | null; headers?: Record<string, string> } = {},
  ) {
    const [pathname = '', query] = path.slice(1).split('?')
    const url = `http://localhost${this.config.routes.api}/${pathname}${query ? `?${query}` : ''}`
    const token = options.token === null ? undefined : (options.token ?? this.token)
    const headers = this.headers(body, token)
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value)
    const request = new Request(url, {
      method,
      headers,
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    })
    const response = await this.handlers[method](request, { params: Promise.resolve({ slug: pathname.split('/') }) })
    const text = await response.text()
    // Responses are asserted field by field in the tests; a type for each would only repeat them.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let json: any
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { status: response.status, json, text, headers: response.headers }
  }

  get(path: `/${string}`, options?: { token?: string | null; headers?: Record<string, string> }) {
    return this.request('GET', path, undefined, options)
  }
  post(path: `/${string}`, body?: unknown, options?: { token?: string | null }) {
    return this.request('POST', path, body, options)
  }
  patch(path: `/${string}`, body?: unknown, options?: { token?: string | null }) {
    return this.request('PATCH', path, body, options)
  }
  delete(path: `/${string}`, options?: { token?: string | null }) {
    return this.request('DELETE', path, undefined, options)
  }

  async login(email: string, password: string): Promise<string> {
    const { status, json } = await this.post('/users/login', { email, password }, { token: null })
    if (status !== 200 || !json?.token)
      throw new Error(`Login as ${email} failed with ${status}: ${JSON.stringify(json)}`)
    this.token = json.token
    return json.token
  }

  async graphql(query: string, variables?: Record<string, unknown>, options: { token?: string | null } = {}) {
    const token = options.token === null ? undefined : (options.token ?? this.token)
    const request = new Request(`http://localhost${this.config.routes.api}${this.config.routes.graphQL}`, {
      method: 'POST',
      headers: this.headers({}, token),
      body: JSON.stringify({ query, variables }),
    })
    const response = await this.graphqlHandler(request)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- asserted field by field, as above
    return { status: response.status, json: (await response.json()) as any, headers: response.headers }
  }
}
