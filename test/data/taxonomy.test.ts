import { describe, expect, it } from "vitest";
import actors from "../../data/taxonomy/actors.json";
import frames from "../../data/taxonomy/frames.json";
import topics from "../../data/taxonomy/topics.json";
import { ActorSchema, FRAME_IDS, FrameSchema, TOPIC_IDS, TopicSchema } from "../../src/model/taxonomy";

describe("data/taxonomy", () => {
  it("should hold valid actors with unique ISO codes", () => {
    const parsed = ActorSchema.array().parse(actors);
    const ids = parsed.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(["US", "CN", "SG"]));
  });

  it("should name each known speaker once per actor", () => {
    for (const actor of ActorSchema.array().parse(actors)) {
      const names = actor.speakers.map((s) => s.name);
      expect(new Set(names).size, actor.id).toBe(names.length);
    }
  });

  it("should hold exactly the contract's topic ids, in order", () => {
    const parsed = TopicSchema.array().parse(topics);
    expect(parsed.map((t) => t.id)).toEqual([...TOPIC_IDS]);
  });

  it("should hold exactly the contract's frame ids, each with a posture in [-1, 1]", () => {
    const parsed = FrameSchema.array().parse(frames);
    expect(parsed.map((f) => f.id)).toEqual([...FRAME_IDS]);
    for (const frame of parsed) expect(Math.abs(frame.posture)).toBeLessThanOrEqual(1);
  });

  it("should write every cue term in lower case without surrounding space", () => {
    for (const label of [...TopicSchema.array().parse(topics), ...FrameSchema.array().parse(frames)]) {
      for (const cue of label.cues) {
        expect(cue, `${label.id}: ${cue}`).toBe(cue.toLowerCase().trim());
      }
    }
  });
});
