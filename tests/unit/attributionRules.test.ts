import { describe, expect, it } from 'vitest'

import { DEFAULT_QUOTATION_SETTINGS } from '../../src/gate/quoteMatch.ts'
import { attributionCases } from './attributionRules.cases.ts'
import {
  articleContext,
  citedStatement,
  COMMENT_TEXT_EN,
  COMMENT_TEXT_RU,
  ID,
  issuedStatement,
  issuedStatementQuote,
  jointStatement,
  participantQuote,
  participantRow,
  participantRowCitation,
  quoteCitation,
  STATEMENT_TEXT,
  statementQuote,
  statementTexts,
} from './gateContext.ts'
import { builtInRule, describeRuleCases } from './ruleCases.ts'

describeRuleCases(attributionCases)

const check = (id: string, context: ReturnType<typeof articleContext>) => builtInRule(id).check(context)

describe('quote-attribution', () => {
  it('numbers each unattributed quote and leaves out the text of an empty one', () => {
    const quotes = [
      statementQuote('should be universally respected and complied with', 1),
      participantQuote('We came.', null, 2),
      participantQuote('  ', null, 3),
    ]
    expect(check('quote-attribution', articleContext({ quotes })).map((finding) => finding.message)).toEqual([
      expect.stringMatching(/^Quote 2 \(“We came\.”\) is not attributed\./),
      expect.stringMatching(/^Quote 3 is not attributed\./),
    ])
  })
})

describe('bare-blockquote', () => {
  it('reports each block quote, shortening a long one', () => {
    const long =
      'The guarantor states reaffirmed their strong commitment to the sovereignty, independence, unity and territorial integrity of the Syrian Arab Republic.'
    const findings = check(
      'bare-blockquote',
      articleContext({ bareBlockquotes: ['The goals have been achieved.', long] }),
    )
    expect(findings).toHaveLength(2)
    expect(findings[1]?.message).toContain(
      '“The guarantor states reaffirmed their strong commitment to…” has no attribution',
    )
  })
})

