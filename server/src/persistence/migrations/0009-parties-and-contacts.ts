import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who asks, and every contact they have with the municipality, whatever the channel: one party per citizen or
 * organisation (known by e-mail address, else by name: `identity`), its contact moments, each perhaps about
 * one case. The case file shows all of a party's contacts across its cases; the overview counts them per
 * channel and week.
 */
const UP = [
  `CREATE TABLE parties (
     id         text PRIMARY KEY,
     kind       text NOT NULL CHECK (kind IN ('person', 'organisation')),
     name       text NOT NULL,
     email      text,
     phone      text,
     identity   text NOT NULL UNIQUE,
     created_at timestamptz NOT NULL
   )`,
  `CREATE TABLE contact_moments (
     id                  text PRIMARY KEY,
     party_id            text NOT NULL REFERENCES parties(id),
     process_instance_id text REFERENCES process_instances(id),
     channel             text NOT NULL CHECK (channel IN ('desk', 'phone', 'email', 'web', 'chat', 'letter')),
     subject             text NOT NULL,
     text                text NOT NULL,
     registered_by       text NOT NULL,
     at                  timestamptz NOT NULL
   )`,
  'CREATE INDEX contact_moments_party ON contact_moments (party_id, at DESC)',
  'CREATE INDEX contact_moments_case ON contact_moments (process_instance_id) WHERE process_instance_id IS NOT NULL',
  'CREATE INDEX contact_moments_at ON contact_moments (at)',
];

export class PartiesAndContacts1732300000009 implements MigrationInterface {
  readonly name = 'PartiesAndContacts1732300000009';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE contact_moments');
    await queryRunner.query('DROP TABLE parties');
  }
}
