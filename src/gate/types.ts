/** The gate's types live with the document model, so the plugin's options can name them. */
export type * from '../model/gate.ts'
