import { measure } from './measure.js';
import { startBenchServer } from './server.js';
import { BENCH_ACTOR } from './workloads/persisted.js';
const server = await startBenchServer();
const services = server.running.services;
const r = await measure(async () => {
  const started = await services.instances.start({ processKey: 'bench', variables: { afdeling: 'burgerzaken' } });
  const [intake] = await services.tasks.list(BENCH_ACTOR, { processInstanceId: started.id });
  await services.tasks.complete(BENCH_ACTOR, intake!.id, { volledig: true });
  const [decide] = await services.tasks.list(BENCH_ACTOR, { processInstanceId: started.id });
  await services.tasks.complete(BENCH_ACTOR, decide!.id, {});
  await services.instances.get(started.id);
}, { concurrency: Number(process.env.C ?? 8), warmupMs: 2000, durationMs: 8000 });
const cpu = process.cpuUsage();
console.log(r.perSecond.toFixed(0), 'cases/s', 'node cpu s', ((cpu.user + cpu.system) / 1e6).toFixed(1), 'user', (cpu.user/1e6).toFixed(1), 'sys', (cpu.system/1e6).toFixed(1));
await server.close();
