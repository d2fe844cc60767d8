import { App, AppProps, Stack, StackProps } from 'aws-cdk-lib';

/**
 * An app that fails synthesis on any template CloudFormation's registry schemas would reject.
 */
export function strictApp(props: AppProps = {}): App {
  return new App({ ...props, context: { '@aws-cdk/core:validateAgainstDefaultRules': true, ...props.context } });
}

/** A stack in a strict app. */
export function strictStack(props: StackProps = {}): Stack {
  return new Stack(strictApp(), 'Stack', props);
}
