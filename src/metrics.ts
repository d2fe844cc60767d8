/**
 * A class of HTTP status codes, for the `HTTPCode_<class>_Count` metrics of services and target groups.
 */
export enum HttpCodeClass {
  /** 2XX: successes. */
  HTTP_2XX = '2XX',
  /** 3XX: redirections. */
  HTTP_3XX = '3XX',
  /** 4XX: client errors. */
  HTTP_4XX = '4XX',
  /** 5XX: server errors. */
  HTTP_5XX = '5XX',
}

/**
 * A status code of the answers VPC Lattice gives itself, without reaching a target, for
 * `metricHttpCodeVpcLattice` (metrics `HTTPCode_VpcLattice_<code>_Count`), like ELBv2's `HttpCodeElb`.
 *
 * @see https://docs.aws.amazon.com/vpc-lattice/latest/ug/monitoring-cloudwatch.html
 */
export enum HttpCodeVpcLattice {
  /** 400: a request VPC Lattice could not read. */
  VPC_LATTICE_400_COUNT = 'HTTPCode_VpcLattice_400_Count',
  /** 403: a request the auth policies denied. */
  VPC_LATTICE_403_COUNT = 'HTTPCode_VpcLattice_403_Count',
  /** 404: a request no service or rule matched. */
  VPC_LATTICE_404_COUNT = 'HTTPCode_VpcLattice_404_Count',
  /** 429: a throttled request. */
  VPC_LATTICE_429_COUNT = 'HTTPCode_VpcLattice_429_Count',
  /** 500: an error of VPC Lattice itself. */
  VPC_LATTICE_500_COUNT = 'HTTPCode_VpcLattice_500_Count',
  /** 502: a target that could not be reached. */
  VPC_LATTICE_502_COUNT = 'HTTPCode_VpcLattice_502_Count',
  /** 504: a target that did not answer in time. */
  VPC_LATTICE_504_COUNT = 'HTTPCode_VpcLattice_504_Count',
}
