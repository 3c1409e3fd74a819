import pg from 'pg'

/** Counts every statement sent to PostgreSQL by any client of this process while `work` runs. */
export async function countQueries<T>(
  work: () => Promise<T>,
): Promise<{ count: number; statements: string[]; result: T }> {
  const statements: string[] = []
  const original = pg.Client.prototype.query
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string }
    statements.push(typeof config === 'string' ? config : (config?.text ?? ''))
    return (original as (...a: unknown[]) => unknown).apply(this, args)
  } as typeof original
  let result: T
  try {
    result = await work()
  } finally {
    pg.Client.prototype.query = original
  }
  return { count: statements.length, statements, result }
}
