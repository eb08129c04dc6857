/**
 * Flow definitions in the database: versioned draft → published (immutable, checksummed) →
 * retired, and the built machines, cached by key@version. An application stays on the
 * key@version it started with.
 */
import { createHash, randomUUID } from 'node:crypto';
import { buildFlow, type Flow } from '#machines/build.ts';
import { validateBundle } from '#machines/validate.ts';
import { canonicalJson } from '#machines/canonical-json.ts';
import type { FlowBundle, Finding, I18nText } from '#machines/types.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';
import type { ServerPacks } from '../pack.ts';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../errors.ts';
import { definitionFiles, readBundle } from './files.ts';
import { blankBundle } from './blank.ts';
import { flowSummary, type FlowSummary } from './summary.ts';

export type VersionStatus = 'draft' | 'published' | 'retired';

export type VersionSummary = {
  key: string;
  version: number;
  status: VersionStatus;
  checksum: string;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
};

export function bundleChecksum(bundle: FlowBundle): string {
  return createHash('sha256').update(canonicalJson(bundle)).digest('hex');
}

/** 422 carrying the validator's findings. */
export class DefinitionInvalidProblem extends DomainError {
  constructor(findings: Finding[]) {
    const errors = findings.filter((f) => f.severity === 'error');
    super(
      422,
      'definition-invalid',
      { id: 'Definisi tidak valid', en: 'Invalid definition' },
      {
        id: `Definisi memiliki ${errors.length} kesalahan.`,
        en: `The definition has ${errors.length} error${errors.length === 1 ? '' : 's'}.`,
      },
      { findings },
    );
  }
}

type DefinitionRecord = {
  id: string;
  key: string;
  version: number;
  status: string;
  title: unknown;
  /** The bundle, parsed from the stored text. */
  json: unknown;
  checksum: string;
  createdAt: Date;
  createdBy: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
};

const flowNotFound = (key: string, version?: number): NotFoundError =>
  new NotFoundError({
    id: version ? `Alur ${key} versi ${version}` : `Alur ${key}`,
    en: version ? `Flow ${key} version ${version}` : `Flow ${key}`,
  });

function summary(r: DefinitionRecord): VersionSummary {
  return {
    key: r.key,
    version: r.version,
    status: r.status as VersionStatus,
    checksum: r.checksum,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    publishedBy: r.publishedBy,
  };
}

export class FlowCatalog {
  /** Built machines of published and retired versions by `key@version` (they never change). */
  private readonly immutable = new Map<string, Flow>();
  /** Built drafts by `key@version`, with the checksum they were built from. */
  private readonly drafts = new Map<string, { checksum: string; flow: Flow }>();
  /** Latest published version per key, refreshed on publish and every few seconds (other processes publish too). */
  private latestCache: { at: number; byKey: Map<string, number> } | null = null;

  constructor(
    private readonly prisma: Db,
    private readonly log: Logger,
    private readonly packs: ServerPacks,
  ) {}

  /** The registry every flow here is built and validated with (the generic vocabulary and the installed packs'). */
  get registry() {
    return this.packs.registry;
  }

  /** The validator's findings for a bundle, with this server's registry. */
  findings(bundle: unknown): Finding[] {
    return validateBundle(bundle, this.packs.registry);
  }

  /**
   * Publishes every shipped definition whose content is not stored yet: version 1 on a fresh
   * database, a new version when the file changed. Throws when a shipped definition is invalid.
   */
  async seedFromFiles(definitionsDirs: string[], formsDirs: string[]): Promise<void> {
    for (const file of definitionFiles(definitionsDirs)) {
      const bundle = readBundle(file, formsDirs);
      const errors = this.findings(bundle).filter((f) => f.severity === 'error');
      if (errors.length) {
        throw new Error(`${file} does not validate:\n${errors.map((f) => `  ${f.path}: ${f.message}`).join('\n')}`);
      }
      const checksum = bundleChecksum(bundle);
      const key = bundle.definition.key;
      const existing = await this.prisma.definition.findFirst({ where: { key, checksum } });
      if (existing) continue;
      const version = await this.createVersion(key, bundle, 'published', null);
      this.log.info('published shipped definition', { key, version, file });
    }
  }

