import { TopologyEdgeKind, TopologyGraph, TopologyNodeKind } from './graph';

/*
 * The topology as a Mermaid flowchart, from clients (left) to targets (right). Labels are quoted strings in which
 * every character other than letters, digits, space and `.,-_/()=+*@` is written as Mermaid's numeric entity code
 * (`#35;` for `#`), so no label can end the string, open HTML, start a comment or look like a style to Mermaid,
 * whatever characters it has. The lines of a label are separated by a line break inside the string, not by `<br/>`:
 * Mermaid reads a label with HTML in it as HTML, decodes the entity codes first, and then draws `fa:fa-car` as an icon
 * and `$$x$$` as a formula. IDs are letters, digits and `_` (see `nodeId`).
 */

/** The shape of each kind of node, as the text before and after its label, and its colours. */
const SHAPES: Record<TopologyNodeKind, { readonly open: string; readonly close: string; readonly style: string }> = {
  [TopologyNodeKind.VPC]: { open: '([', close: '])', style: 'fill:#f1f8e9,stroke:#558b2f,color:#1b1b1b' },
  [TopologyNodeKind.SERVICE_NETWORK]: { open: '{{', close: '}}', style: 'fill:#ede7f6,stroke:#5e35b1,color:#1b1b1b' },
  [TopologyNodeKind.SERVICE]: { open: '(', close: ')', style: 'fill:#e3f2fd,stroke:#1565c0,color:#1b1b1b' },
  [TopologyNodeKind.LISTENER]: { open: '>', close: ']', style: 'fill:#e0f7fa,stroke:#00838f,color:#1b1b1b' },
  [TopologyNodeKind.RULE]: { open: '[', close: ']', style: 'fill:#fffde7,stroke:#f9a825,color:#1b1b1b' },
  [TopologyNodeKind.TARGET_GROUP]: { open: '[[', close: ']]', style: 'fill:#fff3e0,stroke:#ef6c00,color:#1b1b1b' },
  [TopologyNodeKind.TARGET]: { open: '[/', close: '/]', style: 'fill:#fafafa,stroke:#616161,color:#1b1b1b' },
  [TopologyNodeKind.RESOURCE_CONFIGURATION]: { open: '[(', close: ')]', style: 'fill:#fce4ec,stroke:#ad1457,color:#1b1b1b' },
  [TopologyNodeKind.RESOURCE_GATEWAY]: { open: '[\\', close: '/]', style: 'fill:#efebe9,stroke:#4e342e,color:#1b1b1b' },
};

/** Associations are dotted; everything else is a solid arrow. */
const ARROWS: Partial<Record<TopologyEdgeKind, string>> = {
  [TopologyEdgeKind.VPC_ASSOCIATION]: '-.->',
  [TopologyEdgeKind.SERVICE_ASSOCIATION]: '-.->',
  [TopologyEdgeKind.RESOURCE_ASSOCIATION]: '-.->',
  [TopologyEdgeKind.VPC_ENDPOINT]: '-.->',
  [TopologyEdgeKind.BLOCKED]: '-.->',
};

/** Blocked hops are red and dashed (the pages' legend says so). */
const BLOCKED_STYLE = 'stroke:#c62828,stroke-width:2px,stroke-dasharray:6 4,color:#c62828';

export function renderMermaid(graph: TopologyGraph): string {
  const lines = ['flowchart LR'];
  for (const node of graph.nodes) {
    const shape = SHAPES[node.kind];
    lines.push(`  ${node.id}${shape.open}"${node.label.split('\n').map(mermaidText).join('\n')}"${shape.close}`);
  }
  for (const edge of graph.edges) {
    const arrow = ARROWS[edge.kind] ?? '-->';
    lines.push(`  ${edge.from} ${arrow}${edge.label ? `|"${mermaidText(edge.label)}"|` : ''} ${edge.to}`);
  }
  const blocked = graph.edges.map((edge, index) => (edge.kind === TopologyEdgeKind.BLOCKED ? index : -1)).filter(index => index >= 0);
  if (blocked.length > 0) { lines.push(`  linkStyle ${blocked.join(',')} ${BLOCKED_STYLE}`); }
  const kinds = [...new Set(graph.nodes.map(node => node.kind))];
  for (const kind of kinds) {
    lines.push(`  classDef ${className(kind)} ${SHAPES[kind].style}`);
    lines.push(`  class ${graph.nodes.filter(node => node.kind === kind).map(node => node.id).join(',')} ${className(kind)}`);
  }
  return lines.join('\n') + '\n';
}

/** `SERVICE_NETWORK` is the class `serviceNetwork`. */
function className(kind: string): string {
  return kind.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Text for inside a quoted Mermaid string: anything but a few plain characters as a numeric entity code. */
export function mermaidText(text: string): string {
  return Array.from(text).map(character => /^[A-Za-z0-9 .,\-_/()=+*@]$/.test(character) ? character : `#${character.codePointAt(0)};`).join('');
}
