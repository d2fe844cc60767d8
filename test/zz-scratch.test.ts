import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { Template } from 'aws-cdk-lib/assertions';
import { strictStack } from './util';
import { LatticeService } from 'cdk-vpc-lattice';

test.each([
  'arn:aws:acm:eu-west-1:111122223333:certificate/0A1B2C3D-1111',
  'arn:aws:acm:eu-west-1:111122223333:certificate/',
  'arn:aws-iso-abc:acm:eu-west-1:111122223333:certificate/abc',
  'arn:aws:acm:eu-west-1:111122223333:certificate/' + 'a'.repeat(2100),
  'arn:aws:acm:eu-west-1:11112222333:certificate/abc',
  'arn:aws:acm:EU-west-1:111122223333:certificate/abc',
  'arn:aws:acm::111122223333:certificate/abc',
  '',
  'not-an-arn',
  'arn:aws:acm:eu-west-1:111122223333:certificate/abc_def',
])('%s', arn => {
  const stack = strictStack();
  let msg = 'OK';
  try {
    new LatticeService(stack, 'S', { customDomain: { domainName: 'a.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'C', arn) } });
    Template.fromStack(stack);
  } catch (e) { msg = (e as Error).message; }
  console.log(arn.slice(0, 80), '=>', msg.slice(0, 400));
});
