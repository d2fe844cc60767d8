import { Aspects } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Runs `callback` once the construct tree is complete (before synthesis prepares it), for decisions that depend on
 * what the rest of the app adds later: listener ports of services associated afterwards, grants made after the
 * service was created. It runs once, even when the app is synthesized again.
 */
export function whenTreeIsComplete(scope: IConstruct, callback: () => void) {
  let done = false;
  Aspects.of(scope).add({
    visit: node => {
      if (node === scope && !done) {
        done = true;
        callback();
      }
    },
  });
}
