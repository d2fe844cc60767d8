import { Annotations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnResourceShare } from 'aws-cdk-lib/aws-ram';
import { CfnAccessLogSubscription, CfnServiceNetwork } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import { AccessLogDestination, addAccessLogSubscription, ServiceNetworkAccessLogOptions, ServiceNetworkLogType } from './access-logs';
import { AuthPolicy, AuthType } from './auth';
import { IServiceNetwork } from './interfaces';
import { warnIfNetworkRefusesAnonymousCallers } from './private/anonymous-callers';
import { AuthPolicyHolder } from './private/auth-policy';
import type * as imported from './private/imported-service-network';
import { lazy } from './private/lazy';
import { recordName } from './private/names';
import { checkAuthPolicy } from './private/references';
import { checkList, checkOneOf, checkResourceName, checkStruct, invalidValueError, physicalName } from './private/validation';
import { IResourceConfiguration } from './resources/interfaces';
import { ServiceNetworkBase } from './service-network-base';
import { shareResource, ShareOptions } from './sharing';
import { ServiceNetworkAttributes } from './structs';

/**
 * Properties of a `ServiceNetwork`.
 */
export interface ServiceNetworkProps {
  /**
   * The name of the service network: 3 to 63 characters of a-z, 0-9 and '-', not starting with `servicenetwork-`.
   * Changing it replaces the network.
   *
   * @default - CloudFormation generates a name
   */
  readonly serviceNetworkName?: string;

  /**
   * How callers are authenticated.
   *
   * @default AuthType.AWS_IAM
   */
  readonly authType?: AuthType;

  /**
   * Who may call services through this network. Only enforced when `authType` is `AWS_IAM`.
   *
   * @default - `AuthPolicy.authenticatedOnly()` when `authType` is `AWS_IAM`; none when it is `NONE`
   */
  readonly authPolicy?: AuthPolicy;

  /**
   * Where to deliver the access logs of requests to the network's services (log type `SERVICE`), at most one
   * destination of each kind. More, and logs of type `RESOURCE`, can be added with `addAccessLogs`.
   *
   * @default - no access logs
   */
  readonly accessLogs?: AccessLogDestination[];

  /**
   * Whether the network is enabled for sharing through AWS RAM (its `SharingConfig`). Resource configurations can be
   * associated with a sharable network only when they allow it (`allowAssociationToSharableServiceNetwork: true`),
   * which guards them against being shared on to whoever the network is shared with. Whether a change replaces the
   * network is disputed: CloudFormation's schema says it updates in place, the CDK's service specification says it
   * replaces the network.
   *
   * @default - not set: VPC Lattice's default applies
   */
  readonly sharable?: boolean;
}

// Imported networks, and the deploy-time lookup by name, are loaded by the first import.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const importedServiceNetwork = lazy(() => require('./private/imported-service-network') as typeof imported);

/**
 * A VPC Lattice service network.
 *
 * Secure by default: the auth type is `AWS_IAM` and the auth policy lets only authenticated callers through.
 *
 * @resource AWS::VpcLattice::ServiceNetwork
 */
export class ServiceNetwork extends ServiceNetworkBase {
  /**
   * Imports a service network by its ARN (for example one shared with this account through AWS RAM).
   */
  public static fromServiceNetworkArn(scope: Construct, id: string, serviceNetworkArn: string): IServiceNetwork {
    return ServiceNetwork.fromServiceNetworkAttributes(scope, id, { serviceNetworkArn });
  }

  /**
   * Imports a service network by its ARN or its ID.
   */
  public static fromServiceNetworkAttributes(scope: Construct, id: string, attrs: ServiceNetworkAttributes): IServiceNetwork {
    return new (importedServiceNetwork()).ImportedServiceNetwork(scope, id, attrs);
  }

  /**
   * Imports the service network with this name, found at deploy time among the networks the stack's account owns or
   * that are shared with it through AWS RAM. Deployment fails when no network or several have the name (import by ARN
   * then). The lookup runs when the stack is first deployed and when the name changes.
   *
   * One Lambda-backed provider per stack serves every lookup; its role may only `vpc-lattice:ListServiceNetworks`
   * (and `vpc-lattice:ListServices` for service lookups), on `*`, the only resource these actions accept.
   */
  public static fromServiceNetworkName(scope: Construct, id: string, serviceNetworkName: string): IServiceNetwork {
    return new (importedServiceNetwork()).ImportedServiceNetwork(scope, id, {}, serviceNetworkName);
  }

  public readonly serviceNetworkArn: string;
  public readonly serviceNetworkId: string;

  /** How callers are authenticated. */
  public readonly authType: AuthType;

