import type { Taxonomy } from "../../engine/taxonomy";
import type { PageState } from "../page-state";
import { lastTwelveMonths, pageHref } from "../page-state";

const ActorSelect = ({
  name,
  label,
  value,
  taxonomy,
}: {
  name: "a" | "b";
  label: string;
  value: string;
  taxonomy: Taxonomy;
}) => (
  <div class="field">
    <label for={`control-${name}`}>{label}</label>
    <select id={`control-${name}`} name={name}>
      {taxonomy.actors.map((actor) => (
        <option value={actor.id} selected={actor.id === value}>
          {actor.name} ({actor.id})
        </option>
      ))}
    </select>
  </div>
);

/**
 * A plain GET form: the view's whole state is in the URL, so it works without JavaScript and
 * every view is a link someone can share.
 */
export const Controls = ({ state, taxonomy, now }: { state: PageState; taxonomy: Taxonomy; now: Date }) => (
  <form class="controls" method="get" action="/" aria-label="Choose what to compare">
    <ActorSelect name="a" label="Actor a (left)" value={state.a} taxonomy={taxonomy} />
    <ActorSelect name="b" label="Actor b (right)" value={state.b} taxonomy={taxonomy} />
    <div class="field">
      <label for="control-topic">Topic</label>
      <select id="control-topic" name="topic">
        <option value="" selected={!state.topic}>
          All topics
        </option>
        {taxonomy.topics.map((topic) => (
          <option value={topic.id} selected={topic.id === state.topic}>
            {topic.label}
          </option>
        ))}
      </select>
    </div>
    <div class="field">
      <label for="control-frame">Frame</label>
      <select id="control-frame" name="frame">
        <option value="" selected={!state.frame}>
          Any frame
        </option>
        {taxonomy.frames.map((frame) => (
          <option value={frame.id} selected={frame.id === state.frame}>
            {frame.label}
          </option>
        ))}
      </select>
    </div>
    <div class="field">
      <label for="control-from">From (published on or after)</label>
      <input id="control-from" type="date" name="from" value={state.from ?? ""} aria-describedby="range-help" />
    </div>
    <div class="field">
      <label for="control-to">To (published on or before)</label>
      <input id="control-to" type="date" name="to" value={state.to ?? ""} aria-describedby="range-help" />
    </div>
    <p id="range-help" class="muted range-note">
      Dates count whole months: the figures are kept per month, so 15 March counts from 1 March.{" "}
      <a href={pageHref({ ...state, ...lastTwelveMonths(now) })} data-preset="last-12-months">
        Last 12 months
      </a>
      {(state.from || state.to) && (
        <>
          {" · "}
          <a href={pageHref({ ...state, from: undefined, to: undefined })}>All dates</a>
        </>
      )}
    </p>
    <div class="actions">
      <button type="submit">Show comparison</button>
      <a class="button-link" href={pageHref({ ...state, a: state.b, b: state.a })}>
        Swap sides
      </a>
    </div>
  </form>
);
