import type { GateRule, RuleFinding } from '../types.ts'

import { describeDeceptiveText } from '../deceptiveText.ts'
import { photoLabel } from '../describe.ts'
import { photosInUse } from './photoRules.ts'

/**
 * Credit lines and quotations must say what they show: no hidden characters, no look-alike
 * letters from another alphabet inside a word. Invisible characters that a script's spelling needs
 * where they stand (a Persian zero-width non-joiner, the joiner of an emoji sequence, a direction
 * mark at the edge of a right-to-left word, …) are not hidden: see deceptiveText.ts.
 */
export const deceptiveCharacters: GateRule = {
  id: 'deceptive-characters',
  target: 'articles',
  defaultSeverity: 'error',
  description:
    'Credit lines and quotations hold no invisible characters, except those the spelling of a script needs where they stand, and no words mixing look-alike letters from different alphabets.',
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
