/** The IAM action that lets a caller send HTTP or gRPC requests to a VPC Lattice service. */
export const INVOKE_ACTION = 'vpc-lattice-svcs:Invoke';

/** VPC Lattice's auth-policy size quota (10 KB, not adjustable). */
export const AUTH_POLICY_MAX_BYTES = 10 * 1024;

/** The IAM action that lets a caller open a connection to a TCP service: a TLS passthrough listener (SAR "TCP Service"). */
export const CONNECT_ACTION = 'vpc-lattice-svcs:Connect';
