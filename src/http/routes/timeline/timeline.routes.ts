import { createRoute } from "@hono/zod-openapi";
import { TimelineSchema } from "../../../model/timeline";
import { CorpusFilterQuerySchema } from "../../lib/filters";
import { ComparePairQuerySchema, TopicIdParamSchema } from "../../lib/params";
import { problemResponseSpec } from "../../lib/problem";

export const TimelineQuerySchema = ComparePairQuerySchema.extend(CorpusFilterQuerySchema.shape);

export const topicTimeline = createRoute({
  method: "get",
  path: "/v1/topics/{id}/timeline",
  tags: ["Compare"],
  summary: "Each actor's mean posture and record count on one topic, per month: stance drift over time",
  request: { params: TopicIdParamSchema, query: TimelineQuerySchema },
  responses: {
    200: {
      description: "One entry per month, oldest first",
      content: { "application/json": { schema: TimelineSchema } },
    },
    400: problemResponseSpec("Malformed actor code, date or range"),
    404: problemResponseSpec("Unknown topic or actor"),
  },
});

export type TopicTimelineRoute = typeof topicTimeline;
