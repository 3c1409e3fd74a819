/**
 * The quotation matcher: properties over generated statements and quotations, then one example of
 * each style-guide convention it accepts and each thing it refuses.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { DEFAULT_QUOTATION_SETTINGS, findQuotation } from '../../src/gate/quoteMatch.ts'
import { foldCase } from '../../src/gate/text.ts'
import { DEFAULT_NEGATIONS } from '../../src/options/defaults.ts'
import { resolveOptions } from '../../src/plugins/newsroom/resolveOptions.ts'
import { articleContext, jointStatement, statementQuote } from './gateContext.ts'
import { builtInRule } from './ruleCases.ts'

/** Words of a few letters, none of them a negation, each ending in punctuation now and then. */
const plainWord = fc
  .tuple(fc.stringMatching(/^[a-zа-яçğış]{2,7}$/), fc.constantFrom('', '', '', '', ',', '.', ';', ':'), fc.boolean())
  .filter(([letters]) => !Object.values(DEFAULT_NEGATIONS).flat().includes(letters))
  .map(
    ([letters, punctuation, capital]) =>
      (capital ? letters[0]!.toUpperCase() + letters.slice(1) : letters) + punctuation,
  )

/** Words that are all different, case and punctuation aside, so a quotation fits in one place only. */
const distinctWords = (minLength: number, maxLength: number) =>
  fc.uniqueArray(plainWord, { minLength, maxLength, selector: (word) => key(word) })

const key = (word: string) => foldCase(word).replace(/[^\p{L}\p{N}]/gu, '')
const found = (quotation: string, source: string) => findQuotation(quotation, source).found

/** A run of whole words of `words`, from `start`, of `length` words. */
const run = (words: string[], start: number, length: number) => words.slice(start, start + length).join(' ')

describe('quotation matching: properties', () => {
  it('finds every run of whole words of the statement, anywhere in it', () => {
    fc.assert(
      fc.property(
        distinctWords(1, 60).chain((words) =>
          fc.tuple(
            fc.constant(words),
            fc
              .nat(words.length - 1)
              .chain((start) => fc.tuple(fc.constant(start), fc.integer({ min: 1, max: words.length - start }))),
          ),
        ),
        ([words, [start, length]]) => {
          expect(found(run(words, start, length), words.join(' '))).toBe(true)
        },
      ),
    )
  })

  it('refuses one word changed, added or taken away inside a quotation', () => {
    fc.assert(
      fc.property(
        distinctWords(4, 60),
        fc.constantFrom('substitute', 'insert', 'delete'),
        fc.nat(),
        fc.nat(),
        (words, edit, at, from) => {
          const start = from % (words.length - 3)
          const quote = words.slice(start, start + Math.min(words.length - start, 3 + (at % 8)))
          // An inner position: the conventions only concern the first letter and the last punctuation.
          const inner = 1 + (at % (quote.length - 2))
          const edited = [...quote]
          if (edit === 'substitute') edited[inner] = 'zzzq'
          else if (edit === 'insert') edited.splice(inner, 0, 'zzzq')
          else edited.splice(inner, 1)
          expect(found(edited.join(' '), words.join(' '))).toBe(false)
        },
      ),
    )
  })

  it('refuses an omission that takes out a negation', () => {
    fc.assert(
      fc.property(
        distinctWords(6, 40),
        fc.constantFrom(
          ...Object.values(DEFAULT_NEGATIONS)
            .flat()
            .filter((word) => !word.includes('*')),
        ),
        fc.nat(),
        (words, negation, at) => {
          const cut = 2 + (at % (words.length - 3))
          const source = [...words.slice(0, cut), negation, ...words.slice(cut)]
          const quotation = `${run(source, cut - 2, 2)} … ${run(source, cut + 1, 2)}`
          const match = findQuotation(quotation, source.join(' '))
          expect(match.found).toBe(false)
          expect(match.problem).toMatchObject({ kind: 'elided-negation', removed: negation })
        },
      ),
    )
  })

  it('accepts a correct quotation with its first letter in the other case or its last punctuation changed', () => {
    fc.assert(
      fc.property(
        distinctWords(2, 40),
        fc.nat(),
        fc.constantFrom('', '.', '!', '?', ',', '…”'),
        (words, at, ending) => {
          const start = at % (words.length - 1)
          const quote = run(words, start, 2 + (at % 5)).replace(/[^\p{L}\p{N}]+$/u, '') + ending
          const first = quote[0]!
          const recased = (first === first.toLowerCase() ? first.toUpperCase() : first.toLowerCase()) + quote.slice(1)
          expect(found(recased, words.join(' '))).toBe(true)
        },
      ),
    )
  })

  it('never accepts a quotation whose words are not in the statement, in order', () => {
    const fewWords = fc.array(fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'Beta,', 'gamma.'), {
      minLength: 1,
      maxLength: 12,
    })
    fc.assert(
      fc.property(fewWords, fc.array(fewWords, { minLength: 1, maxLength: 3 }), (source, parts) => {
        const quotation = parts.map((part) => part.join(' ')).join(' … ')
        if (!found(quotation, source.join(' '))) return
        // Whatever passed: its words, case and punctuation aside, are a subsequence of the statement's.
        const wanted = parts.flat().map(key)
        let next = 0
        for (const word of source.map(key)) if (word === wanted[next]) next += 1
        expect(next).toBe(wanted.length)
      }),
    )
  })
})

