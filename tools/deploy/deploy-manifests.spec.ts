// No Docker engine or cluster runs here: these tests hold docker/ and k8s/ to the code instead.
// Each check collects readable problems, so a failure says what to fix and where.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, posix, relative } from 'node:path';
import {
  appsWithMain, commandOf, dockerBuild, dockerignore, envReadByCode, layOutImage, pinned, read, ROOT, servicesFromCode, substitute, yamlDocuments, yamlFile,
  type DockerBuild, type Service, type Stage, type Step,
} from './deploy-files';

// What loadServiceConfig and authConfigFromEnv refuse to start without.
const REQUIRED_ENV = ['MONGODB_URI', 'KAFKA_BROKERS', 'REDIS_URL', 'AUTH_ISSUER'];
const JWKS_ENV = ['AUTH_JWKS_FILE', 'AUTH_JWKS_URL'];
const INFRA = { mongo: /^mongo:/, kafka: /^apache\/kafka:3\.9\./, redis: /^redis:7\./ } as const;

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, unknown> | string[] };
  command?: string[];
  environment?: Record<string, unknown>;
  ports?: (string | { target: number })[];
  healthcheck?: { test?: string[] | string };
  depends_on?: Record<string, { condition?: string }>;
  volumes?: (string | { target: string })[];
}
interface Probe {
  httpGet?: { path?: string; port?: number | string };
}
interface Container {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: unknown; valueFrom?: unknown }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: {
    selector?: Record<string, string> & { matchLabels?: Record<string, string> };
    template?: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec: { securityContext?: { runAsNonRoot?: boolean }; containers: Container[]; volumes?: { name: string; secret?: unknown }[] };
    };
    ports?: { port: number; targetPort?: number | string }[];
    scaleTargetRef?: { kind: string; name: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: unknown[];
  };
}

const services = servicesFromCode();
const codeEnv = envReadByCode();
const compose = yamlFile<{ services: Record<string, ComposeService> }>('docker/compose.yaml');
const kustomization = yamlFile<{ resources: string[]; images?: { name: string; newTag?: string }[] }>('k8s/kustomization.yaml');
const manifests = kustomization.resources.filter((file) => existsSync(join(ROOT, 'k8s', file))).flatMap((file) => yamlDocuments<Manifest>(`k8s/${file}`));
const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
function podOf(svc: Service) {
  const pod = find('Deployment', svc.name)?.spec?.template;
  if (!pod) throw new Error(`no Deployment "${svc.name}" in the files k8s/kustomization.yaml lists`);
  return { pod, container: pod.spec.containers.find((c) => c.name === svc.name) ?? pod.spec.containers[0] };
}
/** The file the image runs: build.mjs writes <out>/<main>.js. */
const compiledMain = (svc: Service) => `dist/${svc.main.replace(/\.ts$/, '.js')}`;

