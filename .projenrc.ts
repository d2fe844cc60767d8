import { awscdk, javascript, JsonFile } from 'projen';

// projen hands a Lambda's bundlingOptions on to esbuild as AddBundleOptions, but declares them as BundlingOptions,
// which lacks `minify`.
const minifiedBundle: javascript.BundlingOptions & Pick<javascript.AddBundleOptions, 'minify'> = { minify: true };

// Versions and settings verified offline on these machines: see the README's Versions and CONTRIBUTING.md.
const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-vpc-lattice',
  description: 'AWS CDK constructs for Amazon VPC Lattice: service networks, services, listeners, target groups and auth, wired and validated.',
  author: 'cdk-vpc-lattice maintainers',
  authorAddress: 'maintainers@users.noreply.example',
  repositoryUrl: 'https://github.com/cdk-vpc-lattice/cdk-vpc-lattice.git',
  keywords: ['aws', 'cdk', 'awscdk', 'vpc-lattice', 'vpclattice', 'service-network'],
  defaultReleaseBranch: 'main',

  cdkVersion: '2.276.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.3',
  minNodeVersion: '20.0.0',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  // GitHub Actions: a build workflow for pull requests that runs what .ci/run runs, and projen's release workflow, which
  // publishes every push to main with publib to npm, PyPI, Maven Central, NuGet and the Go module repository (the
  // secrets it needs are listed in CONTRIBUTING.md). None of it runs on these machines: test/workflows.test.ts checks
  // the workflow files, and `npx projen` must regenerate them unchanged.
  github: true,
  githubOptions: { mergify: false },
  release: true,
  depsUpgrade: false,
  // The version is the last release tag's, bumped from the conventional commits since it; the repository's
  // package.json says 0.0.0 (projen's placeholder). No tag yet: the first release is 0.1.0, the first entry of
  // CHANGELOG.md. Each release's notes (dist/changelog.md) are generated from the commits and become its GitHub release.
  nextVersionCommand: 'git tag --list "v*" | grep -q . || echo 0.1.0',
  // commit-and-tag-version 13 (projen's default) and its conventional-changelog packages ask for Node 22; 12 runs on 20.
  bumpPackage: 'commit-and-tag-version@^12.7.3',
  workflowNodeVersion: '20.x',
  buildWorkflowOptions: {
    // `npm ci`, the README's install, and a build that fails when it changes a committed file (API.md among them)
    // instead of pushing the change back to the branch.
    mutableBuild: false,
    // The examples test lints every template with cfn-lint, the version .ci/run installs.
    preBuildSteps: [
      { uses: 'actions/setup-python@v5', with: { 'python-version': '3.12' } },
      { name: 'Install cfn-lint', run: 'python -m pip install --quiet cfn-lint==1.51.0' },
    ],
  },
  // The release job runs the whole build, the examples test and its cfn-lint included.
  releaseWorkflowSetupSteps: [
    { uses: 'actions/setup-python@v5', with: { 'python-version': '3.12' } },
    { name: 'Install cfn-lint', run: 'python -m pip install --quiet cfn-lint==1.51.0' },
  ],
  // The same names as in jsii.targets; packaging for them happens only in the release workflow (see `package` below).
  publishToPypi: { distName: 'cdk-vpc-lattice', module: 'cdk_vpc_lattice' },
  publishToMaven: { javaPackage: 'io.github.cdkvpclattice', mavenGroupId: 'io.github.cdk-vpc-lattice', mavenArtifactId: 'cdk-vpc-lattice' },
  publishToNuget: { dotNetNamespace: 'CdkVpcLattice', packageId: 'CdkVpcLattice' },
  publishToGo: { moduleName: 'github.com/cdk-vpc-lattice/cdk-vpc-lattice-go' },

  // The lookup handler's bundle leaves out the AWS SDK and uses the SDK for JavaScript v3 that the nodejs22.x runtime
  // ships (every client, @aws-sdk/client-vpc-lattice included). The handler makes two read-only calls
  // (ListServiceNetworks and ListServices with their paginators) that have not changed since that client's first
  // release (3.226, December 2022), older than the nodejs22.x runtime itself. Pinning the SDK inside the bundle would
  // make the asset 490 KB minified (1.2 MB before) and the npm tarball exceed 250 KB, for no behaviour the handler uses.
  // aws-cdk-lib's own NodejsFunction and AwsCustomResource rely on the runtime's SDK the same way.
  lambdaOptions: {
    runtime: awscdk.LambdaRuntime.NODEJS_22_X,
    bundlingOptions: minifiedBundle,
  },
  devDeps: [
    '@aws-sdk/client-vpc-lattice', '@types/aws-lambda', 'aws-sdk-client-mock@^4.1.0',
    'cdk-nag@^3.0.2', 'tsconfig-paths@^4.2.0', 'madge@^8.0.0',
    // The topology pages of the examples and their check in a browser; never a dependency of the library. mermaid 11,
    // not 12: 12 asks for Node 22, and this project builds on Node 20.
    'mermaid@^11.17.2', 'playwright-core@^1.65.1',
    // Property-based tests (test/properties.test.ts): generated valid, invalid and wrongly typed inputs.
    'fast-check@^4.10.2',
    // The test environment that shares aws-cdk-lib's template validator between test files (test/validator-environment.ts).
    'jest-environment-node@^30.5.2',
    // Integ tests (test/integ/): aws-cdk's own format. An alpha module, so pinned exactly; it synthesizes with
    // aws-cdk-lib 2.276 (its peer is ^2.245.0). @smithy/signature-v4 signs the caller Lambdas' requests (bundled into
    // their assets at synth by esbuild); neither is shipped. README, Versions.
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0', '@smithy/signature-v4@^5.7.5',
  ],

  // No source maps in lib/: the published package has no src/ for them to point at (inline sources doubled lib/),
  // and lib/*.js is plain tsc output. aws-cdk-lib ships no source maps either.
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: false } },

  // The tests are type-checked by the `test` task itself, at the same time as the lint (see below).
  typecheckTests: false,
  // One TypeScript program for all that is linted (tsconfig.eslint.json), rather than one per folder's tsconfig: each
  // program parses aws-cdk-lib's declarations again, which made the lint take 34 s instead of 19 s.
  eslintOptions: { dirs: ['src'], projectService: false, tsconfigPath: './tsconfig.eslint.json' },
  jestOptions: {
    // Snapshots are never rewritten by `test`: a changed template fails until `npx projen test:update` is run on purpose.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // The JSON report is what .ci/run reads for its closing `N passed, N failed` line.
    extraCliOptions: ['--json', '--outputFile=test-reports/jest-results.json'],
    jestConfig: {
      // No coverage by default: collecting it made the tests take 60% longer, and no threshold is checked.
      // `npx projen test --coverage` collects it.
      collectCoverage: false,
      moduleNameMapper: {
        // Examples import the library by its package name, the way a user would.
        '^cdk-vpc-lattice$': '<rootDir>/src/index.ts',
        // aws-cdk-lib's template validator, shared by the test files of a jest worker (test/validator-environment.ts).
        '^@aws/cloudformation-validate$': '<rootDir>/test/validator-module.ts',
      },
      testEnvironment: '<rootDir>/test/validator-environment.ts',
      // Every core: jest's default leaves one free, which on two cores means running the test files one at a time.
      maxWorkers: '100%',
    },
  },
});

