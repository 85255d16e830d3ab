import fc from "fast-check";
import { MAX_BODY_BYTES } from "../../src/http/lib/submission";

/**
 * Generated requests over the whole surface of the app: every route's path (with valid, unknown
 * and hostile parameters), any method, query strings with repeated keys, blank, huge, badly
 * percent-encoded and control-character values, headers with broken parameters, duplicates and
 * huge values, and bodies that are invalid UTF-8, truncated JSON or NDJSON, deeply nested,
 * multipart without their boundary, empty or over the limit. SYNTHETIC text throughout.
 */

export interface GeneratedRequest {
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
  body: string | Uint8Array | null;
}

const BUNDLED_ID = "blinken-china-visit-2023-06-17";

/** Path segments a client could put where an id goes. */
const segment = fc.oneof(
  fc.constantFrom(
    BUNDLED_ID,
    "taiwan",
    "strategic-competition",
    "no-such-thing",
    "stored-missing-0123456789ab",
    "%2F",
    "%2e%2e",
    "..",
    "%00",
    "%zz",
    "%E0%A4%A",
    "%C0%AF",
    "%FF%FE",
    "a%20b",
    "%F0%9F%98%80",
    "x".repeat(3000),
  ),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  fc.stringMatching(/^[A-Za-z0-9._~-]{1,30}$/),
);

/** Every route of the app: its own method and a path template (`{id}` takes a generated segment). */
export const ROUTES: readonly { method: string; template: string; runs: number }[] = [
  { method: "GET", template: "/", runs: 15 },
  { method: "GET", template: "/documents/{id}", runs: 15 },
  { method: "GET", template: "/documents", runs: 15 },
  { method: "GET", template: "/statements", runs: 15 },
  { method: "POST", template: "/analyze", runs: 30 },
  { method: "POST", template: "/fragments/analysis", runs: 20 },
  { method: "GET", template: "/docs", runs: 8 },
  { method: "GET", template: "/openapi.json", runs: 8 },
  { method: "GET", template: "/v1/health", runs: 8 },
  { method: "GET", template: "/v1/actors", runs: 8 },
  { method: "GET", template: "/v1/frames", runs: 8 },
  { method: "GET", template: "/v1/topics", runs: 8 },
  { method: "GET", template: "/v1/topics/{id}", runs: 10 },
  { method: "GET", template: "/v1/topics/{id}/compare", runs: 15 },
  { method: "GET", template: "/v1/topics/{id}/timeline", runs: 15 },
  { method: "GET", template: "/v1/compare", runs: 20 },
  { method: "GET", template: "/v1/terms", runs: 15 },
  { method: "GET", template: "/v1/records", runs: 20 },
  { method: "GET", template: "/v1/documents", runs: 15 },
  { method: "GET", template: "/v1/documents/{id}", runs: 10 },
  { method: "POST", template: "/v1/analyze", runs: 40 },
  { method: "POST", template: "/v1/documents", runs: 40 },
  { method: "DELETE", template: "/v1/documents/{id}", runs: 20 },
  // The bulk path: its writes start queue work that goes on after the response, so the property
  // waits for an accepted import's analyses to finish before it compares digests.
  { method: "POST", template: "/v1/imports", runs: 30 },
  { method: "POST", template: "/v1/imports/known", runs: 10 },
  { method: "POST", template: "/v1/reanalyze", runs: 8 },
  { method: "GET", template: "/v1/imports/{id}", runs: 10 },
];

