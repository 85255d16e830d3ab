import type { FrameId, TopicId } from "../src/model/taxonomy";

/** What a SYNTHETIC seeded document says (bench/seed-d1.ts writes it): no D1 types, so the browser tests can share it. */
export interface SeedStatement {
  actor: string;
  topics: TopicId[];
  frames: FrameId[];
  posture: number;
  /** The words; they become a quoted sentence of the document's text. */
  quote: string;
}

export interface SeedDocument {
  title: string;
  source: string;
  publishedAt: string;
  statements: SeedStatement[];
}

const MONTHS = 66; // 2021-01 … 2026-06

/** The publication day of the i-th seeded document: spread over 2021-01 to 2026-06. */
export function seedDay(i: number): string {
  const m = i % MONTHS;
  const year = 2021 + Math.floor(m / 12);
  const month = (m % 12) + 1;
  const day = (Math.floor(i / MONTHS) % 28) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
