/**
 * Where Payload's import map finds the plugin's admin components. In this repository they are
 * source files (the demo app builds from source); the package build rewrites these to the
 * package's own entry points, `payload-plugin-newsroom/client` and `payload-plugin-newsroom/rsc`.
 */
export const COMPONENT_PATHS = {
  attributionChecklist: '/src/components/AttributionChecklist.tsx#AttributionChecklist',
  creditProvenance: '/src/components/CreditProvenance.tsx#CreditProvenance',
  issuerConfirmation: '/src/components/CreditProvenance.tsx#IssuerConfirmation',
  photoUsage: '/src/components/PhotoUsage.tsx#PhotoUsage',
  liveImpact: '/src/components/LiveImpact.tsx#LiveImpact',
}
