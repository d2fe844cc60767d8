import { CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { strictStack } from './util';

/*
 * The tests share aws-cdk-lib's template validator between test files (test/validator-environment.ts). These tests
 * show that templates are still validated against the CloudFormation registry schemas, in every test file and with
 * the same engine for the same configuration.
 */
describe('the shared template validator', () => {
  const invalidTemplate = () => {
    const stack = strictStack();
    new CfnResource(stack, 'Service', { type: 'AWS::VpcLattice::Service', properties: { Name: 'x'.repeat(41) } });
    return stack;
  };

  test('a template the schemas reject (a name over 40 characters) fails synthesis in a strict app', () => {
    expect(() => Template.fromStack(invalidTemplate())).toThrow(/Name: length 41 exceeds maximum 40/);
  });

  test('it still rejects it when its engine is reused, after a valid template', () => {
    const valid = strictStack();
    new CfnResource(valid, 'Service', { type: 'AWS::VpcLattice::Service', properties: { Name: 'x'.repeat(40) } });
    expect(() => Template.fromStack(valid)).not.toThrow();
    expect(() => Template.fromStack(invalidTemplate())).toThrow(/Name: length 41 exceeds maximum 40/);
  });
});
