/** Words and numbers the page shows for engine values, so every number also has a plain-language reading. */

import { MONTH_NAMES } from "../model/calendar";

/** A signed number with a real minus sign, e.g. "+0.4", "−0.6", "0". */
export function signed(value: number, digits = 2): string {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return "0";
  const text = Math.abs(rounded)
    .toFixed(digits)
    .replace(/\.?0+$/, "");
  return `${rounded > 0 ? "+" : "−"}${text}`;
}

export function fixed(value: number, digits = 2): string {
  return value.toFixed(digits).replace(/\.?0+$/, "") || "0";
}

/** Where a posture sits on the adversarial (-1) to cooperative (+1) scale, in words. */
export function postureWords(posture: number): string {
  if (posture <= -0.5) return "adversarial";
  if (posture < -0.15) return "leans adversarial";
  if (posture <= 0.15) return "neutral";
  if (posture < 0.5) return "leans cooperative";
  return "cooperative";
}

/** A posture bucket for styling (shape and colour both follow it; the words above carry the meaning). */
export function postureTone(posture: number): "adversarial" | "neutral" | "cooperative" {
  if (posture < -0.15) return "adversarial";
  if (posture > 0.15) return "cooperative";
  return "neutral";
}

export function divergenceWords(divergence: number): string {
  if (divergence < 0.2) return "low";
  if (divergence < 0.45) return "moderate";
  if (divergence < 0.7) return "high";
  return "very high";
}

export function gapWords(gap: number): string {
  if (gap < 0.2) return "close";
  if (gap < 0.6) return "apart";
  if (gap < 1) return "far apart";
  return "at opposite ends";
}

/** "2023-06-17" → "17 June 2023"; the date part only, whatever the time zone of a full timestamp. */
export function longDate(iso: string | null): string | null {
  if (!iso) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  return `${Number(day)} ${MONTH_NAMES[Number(month) - 1] ?? month} ${year}`;
}

const KIND_WORDS = {
  "direct-quote": "direct quote",
  "reported-speech": "reported speech",
  narration: "narration",
} as const;

export function kindWords(kind: keyof typeof KIND_WORDS): string {
  return KIND_WORDS[kind];
}

/** Marker positions per record: one class per 0.05 of posture, `at-0` (-1) to `at-40` (+1). */
export const MARKER_STEPS = 40;

export function markerStep(posture: number): number {
  const clamped = Math.max(-1, Math.min(1, posture));
  return Math.round(((clamped + 1) / 2) * MARKER_STEPS);
}
