/**
 * Every text the pages show, in Dutch. Another language is another object of the same shape; templates
 * read them as {{t.login.title}}, the modeler's script gets its own part (`modeler`) from the page.
 */
export const nl = {
  language: 'nl',
  appName: 'Loket',
  layout: {
    skipToContent: 'Naar de inhoud',
    mainNavigation: 'Hoofdmenu',
    loggedInAs: 'Aangemeld als',
    departments: 'Afdelingen',
    noDepartments: 'geen afdeling',
    logout: 'Afmelden',
    home: 'Start',
    modeler: 'Modelleren',
    repository: 'Diensten',
  },
  login: {
    title: 'Aanmelden',
    intro: 'Meld u aan met uw gebruikersnaam en wachtwoord.',
    username: 'Gebruikersnaam',
    password: 'Wachtwoord',
    submit: 'Aanmelden',
    wrongCredentials: 'Deze gebruikersnaam en dit wachtwoord horen niet bij elkaar. Probeer het opnieuw.',
    missingFields: 'Vul uw gebruikersnaam en uw wachtwoord in.',
    formExpired: 'Het formulier was verlopen. Probeer het opnieuw.',
    loggedOut: 'U bent afgemeld.',
  },
  home: {
    title: 'Welkom',
    intro: 'Kies waar u wilt werken.',
    modeler: 'Diensten modelleren en publiceren',
    nothingYet: 'Voor uw rol zijn hier nog geen pagina’s. Vraag de beheerder om de juiste rol.',
  },
  noAccess: {
    title: 'Geen toegang',
    explanation: 'U bent aangemeld, maar deze pagina is niet voor uw rol.',
    needed: 'Hiervoor is deze rol nodig:',
    back: 'Terug naar de startpagina',
  },
  formExpired: {
    title: 'Formulier verlopen',
    explanation: 'Dit formulier was verlopen of kwam niet van deze pagina. Er is niets gewijzigd.',
    back: 'Terug naar de startpagina',
  },
  notFound: {
    title: 'Pagina niet gevonden',
    explanation: 'Deze pagina bestaat niet (meer).',
    back: 'Terug naar de startpagina',
  },
  repository: {
    title: 'Gepubliceerde diensten',
    intro: 'Alle versies van de processen, beslissingen en formulieren, met wie ze publiceerde en wanneer. Nieuwe zaken gebruiken de nieuwste versie van een proces.',
    processes: 'Processen',
    decisions: 'Beslissingen',
    forms: 'Formulieren',
    none: 'Nog niets gepubliceerd.',
    key: 'Sleutel',
    name: 'Naam',
    version: 'Versie',
    deployedBy: 'Gepubliceerd door',
    deployedAt: 'Op',
    deployment: 'Publicatie',
    actions: 'Acties',
    open: 'Openen in de modeler',
    download: 'Downloaden',
    openLabel: 'Versie {version} van {key} openen in de modeler',
    downloadLabel: 'Versie {version} van {key} downloaden',
  },
  roles: {
    admin: 'beheerder',
    'process-owner': 'proceseigenaar',
    staff: 'medewerker',
    reviewer: 'collegelid',
    worker: 'koppeling',
  },
  modeler: {
    title: 'Modelleren',
    toolbar: 'Werkbalk',
    newDiagram: 'Nieuw proces',
    opened: 'Versie {version} van {key} geopend. Publiceren maakt er een nieuwe versie van.',
    openDeployed: 'Gepubliceerd proces openen',
    open: 'Openen',
    noneDeployed: 'nog geen processen',
    deploy: 'Publiceren',
    download: 'Downloaden',
    deploymentName: 'Naam van de publicatie',
    diagram: 'Procesdiagram',
    parts: 'Onderdelen van de dienst',
    tabProcess: 'Proces',
    tabDecisions: 'Beslissingen',
    decisionsArea: 'Beslissingen (DMN): beslissingsdiagram en beslissingstabellen',
    properties: 'Eigenschappen',
    checks: 'Controles',
    checksNone: 'Geen problemen gevonden: dit proces kan gepubliceerd worden.',
    checksCount: '{count} problemen gevonden',
    checksOne: '1 probleem gevonden',
    checksIntro: 'Klik op een probleem om het element te tonen.',
    wholeDiagram: 'hele diagram',
    deploying: 'Bezig met publiceren…',
    deployed: 'Gepubliceerd: {processes}. Nieuwe zaken gebruiken deze versie; lopende zaken werken verder op hun eigen versie.',
    unchanged: 'Niets gewijzigd sinds de vorige versie: {processes} blijft de nieuwste versie.',
    deployRefused: 'Niet gepubliceerd. Los eerst deze problemen op:',
    deployFailed: 'Publiceren lukte niet: {message}',
    loadFailed: 'Het diagram kon niet geladen worden: {message}',
    loketGroup: 'Loket',
    department: 'Afdeling',
    departmentHelp: 'De afdeling die de taken in deze baan krijgt, als een taak zelf geen groep noemt.',
    departmentNone: '(de naam van de baan)',
    publicLabel: 'Tekst voor de burger',
    publicLabelHelp: 'Zo heet deze stap op de statuspagina van de burger. Leeg: de stap wordt daar niet getoond.',
    templateName: 'Nieuw proces',
    notBuilt: 'De modeler is op deze server nog niet gebouwd. Voer "npm run build" uit en laad de pagina opnieuw.',
    scriptNeeded: 'De modeler heeft JavaScript nodig.',
  },
} as const;

/** The shape every language's texts have. */
export type Texts = typeof nl;
export type ModelerTexts = Texts['modeler'];

export const texts: Texts = nl;

/** Fills the {name} placeholders of a text. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