project.package.addPackageResolutions('unrs-resolver@1.12.2'); // else `npm ci` rejects the lockfile npm 11 writes
// madge 8 asks for TypeScript 5 as a peer, but parses with whatever TypeScript the project has.
project.package.file.addOverride('overrides.madge', { typescript: '$typescript' });
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// `package` (run by `build`) packs the npm tarball only, in CI and out of it: packaging for Python, Java, .NET and Go
// needs those languages' toolchains and registries, which these machines do not reach. The release workflow packages
// each language in a job of its own (`package:python`, ...); `package-all` packages all of them where they can be.
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);

// The browser check of the topology pages after the build, as .ci/run does; GitHub's Ubuntu runners have Chrome
// (not Debian's chromium) preinstalled.
project.buildWorkflow?.addPostBuildSteps({ name: 'Browser check', run: 'npm run test:browser', env: { CHROMIUM: '/usr/bin/google-chrome' } });

// Example apps: type-checked with the library mapped to its package name, linted, and not published.
const examplesTsconfig = {
  extends: '../tsconfig.json',
  compilerOptions: {
    rootDir: '..',
    noEmit: true,
    paths: { 'cdk-vpc-lattice': ['../src/index'] },
  },
  include: ['**/*.ts', '../scripts/**/*.ts'],
  exclude: ['node_modules'],
};
new JsonFile(project, 'examples/tsconfig.json', { obj: examplesTsconfig, marker: true, allowComments: true });
// The example runner (scripts/) is type-checked and linted the same way.
new JsonFile(project, 'scripts/tsconfig.json', {
  obj: { extends: '../examples/tsconfig.json', include: ['**/*.ts', '../examples/**/*.ts'] }, marker: true, allowComments: true,
});
// What the lint reads: one program for the library, the tests, the examples and the scripts (see eslintOptions).
new JsonFile(project, 'tsconfig.eslint.json', {
  obj: {
    extends: './test/tsconfig.json',
    include: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'scripts/**/*.ts', 'build-tools/**/*.ts', 'projenrc/**/*.ts', '.projenrc.ts'],
  },
  marker: true,
  allowComments: true,
});
project.npmignore?.exclude('/tsconfig.eslint.json');
project.tryFindObjectFile('test/tsconfig.json')?.addOverride('compilerOptions.paths', { 'cdk-vpc-lattice': ['../src/index'] });
project.tryFindObjectFile('test/tsconfig.json')?.addOverride('include', ['**/*.ts', '../examples/**/*.ts']);
project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('scripts');
project.eslint?.allowDevDeps('examples/**');
project.eslint?.allowDevDeps('scripts/**');
project.tryFindObjectFile('.eslintrc.json')?.addOverride('settings.import/resolver.typescript.project', ['./tsconfig.eslint.json']);
project.npmignore?.exclude('/examples/', '/scripts/', '/.ci/', '/cdk.out/', '/docs/', '/CONTRIBUTING.md');
// Shipped is only what a user's app loads (lib/, the bundled handler in assets/, .jsii and its rosetta tablet) and the
// documentation (README, CHANGELOG.md). API.md stays in the repository: Construct Hub renders the reference from .jsii. The handler's own compiled lib/**/*.lambda.js would throw if loaded (its SDK is not a
// dependency): the bundle in assets/ is what runs. test/package.test.ts checks the tarball.
project.npmignore?.exclude('/lib/**/*.lambda.js', '/lib/**/*.lambda.d.ts', '/rosetta/', '/API.md');
project.gitignore.exclude('cdk.out/');

