import type { GateRule, RuleFinding } from '../types.ts'

import { describeDeceptiveText } from '../deceptiveText.ts'
import { photoLabel } from '../describe.ts'
import { photosInUse } from './photoRules.ts'

/**
 * Credit lines and quotations must say what they show: no hidden characters, no look-alike
 * letters from another alphabet inside a word.
 */
export const deceptiveCharacters: GateRule = {
  id: 'deceptive-characters',
  target: 'articles',
  defaultSeverity: 'error',
  description:
    'Credit lines and quotations hold no invisible characters and no words mixing look-alike letters from different alphabets.',
  check: (context) => {
    const findings: RuleFinding[] = []
    for (const { photo, use } of photosInUse(context)) {
      const line = photo.credit?.line ?? ''
      for (const problem of describeDeceptiveText(line)) {
        findings.push({
          path: use.path,
          message: `${photoLabel(photo)}, ${use.place}: the credit line ${problem}. Retype it.`,
        })
      }
    }
    for (const quote of context.quotes) {
      for (const problem of describeDeceptiveText(quote.text)) {
        findings.push({
          path: quote.path,
          message: `Quotation ${quote.number}: the text ${problem}. Retype it from the source.`,
        })
      }
    }
    return findings
  },
}

export const characterRules: GateRule[] = [deceptiveCharacters]
