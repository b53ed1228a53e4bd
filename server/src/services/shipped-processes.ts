import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { deploy, type DeploymentResult } from './deployments.js';

const RESOURCE_SUFFIXES = ['.bpmn', '.dmn', '.form.json', '.hbs'];

/**
 * Deploys every service under processes/ (one folder, one deployment). Unchanged content keeps its
 * version, so a restart deploys nothing new.
 */
export async function deployShippedProcesses(dataSource: DataSource, processesDir: string): Promise<{ service: string; result: DeploymentResult }[]> {
  const deployed: { service: string; result: DeploymentResult }[] = [];
  const services = (await readdir(processesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  for (const service of services) {
    const files = (await readdir(join(processesDir, service))).filter((file) => RESOURCE_SUFFIXES.some((suffix) => file.endsWith(suffix))).sort();
    if (files.length === 0) continue;
    const resources = await Promise.all(files.map(async (name) => ({ name, content: await readFile(join(processesDir, service, name), 'utf8') })));
    deployed.push({ service, result: await deploy(dataSource, { name: service, resources }, 'system') });
  }
  return deployed;
}
