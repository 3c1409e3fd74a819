/** Admin client components, for Payload's import map (`payload-plugin-newsroom/client`). */
export { AttributionChecklist } from '../../../components/AttributionChecklist.tsx'
export { CreditProvenance, IssuerConfirmation } from '../../../components/CreditProvenance.tsx'
export { LiveImpact } from '../../../components/LiveImpact.tsx'