  private async createVersion(key: string, bundle: FlowBundle, status: VersionStatus, by: string | null): Promise<number> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const last = await this.prisma.definition.findFirst({ where: { key }, orderBy: { version: 'desc' }, select: { version: true } });
      const version = (last?.version ?? 0) + 1;
      const now = new Date();
      try {
        await this.prisma.definition.create({
          data: {
            id: randomUUID(),
            key,
            version,
            status,
            title: bundle.definition.title,
            json: JSON.stringify(bundle),
            checksum: bundleChecksum(bundle),
            createdBy: by,
            createdAt: now,
            ...(status === 'published' ? { publishedAt: now, publishedBy: by } : {}),
          },
        });
        if (status === 'published') await this.retireOlder(key, version);
        return version;
      } catch (err) {
        if ((err as { code?: string }).code !== 'P2002') throw err; // another writer took this version number
      }
    }
    throw new ConflictError('version-race', { id: 'Coba lagi.', en: 'Try again.' });
  }

  private async retireOlder(key: string, version: number) {
    await this.prisma.definition.updateMany({ where: { key, status: 'published', version: { lt: version } }, data: { status: 'retired' } });
    this.latestCache = null;
  }

  private async record(key: string, version: number): Promise<DefinitionRecord> {
    const r = await this.prisma.definition.findUnique({ where: { key_version: { key, version } } });
    if (!r) throw flowNotFound(key, version);
    return { ...r, json: JSON.parse(r.json) as unknown };
  }

  /** The built machine of key@version (any status). */
  async flow(key: string, version: number): Promise<Flow> {
    const id = `${key}@${version}`;
    const cached = this.immutable.get(id);
    if (cached) return cached;
    const r = await this.record(key, version);
    if (r.status !== 'draft') {
      const flow = buildFlow(r.json as FlowBundle, this.packs.registry);
      this.immutable.set(id, flow);
      this.drafts.delete(id);
      return flow;
    }
    const draft = this.drafts.get(id);
    if (draft?.checksum === r.checksum) return draft.flow;
    const flow = buildFlow(r.json as FlowBundle, this.packs.registry);
    this.drafts.set(id, { checksum: r.checksum, flow });
    return flow;
  }

  /** Latest published version of `key`, or 404. */
  async latestPublished(key: string): Promise<number> {
    const byKey = await this.latestByKey();
    const v = byKey.get(key);
    if (v === undefined) throw flowNotFound(key);
    return v;
  }

  /** The latest published version of every key (cached for a few seconds). */
  async published(): Promise<{ key: string; version: number }[]> {
    return [...(await this.latestByKey())].map(([key, version]) => ({ key, version }));
  }

  private async latestByKey(): Promise<Map<string, number>> {
    if (this.latestCache && Date.now() - this.latestCache.at < 5000) return this.latestCache.byKey;
    const rows = await this.prisma.definition.findMany({ where: { status: 'published' }, select: { key: true, version: true } });
    const byKey = new Map<string, number>();
    for (const r of rows) byKey.set(r.key, Math.max(byKey.get(r.key) ?? 0, r.version));
    this.latestCache = { at: Date.now(), byKey };
    return byKey;
  }

  /**
   * Published flows by key, but those their latest version hides (`listed: false`): `{key,
   * version, title, description?, highlights?}` with the policy numbers rendered in, and what the
   * installed packs add from the policy (summary.ts, docs/api.md).
   */
  async listPublished(): Promise<FlowSummary[]> {
    const byKey = await this.latestByKey();
    const out: FlowSummary[] = [];
    for (const [key, version] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
      const flow = await this.flow(key, version);
      if (flow.bundle.definition.listed === false) continue;
      out.push({ ...flowSummary(flow, version, this.packs.packs), key });
    }
    return out;
  }

  /**
   * Every flow key with its versions (drafts, unlisted and retired ones too), for policy staff and
   * auditors: `[{key, title, listed, versions}]`, by key.
   */
  async listAll(): Promise<{ key: string; title: I18nText; listed: boolean; versions: VersionSummary[] }[]> {
    const rows = await this.prisma.definition.findMany({
      orderBy: [{ key: 'asc' }, { version: 'asc' }],
      select: { id: true, key: true, version: true, status: true, title: true, checksum: true, createdAt: true, createdBy: true, publishedAt: true, publishedBy: true },
    });
    const byKey = new Map<string, { key: string; title: I18nText; listed: boolean; versions: VersionSummary[] }>();
    for (const r of rows) {
      const entry = byKey.get(r.key) ?? { key: r.key, title: r.title as I18nText, listed: true, versions: [] };
      entry.versions.push(summary({ ...r, json: null } as DefinitionRecord));
      entry.title = r.title as I18nText; // the newest version's title
      byKey.set(r.key, entry);
    }
    for (const entry of byKey.values()) {
      const published = entry.versions.filter((v) => v.status === 'published').at(-1);
      if (published) entry.listed = (await this.flow(entry.key, published.version)).bundle.definition.listed !== false;
    }
    return [...byKey.values()];
  }

  /**
   * A new flow key: version 1 as a draft, either a minimal valid definition (one form step, then
   * submitted) or a copy of another flow's version with the new key and title. 409 when the key
   * exists (any version), 422 when `from` names no stored version; the key and title are checked
   * by the caller (flows-router.ts).
   */
  async createFlow(key: string, title: I18nText, from: { flow: string; version: number } | undefined, by: string): Promise<VersionSummary & FlowBundle> {
    const existing = await this.prisma.definition.findFirst({ where: { key }, select: { version: true } });
    if (existing) throw flowExists(key);
    let bundle: FlowBundle;
    if (from) {
      const stored = await this.prisma.definition.findUnique({ where: { key_version: { key: from.flow, version: from.version } } });
      if (!stored) throw await this.noSuchSource(from);
      const source = JSON.parse(stored.json) as FlowBundle;
      bundle = { ...source, definition: { ...source.definition, key, title } };
    } else {
      bundle = blankBundle(key, title);
    }
    const now = new Date();
    try {
      await this.prisma.definition.create({
        data: { id: randomUUID(), key, version: 1, status: 'draft', title, json: JSON.stringify(bundle), checksum: bundleChecksum(bundle), createdBy: by, createdAt: now },
      });
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') throw flowExists(key); // another request created it first
      throw err;
    }
    return this.version(key, 1);
  }

  /** 422 for a `from` that names no stored version (the request is wrong, not the route): at /from/flow or /from/version. */
  private async noSuchSource(from: { flow: string; version: number }): Promise<ValidationError> {
    const flowExists = await this.prisma.definition.findFirst({ where: { key: from.flow }, select: { version: true } });
    return new ValidationError([
      flowExists
        ? { pointer: '/from/version', message: `flow ${from.flow} has no version ${from.version}`, messages: { id: `alur ${from.flow} tidak memiliki versi ${from.version}`, en: `flow ${from.flow} has no version ${from.version}` } }
        : { pointer: '/from/flow', message: `there is no flow ${from.flow}`, messages: { id: `tidak ada alur ${from.flow}`, en: `there is no flow ${from.flow}` } },
    ]);
  }

  async versions(key: string): Promise<VersionSummary[]> {
    const rows = await this.prisma.definition.findMany({ where: { key }, orderBy: { version: 'asc' } });
    if (rows.length === 0) throw flowNotFound(key);
    return rows.map((r) => summary(r as DefinitionRecord));
  }

  async version(key: string, version: number): Promise<VersionSummary & FlowBundle> {
    const r = await this.record(key, version);
    return { ...summary(r), ...(r.json as FlowBundle) };
  }

  /** A new draft copied from `from` (default: the latest published version). */
  async createDraft(key: string, from: number | undefined, by: string): Promise<VersionSummary & FlowBundle> {
    const source = await this.record(key, from ?? (await this.latestPublished(key)));
    const version = await this.createVersion(key, source.json as FlowBundle, 'draft', by);
    return this.version(key, version);
  }

  /** Replaces a draft's JSON; published and retired versions are immutable (409). */
  async updateDraft(key: string, version: number, body: unknown): Promise<VersionSummary & FlowBundle & { findings: Finding[] }> {
    const r = await this.record(key, version);
    if (r.status !== 'draft') {
      throw new ConflictError('immutable-version', {
        id: `Versi ${version} sudah ${r.status === 'published' ? 'diterbitkan' : 'dipensiunkan'} dan tidak dapat diubah. Buat draf baru.`,
        en: `Version ${version} is ${r.status} and cannot change. Create a new draft.`,
      });
    }
    const current = r.json as FlowBundle;
    const bundle = toBundle(body, current);
    if (bundle.definition?.key !== key) {
      throw new ValidationError([{ pointer: '/definition/key', message: `must stay "${key}"`, messages: { id: `harus tetap "${key}"`, en: `must stay "${key}"` } }]);
    }
    await this.prisma.definition.update({
      where: { key_version: { key, version } },
      data: { json: JSON.stringify(bundle), title: (bundle.definition.title ?? r.title) as object, checksum: bundleChecksum(bundle) },
    });
    return { ...(await this.version(key, version)), findings: this.findings(bundle) };
  }

  async validate(key: string, version: number): Promise<Finding[]> {
    return this.findings((await this.record(key, version)).json as FlowBundle);
  }

  /** Publishes a draft that validates (else 422 with the findings); older published versions retire. */
  async publish(key: string, version: number, by: string): Promise<VersionSummary> {
    const r = await this.record(key, version);
    if (r.status !== 'draft') {
      throw new ConflictError('not-a-draft', { id: `Versi ${version} bukan draf.`, en: `Version ${version} is not a draft.` });
    }
    const findings = this.findings(r.json as FlowBundle);
    if (findings.some((f) => f.severity === 'error')) throw new DefinitionInvalidProblem(findings);
    const now = new Date();
    const changed = await this.prisma.definition.updateMany({
      where: { key, version, status: 'draft', checksum: r.checksum },
      data: { status: 'published', publishedAt: now, publishedBy: by },
    });
    if (changed.count !== 1) throw new ConflictError('draft-changed', { id: 'Draf berubah saat diterbitkan; coba lagi.', en: 'The draft changed while publishing; try again.' });
    await this.retireOlder(key, version);
    return summary(await this.record(key, version));
  }
}

const flowExists = (key: string) =>
  new ConflictError('flow-exists', {
    id: `Alur dengan kunci "${key}" sudah ada. Pilih kunci lain, atau buat draf baru dari alur itu.`,
    en: `A flow with the key "${key}" already exists. Choose another key, or make a new draft of that flow.`,
  });

/** A PUT body: `{definition, forms}`, or a bare definition (the draft's forms are kept). */
function toBundle(body: unknown, current: FlowBundle): FlowBundle {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError([{ pointer: '', message: 'must be an object', messages: { id: 'harus berupa objek', en: 'must be an object' } }]);
  }
  const b = body as Record<string, unknown>;
  if ('definition' in b) {
    return { definition: b.definition as FlowBundle['definition'], forms: (b.forms as FlowBundle['forms']) ?? current.forms };
  }
  return { definition: b as FlowBundle['definition'], forms: current.forms };
}
