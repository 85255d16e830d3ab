import { Layout } from "../components/layout";

/** A page-route failure as a page (the API's routes answer problem+json instead). */
export const ErrorPage = ({ status, title, detail }: { status: number; title: string; detail: string }) => (
  <Layout title={`${title} · Stance Desk`}>
    <h1>{title}</h1>
    <p>{detail}</p>
    <p class="muted">HTTP status {status}.</p>
    <p>
      <a href="/">Go to the comparison</a> or see the <a href="/docs">API reference</a>.
    </p>
  </Layout>
);
