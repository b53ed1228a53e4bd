import { configFromEnv } from './config.js';
import { startServer } from './server.js';

async function start() {
  try {
    return await startServer(configFromEnv());
  } catch (err) {
    console.error('Loket kon niet starten:', err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

const server = await start();

console.log(`Loket draait op http://localhost:${server.port}`);
if (server.generatedAdminPassword) {
  console.log(`Eerste start: gebruiker "admin" aangemaakt met wachtwoord ${server.generatedAdminPassword}`);
  console.log('Bewaar dit wachtwoord nu: het wordt niet opnieuw getoond.');
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} ontvangen: Loket stopt`);
  try {
    await server.close();
    process.exit(0);
  } catch (err) {
    console.error('Loket kon niet netjes stoppen', err);
    process.exit(1);
  }
}

process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
