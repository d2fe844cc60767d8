/*
 * What the lookup custom resource and its handler agree on: the resource properties it is given and the attributes
 * it answers with. Shared by the construct (compiled by jsii) and the handler (bundled by esbuild).
 */

/** The kinds of VPC Lattice resources a lookup can find by name. */
export type LookupResourceType = 'ServiceNetwork' | 'Service';

/** The properties of a `Custom::VpcLatticeLookup` resource. */
export interface LookupProperties {
  /** The kind of resource to find. */
  readonly ResourceType: LookupResourceType;
  /** The exact name of the resource. */
  readonly Name: string;
}

/** The attributes a lookup answers with. */
export interface LookupAttributes {
  /** The ARN of the one resource found. */
  readonly Arn: string;
  /** Its ID (`sn-…`, `svc-…`). */
  readonly Id: string;
}

/** The IAM action each kind of lookup needs. Neither supports resource-level permissions: the resource is `*`. */
export const LIST_ACTIONS: Record<LookupResourceType, string> = {
  ServiceNetwork: 'vpc-lattice:ListServiceNetworks',
  Service: 'vpc-lattice:ListServices',
};
