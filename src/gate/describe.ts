import type { GateContext, LoadedParticipant, LoadedPhoto, LoadedStatement } from './types.ts'

import { excerpt } from './text.ts'

/** "Photo 'Syrian talks in Astana' (#12)": how messages name a photo. */
export function photoLabel(photo: LoadedPhoto): string {
  const title = (photo.caption || photo.alt || photo.filename || '')
    .replace(/\s*Photo(?: credit)?:.*$/i, '')
    .replace(/[.\s]+$/, '')
  return title ? `Photo '${excerpt(title, 60)}' (#${photo.id})` : `Photo #${photo.id}`
}

export function participantLabel(participant: LoadedParticipant): string {
  return `'${participant.name}' (#${participant.id})`
}

export function statementLabel(statement: Pick<LoadedStatement, 'id' | 'title'>): string {
  return `'${excerpt(statement.title, 70)}' (#${statement.id})`
}

export function participantOf(context: GateContext, id: unknown): LoadedParticipant | undefined {
  return id == null ? undefined : context.participants.get(String(id))
}

export const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === ''
