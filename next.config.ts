import type { NextConfig } from 'next'

import { withPayload } from '@payloadcms/next/withPayload'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const nextConfig: NextConfig = {
  // The browser tests build into their own folder, so they run beside a developer's `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  devIndicators: false,
  // exifr loads fs and zlib with a require() the bundler cannot follow: bundled, it logs
  // "Couldn't load fs/zlib" each time it is loaded and runs without them. Loaded by Node, as in the
  // tests, it has both. (sharp and pg are external already, through withPayload and Next.js's own list.)
  serverExternalPackages: ['exifr'],
  // The dev server accepts its HMR socket from localhost only; refused it, the admin opened at
  // http://127.0.0.1:PORT stays blank and never hydrates.
  allowedDevOrigins: ['127.0.0.1'],
  // Source files import each other with `.js` extensions (ESM style); let webpack find the `.ts` file.
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
  turbopack: { root: dirname },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
