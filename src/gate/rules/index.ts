import type { GateRule } from '../types.ts'

import { attributionRules } from './attributionRules.ts'
import { characterRules } from './characterRules.ts'
import { documentRules } from './documentRules.ts'
import { photoRules } from './photoRules.ts'

/** Every rule the plugin ships, in the order reports list their findings. */
export const BUILT_IN_RULES: GateRule[] = [...photoRules, ...attributionRules, ...documentRules, ...characterRules]
