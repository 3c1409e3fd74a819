import type { CollectionBeforeValidateHook, PayloadRequest } from 'payload'

import { recordUpload, settleAfterSave } from '../photos/uploadJournal.ts'

type UploadNames = { filename?: unknown; sizes?: Record<string, { filename?: unknown } | null | undefined> | null }

/** The names an upload's data says Payload is about to write: the original, then each size made. */
function namesToWrite(data: UploadNames | undefined): string[] {
  const names = [data?.filename, ...Object.values(data?.sizes ?? {}).map((size) => size?.filename)]
  return names.filter((name): name is string => typeof name === 'string' && name !== '')
}

type Session = { resolve: () => unknown; reject: () => unknown }

/**
 * How long the end of a save waits for its record to be settled. Settling asks the database, on a
 * connection of its own; when that cannot be had (an outage), the save's answer is not held up
 * longer, and the record is left to the sweep.
 */
const SETTLE_WAIT_MS = 5_000

function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((done) => {
    const timer = setTimeout(done, ms)
    timer.unref()
    const finished = () => {
      clearTimeout(timer)
      done()
    }
    void work.then(finished, finished)
  })
}

/**
 * Runs `then` once the request's transaction has been committed or rolled back, before the
 * operation answers; `false` when there is no transaction to follow. Payload has no hook after
 * the commit, and every collection hook runs inside the transaction, so the PostgreSQL adapter's
 * session is wrapped: its commit and its rollback both return the transaction's own promise,
 * which settles once the transaction has ended, and Payload awaits what they return.
 */
async function whenTransactionEnds(req: PayloadRequest, then: () => Promise<unknown>): Promise<boolean> {
  const id = await req.transactionID
  if (id === undefined || id === null) return false
  const sessions = (req.payload.db as { sessions?: Record<string, Partial<Session> | undefined> }).sessions
  const session = sessions?.[String(id)]
  if (typeof session?.resolve !== 'function' || typeof session.reject !== 'function') return false
  const { resolve, reject } = session as Session
  const thenEnded = (finish: () => unknown) => () =>
    Promise.resolve(finish()).finally(() => waitAtMost(then(), SETTLE_WAIT_MS))
  session.resolve = thenEnded(resolve)
  session.reject = thenEnded(reject)
  return true
}

/**
 * Records an upload's file names in the photos folder's journal before Payload writes the files
 * (in both create and update, files are written after the collection's `beforeValidate` hooks),
 * and settles the record once the save's transaction has ended: kept files when the row was
 * committed, removed ones when it was rolled back. A record left behind (the process stopped, the
 * database was unreachable) is settled by the orphaned-file sweep.
 */
export const journalPhotoUpload: CollectionBeforeValidateHook = async ({ collection, data, operation, req }) => {
  const upload = typeof collection.upload === 'object' ? collection.upload : undefined
  if (!upload?.staticDir || upload.disableLocalStorage) return data
  // An update writes files only when it brings a new one.
  if (operation !== 'create' && !req.file) return data
  const names = namesToWrite(data as UploadNames | undefined)
  if (names.length === 0) return data
  const staticDir = upload.staticDir
  const entry = await recordUpload(staticDir, collection.slug, names)
  const settle = () =>
    settleAfterSave(req.payload, staticDir, entry).catch((error: unknown) =>
      req.payload.logger.warn({
        err: error,
        msg: `newsroomPlugin: could not settle the record of the upload of ${names[0]}; the sweep at the next start will.`,
      }),
    )
  // Without a transaction the entry waits for the sweep, which finds the row and keeps the files.
  await whenTransactionEnds(req, settle)
  return data
}
