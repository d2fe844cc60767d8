export * from './enums';
export * from './health-check';
export * from './target-group-base';
export * from './ip-target-group';
export * from './instance-target-group';
export * from './lambda-target-group';
export * from './alb-target-group';
export * from './ecs-target-group';
