import type { Taxonomy } from "../../engine/taxonomy";
import type { StanceRecord } from "../../model/record";
import { type DocumentNode, documentNodes } from "../highlight";
import { actorName } from "../view-model";

function who(record: StanceRecord, taxonomy: Taxonomy): string {
  const name = record.speaker?.name ?? record.speaker?.role;
  return name ? `${actorName(taxonomy, record.actor)}: ${name}` : actorName(taxonomy, record.actor);
}

const Nodes = ({ nodes, taxonomy, idPrefix }: { nodes: DocumentNode[]; taxonomy: Taxonomy; idPrefix: string }) => (
  <>
    {nodes.map((node) =>
      node.type === "text" ? (
        node.text
      ) : (
        <span
          class={`span-quote actor-${node.record.actor === null ? "none" : "some"}`}
          id={node.first ? `${idPrefix}${node.record.id}` : undefined}
          data-record={node.record.id}
          title={who(node.record, taxonomy)}
        >
          <Nodes nodes={node.children} taxonomy={taxonomy} idPrefix={idPrefix} />
        </span>
      ),
    )}
  </>
);

/**
 * The full text with every record's quote highlighted where it stands. Each quote's first span
 * carries the record id, so /documents/{id}#{record-id} scrolls to it and :target marks it.
 */
export const DocumentText = ({
  text,
  records,
  taxonomy,
  idPrefix = "",
}: {
  text: string;
  records: readonly StanceRecord[];
  taxonomy: Taxonomy;
  idPrefix?: string;
}) => (
  <div class="document-text">
    <Nodes nodes={documentNodes(text, records)} taxonomy={taxonomy} idPrefix={idPrefix} />
  </div>
);
