import { createRoute } from "@hono/zod-openapi";
import { TopicComparisonSchema } from "../../../model/comparison";
import { CorpusFilterQuerySchema, EvidenceQuerySchema } from "../../lib/filters";
import { ComparePairQuerySchema, TopicIdParamSchema } from "../../lib/params";
import { problemResponseSpec } from "../../lib/problem";
import { ActorListSchema, FrameListSchema, TopicListSchema, TopicWithCountsSchema } from "../../schemas/responses";

const tags = ["Taxonomy"];

export const listActors = createRoute({
  method: "get",
  path: "/v1/actors",
  tags,
  summary: "Actors with their known speakers and record counts",
  responses: {
    200: { description: "Every actor in the taxonomy", content: { "application/json": { schema: ActorListSchema } } },
  },
});

export const listTopics = createRoute({
  method: "get",
  path: "/v1/topics",
  tags,
  summary: "Topics with record counts per actor",
  responses: {
    200: { description: "Every topic in the taxonomy", content: { "application/json": { schema: TopicListSchema } } },
  },
});

export const getTopic = createRoute({
  method: "get",
  path: "/v1/topics/{id}",
  tags,
  summary: "One topic with its record counts",
  request: { params: TopicIdParamSchema },
  responses: {
    200: { description: "The topic", content: { "application/json": { schema: TopicWithCountsSchema } } },
    404: problemResponseSpec("Unknown topic"),
  },
});

export const compareTopic = createRoute({
  method: "get",
  path: "/v1/topics/{id}/compare",
  tags: ["Compare"],
  summary: "How actor a and actor b frame one topic, side by side",
  request: {
    params: TopicIdParamSchema,
    query: ComparePairQuerySchema.extend(CorpusFilterQuerySchema.shape).extend(EvidenceQuerySchema.shape),
  },
  responses: {
    200: {
      description: "The side-by-side comparison for the topic",
      content: { "application/json": { schema: TopicComparisonSchema } },
    },
    400: problemResponseSpec("Malformed actor code"),
    404: problemResponseSpec("Unknown topic or actor"),
  },
});

export const listFrames = createRoute({
  method: "get",
  path: "/v1/frames",
  tags,
  summary: "Frames: the ways a statement casts its topic",
  responses: {
    200: { description: "Every frame in the taxonomy", content: { "application/json": { schema: FrameListSchema } } },
  },
});

export type ListActorsRoute = typeof listActors;
export type ListTopicsRoute = typeof listTopics;
export type GetTopicRoute = typeof getTopic;
export type CompareTopicRoute = typeof compareTopic;
export type ListFramesRoute = typeof listFrames;
