/** Admin server components, for Payload's import map (`payload-plugin-newsroom/rsc`). */
export { PhotoUsage } from '../../../components/PhotoUsage.tsx'