  /** Whether the network is enabled for sharing, when set. */
  public readonly sharable?: boolean;

  private readonly authPolicyHolder: AuthPolicyHolder;

  constructor(scope: Construct, id: string, props: ServiceNetworkProps = {}) {
    super(scope, id, { physicalName: physicalName(props?.serviceNetworkName) });
    checkStruct(this, 'props', props, { like: "{ serviceNetworkName: 'platform' }" });
    checkResourceName(this, 'serviceNetworkName', props.serviceNetworkName, 'service network');
    checkOneOf(this, 'authType', props.authType, Object.values(AuthType));
    checkAuthPolicy(this, props.authPolicy);
    checkList(this, 'accessLogs', props.accessLogs);
    this.authType = props.authType ?? AuthType.AWS_IAM;

    this.sharable = props.sharable;
    recordName(this, props.serviceNetworkName);
    const resource = new CfnServiceNetwork(this, 'Resource', {
      name: props.serviceNetworkName,
      authType: this.authType,
      // Open (docs/lattice-facts.md#sharable-networks): whether a change replaces the network is settled by
      // integ.vpc-resources.ts (DescribeType: SharingConfig not create-only).
      sharingConfig: props.sharable === undefined ? undefined : { enabled: props.sharable },
    });
    this.serviceNetworkArn = resource.attrArn;
    this.serviceNetworkId = resource.attrId;

    const enforced = this.authType === AuthType.AWS_IAM;
    this.authPolicyHolder = new AuthPolicyHolder(this, this.serviceNetworkId, {
      initial: props.authPolicy ?? (enforced ? AuthPolicy.authenticatedOnly() : undefined),
      enforced,
    });
    props.accessLogs?.forEach(destination => this.addAccessLogs(destination));
    // Callers of TLS passthrough listeners are anonymous, and an AWS_IAM network's policy applies to them too.
    this.node.addValidation({
      validate: () => {
        if (enforced) { warnIfNetworkRefusesAnonymousCallers(this, this.authPolicyHolder); }
        if (enforced && this.services.length === 0 && this.resourceConfigurations.length > 0) {
          // Auth policies apply to services only: see docs/lattice-facts.md, "Network segments".
          Annotations.of(this).addWarningV2('cdk-vpc-lattice:authPolicyProtectsNothing',
            'This service network has resource configurations and no services in this app, and its auth policy applies to services only: ' +
            'at run time it does not restrict who connects to the resources, which any client of an associated VPC or endpoint can reach. ' +
            'Control access with the security groups of the VPC associations and endpoints, and with who the resources are shared with; ' +
            'acknowledge this warning if services associated elsewhere use the policy.');
        }
        return [];
      },
    });

    if (this.authType === AuthType.NONE) {
      Annotations.of(this).addWarningV2('cdk-vpc-lattice:serviceNetworkAuthNone',
        'This service network has AuthType.NONE: at run time any client in an associated VPC can reach its services without signing requests, ' +
        'and only the services\' own auth policies restrict callers. Use AuthType.AWS_IAM (the default) with an auth policy unless this is intended.');
    }
  }

  public get authPolicy(): iam.PolicyDocument | undefined {
    return this.authPolicyHolder.policy;
  }

  public addToAuthPolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    return this.authPolicyHolder.addStatement(statement);
  }

  public registerResourceConfiguration(resourceConfiguration: IResourceConfiguration): void {
    if (this.sharable === true && resourceConfiguration.allowAssociationToSharableServiceNetwork === false) {
      throw invalidValueError(this, 'resourceConfiguration', resourceConfiguration.node.path,
        'this network is sharable, and the configuration does not allow association with sharable networks: ' +
        'give it allowAssociationToSharableServiceNetwork: true, or associate it with a network that is not sharable');
    }
    super.registerResourceConfiguration(resourceConfiguration);
  }

  /**
   * Delivers the network's access logs to a destination: logs of requests to its services (`SERVICE`, the default) or
   * of connections to its resource configurations (`RESOURCE`). One destination of each kind per log type.
   */
  public addAccessLogs(destination: AccessLogDestination, options: ServiceNetworkAccessLogOptions = {}): CfnAccessLogSubscription {
    return addAccessLogSubscription(this, this.serviceNetworkArn, destination, options.logType ?? ServiceNetworkLogType.SERVICE);
  }

  /**
   * Shares the network with other accounts, an organization or organizational units through an AWS RAM resource
   * share. Accounts given the network can associate their VPCs and services with it.
   */
  public shareWith(options: ShareOptions): CfnResourceShare {
    return shareResource(this, this.serviceNetworkArn, options);
  }
}
