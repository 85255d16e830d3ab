import { type SeedDocument, seedDay } from "../../bench/seed-spec";

/**
 * The SYNTHETIC corpus the browser tests seed into their local D1: Japan and Australia on cyber
 * espionage (a pair and topic the bundled corpus does not chart, so the other page tests see the
 * bundled corpus unchanged), 2021-01 to 2026-06. Some quotes hold a comma, quotes and a line
 * break, which the CSV must carry through.
 */
export const SEED_DOCUMENTS = 150;
export const SEED_A = "JP";
export const SEED_B = "AU";
export const SEED_TOPIC = "cyber-espionage";
/** Statements of side a per document. */
export const SEED_A_PER_DOCUMENT = 2;

export function e2eDocument(i: number): SeedDocument {
  const tricky = i % 10 === 0 ? `, with "quotes",\nand a second line` : "";
  return {
    title: `Synthetic cyber report ${i}`,
    source: i % 2 === 0 ? "Synthetic Daily" : "Synthetic Wire",
    publishedAt: seedDay(i),
    statements: [
      {
        actor: SEED_A,
        topics: [SEED_TOPIC],
        frames: ["security-threat"],
        posture: -0.6 + (i % 5) * 0.1,
        quote: `synthetic JP line ${i}a${tricky}`,
      },
      {
        actor: SEED_A,
        topics: [SEED_TOPIC],
        frames: ["cooperation"],
        posture: 0.2,
        quote: `synthetic JP line ${i}b`,
      },
      {
        actor: SEED_B,
        topics: [SEED_TOPIC],
        frames: ["cooperation"],
        posture: 0.1 + (i % 3) * 0.2,
        quote: `synthetic AU line ${i}`,
      },
    ],
  };
}