const STATEMENT = [
  'The ministers did not discuss a new format. They cannot accept "unilateral steps" on the ground.',
  'The sides agreed to meet again in Astana; the next round will be held in the autumn.',
].join('\n\n')

describe('quotation matching: the conventions it accepts', () => {
  it('leaves the case of the first letter to the quotation, the Turkish i included', () => {
    expect(found('the sides agreed to meet again', STATEMENT)).toBe(true)
    expect(found('İstanbul talks were held', 'The istanbul talks were held in May.')).toBe(true)
    expect(found('The Sides agreed to meet again', STATEMENT)).toBe(false)
  })

  it('lets the punctuation at the very end be added, dropped or changed', () => {
    expect(found('the next round will be held in the autumn', STATEMENT)).toBe(true)
    expect(found('They cannot accept "unilateral steps" on the ground!', STATEMENT)).toBe(true)
    expect(found('The sides agreed to meet again in Astana.', STATEMENT)).toBe(true)
  })

  it('takes nested quotation marks in any form', () => {
    for (const marks of ["'unilateral steps'", '«unilateral steps»', '„unilateral steps“', '‹unilateral steps›'])
      expect(found(`They cannot accept ${marks} on the ground`, STATEMENT), marks).toBe(true)
  })

  it('reads a quotation across a paragraph break of the statement', () => {
    expect(found('on the ground. The sides agreed', STATEMENT)).toBe(true)
  })

  it('accepts omissions that take out no negation, with the punctuation next to them', () => {
    expect(found('The sides agreed to meet again … the next round will be held', STATEMENT)).toBe(true)
    expect(found('The sides agreed … in the autumn.', STATEMENT)).toBe(true)
  })

  it('finds the place where an omission takes out no negation when there is one', () => {
    const source = 'The parties do not accept the plan. The parties accept the results.'
    expect(found('The parties … accept the results', source)).toBe(true)
  })

  it('accepts words in brackets and says what each stands for', () => {
    expect(findQuotation('[The sides] agreed to meet again in Astana', STATEMENT)).toEqual({
      found: true,
      insertions: [{ inserted: '[The sides]', replaces: 'The sides' }],
    })
    expect(findQuotation('the next round [of talks] will be held', STATEMENT)).toEqual({
      found: true,
      insertions: [{ inserted: '[of talks]', replaces: '' }],
    })
    expect(findQuotation('agreed to meet again in [Kazakhstan’s capital]; the next round', STATEMENT)).toEqual({
      found: true,
      insertions: [{ inserted: "[Kazakhstan's capital];", replaces: 'Astana;' }],
    })
    expect(findQuotation('[T]he sides agreed to meet', STATEMENT).insertions).toEqual([
      { inserted: '[T]he', replaces: 'The' },
    ])
  })
})

