import { Ajv } from 'ajv';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The compose file as the Compose Specification sees it: services, volumes, the rest. */
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: string[];
  container_name?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  mem_limit?: string;
}

// merge: compose resolves YAML merge keys (`<<: *app-environment`), so the test does too.
const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as ComposeFile;
const schema = JSON.parse(readFileSync('test/fixtures/compose/compose-spec.json', 'utf8')) as object;

/**
 * A validator for the Compose Specification. The schema names draft-07 by its https address,
 * which Ajv knows only as http; `deprecated` is an annotation the spec uses (strict off).
 */
function composeValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(draft07, 'https://json-schema.org/draft-07/schema');
  return ajv.compile(schema);
}

/** `${NAME…}` references in the file's values (not its comments): what compose reads from the environment or .env. */
function interpolatedNames(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]))].sort();
}

describe('docker-compose.yml', () => {
  it('should be valid against the Compose Specification schema', () => {
    // given
    const validate = composeValidator();

    // when
    const valid = validate(compose);

    // then
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).to.deep.equal([]);
    expect(valid).to.equal(true);
  });

  it('should be checked by a validator that refuses a broken file', () => {
    // given a dependency with a condition the spec does not know
    const broken = structuredClone(compose);
    broken.services.app.depends_on = { 'app-db': { condition: 'service_ready' } };

    // when
    const validate = composeValidator();

    // then
    expect(validate(broken)).to.equal(false);
  });

  it('should run the orchestration cluster, its secondary storage, the read model, the app and the workers', () => {
    expect(Object.keys(compose.services)).to.have.members(['camunda-db', 'orchestration', 'app-db', 'app', 'workers']);
    expect(compose.services.orchestration.image).to.match(/^camunda\/camunda:8\.9\.\d+$/);
    expect(compose.services.orchestration.environment).to.include({
      CAMUNDA_DATA_SECONDARYSTORAGE_TYPE: 'rdbms',
      CAMUNDA_DATA_SECONDARYSTORAGE_RDBMS_URL: 'jdbc:postgresql://camunda-db:5432/camunda',
      CAMUNDA_SECURITY_AUTHENTICATION_METHOD: 'basic',
      CAMUNDA_SECURITY_AUTHENTICATION_UNPROTECTEDAPI: 'false',
    });
  });

  it('should pin every image to an exact version', () => {
    const images = Object.values(compose.services).map((s) => s.image);
    // PostgreSQL numbers its releases major.minor; everything else here major.minor.patch.
    for (const image of images) expect(image, String(image)).to.match(/^(postgres:\d+\.\d+|[a-z/-]+:\d+\.\d+\.\d+)(-[a-z0-9.]+)?$/);
    expect(readFileSync('Dockerfile', 'utf8')).to.match(/^FROM node:\d+\.\d+\.\d+-[a-z]+-slim$/m);
  });

  it('should start each service only after what it needs is healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck, `${name} has a healthcheck`).to.have.property('test');
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(condition, `${name} → ${dependency}`).to.equal('service_healthy');
        expect(compose.services[dependency].healthcheck, `${dependency} has a healthcheck`).to.have.property('test');
      }
    }
    expect(Object.keys(compose.services.app.depends_on ?? {})).to.have.members(['app-db', 'orchestration']);
    expect(Object.keys(compose.services.workers.depends_on ?? {})).to.include.members(['app-db', 'orchestration']);
  });

  it('should keep data in named volumes declared at the top level', () => {
    const used = Object.values(compose.services).flatMap((s) => (s.volumes ?? []).map((v) => v.split(':')[0]));
    expect(used).to.have.members(['camunda-db', 'orchestration-data', 'app-db']);
    for (const name of used) expect(compose.volumes).to.have.property(name);
  });

  it('should keep the engine state where the 8.9 image writes it, so `down` and `up` keep every instance', () => {
    // The image's primary storage is its declared VOLUME /usr/local/camunda/data; a volume at the legacy
    // /usr/local/zeebe/data stays empty while the state goes to an anonymous volume.
    expect(compose.services.orchestration.volumes).to.deep.equal(['orchestration-data:/usr/local/camunda/data']);
  });

  it('should leave room beside the broker heap for RocksDB and the JVM', () => {
    const options = String(compose.services.orchestration.environment?.JAVA_TOOL_OPTIONS);
    const heapShare = Number(options.match(/-XX:MaxRAMPercentage=(\d+)/)?.[1]);
    const limitGb = Number(String(compose.services.orchestration.mem_limit).match(/^(\d+)g$/)?.[1]);
    expect(heapShare, options).to.be.at.most(50);
    // Outside the heap: RocksDB's 512 MB per partition, direct buffers, metaspace, threads.
    expect(limitGb * (1 - heapShare / 100), 'GB outside the heap').to.be.at.least(1.5);
  });

  it('should point the app and the workers at the cluster with basic auth, and run no embedded engine or in-process workers', () => {
    for (const name of ['app', 'workers']) {
      const environment = compose.services[name].environment ?? {};
      expect(environment, name).to.include({
        CAMUNDA_REST_ADDRESS: 'http://orchestration:8080',
        CAMUNDA_AUTH_STRATEGY: 'BASIC',
        WORKERS: 'off',
      });
      expect(environment.DATABASE_URL, name).to.match(/@app-db:5432\//);
    }
    expect(compose.services.workers.command).to.deep.equal(['npm', 'run', '--silent', 'workers']);
    expect(readFileSync('Dockerfile', 'utf8')).to.match(/^CMD \["npm", "start"\]$/m);
    // only the app reads client identities
    expect(compose.services.app.environment).to.have.property('IDENTITY_KEY');
    expect(compose.services.workers.environment).not.to.have.property('IDENTITY_KEY');
  });

  it('should let the workers scale: no fixed container name and no host port', () => {
    expect(compose.services.workers).not.to.have.property('container_name');
    expect(compose.services.workers).not.to.have.property('ports');
  });

  it('should hold no secret: every password and key comes from .env, and .env.example names each variable without a value', () => {
    // given
    const example = readFileSync('.env.example', 'utf8');
    const exampleValues = Object.fromEntries(
      example
        .split('\n')
        .filter((line) => /^[A-Z0-9_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );

    // then every secret in the compose file is a required interpolation
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        // The license key may stay empty while a cluster is evaluated; every other key and password is required.
        if (/PASSWORD|SECRET|_KEY$/.test(key) && key !== 'CAMUNDA_LICENSE_KEY')
          expect(String(value), `${name}.${key}`).to.match(/^\$\{[A-Z0-9_]+:\?/);
        if (key === 'DATABASE_URL') expect(value, `${name}.${key}`).to.match(/\$\{[A-Z0-9_]+:\?[^}]*\}@/);
      }
    }
    // and .env.example names every interpolated variable, with no password or key filled in
    expect(Object.keys(exampleValues)).to.include.members(interpolatedNames(JSON.stringify(compose)));
    for (const [key, value] of Object.entries(exampleValues)) if (/PASSWORD|SECRET|_KEY$/.test(key)) expect(value, key).to.equal('');
    // and neither .env nor anything local goes into the image
    expect(readFileSync('.dockerignore', 'utf8').split('\n')).to.include.members(['.env', 'node_modules', 'data', '.tmp']);
  });
});