// The compiled index loads each module of the library when one of its exports is first used, as aws-cdk-lib's indexes
// do (scripts/lazy-index.ts rewrites lib/index.js after jsii; lib/index.d.ts and the jsii assembly are unchanged).
project.compileTask.exec('ts-node --transpile-only scripts/lazy-index.ts');
// The compiled JavaScript without its comments (scripts/strip-js-comments.ts): the docs stay in the .d.ts files that
// public ones import and in the assembly; declarations no public one imports lose theirs too.
project.compileTask.exec('ts-node --transpile-only scripts/strip-js-comments.ts');

// `test`: the type-check of the tests (with the examples and scripts they use) and the lint run at the same time, each
// a single-threaded process, then jest on every core. Either failing fails the task once both have finished.
const lint = project.testTask.steps.findIndex(step => step.spawn === 'eslint');
project.testTask.removeStep(lint);
project.testTask.prependExec(
  "bash -c 'tsc --noEmit -p test/tsconfig.json & typecheck=$!; projen eslint; lint=$?; wait $typecheck && exit $lint'",
  { name: 'Type-check the tests and lint, at the same time' },
);

// No import circles in the library: eslint's import/no-cycle for value imports, and madge, which also counts `import type`.
project.eslint?.addOverride({ files: ['src/**/*.ts'], rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] } });
const cycles = project.addTask('check:cycles', {
  description: 'Fail when modules of src/ import each other in a circle (type-only imports included)',
  exec: 'madge --circular --extensions ts --ts-config tsconfig.json --no-spinner src',
});
project.postCompileTask.spawn(cycles);

