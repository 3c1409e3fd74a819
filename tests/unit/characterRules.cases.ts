import type { RuleCase } from './ruleCases.ts'

import { articleContext, handoutPhoto } from './gateContext.ts'
import { literal } from './ruleCases.ts'

export const characterCases: RuleCase[] = [
  {
    rule: 'deceptive-characters',
    name: 'a zero-width space hidden in a credit line',
    fails: () => articleContext({ photos: [handoutPhoto({ credit: { line: 'Ministry of Foreign\u200B Affairs' } })] }),
    findings: [
      {
        path: 'heroPhoto',
        message: literal(
          "Photo 'Syrian talks in Astana' (#101), hero photo: the credit line holds invisible characters (zero-width space U+200B). Retype it.",
        ),
      },
    ],
    passes: () => articleContext({ photos: [handoutPhoto({ credit: { line: 'Ministry of Foreign Affairs' } })] }),
  },
]
