import * as path from 'path';
import { TestEnvironment } from 'jest-environment-node';
import { SHARED_VALIDATOR, SharedValidator } from './validator-module';

/*
 * The test environment of every test file (jest's node environment), sharing aws-cdk-lib's template validator between
 * the test files a jest worker runs.
 *
 * aws-cdk-lib validates each synthesized template with @aws/cloudformation-validate, a WebAssembly engine that holds the
 * CloudFormation registry schemas. Building an engine costs about 2 s of CPU in a fresh WebAssembly instance, and jest
 * loads every module afresh for each test file; aws-cdk-lib also builds a new engine whenever a synthesis brings
 * resource types its current engine was not built for (to add the rules written for those types), even when the
 * configuration is the same. That was more than 40% of the CPU time of the tests. Here the validator is loaded once
 * per worker, outside the test files' module registries, and one engine is kept per configuration: an engine built
 * from the same configuration validates the same way, so every template is still validated as in a user's synth.
 * test/validator-module.ts is what aws-cdk-lib loads as '@aws/cloudformation-validate' in a test file (jest's
 * moduleNameMapper, set in .projenrc.ts).
 */

interface ValidatorModule {
  CompositeEngine: new (config: object) => { validateTemplate(template: unknown, options: object): unknown; free(): void };
  TemplateContent: new (content: string | Uint8Array, name: string) => unknown;
  version(): string;
}

/** The validator aws-cdk-lib depends on (in its own node_modules, which its package exports do not name). */
function loadValidator(): ValidatorModule {
  const awsCdkLib = path.dirname(require.resolve('aws-cdk-lib/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve('@aws/cloudformation-validate', { paths: [awsCdkLib] }));
}

function createSharedValidator(): SharedValidator {
  const engines = new Map<string, InstanceType<ValidatorModule['CompositeEngine']>>();
  return {
    validate(key, config, content, name, options) {
      const validator = loadValidator();
      // Objects are copied into this realm: the validator accepts only plain objects of its own realm.
      const engine = engines.get(key) ?? new validator.CompositeEngine(structuredClone(config));
      engines.set(key, engine);
      try {
        return engine.validateTemplate(new validator.TemplateContent(content, name), structuredClone(options));
      } catch (error) {
        // A failure inside the engine may leave it unusable: the next validation builds a new one.
        engines.delete(key);
        throw error;
      }
    },
    version: () => loadValidator().version(),
  };
}

export default class ValidatorEnvironment extends TestEnvironment {
  constructor(...args: ConstructorParameters<typeof TestEnvironment>) {
    super(...args);
    const holder = (global: object) => global as { [SHARED_VALIDATOR]?: SharedValidator };
    holder(this.global)[SHARED_VALIDATOR] = holder(globalThis)[SHARED_VALIDATOR] ??= createSharedValidator();
  }
}
