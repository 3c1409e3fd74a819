import type { Metadata } from 'next'

import type React from 'react'

import './frontend.css'

export const metadata: Metadata = {
  title: { default: 'The Newsroom', template: '%s · The Newsroom' },
  description: 'Diplomacy and politics, with every quotation attributed and every photo credited.',
}

export default function FrontendLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="masthead">
          <a href="/articles" className="masthead__name">
            The Newsroom
          </a>
          <span className="masthead__tagline">Diplomacy &amp; politics</span>
        </header>
        <main>{children}</main>
        <footer className="site-footer">A demo frontend. It reads the CMS only through its public REST API.</footer>
      </body>
    </html>
  )
}