describe('quote-in-statement', () => {
  const quoted = (...texts: string[]) =>
    check('quote-in-statement', articleContext({ quotes: texts.map((text, index) => statementQuote(text, index + 1)) }))

  it('accepts typographic quotation marks, apostrophes, dashes, spacing and marked omissions', () => {
    expect(
      quoted(
        '“The parties do not accept any attempts … on the ground.”',
        'the UN Charter should be universally respected and complied with, including Syria’s   sovereignty',
        'They called for more humanitarian aid to the whole of Syria – including water [...] electricity supply.',
        "They stressed that the UN Charter... including Syria's sovereignty.",
      ),
    ).toEqual([])
  })

  it('refuses a changed word, a changed case inside the quotation and passages spliced without an omission mark', () => {
    const findings = quoted(
      'The parties do not accept any attempt to create new realities on the ground.',
      'The Parties do not accept any attempts',
      'on the ground. They called for more humanitarian aid',
    )
    expect(findings.map((finding) => finding.message)).toEqual([
      expect.stringMatching(/^Quote 1 .* does not appear in the statement/),
      expect.stringMatching(/^Quote 2 .* does not appear in the statement/),
      expect.stringMatching(/^Quote 3 .* does not appear in the statement/),
    ])
  })

  it('accepts a quotation whose first letter is in another case than the statement’s', () => {
    expect(quoted('the parties do not accept any attempts', 'Should be universally respected')).toEqual([])
  })

  it('shows the misquotation word by word against the closest passage', () => {
    expect(quoted('They stressed that the UN Charter must be universally respected')).toEqual([
      {
        path: 'body',
        message: expect.stringContaining(
          'Closest passage: “ground. They stressed that the UN Charter should be universally respected and”.',
        ),
        diff: [
          { op: 'equal', text: 'They stressed that the UN Charter' },
          { op: 'delete', text: 'should' },
          { op: 'insert', text: 'must' },
          { op: 'equal', text: 'be universally respected' },
        ],
      },
    ])
  })

  it('refuses omissions put back in the wrong order, and says so', () => {
    expect(quoted('on the ground … The parties do not accept')).toEqual([
      { path: 'body', message: expect.stringContaining('each of its parts is there, but not in this order') },
    ])
  })

  it('refuses an omission that takes out a “not”, showing what it took out', () => {
    expect(quoted('The parties do … accept any attempts to create new realities')).toEqual([
      {
        path: 'body',
        message: expect.stringContaining(
          'the omission after “The parties do” leaves out 1 word of the statement ' +
            "'Joint statement of Iran, Russia and Türkiye' (#201), “not”, among them “not”.",
        ),
      },
    ])
  })

  it('refuses a part of one word between omissions', () => {
    expect(quoted('The parties … accept … on the ground.')).toEqual([
      {
        path: 'body',
        message: expect.stringContaining(
          'the part “accept” between omission marks has 1 word. Each part needs at least 2 words',
        ),
      },
    ])
  })

  it('refuses a bracket that puts in or takes out a negation', () => {
    const findings = quoted(
      'the UN Charter should [not] be universally respected',
      '[The parties] accept any attempts to create new realities',
    )
    expect(findings.map((finding) => finding.message)).toEqual([
      expect.stringContaining('the insertion [not] stands for nothing in the statement'),
      expect.stringContaining('the insertion [The parties] stands for “The parties do not” in the statement'),
    ])
  })

  it('takes the fewest words of a part from the gate’s quotation settings', () => {
    const context = articleContext({
      quotes: [statementQuote('The parties do not … on the ground.')],
      quotations: { ...DEFAULT_QUOTATION_SETTINGS, minFragmentWords: 4 },
    })
    expect(check('quote-in-statement', context)).toEqual([
      {
        path: 'body',
        message: expect.stringContaining(
          'the part “on the ground.” between omission marks has 3 words. Each part needs at least 4 words',
        ),
      },
    ])
  })

  it('reports a quote with no text', () => {
    expect(quoted('   ')).toEqual([{ path: 'body', message: 'Quote 1 has no text.' }])
  })

  it('cannot check against a statement with no text yet, and says so', () => {
    const context = articleContext({ statements: [jointStatement({ plainText: '' })] })
    expect(check('quote-in-statement', context)).toEqual([
      {
        path: 'body',
        message:
          "Quote 1 (“should be universally respected and complied with”) cannot be checked: the statement 'Joint statement of Iran, Russia and Türkiye' (#201) has no text yet.",
      },
    ])
  })

  it('leaves a statement that was not loaded to cited-unpublished', () => {
    expect(check('quote-in-statement', articleContext({ statements: [] }))).toEqual([])
  })

  it('does not hold a participant’s words to the statement’s text', () => {
    expect(
      check(
        'quote-in-statement',
        articleContext({ quotes: [participantQuote('Words the statement never used.', ID.kazakhMfa)] }),
      ),
    ).toEqual([])
  })

  it('checks each quote against the statement it names', () => {
    const other = jointStatement({
      id: 202,
      title: 'Joint statement on humanitarian aid',
      plainText: 'Aid must reach all of Syria.',
    })
    const context = articleContext({
      statements: [jointStatement(), other],
      quotes: [
        statementQuote('Aid must reach all of Syria.', 1, 202),
        statementQuote('Aid must reach all of Syria.', 2, ID.statement),
      ],
    })
    expect(check('quote-in-statement', context)).toEqual([
      {
        path: 'body',
        message: expect.stringMatching(/^Quote 2 .*'Joint statement of Iran, Russia and Türkiye' \(#201\)/),
        diff: expect.any(Array),
      },
    ])
  })
})

describe('cited-unpublished', () => {
  it('reports a cited statement that no longer exists', () => {
    expect(check('cited-unpublished', articleContext({ citations: [citedStatement(999)] }))).toEqual([
      { path: 'statements', message: 'The joint statement #999 cited in cited statements no longer exists.' },
    ])
  })

  it('reports an unpublished statement', () => {
    const draft = jointStatement({ id: 203, title: 'Unpublished statement', _status: 'draft' })
    expect(
      check(
        'cited-unpublished',
        articleContext({ statements: [jointStatement(), draft], citations: [citedStatement(203)] }),
      ),
    ).toEqual([
      {
        path: 'statements',
        message:
          "The joint statement 'Unpublished statement' (#203), cited in cited statements, is not published. Publish it first.",
      },
    ])
  })

  it('reports a quote attributed to an unpublished participant, once however often it is quoted', () => {
    const quotes = [participantQuote('We came.', ID.unpublished, 1), participantQuote('We left.', ID.unpublished, 2)]
    expect(check('cited-unpublished', articleContext({ quotes, citations: quotes.map(quoteCitation) }))).toEqual([
      {
        path: 'body',
        message: "The participant 'Unpublished delegation' (#7), cited in quote 1, is not published. Publish it first.",
      },
    ])
  })

  it('reports a participant that no longer exists', () => {
    expect(check('cited-unpublished', articleContext({ citations: [participantRowCitation(99, 0)] }))).toEqual([
      { path: 'participants.0.participant', message: 'The participant #99 cited in participant 1 no longer exists.' },
    ])
  })
})

describe('statement-signatories-listed', () => {
  it('reads participant rows that hold the participant itself rather than its id', () => {
    const doc = {
      participants: [ID.iran, ID.russia, ID.turkiye].map((id) => ({
        participant: { id, name: 'populated' },
        role: 'guarantor',
      })),
    }
    expect(check('statement-signatories-listed', articleContext({ doc }))).toEqual([])
  })

  it('names only the missing signatories, by id when they were not loaded', () => {
    const statement = jointStatement({ signatories: [ID.iran, ID.russia, 98] })
    const doc = { participants: [participantRow(ID.iran, 'guarantor')] }
    expect(
      check('statement-signatories-listed', articleContext({ statements: [statement], doc }))[0]?.message,
    ).toContain('does not list its signatories Russian Federation, #98 as participants')
  })

  it('asks nothing of a statement the article cites without quoting it', () => {
    const context = articleContext({ quotes: [], doc: { participants: [] } })
    expect(context.citations).toContainEqual(citedStatement(ID.statement))
    expect(check('statement-signatories-listed', context)).toEqual([])
  })

  it('reports a statement quoted twice once', () => {
    const quotes = [
      statementQuote('should be universally respected and complied with', 1),
      statementQuote('including Syria’s sovereignty', 2),
    ]
    expect(check('statement-signatories-listed', articleContext({ quotes, doc: { participants: [] } }))).toHaveLength(1)
  })
})

describe('unattributed-quotation', () => {
  const running = (...paragraphs: string[]) =>
    check('unattributed-quotation', articleContext({ runningText: paragraphs }))

  it('ignores short quoted phrases, such as a name or a term', () => {
    expect(running('The so-called “Astana format” ended after talks in the “Rixos President” hotel.')).toEqual([])
  })

  it('finds quoted speech in «guillemets», „German quotes“ and straight quotes, each on its own', () => {
    const findings = running(
      'Lavrov said the talks were «a success for all the parties concerned».',
      'Die Parteien erklärten „wir lehnen alle Versuche ab, neue Realitäten zu schaffen“ am Ende.',
      'The envoy said "we will meet again in the autumn in Astana" and left. Later, "the ceasefire holds in most of the north", he added.',
    )
    expect(findings.map((finding) => finding.message)).toEqual([
      expect.stringContaining('quotes “a success for all the parties concerned”'),
      expect.stringContaining('quotes “wir lehnen alle Versuche ab, neue Realitäten zu schaffen”'),
      expect.stringContaining('quotes “we will meet again in the autumn in Astana”'),
      expect.stringContaining('quotes “the ceasefire holds in most of the north”'),
    ])
  })
})

describe('byline-dateline', () => {
  it('accepts authors in place of a desk byline', () => {
    expect(check('byline-dateline', articleContext({ doc: { authors: [12], byline: null } }))).toEqual([])
  })

  it('reports a missing dateline alone', () => {
    expect(check('byline-dateline', articleContext({ doc: { dateline: null } }))).toEqual([
      { path: 'dateline', message: expect.stringContaining('no dateline') },
    ])
  })
})

describe('quoting statements in the article’s language', () => {
  const findingsOf = (
    quote: ReturnType<typeof issuedStatementQuote>,
    fields: Parameters<typeof issuedStatement>[0] = {},
    language?: string,
  ) => {
    const context = articleContext({
      issuedStatements: [issuedStatement(fields)],
      quotes: [quote],
      citations: [quoteCitation(quote)],
      doc: language ? { language } : {},
    })
    return Object.fromEntries(
      ['quote-in-statement', 'quote-translation-marked', 'desk-translation', 'desk-translation-source'].map((id) => [
        id,
        check(id, context).map((finding) => finding.message),
      ]),
    )
  }
  const silent = {
    'quote-in-statement': [],
    'quote-translation-marked': [],
    'desk-translation': [],
    'desk-translation-source': [],
  }

  it('compares an English article’s quotation with the official English translation', () => {
    expect(findingsOf(issuedStatementQuote('Kazakhstan is ready to continue providing a platform'))).toEqual(silent)
  })

  it('compares a Russian article’s quotation with the Russian original', () => {
    expect(findingsOf(issuedStatementQuote('Следующий раунд состоится в Астане осенью.'), {}, 'ru')).toEqual(silent)
  })

  it('refuses a misquotation of the translation, with the translation’s closest passage', () => {
    const quote = issuedStatementQuote('The next round will be held in Almaty in the autumn.')
    const [finding] = check(
      'quote-in-statement',
      articleContext({ issuedStatements: [issuedStatement()], quotes: [quote], citations: [quoteCitation(quote)] }),
    )
    expect(finding?.message).toContain(
      "does not appear in the statement 'Comment of the Foreign Ministry on the Astana talks' (#301). Closest passage: “for the negotiations. The next round will be held in Astana in the autumn.”",
    )
    expect(finding?.diff).toContainEqual({ op: 'delete', text: 'Astana' })
  })

  it('does not count a translation marked unofficial, and lists it among the languages', () => {
    const findings = findingsOf(issuedStatementQuote(COMMENT_TEXT_EN[1]!), {
      texts: statementTexts('ru', COMMENT_TEXT_RU.join('\n\n'), [['en', COMMENT_TEXT_EN.join('\n\n'), false]]),
    })
    expect(findings['quote-in-statement']).toEqual([])
    expect(findings['quote-translation-marked']).toEqual([
      expect.stringContaining('it has texts in Russian (ru, original), English (en, unofficial).'),
    ])
  })

  it('reads the article’s language case aside, and English when it has none', () => {
    const russianOnly = { texts: statementTexts('ru', COMMENT_TEXT_RU.join('\n\n')) }
    expect(findingsOf(issuedStatementQuote('Следующий раунд состоится'), russianOnly, 'RU')).toEqual(silent)
    expect(
      findingsOf(issuedStatementQuote('Следующий раунд состоится'), russianOnly)['quote-translation-marked'],
    ).toEqual([expect.stringContaining('which has no official text in English (en), the article’s language')])
  })

  it('does not compare a quotation the desk translated, and only warns', () => {
    const findings = findingsOf(issuedStatementQuote('Words the ministry never wrote.', 'ru'))
    expect(findings['quote-in-statement']).toEqual([])
    expect(findings['quote-translation-marked']).toEqual([])
    expect(findings['desk-translation-source']).toEqual([])
    expect(findings['desk-translation']).toHaveLength(1)
  })

  it('refuses a quotation marked as translated from the article’s own language', () => {
    expect(
      findingsOf(issuedStatementQuote('Words the ministry never wrote.', 'en'))['desk-translation-source'],
    ).toEqual([
      expect.stringContaining(
        'is marked as translated from English (en), the article’s own language. Empty *Translated from*',
      ),
    ])
  })

  it('applies to joint statements: a Russian article quotes the official Russian translation', () => {
    const russian = 'Стороны не принимают никаких попыток создать новые реалии на земле.'
    const statement = jointStatement({
      texts: statementTexts('en', STATEMENT_TEXT.join('\n\n'), [['ru', russian]]),
    })
    const quote = statementQuote('не принимают никаких попыток')
    const context = articleContext({ statements: [statement], quotes: [quote], doc: { language: 'ru' } })
    expect(check('quote-in-statement', context)).toEqual([])
    const misquote = statementQuote('Стороны принимают никаких попыток')
    const refused = articleContext({ statements: [statement], quotes: [misquote], doc: { language: 'ru' } })
    expect(check('quote-in-statement', refused)).toEqual([
      expect.objectContaining({ path: 'body', message: expect.stringContaining('does not appear in the statement') }),
    ])
    const english = statementQuote('The parties do not accept any attempts')
    const kazakh = articleContext({ statements: [jointStatement()], quotes: [english], doc: { language: 'kk' } })
    expect(check('quote-translation-marked', kazakh)).toEqual([
      {
        path: 'body',
        message: expect.stringContaining(
          'no official text in Kazakh (kk), the article’s language; it has texts in English (en, original).',
        ),
      },
    ])
  })
})

describe('quote-source-missing', () => {
  const withManner = (manner: string | null) => {
    const quote = { ...participantQuote('We will keep working.', ID.kazakhMfa), manner }
    return check('quote-source-missing', articleContext({ quotes: [quote], citations: [quoteCitation(quote)] }))
  }

  it('reports the manners that imply a document', () => {
    for (const manner of ['official-comment', 'statement', 'joint-statement', 'press-release'])
      expect(withManner(manner)).toHaveLength(1)
  })

  it('leaves spoken words and quotations of statements alone', () => {
    for (const manner of ['interview', 'press-conference', 'other', null]) expect(withManner(manner)).toEqual([])
    expect(check('quote-source-missing', articleContext())).toEqual([])
  })
})

describe('statement-embargo', () => {
  it('reports a cited joint statement under embargo once, and not after the embargo', () => {
    const embargoed = jointStatement({ embargoUntil: '2024-03-02T00:00:00.000Z' })
    expect(check('statement-embargo', articleContext({ statements: [embargoed] }))).toEqual([
      {
        path: 'body',
        message:
          "The joint statement 'Joint statement of Iran, Russia and Türkiye' (#201), cited in quote 1, is under embargo until 2 March 2024, 00:00 UTC. The article cannot be published before then; scheduling its publication for that moment is allowed.",
      },
    ])
    const later = articleContext({ statements: [embargoed], now: new Date('2024-03-02T00:00:00.000Z') })
    expect(check('statement-embargo', later)).toEqual([])
  })

  it('ignores an empty or unreadable embargo', () => {
    for (const embargoUntil of [null, '', 'soon'])
      expect(check('statement-embargo', articleContext({ statements: [jointStatement({ embargoUntil })] }))).toEqual([])
  })
})

describe('cited-unpublished, for statements of one participant', () => {
  it('reports a quoted statement that is not published or no longer exists', () => {
    const quotes = [issuedStatementQuote(COMMENT_TEXT_EN[1]!, null, 1), issuedStatementQuote('Words.', null, 2, 999)]
    const context = articleContext({
      issuedStatements: [issuedStatement({ _status: 'draft' })],
      quotes,
      citations: quotes.map(quoteCitation),
    })
    expect(check('cited-unpublished', context)).toEqual([
      {
        path: 'body',
        message:
          "The statement 'Comment of the Foreign Ministry on the Astana talks' (#301), cited in quote 1, is not published. Publish it first.",
      },
      { path: 'body', message: 'The statement #999 cited in quote 2 no longer exists.' },
    ])
  })
})
