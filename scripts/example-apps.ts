import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps, Validations, cx_api as cxapi } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/** The folder of the example apps: each `examples/<name>/app.ts` exports `build(app)`. */
export const EXAMPLES_DIR = path.join(__dirname, '..', 'examples');

/** The names of the example apps, in order. */
export function exampleNames(): string[] {
  return fs.readdirSync(EXAMPLES_DIR)
    .filter(name => fs.existsSync(path.join(EXAMPLES_DIR, name, 'app.ts')))
    .sort();
}

/**
 * The context values of an example's lookups, as the CDK CLI keeps them: `examples/<name>/cdk.context.json`, committed
 * beside the app. An environment-specific stack asks for the availability zones of its account and Region; without a
 * recorded answer aws-cdk-lib writes `dummy1a`, `dummy1b` into the template, which no Region accepts.
 */
function recordedContext(name: string): Record<string, unknown> {
  const file = path.join(EXAMPLES_DIR, name, 'cdk.context.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
}

/**
 * The context lookups an assembly still lacks (their templates hold dummy values), each named by its key, for
 * `examples/<name>/cdk.context.json`.
 */
export function missingContext(assembly: cxapi.CloudAssembly): string[] {
  return (assembly.manifest.missing ?? []).map(missing => missing.key);
}

/**
 * An example app as CI checks it: any template CloudFormation's schemas would reject fails synthesis, and so does
 * any cdk-nag AwsSolutions finding that the example has not acknowledged with a reason. The example's recorded
 * context (`recordedContext`) is given to it the way the CDK CLI would.
 */
export function exampleApp(name: string, props: AppProps = {}): App {
  const app = new App({
    ...props,
    context: { ...recordedContext(name), '@aws-cdk/core:validateAgainstDefaultRules': true, ...props.context },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example: { build: (app: App) => void } = require(path.join(EXAMPLES_DIR, name, 'app'));
  example.build(app);
  return app;
}