describe('quotation matching: what it refuses', () => {
  it('refuses a word that is only part of a word of the statement: “can” in “cannot”', () => {
    expect(found('They can accept', STATEMENT)).toBe(false)
    expect(found('can', STATEMENT)).toBe(false)
    expect(found('cannot', STATEMENT)).toBe(true)
  })

  it('refuses a “not” elided away, and shows what the omission took out', () => {
    expect(findQuotation('The ministers did … discuss a new format', STATEMENT)).toEqual({
      found: false,
      problem: {
        kind: 'elided-negation',
        before: 'The ministers did',
        removed: 'not',
        removedWords: 1,
        negations: ['not'],
      },
    })
  })

  it('refuses omissions that take out negations in other languages', () => {
    const cases: [source: string, quotation: string][] = [
      ['Все стороны не принимают попыток создать новые реалии', 'Все стороны … принимают попыток'],
      ['Taraflar bu girişimleri kabul etmiyor değil ama bekliyor', 'bu girişimleri … ama bekliyor'],
      ['Тараптар бұл әрекеттерді қабылдамайды емес деп мәлімдеді бүгін', 'бұл әрекеттерді … деп мәлімдеді'],
      ['طرفین این اقدامات را نمی‌پذیرند و خواستار گفتگو هستند', 'این اقدامات … و خواستار'],
      ['إن الأطراف لا تقبل أي محاولات لخلق حقائق جديدة', 'إن الأطراف … تقبل أي محاولات'],
      ["The parties don't accept any attempts", 'The parties … accept any attempts'],
    ]
    for (const [source, quotation] of cases)
      expect(findQuotation(quotation, source).problem?.kind, quotation).toBe('elided-negation')
  })

  it('refuses one-word parts stitched together with omissions', () => {
    expect(findQuotation('The … sides … agreed', STATEMENT)).toEqual({
      found: false,
      problem: { kind: 'short-fragment', fragment: 'The', words: 1, minimum: 2 },
    })
    expect(findQuotation('The ministers … format', STATEMENT).problem?.kind).toBe('short-fragment')
  })

  it('accepts one word alone, without omissions, when it is a whole word of the statement', () => {
    expect(found('Astana', STATEMENT)).toBe(true)
    expect(found('Astan', STATEMENT)).toBe(false)
  })

  it('refuses a bracket that adds or removes a negation', () => {
    expect(findQuotation('The ministers [] discuss a new format', STATEMENT).problem).toEqual({
      kind: 'bracket-negation',
      inserted: '[]',
      replaces: 'did not',
      negations: ['not'],
    })
    expect(findQuotation('the next round will [not] be held', STATEMENT).problem?.kind).toBe('bracket-negation')
    expect(found('The ministers [have not] discussed', 'The ministers did not discuss')).toBe(false)
  })

  it('refuses parts put back out of the statement’s order', () => {
    expect(findQuotation('the next round will … The sides agreed', STATEMENT).problem).toEqual({ kind: 'order' })
  })

  it('shows a misquotation word by word against the closest passage', () => {
    expect(findQuotation('The sides agreed to meet again in Moscow; the next round', STATEMENT)).toEqual({
      found: false,
      problem: { kind: 'misquote' },
      closest: 'ground. The sides agreed to meet again in Astana; the next round will',
      diff: [
        { op: 'equal', text: 'The sides agreed to meet again in' },
        { op: 'delete', text: 'Astana;' },
        { op: 'insert', text: 'Moscow;' },
        { op: 'equal', text: 'the next round' },
      ],
    })
  })

  it('shows a misquotation with omissions part by part', () => {
    const match = findQuotation('The ministers did not discuss an old format … the next round will be held', STATEMENT)
    expect(match.diff).toEqual([
      { op: 'equal', text: 'The ministers did not discuss' },
      { op: 'delete', text: 'a new' },
      { op: 'insert', text: 'an old' },
      { op: 'equal', text: 'format. … the next round will be held' },
    ])
  })

  it('finds the closest passage of a long quotation in a long statement', () => {
    const words = Array.from({ length: 20_000 }, (_, index) => `w${index.toString(36)}`)
    const quote = words.slice(12_000, 13_000)
    quote[500] = 'changed'
    const match = findQuotation(quote.join(' '), words.join(' '))
    expect(match.diff).toEqual([
      { op: 'equal', text: words.slice(12_000, 12_500).join(' ') },
      { op: 'delete', text: words[12_500] },
      { op: 'insert', text: 'changed' },
      { op: 'equal', text: words.slice(12_501, 13_000).join(' ') },
    ])
  })
})

