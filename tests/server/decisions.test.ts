import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from './harness.js';
import { ageDecision, dmnTable } from './fixtures/definitions.js';

describe('server: decisions', () => {
  describe('with decisions deployed over the API', () => {
    let server: TestServer;
    let staffToken: string;

    before(async () => {
      server = await startTestServer();
      const admin = server.api(await server.adminToken());
      await admin.post('/api/users', { username: 'staf', password: 'balie-123', roles: ['staff'], groups: ['burgerzaken'] });
      staffToken = await server.login('staf', 'balie-123');
      const deployed = await admin.post('/api/deployments', {
        name: 'beslissingen',
        resources: [
          { name: 'leeftijd.dmn', content: ageDecision('leeftijd') },
          { name: 'overlap.dmn', content: ageDecision('leeftijd-overlap', { overlap: true }) },
          {
            name: 'korting.dmn',
            content: dmnTable({
              id: 'korting',
              name: 'Korting',
              hitPolicy: 'COLLECT',
              inputs: [
                ['Leeftijd', 'leeftijd'],
                ['Inwoner', 'inwoner'],
              ],
              outputs: [{ name: 'korting', label: 'Korting' }],
              rules: [
                ['r_jeugd', ['< 18', '-'], ['10']],
                ['r_inwoner', ['-', 'true'], ['5']],
              ],
            }),
          },
        ],
      });
      expect(deployed.status, JSON.stringify(deployed.body)).to.equal(201);
    });
    after(async () => {
      await server?.close();
    });

    const evaluate = (key: string, body: unknown, token = staffToken) => server.api(token).post(`/api/decisions/${key}/evaluate`, body);

    describe('GET /api/decisions', () => {
      it('lists the latest version of each deployed decision', async () => {
        const response = await server.api(staffToken).get('/api/decisions');
        expect(response.status).to.equal(200);
        expect(response.body.map((d: { key: string }) => d.key).sort()).to.deep.equal(['korting', 'leeftijd', 'leeftijd-overlap']);
        for (const decision of response.body) {
          expect(decision).to.have.all.keys('id', 'key', 'version', 'name', 'validFrom');
          expect(decision.validFrom).to.equal(null);
          expect(decision.version).to.equal(1);
        }
        expect(response.body.find((d: { key: string }) => d.key === 'korting').name).to.equal('Korting');
      });

      it('answers 401 without a token', async () => {
        expect((await server.request('GET', '/api/decisions')).status).to.equal(401);
      });
    });

    describe('POST /api/decisions/{key}/evaluate', () => {
      it('answers the outputs, the rule behind them and a Dutch explanation (UNIQUE)', async () => {
        const response = await evaluate('leeftijd', { variables: { leeftijd: 70 } });
        expect(response.status).to.equal(200);
        expect(response.body.outputs).to.deep.equal({ categorie: 'senior' });
        expect(response.body.matchedRules).to.deep.equal([{ ruleId: 'r_senior', index: 3, outputs: { categorie: 'senior' } }]);
        expect(response.body.explanation).to.be.a('string');
        expect(response.body.explanation).to.match(/Regel 3 is van toepassing/);
        expect(response.body.explanation).to.match(/Regel 1 is niet van toepassing/);
        expect(response.body.explanation).to.include('Leeftijd (70)');
      });

      it('lists every contributing rule under COLLECT', async () => {
        const response = await evaluate('korting', { variables: { leeftijd: 12, inwoner: true } });
        expect(response.status).to.equal(200);
        expect(response.body.outputs).to.deep.equal([{ korting: 10 }, { korting: 5 }]);
        expect(response.body.matchedRules.map((r: { ruleId: string; index: number }) => [r.ruleId, r.index])).to.deep.equal([
          ['r_jeugd', 1],
          ['r_inwoner', 2],
        ]);
      });

      it('answers 400 naming the decision when overlapping UNIQUE rules both hold', async () => {
        const response = await evaluate('leeftijd-overlap', { variables: { leeftijd: 62 } });
        expect(response.status).to.equal(400);
        expect(response.body.error).to.equal('bad-request');
        expect(response.body.message).to.include('leeftijd-overlap');
        // Outside the overlap the same table decides.
        const fine = await evaluate('leeftijd-overlap', { variables: { leeftijd: 30 } });
        expect(fine.status).to.equal(200);
        expect(fine.body.outputs).to.deep.equal({ categorie: 'volwassen' });
      });

      it('answers 404 for a decision that is not deployed', async () => {
        const response = await evaluate('bestaat-niet', { variables: {} });
        expect(response.status).to.equal(404);
        expect(response.body.error).to.equal('not-found');
        expect(response.body.message).to.include('bestaat-niet');
      });

      it('answers 400 when variables are missing or not an object', async () => {
        const missing = await evaluate('leeftijd', {});
        expect(missing.status).to.equal(400);
        expect(missing.body.error).to.equal('bad-request');
        expect(missing.body.details.map((d: { path: string }) => d.path)).to.deep.equal(['/variables']);
        const notObject = await evaluate('leeftijd', { variables: [1, 2] });
        expect(notObject.status).to.equal(400);
        expect(notObject.body.details.map((d: { path: string }) => d.path)).to.deep.equal(['/variables']);
      });

      it('answers 401 without a token', async () => {
        const response = await server.request('POST', '/api/decisions/leeftijd/evaluate', { variables: { leeftijd: 30 } });
        expect(response.status).to.equal(401);
      });
    });
  });

  describe('the shipped decision subsidy-club-eligibility', () => {
    const serviceDir = fileURLToPath(new URL('../../processes/subsidy-club', import.meta.url));
    let server: TestServer;
    let token: string;

    before(async () => {
      server = await startTestServer({ processesDir: fileURLToPath(new URL('../../processes', import.meta.url)), log: () => {} });
      token = await server.adminToken();
    });
    after(async () => {
      await server?.close();
    });

    const club = (overrides: Record<string, unknown>) => ({
      verenigingNaam: 'Petanqueclub De Zonnige Boule',
      soortVereniging: 'sport',
      zetelInGemeente: true,
      aantalLeden: 35,
      aangevraagdBedrag: 1500,
      contactEmail: 'secretaris@zonnigeboule.be',
      ...overrides,
    });
    const evaluate = (variables: Record<string, unknown>) => server.api(token).post('/api/decisions/subsidy-club-eligibility/evaluate', { variables });

    it('is deployed from processes/ at start', async () => {
      const decisions = await server.api(token).get('/api/decisions');
      expect(decisions.body.map((d: { key: string }) => d.key)).to.include('subsidy-club-eligibility');
      const processes = await server.api(token).get('/api/process-definitions');
      expect(processes.body.map((d: { key: string }) => d.key)).to.include('subsidy-club');
    });

    it('keeps version 1 of everything when the same files are deployed again over the API', async () => {
      const resources = readdirSync(serviceDir)
        .filter((name) => /\.(bpmn|dmn|form\.json)$/.test(name))
        .map((name) => ({ name, content: readFileSync(join(serviceDir, name), 'utf8') }));
      const response = await server.api(token).post('/api/deployments', { name: 'subsidy-club', resources });
      expect(response.status, JSON.stringify(response.body)).to.equal(201);
      expect(response.body.processes.map((d: { key: string; version: number }) => [d.key, d.version])).to.deep.equal([['subsidy-club', 1]]);
      expect(response.body.decisions.map((d: { key: string; version: number }) => [d.key, d.version])).to.deep.equal([['subsidy-club-eligibility', 1]]);
      expect(response.body.forms).to.have.length(resources.filter((r) => r.name.endsWith('.form.json')).length);
      for (const form of response.body.forms) expect(form.version).to.equal(1);
    });

    it('grants a sport club with 35 members at most 1000 euro (rule 7)', async () => {
      const response = await evaluate(club({}));
      expect(response.status).to.equal(200);
      expect(response.body.outputs).to.include({ komtInAanmerking: true, maximumBedrag: 1000 });
      expect(response.body.outputs.reden).to.be.a('string').and.include('1000');
      // FIRST: only the winning rule makes up the result, though the catch-all rule 8 also holds.
      expect(response.body.matchedRules.map((r: { ruleId: string; index: number }) => [r.ruleId, r.index])).to.deep.equal([['Rule_KleineVereniging', 7]]);
      expect(response.body.explanation).to.match(/Regel 7 \([^)]*\) is van toepassing/);
      expect(response.body.explanation).to.include('Aantal leden (35)');
      expect(response.body.explanation).to.match(/Regel 6 \([^)]*\) is niet van toepassing/);
      expect(response.body.explanation).to.match(/regel 7 gaat voor/);
    });

    it('refuses a club with 5 members (rule 3)', async () => {
      const response = await evaluate(club({ aantalLeden: 5 }));
      expect(response.status).to.equal(200);
      expect(response.body.outputs).to.include({ komtInAanmerking: false, maximumBedrag: 0 });
      expect(response.body.outputs.reden).to.include('minder dan 10 leden');
      expect(response.body.matchedRules.map((r: { ruleId: string }) => r.ruleId)).to.deep.equal(['Rule_TeWeinigLeden']);
      expect(response.body.explanation).to.match(/Regel 3 \([^)]*\) is van toepassing/);
      expect(response.body.explanation).to.include('Aantal leden (5)');
    });

    it('decides the other rules of the README table', async () => {
      const cases: [Record<string, unknown>, boolean, number, string][] = [
        [{ aantalLeden: 60 }, true, 2000, 'Rule_GroteVereniging'],
        [{ soortVereniging: 'jeugd', aantalLeden: 12 }, true, 2500, 'Rule_JeugdSenioren'],
        [{ zetelInGemeente: false }, false, 0, 'Rule_GeenZetel'],
        [{ soortVereniging: 'commercieel' }, false, 0, 'Rule_Commercieel'],
        [{ aangevraagdBedrag: 0 }, false, 0, 'Rule_BedragNietPositief'],
        [{ soortVereniging: 'onbekend' }, false, 0, 'Rule_Overige'],
      ];
      for (const [overrides, eligible, maximum, ruleId] of cases) {
        const response = await evaluate(club(overrides));
        expect(response.status, JSON.stringify(overrides)).to.equal(200);
        expect(response.body.outputs, JSON.stringify(overrides)).to.include({ komtInAanmerking: eligible, maximumBedrag: maximum });
        expect(response.body.matchedRules.map((r: { ruleId: string }) => r.ruleId), JSON.stringify(overrides)).to.deep.equal([ruleId]);
      }
    });
  });
});
