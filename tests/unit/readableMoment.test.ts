import { describe, expect, it } from 'vitest'

import { readableMoment } from '../../src/gate/text.ts'

describe('a moment in a finding', () => {
  it('reads as a date and a 24-hour time in UTC, saying so', () => {
    expect(readableMoment(new Date('2024-03-01T10:00:00.000Z'))).toBe('1 March 2024, 10:00 UTC')
    expect(readableMoment(new Date('2026-12-31T23:59:00.000Z'))).toBe('31 December 2026, 23:59 UTC')
  })

  it('gives the seconds when there are any, so the moment it names is not too early', () => {
    expect(readableMoment(new Date('2026-11-29T00:07:26.000Z'))).toBe('29 November 2026, 00:07:26 UTC')
  })
})
