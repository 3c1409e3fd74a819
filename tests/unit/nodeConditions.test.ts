import { describe, expect, it } from 'vitest'

import {
  conditionFlag,
  exportCondition,
  typeScriptNodeArgs,
  withConditionOption,
} from '../../scripts/nodeConditions.ts'

describe('the export condition of Node processes that load Payload', () => {
  it('follows NODE_ENV as Lexical’s own entry would: production only when NODE_ENV says so', () => {
    expect(exportCondition({ NODE_ENV: 'production' })).toBe('production')
    expect(exportCondition({ NODE_ENV: 'development' })).toBe('development')
    expect(exportCondition({ NODE_ENV: 'test' })).toBe('development')
    expect(exportCondition({})).toBe('development')
    expect(conditionFlag({ NODE_ENV: 'production' })).toBe('--conditions=production')
  })

  it('puts the condition before tsx in the arguments of a TypeScript process', () => {
    expect(typeScriptNodeArgs({})).toEqual(['--conditions=development', '--import', 'tsx'])
  })

  it('adds the condition to NODE_OPTIONS, keeping what is there and a condition already named', () => {
    expect(withConditionOption(undefined, {})).toBe('--conditions=development')
    expect(withConditionOption('--no-deprecation', { NODE_ENV: 'production' })).toBe(
      '--no-deprecation --conditions=production',
    )
    expect(withConditionOption('--conditions=production --no-deprecation', {})).toBe(
      '--conditions=production --no-deprecation',
    )
    expect(withConditionOption('-C production', {})).toBe('-C production')
    expect(withConditionOption('--conditions development', {})).toBe('--conditions development')
  })
})
