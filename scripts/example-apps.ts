import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps, Validations } from 'aws-cdk-lib';
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
 * An example app as CI checks it: any template CloudFormation's schemas would reject fails synthesis, and so does
 * any cdk-nag AwsSolutions finding that the example has not acknowledged with a reason.
 */
export function exampleApp(name: string, props: AppProps = {}): App {
  const app = new App({ ...props, context: { '@aws-cdk/core:validateAgainstDefaultRules': true, ...props.context } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example: { build: (app: App) => void } = require(path.join(EXAMPLES_DIR, name, 'app'));
  example.build(app);
  return app;
}
