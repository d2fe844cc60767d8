import { ReachabilityAnswer } from 'cdk-vpc-lattice';

/** The hop of `answer` with this description (a string, or a pattern for it); a test fails when there is none. */
export function hop(answer: ReachabilityAnswer, description: string | RegExp) {
  const found = answer.hops.find(candidate => (typeof description === 'string' ? candidate.description === description : description.test(candidate.description)));
  if (!found) { throw new Error(`no hop ${description} in ${JSON.stringify(answer.hops)}`); }
  return found;
}