// The main job: synthesize every app under examples/ and print what was built.
const examples = project.addTask('examples', {
  description: 'Synthesize every example app to CloudFormation and print, per app and stack, the resources by type and any warnings',
  // The project comes from TS_NODE_PROJECT: tsconfig-paths misreads a --project flag as a folder.
  exec: 'ts-node -r tsconfig-paths/register scripts/synth-examples.ts',
  env: { TS_NODE_PROJECT: 'examples/tsconfig.json' },
});
// The deploy-time lookup's Lambda handler is bundled into assets/ (not committed) before the apps can use it, and
// before every packing (`package:js`, which `package` and `build` run): `compile` alone does not bundle, and a
// tarball without assets/ fails at every user's synth with `Cannot find asset`.
const bundle = project.tasks.tryFind('bundle')!;
examples.prependSpawn(bundle);
project.tasks.tryFind('package:js')!.prependSpawn(bundle);

// The library's synth-time cost against the same resources written as L1s (scripts/bench.ts); it measures lib/.
const bench = project.addTask('bench', {
  description: 'Measure CPU time and peak memory of synthesizing N services with the library and with L1s (child processes, interleaved)',
  exec: 'ts-node scripts/bench.ts',
  env: { TS_NODE_PROJECT: 'examples/tsconfig.json' },
  receiveArgs: true,
});
bench.prependSpawn(project.compileTask);
// The reachability answers on the bench's 200-service app (scripts/bench-reachability.ts).
bench.exec('ts-node scripts/bench-reachability.ts', { receiveArgs: false });

// The topology pages that `examples` writes, opened in a real browser (Debian's chromium): run by .ci/run after the build.
project.addTask('test:browser', {
  description: 'Open every example\'s topology.html in headless Chromium and check that the diagram rendered (runs `examples` first if needed)',
  exec: 'ts-node -r tsconfig-paths/register scripts/browser-check.ts',
  env: { TS_NODE_PROJECT: 'examples/tsconfig.json' },
});

// The README's quick start, done as a new user would, from the packed tarball and with the real CDK CLI from the npm
// registry, in an empty temporary folder (scripts/quickstart-check.ts, about 40 s): the last step of `package`, and so of
// `build`, so that CI and the release workflow run it on the tarball they are about to publish.
const quickstart = project.addTask('test:quickstart', {
  description: 'Install the packed tarball (dist/js) into an empty folder the way the README says, write the quick start\'s files and run `npx cdk synth`',
  exec: 'ts-node --transpile-only scripts/quickstart-check.ts',
});
project.packageTask.spawn(quickstart);

// README examples must compile against the API (strict jsii-rosetta, with rosetta/default.ts-fixture).
const rosetta = project.addTask('rosetta', {
  description: 'Compile every TypeScript example in the README against the library',
  exec: 'jsii-rosetta extract --strict --compile',
});
project.postCompileTask.spawn(rosetta);
project.gitignore.exclude('.jsii.tabl.json');

project.synth();
