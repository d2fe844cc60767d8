/*
 * '@aws/cloudformation-validate' as aws-cdk-lib loads it in a test file (jest's moduleNameMapper): the three things its
 * template validation uses, backed by the validator the jest worker shares between test files
 * (test/validator-environment.ts says why). Reports are copied into the test file's realm.
 */

/** What a test file's '@aws/cloudformation-validate' calls: one validator per worker, created on first use. */
export interface SharedValidator {
  /**
   * Validates a template with the engine built from `config` (built on first use of that configuration), which `key`
   * names (`config` as JSON: it holds the text of every rule, too long to write out again for each template).
   */
  validate(key: string, config: object, content: string | Uint8Array, name: string, options: object): unknown;
  version(): string;
}

/** Where a test file finds the worker's validator: on its global object. */
export const SHARED_VALIDATOR = Symbol.for('cdk-vpc-lattice.test.sharedValidator');

function shared(): SharedValidator {
  const validator = (globalThis as { [SHARED_VALIDATOR]?: SharedValidator })[SHARED_VALIDATOR];
  if (!validator) {
    throw new Error("aws-cdk-lib's template validator is shared by test/validator-environment.ts: set it as jest's testEnvironment");
  }
  return validator;
}

export function version(): string {
  return shared().version();
}

export class TemplateContent {
  constructor(public readonly content: string | Uint8Array, public readonly name = 'template') {}
}

export class CompositeEngine {
  private readonly key: string;

  constructor(private readonly config: object) {
    this.key = JSON.stringify(config);
  }

  public validateTemplate(template: TemplateContent, options: object): unknown {
    return structuredClone(shared().validate(this.key, this.config, template.content, template.name, options));
  }

  /** The engine is shared by the worker's test files and kept. */
  public free(): void {}
}