/** Paths that are no route, or a route spelt oddly. */
export const strayPath: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "/v1",
    "/v1/",
    "//v1//health",
    "/v1/health/",
    "/favicon.ico",
    "/docs/scalar.js",
    "/analyze/",
    "/documents/",
  ),
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join("/")}`),
  fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `/v1/${parts.join("/")}`),
);

function pathFor(template: string): fc.Arbitrary<string> {
  return template.includes("{id}") ? segment.map((id) => template.replace("{id}", id)) : fc.constant(template);
}

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("GET", "POST") },
  { weight: 3, arbitrary: fc.constantFrom("HEAD", "DELETE", "PUT", "PATCH", "OPTIONS") },
  { weight: 1, arbitrary: fc.constantFrom("PROPFIND", "get", "patch", "delete", "FOO-BAR") },
);

const KEYS = [
  "a",
  "b",
  "topic",
  "frame",
  "from",
  "to",
  "source",
  "evidence",
  "limit",
  "cursor",
  "actor",
  "document",
  "kind",
  "format",
] as const;

const value = fc.oneof(
  fc.constantFrom(
    "",
    "US",
    "cn",
    "ZZ",
    "null",
    "taiwan",
    "confrontation",
    "narration",
    "2023-06-17",
    "2023-06",
    "2023-13-45",
    "0",
    "1",
    "-1",
    "200",
    "201",
    "1e2",
    "0x10",
    "NaN",
    "eyJhZnRlciI6InoifQ",
    "%zz",
    "%",
    "%E0%A4%A",
    "%00",
    "%0D%0A",
    "%C0%AF",
    "%FF",
    "%ED%A0%80",
    "a+b",
    "%2B",
  ),
  fc.constantFrom("x".repeat(5000), "%41".repeat(3000), "9".repeat(400)),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.string({ unit: "binary", maxLength: 8 }).map(encodeURIComponent),
);

const pair = fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.stringMatching(/^[a-z%0-9]{0,6}$/)), value);

/** A raw query string: repeated keys, keys without `=`, blank values, stray `&`. */
export const query: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constant("") },
  {
    weight: 5,
    arbitrary: fc
      .array(
        fc.oneof(
          pair.map(([k, v]) => `${k}=${v}`),
          pair.map(([k]) => k),
          fc.constant(""),
        ),
        { maxLength: 6 },
      )
      .map((parts) => parts.join("&")),
  },
);

const headerValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,40}[\x21-\x7e])?$/);

const contentType = fc.oneof(
  fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "application/json; charset=",
    "application/json;;;",
    'application/json; charset="',
    "APPLICATION/JSON",
    "application/json, text/plain",
    "text/plain",
    "text/plain; charset=latin1",
    'text/plain; charset="utf-8',
    "multipart/form-data",
    "multipart/form-data; boundary=x",
    "multipart/form-data; boundary=",
    'multipart/form-data; boundary="unterminated',
    "multipart/form-data; boundary=----synthetic",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-8",
    "application/x-ndjson",
    "application/octet-stream",
    "text/html",
    ";",
    "/",
    "*/*",
  ),
  headerValue,
);

const token = "synthetic-test-token-not-a-secret";

/** Headers: each optional, some duplicated (fetch joins them with ", "), one possibly huge. */
export const headers: fc.Arbitrary<[string, string][]> = fc
  .record(
    {
      contentType: fc.array(contentType, { minLength: 1, maxLength: 2 }),
      accept: fc.constantFrom(
        "text/html",
        "text/html,application/xhtml+xml;q=0.9",
        "application/json",
        "*/*",
        "x/y;q=",
      ),
      authorization: fc.oneof(
        fc.constantFrom(
          `Bearer ${token}`,
          "Bearer",
          "Bearer ",
          "bearer x",
          "Basic Zm9vOmJhcg==",
          `Bearer ${"t".repeat(4000)}`,
        ),
        headerValue,
      ),
      ifNoneMatch: fc.constantFrom("*", '"abc"', 'W/"x"', "garbage", `"${"e".repeat(2000)}"`),
      origin: fc.constantFrom("https://a.example", "null", "http://127.0.0.1:8787"),
      filler: fc.integer({ min: 1, max: 12_000 }).map((n) => "f".repeat(n)),
      ip: fc.constantFrom("198.51.100.1", "198.51.100.2", "2001:db8::1", "not-an-ip"),
      range: fc.constantFrom("bytes=0-10", "bytes=-", "items=1"),
      encoding: fc.constantFrom("gzip", "br", "deflate", "identity", "x-unknown, gzip"),
      preflight: fc.tuple(
        fc.constantFrom("POST", "DELETE", "PROPFIND", ""),
        fc.constantFrom("content-type", "authorization, x-a, x-b", "", "x".repeat(500)),
      ),
      expect: fc.constantFrom("100-continue", "nonsense"),
    },
    { requiredKeys: [] },
  )
  .map((h) => {
    const out: [string, string][] = [];
    for (const type of h.contentType ?? []) out.push(["content-type", type]);
    if (h.accept) out.push(["accept", h.accept]);
    if (h.authorization) out.push(["authorization", h.authorization]);
    if (h.ifNoneMatch) out.push(["if-none-match", h.ifNoneMatch]);
    if (h.origin) out.push(["origin", h.origin]);
    if (h.filler) out.push(["x-synthetic-filler", h.filler], ["x-synthetic-filler", "again"]);
    if (h.ip) out.push(["cf-connecting-ip", h.ip]);
    if (h.range) out.push(["range", h.range]);
    if (h.encoding) out.push(["content-encoding", h.encoding]);
    if (h.preflight)
      out.push(["access-control-request-method", h.preflight[0]], ["access-control-request-headers", h.preflight[1]]);
    if (h.expect) out.push(["expect", h.expect]);
    return out;
  });

/** Characters that are hard on text handling: controls, zero-width, separators, combining marks, astral, RTL. */
const oddText = fc.constantFrom(
  "\u0000",
  "\r\n",
  "\u2028",
  "\u200b\u200d",
  "\ufeff",
  "e\u0301",
  "\u{1f600}",
  "\u202e",
  "\u00a0",
  "\t",
  "“",
  "”",
  '"',
  "«",
);

/** A short SYNTHETIC English text the engine accepts, sometimes with odd characters put in. */
const englishText = fc
  .tuple(
    fc.constantFrom("chips", "climate", "the Taiwan Strait", "fentanyl", "crisis lines"),
    fc.array(fc.tuple(fc.nat(), oddText), { maxLength: 4 }),
  )
  .map(([topic, inserts]) => {
    let text = `Synthetic report. US Secretary of State Antony Blinken said that “the United States will keep talking with China about ${topic} to avoid miscalculation.” Wang Wenbin said, “China opposes it.”`;
    for (const [at, odd] of inserts) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + odd + text.slice(i);
    }
    return text;
  });

const submissionJson = fc
  .record(
    {
      text: englishText,
      title: fc.oneof(fc.constant("Synthetic title"), fc.string({ maxLength: 3 })),
      publishedAt: fc.constantFrom("2023-06-17", "2023-02-29", "yesterday"),
      language: fc.constantFrom("en", "fr", "e"),
      synthetic: fc.oneof(fc.boolean(), fc.constant("yes")),
    },
    { requiredKeys: ["text"] },
  )
  .map((v) => JSON.stringify(v));

const truncated = (s: fc.Arbitrary<string>) =>
  fc.tuple(s, fc.double({ min: 0, max: 1, noNaN: true })).map(([t, f]) => t.slice(0, Math.floor(t.length * f)));

const deep = fc
  .integer({ min: 1, max: 200_000 })
  .chain((depth) =>
    fc.constantFrom(
      `${"[".repeat(depth)}${"]".repeat(depth)}`,
      `{"text": ${"[".repeat(depth)}${"]".repeat(depth)}}`,
      `${'{"a":'.repeat(Math.min(depth, 50_000))}1${"}".repeat(Math.min(depth, 50_000))}`,
      "[".repeat(depth),
    ),
  );

const ndjson = fc
  .array(fc.oneof(submissionJson, truncated(submissionJson), fc.constant("")), { minLength: 1, maxLength: 4 })
  .map((lines) => lines.join("\n"));

const multipart = fc.constantFrom(
  '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nSynthetic said the United States.\r\n--x--\r\n',
  '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nno closing boundary',
  '------synthetic\r\nContent-Disposition: form-data; name="text"\r\n\r\nSynthetic text.\r\n------synthetic--\r\n',
  "--\r\n\r\n",
  "text=not-multipart-at-all",
);

const invalidUtf8 = fc.oneof(
  fc.constantFrom(
    new Uint8Array([0xff, 0xfe, 0xfd]),
    new Uint8Array([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
    new Uint8Array([0xed, 0xa0, 0x80]),
    new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
    new Uint8Array([0x00, 0x00, 0x00]),
  ),
  fc.uint8Array({ maxLength: 64 }),
);

const overLimit = fc.constantFrom(
  "x".repeat(MAX_BODY_BYTES + 1),
  JSON.stringify({ text: "Synthetic words said here. ".repeat(8000) }),
  `text=${"y".repeat(5 * 1024 * 1024)}`,
);

/** Bodies of every kind above, weighted towards the ones that reach deep into the handlers. */
export const body: fc.Arbitrary<string | Uint8Array | null> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant("") },
  { weight: 3, arbitrary: submissionJson },
  { weight: 2, arbitrary: englishText },
  { weight: 2, arbitrary: truncated(submissionJson) },
  { weight: 1, arbitrary: ndjson },
  { weight: 1, arbitrary: deep },
  { weight: 2, arbitrary: multipart },
  { weight: 1, arbitrary: englishText.map((t) => `text=${encodeURIComponent(t)}&title=%zz&text=second`) },
  { weight: 2, arbitrary: invalidUtf8 },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: overLimit },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"request":{"text":"x"},"result":{}}',
      '{"request":null}',
      "[]",
      "null",
      '"x"',
      '{"__proto__":{"text":"polluted"},"text":"Synthetic: the United States said so."}',
      '{"text":"Synthetic: the United States said so.","constructor":{"prototype":{"x":1}}}',
      '{"text":"Synthetic: the United States said \\ud800 so."}',
      '{"text":"Synthetic: the United States said so.","text":""}',
      '{"text":"Synthetic: the United States said so.","title":null,"url":"javascript:alert(1)"}',
    ),
  },
);

/** NDJSON import bodies: valid, invalid, truncated and blank lines, repeated texts, a BOM, CRLF. */
const validLine = fc
  .tuple(
    englishText,
    fc.nat(1_000_000),
    fc.constantFrom({}, { publishedAt: "2023-06-17" }, { title: "Synthetic title" }),
  )
  .map(([text, n, extra]) => JSON.stringify({ text: `${text} Synthetic case ${n}.`, synthetic: true, ...extra }));

const importBody: fc.Arbitrary<string | Uint8Array | null> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(
        fc.oneof(
          { weight: 3, arbitrary: validLine },
          { weight: 1, arbitrary: submissionJson },
          { weight: 1, arbitrary: truncated(submissionJson) },
          { weight: 1, arbitrary: fc.constant("") },
        ),
        {
          minLength: 1,
          maxLength: 5,
        },
      )
      .map((lines) => lines.join("\n")),
  },
  { weight: 1, arbitrary: ndjson },
  {
    weight: 1,
    arbitrary: fc
      .tuple(submissionJson, fc.constantFrom("\r\n", "\n\n", "\n"), fc.constantFrom("", "\ufeff"))
      .map(([line, sep, bom]) => `${bom}${line}${sep}${line}${sep}{"text":1}${sep}`),
  },
  { weight: 2, arbitrary: body },
);

/**
 * Headers for the bulk write routes: mostly the NDJSON type and the right token, so generated
 * bodies get past the door and reach the import itself.
 */
const importHeaders: fc.Arbitrary<[string, string][]> = fc
  .tuple(headers, fc.boolean(), fc.boolean())
  .map(([h, ndjsonType, authorised]) => {
    let out = h;
    if (ndjsonType) out = [...out.filter(([n]) => n !== "content-type"), ["content-type", "application/x-ndjson"]];
    if (authorised) out = [...out.filter(([n]) => n !== "authorization"), ["authorization", `Bearer ${token}`]];
    return out;
  });

/** Requests aimed at one route: mostly its own method, sometimes another. */
export function requestFor(route: { method: string; template: string }): fc.Arbitrary<GeneratedRequest> {
  const bulk = route.method === "POST" && (route.template === "/v1/imports" || route.template === "/v1/reanalyze");
  return fc.record({
    method: fc.oneof({ weight: 4, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: method }),
    path: pathFor(route.template),
    query,
    headers: bulk ? importHeaders : headers,
    body: route.template === "/v1/imports" ? importBody : body,
  });
}

/** Requests to paths that are no route. */
export const strayRequest: fc.Arbitrary<GeneratedRequest> = fc.record({
  method,
  path: strayPath,
  query,
  headers,
  body,
});

export function toRequest(base: string, r: GeneratedRequest): Request {
  const headers = new Headers();
  for (const [name, v] of r.headers) headers.append(name, v);
  const hasBody = r.body !== null && r.method.toUpperCase() !== "GET" && r.method.toUpperCase() !== "HEAD";
  return new Request(`${base}${r.path}${r.query ? `?${r.query}` : ""}`, {
    method: r.method,
    headers,
    body: hasBody ? r.body : undefined,
  });
}

/** Paths whose errors are problem+json whatever the client accepts (as src/page/html-errors.tsx says). */
export function isApiPath(pathname: string): boolean {
  return /^\/(v1(\/|$)|openapi\.json$|docs(\/|$)|fragments\/)/.test(pathname);
}

/** A request a page route answers (its errors are pages). */
export function isPageRoute(method: string, pathname: string): boolean {
  const m = method.toUpperCase();
  const read = m === "GET" || m === "HEAD";
  if (read && /^\/\/?$/.test(pathname)) return true;
  if (read && /^\/documents\/[^/]+\/?$/.test(pathname)) return true;
  if (read && /^\/(documents|statements)\/?$/.test(pathname)) return true;
  return m === "POST" && /^\/analyze\/?$/.test(pathname);
}
