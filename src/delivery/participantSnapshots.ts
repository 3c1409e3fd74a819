import type { PayloadRequest } from 'payload'

import type { Id } from '../model/documents.ts'
import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { notifyDeliveryServers } from './notify.ts'
import { publicReadInTransaction } from './snapshots.ts'

interface PublicParticipant {
  id: Id
  name: string
  slug?: string | null
}

interface StoredParticipantSnapshot {
  id: Id
  participant: Id | { id: Id }
  name: string
  slug: string
}

const participantIdOf = (snapshot: StoredParticipantSnapshot) =>
  typeof snapshot.participant === 'object' ? snapshot.participant.id : snapshot.participant

/**
 * Brings the public identity of the given participants in line with what the public may read:
 * written for the published ones whose name or slug changed, removed for the others. Two reads
 * for any number; delivery servers hear of each change when the transaction commits. Returns the
 * ids whose public identity changed.
 */
export async function refreshParticipantSnapshots(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  participantIds: Id[] | 'all',
): Promise<Id[]> {
  const { payload } = req
  const slug = options.slugs.participantSnapshots as 'participant-snapshots'
  const only = participantIds === 'all' ? undefined : participantIds
  if (only?.length === 0) return []
  const [publicReq, stored] = await Promise.all([
    publicReadInTransaction(req),
    payload.find({
      collection: slug,
      ...(only ? { where: { participant: { in: only } } } : {}),
      depth: 0,
      overrideAccess: true,
      pagination: false,
      select: { participant: true, name: true, slug: true },
      req,
    }),
  ])
  const { docs } = await payload.find({
    collection: options.slugs.participants as 'participants',
    ...(only ? { where: { id: { in: only } } } : {}),
    depth: 0,
    draft: false,
    overrideAccess: false,
    pagination: false,
    select: { name: true, slug: true },
    req: publicReq,
  })

  const storedById = new Map(
    (stored.docs as unknown as StoredParticipantSnapshot[]).map((snapshot) => [
      String(participantIdOf(snapshot)),
      snapshot,
    ]),
  )
  const changed: { id: Id; slugs: string[] }[] = []
  for (const participant of docs as unknown as PublicParticipant[]) {
    const existing = storedById.get(String(participant.id))
    storedById.delete(String(participant.id))
    const data = {
      participant: participant.id as number,
      name: participant.name,
      slug: participant.slug || String(participant.id),
    }
    if (existing && existing.name === data.name && existing.slug === data.slug) continue
    if (existing) {
      await payload.update({ collection: slug, id: existing.id, data, depth: 0, overrideAccess: true, req })
    } else {
      await payload.create({ collection: slug, data, depth: 0, overrideAccess: true, req })
    }
    changed.push({ id: participant.id, slugs: [data.slug, ...(existing ? [existing.slug] : [])] })
  }
  const gone = [...storedById.values()]
  if (gone.length > 0) {
    await payload.delete({
      collection: slug,
      where: { id: { in: gone.map((snapshot) => snapshot.id) } },
      overrideAccess: true,
      req,
    })
    for (const snapshot of gone) changed.push({ id: participantIdOf(snapshot), slugs: [snapshot.slug] })
  }
  await notifyDeliveryServers(
    req,
    changed.map((change) => ({ kind: 'participant', id: Number(change.id), slugs: change.slugs })),
  )
  return changed.map((change) => change.id)
}

/**
 * Removes a participant's public identity before its row is deleted (the snapshot points at the
 * row), telling delivery servers when the transaction commits. Returns whether there was one.
 */
export async function removeParticipantSnapshot(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  participantId: Id,
): Promise<boolean> {
  const { docs } = await req.payload.delete({
    collection: options.slugs.participantSnapshots as 'participant-snapshots',
    where: { participant: { equals: participantId } },
    depth: 0,
    overrideAccess: true,
    req,
  })
  const slugs = (docs as unknown as StoredParticipantSnapshot[]).map((snapshot) => snapshot.slug)
  if (slugs.length === 0) return false
  await notifyDeliveryServers(req, [{ kind: 'participant', id: Number(participantId), slugs }])
  return true
}
