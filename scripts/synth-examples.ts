/*
 * The main job: synthesizes every example app under examples/ to CloudFormation (into cdk.out/examples/<name>) and
 * prints, per app and stack, the resources by type and any warnings; writes each app's topology beside its templates
 * (topology.md, topology.html, topology.json) and its access matrix (access.md) and prints their paths. Exits non-zero when an app fails to synthesize.
 */
import * as path from 'path';
import { exampleApp, exampleNames, missingContext } from './example-apps';
import { writeTopologyFiles } from './topology-files';

let failed = 0;
for (const name of exampleNames()) {
  const outdir = path.join('cdk.out', 'examples', name);
  console.log(`\n=== ${name} -> ${outdir}`);
  try {
    const app = exampleApp(name, { outdir });
    const assembly = app.synth();
    const missing = missingContext(assembly);
    if (missing.length > 0) {
      throw new Error(`context missing (its templates hold dummy values): record ${missing.join(', ')} in examples/${name}/cdk.context.json`);
    }
    for (const stack of assembly.stacks) {
      const resources: Record<string, { Type: string }> = stack.template.Resources ?? {};
      const byType = new Map<string, number>();
      Object.values(resources).forEach(resource => byType.set(resource.Type, (byType.get(resource.Type) ?? 0) + 1));
      const env = `${stack.environment.account}/${stack.environment.region}`;
      console.log(`  stack ${stack.stackName} (${env}): ${Object.keys(resources).length} resources`);
      [...byType.entries()].sort(([a], [b]) => a.localeCompare(b)).forEach(([type, count]) => console.log(`    ${String(count).padStart(3)}  ${type}`));
      const warnings = stack.messages.filter(message => message.level === 'warning');
      console.log(`  warnings: ${warnings.length}`);
      warnings.forEach(warning => console.log(`    ${warning.id}: ${String(warning.entry.data).split('\n')[0]}`));
    }
    const topology = writeTopologyFiles(app, outdir, name);
    console.log(`  topology: ${topology.markdown}, ${topology.html}; access: ${topology.access}`);
  } catch (error) {
    failed++;
    console.log(`  FAILED: ${(error as Error).message}`);
  }
}
console.log(`\n${exampleNames().length} example apps, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
