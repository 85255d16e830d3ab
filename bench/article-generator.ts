import type { Taxonomy } from "../src/engine/taxonomy";

/**
 * Deterministic article text for benchmarks: news paragraphs assembled from sentence templates
 * filled with the taxonomy's speakers, actors and cue terms (a seeded PRNG, so every run measures
 * the same text). Synthetic: for timing only, never for accuracy.
 */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TEMPLATES = [
  "{SPEAKER} said on {DAY} that {ACTOR} would {VERB} {CUE} and {CUE2}.",
  "“We will continue to {VERB} {CUE}, and we expect {ACTOR} to respect {CUE2},” {SPEAKER} told reporters in {CAPITAL}.",
  "{ROLE} {SPEAKER} called on {ACTOR} to address {CUE}, according to the Xinhua News Agency.",
  "“{CUE_CAP} is not {CUE2},” he said, adding that the two sides should {VERB} {CUE}.",
  "There are many points of contention, from {CUE} to {CUE2}, analysts said.",
  "The U.S. delegation arrived on Jan. 12 for 2.5 hours of talks... but no statement followed.",
  "Mr. {SURNAME} stressed that {CUE} requires {CUE2}. She also noted the importance of {CUE}.",
  "{ACTOR} firmly opposes {CUE} and will not tolerate {CUE2}, the spokesman said.",
];

// Background sentences with no stance, as every news article has (datelines, logistics, context).
const BACKGROUND = [
  "The meeting took place at a hotel near the airport and lasted about three hours.",
  "{SPEAKER} arrived on {DAY} evening and is scheduled to leave the following afternoon.",
  "The visit is the first of its kind in nearly five years, officials in {CAPITAL} noted in a schedule released to the press.",
  "Delegations from both capitals were seated across a long table decorated with flowers.",
  "Reporters waited outside the venue for several hours before the motorcade left.",
  "The trip had been planned for months and was postponed twice because of scheduling problems.",
];

const VERBS = ["strengthen", "discuss", "manage", "address", "avoid", "pursue", "raise", "oppose"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

export function generateArticles(taxonomy: Taxonomy, targetChars: number, seed = 42): string[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const speakers = taxonomy.actors.flatMap((a) => a.speakers.map((s) => ({ ...s, actor: a })));
  const cues = [...taxonomy.topics, ...taxonomy.frames].flatMap((l) => l.cues);
  const articles: string[] = [];
  let total = 0;
  while (total < targetChars) {
    // Article sizes from 1 K to 24 K characters, as news articles and transcripts vary.
    const size = 1000 + Math.floor(random() * 23_000);
    const paragraphs: string[] = [
      `${pick(speakers).name} ${pick(["warns", "urges", "says"])} ${pick(cues)} must be addressed`,
    ];
    let length = paragraphs[0]?.length ?? 0;
    while (length < size) {
      const speaker = pick(speakers);
      const sentences: string[] = [];
      for (let k = 0; k < 4; k++) {
        const cue = pick(cues);
        if (random() < 0.5) {
          sentences.push(
            pick(BACKGROUND)
              .replace("{SPEAKER}", speaker.name)
              .replace("{DAY}", pick(DAYS))
              .replace("{CAPITAL}", pick(taxonomy.actors).aliases.at(-1) ?? ""),
          );
          continue;
        }
        sentences.push(
          pick(TEMPLATES)
            .replace("{SPEAKER}", speaker.name)
            .replace("{SURNAME}", speaker.name.split(" ").at(-1) ?? speaker.name)
            .replace("{ROLE}", speaker.role.split(";")[0] ?? "")
            .replace("{ACTOR}", pick(taxonomy.actors).name)
            .replace("{CAPITAL}", pick(taxonomy.actors).aliases.at(-1) ?? "")
            .replace("{VERB}", pick(VERBS))
            .replace("{DAY}", pick(DAYS))
            .replace("{CUE_CAP}", cue.charAt(0).toUpperCase() + cue.slice(1))
            .replace("{CUE}", cue)
            .replace("{CUE2}", pick(cues))
            .replace("{CUE}", pick(cues)),
        );
      }
      const paragraph = sentences.join(" ");
      paragraphs.push(paragraph);
      length += paragraph.length + 2;
    }
    const article = paragraphs.join("\n\n");
    articles.push(article);
    total += article.length;
  }
  return articles;
}