describe('the quotation settings', () => {
  it('defaults to two words a part and the negations of six languages', () => {
    const { quotations } = resolveOptions({}).gate
    expect(quotations.minFragmentWords).toBe(2)
    expect(Object.keys(quotations.negations).sort()).toEqual(['ar', 'en', 'fa', 'kk', 'ru', 'tr'])
    expect(quotations).toEqual(DEFAULT_QUOTATION_SETTINGS)
  })

  it('replaces the list of a language the host gives, keeps the others and adds new ones', () => {
    const { quotations } = resolveOptions({
      gate: { quotations: { negations: { en: ['not'], de: ['nicht', 'kein*'] }, minFragmentWords: 3 } },
    }).gate
    expect(quotations.negations.en).toEqual(['not'])
    expect(quotations.negations.de).toEqual(['nicht', 'kein*'])
    expect(quotations.negations.ru).toEqual([...DEFAULT_NEGATIONS.ru!])
    expect(quotations.minFragmentWords).toBe(3)
    expect(
      findQuotation(
        'Die beiden Parteien … nur diesen Plan',
        'Die beiden Parteien akzeptieren keinen Plan nur diesen Plan',
        quotations,
      ).problem?.kind,
    ).toBe('elided-negation')
    const source = 'The ministers did never discuss the plan'
    expect(found('The ministers did … discuss the plan', source)).toBe(false)
    expect(findQuotation('The ministers did … discuss the plan', source, quotations).found).toBe(true)
  })

  it('refuses a minimum that is not a whole number of at least 1', () => {
    expect(() => resolveOptions({ gate: { quotations: { minFragmentWords: 0 } } })).toThrow(/minFragmentWords/)
    expect(() => resolveOptions({ gate: { quotations: { minFragmentWords: 1.5 } } })).toThrow(/minFragmentWords/)
  })

  it('reaches the rules through the gate context', () => {
    const quotes = [statementQuote('The parties … accept any attempts to create new realities')]
    const strict = articleContext({ quotes })
    const lenient = articleContext({ quotes, quotations: { negations: {}, minFragmentWords: 2 } })
    expect(builtInRule('quote-in-statement').check(strict)).toHaveLength(1)
    expect(builtInRule('quote-in-statement').check(lenient)).toEqual([])
  })

  it('reports each bracket of a matched quotation as a warning of its own rule', () => {
    const context = articleContext({
      statements: [jointStatement()],
      quotes: [
        statementQuote(
          "[The ministers] stressed that the UN Charter should be respected, including [Syria's] sovereignty",
        ),
      ],
    })
    expect(builtInRule('quote-in-statement').check(context)).toHaveLength(1) // "universally" is missing
    const fixed = articleContext({
      quotes: [
        statementQuote(
          "[The ministers] stressed that the UN Charter should be universally respected … including [Syria's] sovereignty",
        ),
      ],
    })
    expect(builtInRule('quote-in-statement').check(fixed)).toEqual([])
    expect(builtInRule('quote-bracket-insertion').check(fixed)).toEqual([
      {
        path: 'body',
        message: expect.stringContaining(
          "puts words of its own in brackets: [The ministers] in place of “They”; [Syria's] in place of “Syria's”.",
        ),
      },
    ])
  })
})
