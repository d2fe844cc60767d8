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
