import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeEnvironment } from '@circle-match/test-support';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { parse, parseAllDocuments } from 'yaml';
import { REPO } from './stack.js';

/**
 * The Kubernetes base (k8s/base): every manifest valid against the Kubernetes schemas (kubernetes-models), the
 * kustomization listing them all, and the deployment saying what compose and nginx say — same probes, variables,
 * routes and migrate command, matching reachable from the gateway alone.
 */
const BASE = join(REPO, 'k8s/base');
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
};

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

const kustomization = parse(readFileSync(join(BASE, 'kustomization.yaml'), 'utf8')) as {
  resources: string[];
  images: Array<{ name: string }>;
};
const manifests: Manifest[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(readFileSync(join(BASE, file), 'utf8')).map((doc) => doc.toJS() as Manifest),
);
const find = (kind: string, name: string): Manifest => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};

interface Container {
  image: string;
  command?: string[];
  envFrom?: Array<{ configMapRef: { name: string } }>;
  env?: Array<{ name: string }>;
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  livenessProbe: { httpGet: { path: string } };
  readinessProbe: { httpGet: { path: string } };
}
const podOf = (m: Manifest) =>
  (m.spec as { template: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } } })
    .template;

describe('Kubernetes base', () => {
  it('when the kustomization is read, then it lists every manifest of the folder', () => {
    const files = readdirSync(BASE).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('when each manifest is validated against the Kubernetes schemas, then all are valid', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(12);
    for (const manifest of manifests) {
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      expect([manifest.kind, manifest.metadata.name, Model !== undefined]).toEqual([
        manifest.kind,
        manifest.metadata.name,
        true,
      ]);
      expect(() => new Model!(manifest as never).validate()).not.toThrow();
    }
    // The schemas do refuse a mistake (a replica count as text).
    const broken = structuredClone(find('Deployment', 'ml-matching')) as Manifest & { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    expect(() => new Deployment(broken as never).validate()).toThrow(/replicas must be integer/);
  });

  it('when the deployments are read, then ml-matching runs as the prototype ran it, with probes, resources and no unavailable replica', () => {
    for (const name of ['ml-matching', 'gateway']) {
      const deployment = find('Deployment', name);
      expect(deployment.spec).toMatchObject({ replicas: 2, strategy: { rollingUpdate: { maxUnavailable: 0 } } });
      const [container] = podOf(deployment).spec.containers;
      expect(container!.livenessProbe.httpGet.path).toBe('/livez');
      expect(container!.readinessProbe.httpGet.path).toBe('/readyz');
      expect(Object.keys(container!.resources.requests).sort()).toEqual(['cpu', 'memory']);
      expect(container!.resources.limits.memory).toBeDefined();
      expect(kustomization.images.map((i) => i.name)).toContain(container!.image);
      // A Service, a PodDisruptionBudget and an autoscaler for each, selecting its pods.
      const labels = podOf(deployment).metadata.labels;
      expect((find('Service', name).spec as { selector: Record<string, string> }).selector).toEqual(labels);
      expect(
        (find('PodDisruptionBudget', name).spec as { selector: { matchLabels: Record<string, string> } }).selector
          .matchLabels,
      ).toEqual(labels);
      expect(
        (find('HorizontalPodAutoscaler', name).spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name,
      ).toBe(name);
    }
  });

  it("when a service's configuration is read, then it holds only variables compose gives that service, and credentials come from the Secret", () => {
    for (const [app, name, config] of [
      ['matching', 'ml-matching', 'ml-matching-config'],
      ['gateway', 'gateway', 'gateway-config'],
    ] as const) {
      const composeEnv = composeEnvironment(app, {
        POSTGRES_PASSWORD: 'x',
        MATCHING_DB_PASSWORD: 'x',
        INTERNAL_API_KEY: 'x',
        JWT_SECRET: 'x',
      });
      const composeVariables = Object.keys(composeEnv);
      const configData = find('ConfigMap', config).data ?? {};
      const keys = Object.keys(configData);
      expect(keys.filter((k) => !composeVariables.includes(k))).toEqual([]);
      const [container] = podOf(find('Deployment', name)).spec.containers;
      expect(container!.envFrom).toEqual([{ configMapRef: { name: config } }]);
      for (const secret of ['INTERNAL_API_KEY', 'JWT_SECRET', 'DATABASE_URL']) expect(keys).not.toContain(secret);
      // The heap and young generation the measured memory limits assume: the same as compose's.
      expect(configData.NODE_OPTIONS).toBe(composeEnv.NODE_OPTIONS);
    }
    const gatewayEnv = podOf(find('Deployment', 'gateway')).spec.containers[0]!.env!.map((e) => e.name);
    expect(gatewayEnv).not.toContain('DATABASE_URL');
  });

  it('when the network policy is read, then only the gateway (and the ingress controller) reaches matching', () => {
    const policy = find('NetworkPolicy', 'ml-matching-ingress').spec as {
      podSelector: { matchLabels: Record<string, string> };
      ingress: Array<{
        from: Array<{ podSelector?: { matchLabels: Record<string, string> } }>;
        ports: Array<{ port: number }>;
      }>;
    };
    expect(policy.podSelector.matchLabels).toEqual(podOf(find('Deployment', 'ml-matching')).metadata.labels);
    const fromPods = policy.ingress.flatMap((rule) =>
      rule.from.flatMap((f) => (f.podSelector ? [f.podSelector.matchLabels] : [])),
    );
    expect(fromPods).toEqual([podOf(find('Deployment', 'gateway')).metadata.labels]);
    expect(policy.ingress.flatMap((rule) => rule.ports.map((p) => p.port))).toEqual([8090]);
  });

  it("when the ingress is read, then its public paths are nginx's, and the migrate Job runs compose's migrate command", () => {
    const paths = manifests
      .filter((m) => m.kind === 'Ingress')
      .flatMap((m) =>
        (m.spec as { rules: Array<{ http: { paths: Array<{ path: string }> } }> }).rules.flatMap((r) =>
          r.http.paths.map((p) => p.path),
        ),
      );
    const template = readFileSync(join(REPO, 'nginx/templates/circle-match.conf.template'), 'utf8');
    const nginxPaths = [...template.matchAll(/location (?:= )?(\/[^\s{]*) \{/g)]
      .map((m) => m[1]!)
      .filter((p) => p !== '/');
    expect(paths.sort()).toEqual(nginxPaths.sort());
    const job = (find('Job', 'circle-match-migrate').spec as { template: { spec: { containers: Container[] } } })
      .template.spec.containers[0]!;
    const compose = parse(readFileSync(join(REPO, 'docker-compose.production.yml'), 'utf8'), { merge: true }) as {
      services: { migrate: { command: string[] } };
    };
    expect(job.command!.slice(0, 3)).toEqual(compose.services.migrate.command.slice(0, 3));
  });
});
