/*
 * What the lookup custom resource and its handler agree on: the resource properties it is given and the attributes
 * it answers with. Shared by the construct (compiled by jsii) and the handler (bundled by esbuild).
 */

/** The kinds of VPC Lattice resources a lookup can find by name. */
export type NamedResourceType = 'ServiceNetwork' | 'Service' | 'ResourceConfiguration';

/** The kinds of lookups: by name, or the TXT record a domain verification asks for, by its ID. */
export type LookupResourceType = NamedResourceType | 'DomainVerification';

/** The properties of a `Custom::VpcLatticeLookup` resource. */
export type LookupProperties = NameLookup | DomainVerificationLookup;

/** Finds the one resource of a kind with a name. */
export interface NameLookup {
  /** The kind of resource to find. */
  readonly ResourceType: NamedResourceType;
  /** The exact name of the resource. */
  readonly Name: string;
}

/** Reads the TXT record that proves ownership of a domain verification's domain. */
export interface DomainVerificationLookup {
  readonly ResourceType: 'DomainVerification';
  /** The ID (`dv-…`) or ARN of the domain verification. */
  readonly Identifier: string;
}

/** The attributes a lookup answers with. */
export interface LookupAttributes {
  /** The ARN of the one resource found. */
  readonly Arn: string;
  /** Its ID (`sn-…`, `svc-…`, `rcfg-…`, `dv-…`). */
  readonly Id: string;
  /** For domain verifications: the fully qualified name of the TXT record, without a trailing dot. */
  readonly TxtRecordName?: string;
  /** For domain verifications: the value of the TXT record. */
  readonly TxtRecordValue?: string;
}

/** The IAM action each kind of lookup needs. */
export const LOOKUP_ACTIONS: Record<LookupResourceType, string> = {
  ServiceNetwork: 'vpc-lattice:ListServiceNetworks',
  Service: 'vpc-lattice:ListServices',
  ResourceConfiguration: 'vpc-lattice:ListResourceConfigurations',
  DomainVerification: 'vpc-lattice:GetDomainVerification',
};
