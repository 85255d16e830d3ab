import type { Child } from "hono/jsx";
import { INLINE_SCRIPT, INLINE_STYLE } from "../assets";

/** The shell every page shares. Style and script are inline, allowed by the CSP through their hashes. */
export const Layout = ({ title, children }: { title: string; children?: Child }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <meta name="description" content="How two actors frame each topic, side by side, with verbatim evidence." />
      <style dangerouslySetInnerHTML={{ __html: INLINE_STYLE }} />
      <link rel="icon" href="data:," />
    </head>
    <body>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="wrap">
          <p class="site-name">
            <a href="/">Stance Desk</a>
          </p>
          <nav aria-label="Site">
            <ul>
              <li>
                <a href="/">Compare</a>
              </li>
              <li>
                <a href="/documents">Documents</a>
              </li>
              <li>
                <a href="/#analyze">Analyze your text</a>
              </li>
              <li>
                <a href="/docs">API reference</a>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" class="wrap" tabindex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <p>
            Every quote is a verbatim slice of its document: follow it to see it in place. Frames and postures are
            annotations, not facts about intent. Data: <a href="/v1/compare">/v1/compare</a>,{" "}
            <a href="/openapi.json">OpenAPI</a>.
          </p>
        </div>
      </footer>
      {/* Last in the body, so the form it enhances already exists when it runs. */}
      <script dangerouslySetInnerHTML={{ __html: INLINE_SCRIPT }} />
    </body>
  </html>
);

export const Notices = ({ notices }: { notices: readonly string[] }) =>
  notices.length === 0 ? null : (
    <div class="notice" role="status">
      {notices.map((n) => (
        <p>{n}</p>
      ))}
    </div>
  );