// One Dockerfile for every service; the service is the build argument SERVICE.
const DOCKERFILE = 'docker/Dockerfile';
/** What `docker build -f docker/Dockerfile --build-arg ...` from the repository root makes. */
const imageBuild = (args: Readonly<Record<string, string>>) => dockerBuild(read(DOCKERFILE), args);
/** The build arguments docker/README.md documents: `--build-arg SERVICE=<service>`. */
const documentedArgs = (svc: Service) => ({ SERVICE: svc.name });
/** The build arguments compose passes (a map or a list of NAME=value). */
function composeArgs(service: ComposeService | undefined): Record<string, string> {
  const args = typeof service?.build === 'object' ? service.build.args ?? {} : {};
  if (Array.isArray(args)) return Object.fromEntries(args.map((a) => [a.split('=')[0], a.split('=').slice(1).join('=')]));
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, String(v)]));
}
/** The image k8s runs: the one compose builds (the Deployment test holds k8s to compose's image). */
const composeImage = (svc: Service) => imageBuild(compose.services[svc.name] ? composeArgs(compose.services[svc.name]) : documentedArgs(svc));
/** A stage and the stages it is built FROM, the stage itself first. */
const lineage = (stage: Stage | undefined): Stage[] => (stage ? [stage, ...lineage(stage.base)] : []);
/** A RUN line as the shell sees it, near enough for reading: variables replaced, quotes dropped. */
const shellText = (step: Step) => substitute(step.args, step.vars).replace(/["']/g, '');
const shellCommands = (steps: readonly Step[]) => steps.filter((s) => s.op === 'RUN').flatMap((s) => shellText(s).split(/&&|;|\|\|/).map((c) => c.trim().split(/\s+/)));
const npmInstall = (words: readonly string[]) => words[0] === 'npm' && ['ci', 'install', 'i'].includes(words[1]);

/** What an image built from docker/Dockerfile must be to run `svc`, as readable problems. */
function imageProblems(svc: Service, build: DockerBuild): string[] {
  const problems = [...build.problems];
  const { image, needed } = build;
  const port = String(svc.port);
  const steps = (op: string) => needed.flatMap((s) => s.steps.filter((step) => step.op === op));
  const cmd = commandOf(image.cmd);
  if (!image.cmd?.trimStart().startsWith('[')) problems.push(`CMD must be in exec form (node as PID 1 gets SIGTERM), not ${image.cmd}`);
  if (cmd.at(-1) !== compiledMain(svc)) problems.push(`CMD must run ${compiledMain(svc)} (exec form), not ${JSON.stringify(cmd)}`);
  if (!steps('RUN').some((s) => new RegExp(`tools/deploy/build\\.mjs ${svc.name}(\\s|$)`).test(shellText(s)))) problems.push(`no RUN node tools/deploy/build.mjs ${svc.name}`);
  const appDir = dirname(dirname(svc.main));
  if (!steps('COPY').some((s) => s.args.split(/\s+/).map((a) => posix.normalize(a).replace(/\/$/, '')).includes(appDir))) problems.push(`does not COPY ${appDir}`);
  if (!image.expose.includes(port)) problems.push(`EXPOSE ${image.expose.join(',')} instead of ${port}`);
  if (image.env.get('PORT') !== port) problems.push(`ENV PORT=${image.env.get('PORT')} instead of ${port}`);
  if (image.env.get('HOST') !== '0.0.0.0') problems.push('ENV HOST=0.0.0.0 is missing: the service would listen on loopback only');
  for (const name of image.env.keys()) if (!codeEnv.has(name)) problems.push(`ENV ${name} is read by no code`);
  const user = image.user?.split(':')[0];
  if (!user || user === 'root' || user === '0') problems.push(`the image runs as ${user ?? 'root'}`);
  // Production dependencies only: every node_modules the image gets is installed with --omit=dev.
  const own = lineage(image).flatMap((s) => s.steps);
  const installs = shellCommands(own).filter(npmInstall);
  for (const copy of own.filter((s) => s.op === 'COPY' && s.args.includes('--from='))) {
    const from = build.stages.find((s) => s.name === /--from=(\S+)/.exec(copy.args)?.[1]);
    const sources = copy.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1).map((a) => posix.resolve('/', a));
    for (const stage of lineage(from)) {
      for (const step of stage.steps.filter((st) => st.op === 'RUN' && shellCommands([st]).some(npmInstall))) {
        const modules = posix.join(step.workdir, 'node_modules');
        if (sources.some((src) => modules === src || modules.startsWith(`${src.replace(/\/$/, '')}/`))) installs.push(...shellCommands([step]).filter(npmInstall));
      }
    }
  }
  if (installs.length === 0) problems.push('the image gets no node_modules: neither a RUN npm ci nor a COPY --from of one');
  for (const words of installs) if (!words.some((w) => w === '--omit=dev' || w === '--production')) problems.push(`node_modules from "${words.join(' ')}": not production dependencies only`);
  // A directory the service writes must exist and belong to its user: a named volume mounted there inherits that.
  const commands = shellCommands(own);
  for (const [name, dir] of [...image.env].filter(([n]) => n.endsWith('_DIR'))) {
    if (!commands.some((c) => c[0] === 'mkdir' && c.includes(dir))) problems.push(`${name}=${dir}: no RUN mkdir creates it`);
    if (!commands.some((c) => c[0] === 'chown' && c.filter((w) => !w.startsWith('-'))[1]?.split(':')[0] === user && c.includes(dir))) {
      problems.push(`${name}=${dir}: no RUN chown gives it to the user the image runs as (${user})`);
    }
  }
  return problems;
}

function envProblems(where: string, env: ReadonlyMap<string, unknown>): string[] {
  const problems = [...env.keys()].filter((name) => !codeEnv.has(name)).map((name) => `${where}: sets ${name}, which no code reads`);
  for (const name of REQUIRED_ENV.filter((n) => !env.has(n))) problems.push(`${where}: ${name} is not set, the service refuses to start without it`);
  if (!JWKS_ENV.some((n) => env.has(n))) problems.push(`${where}: neither ${JWKS_ENV.join(' nor ')} is set`);
  if (env.get('HOST') !== '0.0.0.0') problems.push(`${where}: HOST must be 0.0.0.0 (the code listens on 127.0.0.1 by default), not ${String(env.get('HOST'))}`);
  return problems;
}

describe('deployment files match the code', () => {
  it('finds the services and their ports in the code', () => {
    expect(services.map((s) => s.name).sort()).toEqual(appsWithMain().sort());
    for (const svc of services) expect({ service: svc.name, port: svc.port }).toEqual({ service: svc.name, port: svc.listedPort });
  });

  describe.each(services.map((svc) => [svc.name, svc] as const))('%s', (_name, svc) => {
    const port = svc.port;

    it('has an image from docker/Dockerfile that builds and runs its main, as a non-root user, on its port', () => {
      if (!existsSync(join(ROOT, DOCKERFILE))) throw new Error(`${DOCKERFILE} is missing`);
      expect(imageProblems(svc, imageBuild(documentedArgs(svc)))).toEqual([]);
    });

    it('has an image whose base images are pinned and whose COPY sources the .dockerignore lets in', () => {
      const problems: string[] = [];
      const build = imageBuild(documentedArgs(svc));
      for (const stage of build.stages) if (!stage.base && !pinned(stage.from)) problems.push(`FROM ${stage.from} is not pinned to a version`);
      const context = dockerignore(read('.dockerignore'));
      for (const { args } of build.needed.flatMap((s) => s.steps).filter((i) => i.op === 'COPY' && !i.args.includes('--from='))) {
        for (const source of args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1)) {
          const path = posix.normalize(source).replace(/\/$/, '');
          if (!existsSync(join(ROOT, path))) problems.push(`COPY ${source}: no such file`);
          if (!context.includes(path)) problems.push(`COPY ${source}: .dockerignore leaves it out of the build context`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('builds as the image does, to the file the image runs, needing only production dependencies', () => {
      const out = mkdtempSync(join(tmpdir(), `deploy-${svc.name}-`));
      try {
        const build = imageBuild(documentedArgs(svc));
        const { root, problems: buildProblems } = layOutImage(build, ROOT, out);
        expect(buildProblems).toEqual([]);
        const app = join(root, build.image.workdir);
        expect(existsSync(join(app, compiledMain(svc)))).toBe(true);
        const { dependencies } = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
        const problems: string[] = [];
        // node_modules is a link to the repository's: not walked, not followed.
        const files = (dir: string): string[] =>
          readdirSync(dir, { withFileTypes: true }).flatMap((f) => (f.isDirectory() ? files(join(dir, f.name)) : f.isFile() ? [join(dir, f.name)] : []));
        const shipped = files(app).filter((f) => f.endsWith('.js'));
        if (shipped.some((f) => /\.(int-)?spec\.js$/.test(f))) problems.push('the image holds compiled tests');
        for (const file of shipped) {
          for (const [, spec] of readFileSync(file, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)) {
            if (spec.startsWith('.')) {
              const target = join(dirname(file), spec);
              if (![`${target}.js`, join(target, 'index.js'), target].some((t) => existsSync(t) && statSync(t).isFile())) {
                problems.push(`${relative(root, file)} requires ${spec}, which the build did not produce`);
              }
            } else {
              const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
              if (!builtinModules.includes(spec.replace(/^node:/, '')) && !dependencies[pkg]) {
                problems.push(`${relative(root, file)} requires ${pkg}, which is not a production dependency in package.json`);
              }
            }
          }
        }
        expect(problems).toEqual([]);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }, 60_000);

    it('runs in docker/compose.yaml on its port, healthy when ready, after MongoDB, Kafka and Redis', () => {
      const problems: string[] = [];
      const service = compose.services[svc.name];
      if (!service) throw new Error(`docker/compose.yaml has no service "${svc.name}"`);
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      if (!build) throw new Error(`compose service "${svc.name}" has no build: nothing builds ${service.image}`);
      const context = normalize(join('docker', build.context ?? '.'));
      if (context !== '.') problems.push(`builds in ${context}, not the repository root (where .dockerignore is)`);
      const dockerfileFromCompose = normalize(join(context, build.dockerfile ?? 'Dockerfile'));
      if (dockerfileFromCompose !== DOCKERFILE) problems.push(`builds ${dockerfileFromCompose}, not ${DOCKERFILE}`);
      const args = composeArgs(service);
      if (args.SERVICE !== svc.name) problems.push(`build argument SERVICE is ${args.SERVICE}, not ${svc.name}`);
      const image = imageBuild(args);
      problems.push(...imageProblems(svc, image).map((p) => `image built with ${JSON.stringify(args)}: ${p}`));
      if (!service.image || !pinned(service.image)) problems.push(`image ${service.image} has no pinned tag`);
      const targets = (service.ports ?? []).map((p) => (typeof p === 'string' ? Number(p.split(':').at(-1)) : p.target));
      if (!targets.includes(port)) problems.push(`publishes container ports ${targets.join(',')}, not ${port}`);
      const test = [service.healthcheck?.test ?? []].flat().join(' ');
      if (!test.includes(`:${port}/health/ready`)) problems.push(`healthcheck does not ask :${port}/health/ready: ${test}`);
      for (const infra of Object.keys(INFRA)) {
        if (service.depends_on?.[infra]?.condition !== 'service_healthy') problems.push(`does not wait for ${infra} to be healthy`);
      }
      const env = new Map([...image.image.env, ...Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v)] as const)]);
      if (env.get('PORT') !== String(port)) problems.push(`PORT is ${env.get('PORT')}, the code's port is ${port}`);
      problems.push(...envProblems(`compose ${svc.name}`, env));
      const mounts = (service.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':')[1] : v.target));
      for (const [name, value] of env) {
        if (name.endsWith('_DIR') && !mounts.includes(value)) problems.push(`${name}=${value} is not a volume: its files would die with the container`);
      }
      expect(problems).toEqual([]);
    });

    it('has a Kubernetes Deployment with its image, port, probes, resources and a non-root user', () => {
      const { pod, container } = podOf(svc);
      const problems: string[] = [];
      const portOf = (p: number | string | undefined) => (typeof p === 'string' ? container.ports?.find((cp) => cp.name === p)?.containerPort : p);
      if (container.image !== compose.services[svc.name]?.image) problems.push(`image ${container.image} is not the one compose builds (${compose.services[svc.name]?.image})`);
      if (!container.image || !pinned(container.image)) problems.push(`image ${container.image} has no pinned tag`);
      if (!container.ports?.some((p) => p.containerPort === port)) problems.push(`containerPort ${container.ports?.map((p) => p.containerPort).join(',')} is not ${port}`);
      const probes = { livenessProbe: '/health/live', readinessProbe: '/health/ready', startupProbe: undefined } as const;
      for (const [probe, path] of Object.entries(probes) as [keyof typeof probes, string | undefined][]) {
        const get = container[probe]?.httpGet;
        if (!get) {
          if (path) problems.push(`no ${probe}`);
          continue;
        }
        if (path && get.path !== path) problems.push(`${probe} asks ${get.path}, not ${path}`);
        if (portOf(get.port) !== port) problems.push(`${probe} asks port ${String(get.port)} (${portOf(get.port)}), the service listens on ${port}`);
      }
      for (const kind of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory']) if (!container.resources?.[kind]?.[resource]) problems.push(`no ${resource} ${kind}`);
      }
      if (!(pod.spec.securityContext?.runAsNonRoot || container.securityContext?.runAsNonRoot)) problems.push('runAsNonRoot is not set');
      const annotations = pod.metadata?.annotations ?? {};
      if (annotations['prometheus.io/scrape'] !== 'true' || annotations['prometheus.io/path'] !== '/metrics' || annotations['prometheus.io/port'] !== String(port)) {
        problems.push(`prometheus annotations do not say scrape :${port}/metrics: ${JSON.stringify(annotations)}`);
      }
      expect(problems).toEqual([]);
    });

    it('sets in Kubernetes only environment variables the code reads, and all it needs', () => {
      const { pod, container } = podOf(svc);
      const problems: string[] = [];
      const env = new Map<string, unknown>(composeImage(svc).image.env);
      for (const { configMapRef } of container.envFrom ?? []) {
        if (!configMapRef) continue;
        const configMap = find('ConfigMap', configMapRef.name);
        if (!configMap) problems.push(`envFrom ConfigMap ${configMapRef.name} is not in the kustomization`);
        for (const [name, value] of Object.entries(configMap?.data ?? {})) {
          if (typeof value !== 'string') problems.push(`ConfigMap ${configMapRef.name} ${name}: Kubernetes needs a string value, not ${JSON.stringify(value)}`);
          env.set(name, value);
        }
      }
      for (const { name, value, valueFrom } of container.env ?? []) {
        if (valueFrom === undefined && typeof value !== 'string') problems.push(`env ${name}: Kubernetes needs a string value, not ${JSON.stringify(value)}`);
        env.set(name, value ?? valueFrom);
      }
      if (String(env.get('PORT')) !== String(port)) problems.push(`PORT is ${String(env.get('PORT'))}, the code's port is ${port}`);
      problems.push(...envProblems(`k8s ${svc.name}`, env));
      const mounts = new Map((container.volumeMounts ?? []).map((m) => [m.mountPath, m.name]));
      for (const [name, value] of env) {
        if (name.endsWith('_DIR') && !mounts.has(String(value))) problems.push(`${name}=${String(value)} is not a mounted volume`);
      }
      // Replicas that each generated a signing key would each sign with a different one.
      if (env.has('CERTIFICATE_KEYS_DIR')) {
        const volume = pod.spec.volumes?.find((v) => v.name === mounts.get(String(env.get('CERTIFICATE_KEYS_DIR'))));
        if (!volume?.secret) problems.push('CERTIFICATE_KEYS_DIR must be a Secret volume');
        if (env.get('CERTIFICATE_KEYS_GENERATE') !== 'false') problems.push('CERTIFICATE_KEYS_GENERATE must be "false"');
      }
      expect(problems).toEqual([]);
    });

    it('has a Kubernetes Service to its port and an autoscaler for its Deployment', () => {
      const problems: string[] = [];
      const { pod, container } = podOf(svc);
      const service = find('Service', svc.name);
      if (!service?.spec) throw new Error(`no Service "${svc.name}"`);
      const selector = Object.entries(service.spec.selector ?? {});
      if (selector.length === 0 || !selector.every(([k, v]) => pod.metadata?.labels?.[k] === v)) problems.push(`Service selector ${JSON.stringify(service.spec.selector)} does not select the pods`);
      const targets = (service.spec.ports ?? []).map((p) => p.targetPort ?? p.port).map((t) => (typeof t === 'string' ? container.ports?.find((c) => c.name === t)?.containerPort : t));
      if (!targets.includes(port)) problems.push(`Service targets ${targets.join(',')}, not ${port}`);
      const hpa = manifests.find((m) => m.kind === 'HorizontalPodAutoscaler' && m.spec?.scaleTargetRef?.name === svc.name);
      if (!hpa?.spec) problems.push('no HorizontalPodAutoscaler targets the Deployment');
      else {
        if (hpa.apiVersion !== 'autoscaling/v2') problems.push(`HPA is ${hpa.apiVersion}, not autoscaling/v2`);
        if (hpa.spec.scaleTargetRef?.kind !== 'Deployment') problems.push('HPA does not target a Deployment');
        if (!(hpa.spec.maxReplicas! >= (hpa.spec.minReplicas ?? 1)) || !hpa.spec.metrics?.length) problems.push('HPA needs maxReplicas >= minReplicas and a metric');
      }
      expect(problems).toEqual([]);
    });
  });

  it('runs MongoDB as a replica set, Kafka in KRaft mode and Redis with an append-only file and noeviction, each with a healthcheck', () => {
    const problems: string[] = [];
    for (const [name, image] of Object.entries(INFRA)) {
      const service = compose.services[name];
      if (!service?.image || !image.test(service.image)) problems.push(`compose service ${name}: image ${service?.image} does not match ${image}`);
      if (!service?.healthcheck?.test) problems.push(`compose service ${name}: no healthcheck`);
    }
    const command = (name: string) => (compose.services[name]?.command ?? []).join(' ');
    if (!command('mongo').includes('--replSet')) problems.push('mongo is not started with --replSet');
    if (!String(compose.services.mongo?.healthcheck?.test).includes('rs.initiate')) problems.push('nothing initiates the replica set');
    if (!command('redis').includes('--appendonly yes') || !command('redis').includes('--maxmemory-policy noeviction')) problems.push('redis needs --appendonly yes and --maxmemory-policy noeviction');
    if (!String(compose.services.kafka?.environment?.KAFKA_PROCESS_ROLES).includes('controller')) problems.push('kafka is not a KRaft controller');
    expect(problems).toEqual([]);
  });

  it('pins every image: no "latest", no missing tag', () => {
    const images = [
      ...Object.entries(compose.services).map(([name, s]) => [`compose ${name}`, s.image ?? ''] as const),
      ...manifests.flatMap((m) => (m.spec?.template?.spec.containers ?? []).map((c) => [`k8s ${m.metadata.name}`, c.image ?? ''] as const)),
      ...(kustomization.images ?? []).map((i) => [`kustomization ${i.name}`, `${i.name}:${i.newTag ?? ''}`] as const),
    ];
    expect(images.filter(([, image]) => !pinned(image))).toEqual([]);
  });

  it('lists every file of k8s/ in the kustomization, and only files that exist', () => {
    const files = readdirSync(join(ROOT, 'k8s')).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    for (const { kind, metadata } of manifests) expect({ kind, name: metadata?.name }).toEqual({ kind, name: expect.any(String) });
  });

  it('keeps local secrets and build output out of the image build context', () => {
    const lines = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(lines[0]).toBe('*');
    expect(lines.filter((l) => /^!\.?(infra|git|nx|node_modules|dist)\b/.test(l))).toEqual([]);
    const context = dockerignore(read('.dockerignore'));
    const outside = [
      '.infra/auth/jwks.json', '.infra/keys/certificates/k.pem', '.git/config', '.nx/workspace-data/file-map.json', 'node_modules/yaml/package.json',
      'dist/apps/scoring/src/main.js', 'apps/scoring/node_modules/x/index.js', 'apps/scoring/src/main.spec.ts', 'libs/auth/src/auth.int-spec.ts', 'docker/compose.yaml',
    ];
    expect(outside.filter((path) => context.includes(path))).toEqual([]);
    expect(['package.json', 'libs/auth/src/index.ts', 'apps/scoring/src/main.ts'].filter((path) => !context.includes(path))).toEqual([]);
  });

  it('builds every image from the one docker/Dockerfile', () => {
    const dockerfiles = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((f) =>
        f.isDirectory() ? dockerfiles(`${dir}/${f.name}`) : /Dockerfile|\.dockerfile$/i.test(f.name) ? [`${dir}/${f.name}`] : [],
      );
    expect([...dockerfiles('docker'), ...readdirSync(ROOT).filter((f) => /^Dockerfile/i.test(f))]).toEqual([DOCKERFILE]);
  });

  it('builds no image when SERVICE is missing or names anything but a service', () => {
    // Stage names, a registry image, an app without main.ts and a folder: each must fail the build.
    const names = [undefined, '', 'build', 'deps', 'runtime', 'node', 'console', '../libs'].filter((n) => !services.some((s) => s.name === n));
    const built = names.filter((name) => {
      const build = imageBuild(name === undefined ? {} : { SERVICE: name });
      const out = mkdtempSync(join(tmpdir(), 'deploy-refused-'));
      try {
        return build.problems.length === 0 && layOutImage(build, ROOT, out).problems.length === 0;
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
    expect(built).toEqual([]);
  }, 60_000);
});
