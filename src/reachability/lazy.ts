/* eslint-disable @typescript-eslint/no-require-imports */
import type * as hops from './hops';
import type * as reachability from './reachability';
import type * as warnings from './warnings';
import { lazy } from '../private/lazy';

/*
 * The reachability answers and the warnings of declared paths that are blocked are loaded when first asked for (see
 * src/private/lazy.ts): services, configurations, associations and endpoints reach them through these functions.
 */
export const reachabilityHops = lazy(() => require('./hops') as typeof hops);
export const reachabilityAnswers = lazy(() => require('./reachability') as typeof reachability);
export const reachabilityWarnings = lazy(() => require('./warnings') as typeof warnings);
export type { Client } from './hops';
