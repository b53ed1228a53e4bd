import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { MODELER_BUNDLE_DIR } from '../config.js';
import {
  deployedFile,
  deployedVersions,
  latestDecisionVersions,
  latestFormDefinitions,
  latestProcessVersions,
  processVersions,
  type DeployedVersion,
} from '../persistence/repositories/definitions.js';
import { compareProcessVersions, type ElementChange } from '../services/version-comparison.js';
import { MODELER_ROLES, MOMENT, type PageKit } from './page-kit.js';
import { fill, texts } from './texts.js';

const KINDS: readonly DeployedVersion['kind'][] = ['process', 'decision', 'form'];

/** The repository page's sections: per kind, every version, with where to open and download it. */
function repositorySections(versions: DeployedVersion[]) {
  const titles = { process: texts.repository.processes, decision: texts.repository.decisions, form: texts.repository.forms };
  return KINDS.map((kind) => ({
    kind,
    title: titles[kind],
    rows: versions
      .filter((v) => v.kind === kind)
      .map((v, i, all) => {
        const at = new Date(v.deployed_at);
        const path = `/modeler/diensten/${kind}/${encodeURIComponent(v.key)}/${v.version}`;
        return {
          key: v.key,
          name: v.name ?? '',
          version: v.version,
          latest: i === 0 || all[i - 1]!.key !== v.key,
          deployedBy: v.deployed_by,
          deployedAt: MOMENT.format(at),
          deployedAtIso: at.toISOString(),
          deployment: v.deployment_name,
          openHref: kind === 'process' ? `/modeler?proces=${encodeURIComponent(v.key)}&versie=${v.version}` : undefined,
          compareHref: kind === 'process' && v.version > 1 ? `/modeler/diensten/vergelijk/${encodeURIComponent(v.key)}?van=${v.version - 1}&naar=${v.version}` : undefined,
          compareLabel: fill(texts.repository.compareLabel, { key: v.key, version: v.version, previous: v.version - 1 }),
          openLabel: fill(texts.repository.openLabel, { key: v.key, version: v.version }),
          downloadHref: `${path}/bestand`,
          downloadLabel: fill(texts.repository.downloadLabel, { key: v.key, version: v.version }),
        };
      }),
  }));
}

/** The process owner's pages: the modeler, the repository of deployed services, comparing versions. */
export function modelerRouter(kit: PageKit): Router {
  const router = express.Router();
  const { services } = kit;
  const { users } = services;
  const modelers = kit.requireRole(MODELER_ROLES);

  router.get('/modeler', kit.signedIn, modelers, async (req, res) => {
    const em = services.dataSource.manager;
    const [processes, decisions, formRows, departments] = await Promise.all([
      latestProcessVersions(em),
      latestDecisionVersions(em),
      latestFormDefinitions(em),
      users.departments(),
    ]);
    kit.render(res, 'modeler', {
      title: texts.modeler.title,
      processes: processes.map(({ key, version, name }) => ({ key, version, name: name || key })),
      decisions: decisions.map((decision) => decision.key),
      forms: formRows.map((form) => form.key),
      departments,
      bundled: existsSync(join(MODELER_BUNDLE_DIR, 'modeler.js')),
    });
  });

  router.get('/modeler/diensten', kit.signedIn, modelers, async (req, res) => {
    kit.render(res, 'repository', { title: texts.repository.title, sections: repositorySections(await deployedVersions(services.dataSource.manager)) });
  });

  router.get('/modeler/diensten/vergelijk/:key', kit.signedIn, modelers, async (req, res, next) => {
    const key = String(req.params.key);
    const versions = await processVersions(services.dataSource.manager, key);
    if (versions.length === 0) return next();
    const heading = fill(texts.comparison.heading, { key });
    if (versions.length === 1) return kit.render(res, 'compare', { title: texts.comparison.title, heading, onlyOne: true });
    const asked = (name: string, fallback: number) => {
      const value = Number(req.query[name]);
      return versions.includes(value) ? value : fallback;
    };
    const after = asked('naar', versions[0]!);
    const before = asked('van', versions.find((v) => v < after) ?? versions[1]!);
    const comparison = await compareProcessVersions(services.dataSource.manager, key, before, after);
    const idsOf = (kind: ElementChange['change']) => comparison.changes.filter((c) => c.change === kind).map((c) => c.id);
    const version = (v: number) => fill(texts.comparison.version, { version: v });
    kit.render(res, 'compare', {
      title: texts.comparison.title,
      heading,
      key,
      versions,
      before,
      after,
      beforeCaption: `${texts.comparison.before}: ${version(before)}`,
      afterCaption: `${texts.comparison.after}: ${version(after)}`,
      ids: { added: idsOf('added'), removed: idsOf('removed'), changed: idsOf('changed'), moved: idsOf('moved') },
      changes: comparison.changes.map((c) => ({
        ...c,
        label: texts.comparison[c.change],
        attributes: c.attributes.map((a) => ({ name: a.name, before: a.before || texts.comparison.empty, after: a.after || texts.comparison.empty })),
      })),
    });
  });

  router.get('/modeler/diensten/:kind/:key/:version/bestand', kit.signedIn, modelers, async (req, res, next) => {
    const { kind, key, version } = req.params as Record<string, string>;
    const file =
      (KINDS as readonly string[]).includes(kind!) && /^[1-9]\d{0,8}$/.test(version!)
        ? await deployedFile(services.dataSource.manager, kind as DeployedVersion['kind'], key!, Number(version))
        : undefined;
    if (!file) return next();
    res.type(file.type).attachment(file.name).send(file.content);
  });

  return router;
}
