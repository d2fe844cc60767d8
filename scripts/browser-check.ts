/// <reference lib="dom" />
/*
 * Opens every example's topology page (cdk.out/examples/<name>/topology.html, written by `npm run examples`, which
 * this runs first when a page is missing) and a page of nasty labels in headless Chromium, and checks that each
 * diagram rendered: an SVG with one node per topology node and the label of every node and edge, labels kept as text
 * (no HTML element made from them), and no console error. Saves a PNG screenshot beside each page, prints the render
 * time of each, ends with `N passed, N failed`, and writes the results to test-reports/browser-check.json.
 *
 * The browser is Debian's chromium (`apt-get install -y chromium`) driven by playwright-core, which never downloads
 * one of its own. CHROMIUM overrides its path.
 */
import { execSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { chromium } from 'playwright-core';
import { blockedApp } from './blocked-topology';
import { exampleNames } from './example-apps';
import { nastyApp } from './nasty-topology';
import { expectedTexts, writeTopologyFiles } from './topology-files';
import type { TopologyGraph } from 'cdk-vpc-lattice';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RENDER_TIMEOUT_MS = 60_000;

interface PageResult {
  readonly name: string;
  readonly page: string;
  readonly screenshot?: string;
  readonly problems: string[];
  /** From opening the page to the diagram in place. */
  readonly loadMs?: number;
  /** The page's own measure of `mermaid.render`. */
  readonly renderMs?: number;
}

/** The pages to check: every example's (written by `npm run examples` when one is missing), and the nasty labels. */
function pagesToCheck(): Array<{ name: string; dir: string }> {
  const examples = exampleNames().map(name => ({ name, dir: path.join('cdk.out', 'examples', name) }));
  if (examples.some(({ dir }) => !fs.existsSync(path.join(dir, 'topology.html')))) {
    console.log('Topology pages missing: running `npx projen examples` first');
    execSync('npx projen examples', { stdio: 'inherit' });
  }
  const nasty = { name: 'nasty-labels', dir: path.join('cdk.out', 'browser-check', 'nasty-labels') };
  writeTopologyFiles(nastyApp(), nasty.dir, 'nasty labels');
  const blocked = { name: 'blocked-path', dir: path.join('cdk.out', 'browser-check', 'blocked-path') };
  writeTopologyFiles(blockedApp(), blocked.dir, 'a path blocked on purpose');
  return [...examples, nasty, blocked];
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No browser at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM`);
  }
  const pages = pagesToCheck();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const results: PageResult[] = [];
  try {
    for (const { name, dir } of pages) {
      results.push(await checkPage(browser, name, dir));
    }
  } finally {
    await browser.close();
  }

  for (const result of results) {
    const timing = result.loadMs === undefined ? '' : `  load ${Math.round(result.loadMs)} ms, render ${Math.round(result.renderMs ?? NaN)} ms`;
    console.log(`${result.problems.length === 0 ? 'PASS' : 'FAIL'}  ${result.name.padEnd(20)}${timing}  ${result.page}`);
    result.problems.forEach(problem => console.log(`        ${problem}`));
    if (result.screenshot) { console.log(`        screenshot ${result.screenshot}`); }
  }
  const passed = results.filter(result => result.problems.length === 0).length;
  const failed = results.length - passed;
  fs.mkdirSync('test-reports', { recursive: true });
  fs.writeFileSync(path.join('test-reports', 'browser-check.json'), JSON.stringify({ passed, failed, pages: results }, undefined, 2) + '\n');
  console.log(`\nbrowser: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

async function checkPage(browser: import('playwright-core').Browser, name: string, dir: string): Promise<PageResult> {
  const file = path.join(dir, 'topology.html');
  const graph: TopologyGraph = JSON.parse(fs.readFileSync(path.join(dir, 'topology.json'), 'utf8'));
  const problems: string[] = [];
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  page.on('console', message => { if (message.type() === 'error') { problems.push(`console error: ${message.text()}`); } });
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  // The page is self-contained: any request beyond the file itself is a fault (a CDN, a font).
  page.on('request', request => { if (!/^(file|data|blob):/.test(request.url())) { problems.push(`request to ${request.url()}`); } });
  try {
    const started = Date.now();
    await page.goto(pathToFileURL(path.resolve(file)).href);
    await page.waitForFunction(() => (window as any).topologyStatus?.state !== 'rendering' && (window as any).topologyStatus !== undefined,
      undefined, { timeout: RENDER_TIMEOUT_MS });
    const loadMs = Date.now() - started;
    const status = await page.evaluate(() => (window as any).topologyStatus as { state: string; error?: string; ms: number });
    if (status.state !== 'rendered') { problems.push(`not rendered: ${status.error}`); }

    const drawn = await page.evaluate(() => {
      const svg = document.querySelector('#diagram svg');
      return svg && {
        text: (svg.textContent ?? '').replace(/\s+/g, ' '),
        nodes: svg.querySelectorAll('g.node').length,
        edges: svg.querySelectorAll('path.flowchart-link').length,
        // Blocked hops: drawn red (the linkStyle of BLOCKED edges) and dashed.
        redDashed: Array.from(svg.querySelectorAll('path.flowchart-link')).filter(edge => {
          const style = getComputedStyle(edge);
          return style.stroke === 'rgb(198, 40, 40)' && style.strokeDasharray !== 'none';
        }).length,
        legend: (document.getElementById('legend')?.textContent ?? '').includes('Red dashed arrows'),
        // Labels are text: any element made from a label's characters (a <b>, a <script>) is a fault.
        elementsFromLabels: Array.from(svg.querySelectorAll('span.nodeLabel *, span.edgeLabel *'))
          .map(element => element.tagName.toLowerCase())
          .filter(tag => !['p', 'br'].includes(tag)),
      };
    });
    if (!drawn) {
      problems.push('no SVG in the page');
    } else {
      if (drawn.nodes !== graph.nodes.length) { problems.push(`${drawn.nodes} nodes drawn, ${graph.nodes.length} expected`); }
      if (drawn.edges !== graph.edges.length) { problems.push(`${drawn.edges} edges drawn, ${graph.edges.length} expected`); }
      expectedTexts(graph).map(text => text.replace(/\s+/g, ' ')).filter(text => !drawn.text.includes(text))
        .forEach(text => problems.push(`label missing: ${JSON.stringify(text)}`));
      drawn.elementsFromLabels.forEach(tag => problems.push(`a label became a <${tag}> element`));
      const blocked = graph.edges.filter(edge => (edge.kind as string) === 'BLOCKED').length;
      if (drawn.redDashed !== blocked) { problems.push(`${drawn.redDashed} red dashed edges drawn, ${blocked} blocked hops expected`); }
      if (name === 'blocked-path' && blocked === 0) { problems.push('the page broken on purpose shows no blocked hop'); }
      if (!drawn.legend) { problems.push('the legend does not say what red means'); }
    }
    // The diagram alone when it rendered, else the whole page with its message.
    const screenshot = path.join(dir, 'topology.png');
    await (drawn ? page.locator('#diagram').screenshot({ path: screenshot }) : page.screenshot({ path: screenshot, fullPage: true }));
    return { name, page: file, screenshot, problems, loadMs, renderMs: status.ms };
  } catch (error) {
    problems.push(`check failed: ${(error as Error).message}`);
    return { name, page: file, problems };
  } finally {
    await page.close();
  }
}

main().catch(error => {
  console.error(error);
  console.log('\nbrowser: 0 passed, 1 failed');
  process.exitCode = 1;
});
