/*
 * The topology of an app as files beside its templates: `topology.md` (a Mermaid block, which GitHub renders),
 * `topology.html` (a page that renders the diagram offline: the mermaid package's bundle is inlined, no CDN) and
 * `topology.json` (the graph as data, which the browser check reads to know what the page must show); and its access
 * matrix, `access.md` (AccessMatrix), which both topology pages link.
 */
import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { AccessMatrix, Topology, TopologyGraph } from 'cdk-vpc-lattice';

/** The files written for one app. */
export interface TopologyFiles {
  readonly markdown: string;
  readonly html: string;
  readonly json: string;
  readonly access: string;
}

/** Writes the topology of `scope` into `outdir` as Markdown, HTML and JSON; returns the paths. */
export function writeTopologyFiles(scope: IConstruct, outdir: string, title: string): TopologyFiles {
  const topology = Topology.of(scope);
  const mermaid = topology.toMermaid();
  fs.mkdirSync(outdir, { recursive: true });
  const files = {
    markdown: path.join(outdir, 'topology.md'),
    html: path.join(outdir, 'topology.html'),
    json: path.join(outdir, 'topology.json'),
    access: path.join(outdir, 'access.md'),
  };
  fs.writeFileSync(files.markdown, `# VPC Lattice topology: ${title}\n\nWho may call what: [access.md](access.md).\n\n\`\`\`mermaid\n${mermaid}\`\`\`\n`);
  fs.writeFileSync(files.access, AccessMatrix.of(scope).toMarkdown());
  fs.writeFileSync(files.html, topologyPage(title, mermaid));
  fs.writeFileSync(files.json, JSON.stringify(topology.toJson(), undefined, 2) + '\n');
  return files;
}

/** The label lines of the nodes and edges of a graph: what its page must show. */
export function expectedTexts(graph: TopologyGraph): string[] {
  return [...graph.nodes.flatMap(node => node.label.split('\n')), ...graph.edges.flatMap(edge => edge.label ?? [])];
}

let mermaidBundle: string | undefined;

/**
 * A self-contained page that renders `mermaid` (a flowchart's source) with the mermaid bundle inlined. The page
 * reports in `window.topologyStatus`: `state` (`rendering`, then `rendered` or `failed`), `error` and `ms` (render
 * time).
 */
function topologyPage(title: string, mermaid: string): string {
  // No text placed in a script element may close it: `</script` in the bundle is escaped as JavaScript reads it the
  // same, and the source is JSON with every `<` escaped.
  mermaidBundle ??= fs.readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
  const source = JSON.stringify(mermaid).replace(/</g, '\\u003c');
  const heading = escapeHtml(`VPC Lattice topology: ${title}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; }
  #diagram svg { max-width: 100%; height: auto; }
  pre { background: #f5f5f5; padding: 1rem; overflow: auto; }
</style>
</head>
<body>
<h1>${heading}</h1>
<p>Who may call what: <a href="access.md">access.md</a>.</p>
<p id="legend">Dotted arrows are associations and endpoints. <span style="color:#c62828">Red dashed arrows</span> are hops
the reachability answers (<code>Reachability.of(app)</code>) find BLOCKED: the label names the rule that is missing.</p>
<div id="diagram" aria-busy="true"></div>
<details><summary>Mermaid source</summary><pre id="source"></pre></details>
<script type="application/json" id="topology-source">${source}</script>
<script>
${mermaidBundle}
</script>
<script>
(async () => {
  const status = window.topologyStatus = { state: 'rendering' };
  const started = performance.now();
  const diagram = document.getElementById('diagram');
  const source = JSON.parse(document.getElementById('topology-source').textContent);
  document.getElementById('source').textContent = source;
  try {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxTextSize: 1000000, maxEdges: 10000 });
    const { svg } = await mermaid.render('topology', source);
    diagram.innerHTML = svg;
    status.state = 'rendered';
  } catch (error) {
    status.state = 'failed';
    status.error = String((error && error.message) || error);
    diagram.textContent = 'The diagram could not be rendered: ' + status.error;
    console.error(error);
  }
  status.ms = performance.now() - started;
  diagram.setAttribute('aria-busy', 'false');
})();
</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, character => `&#${character.charCodeAt(0)};`);
}
