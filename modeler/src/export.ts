/** What bpmn-js's saveXML gives. */
interface Saves {
  saveXML(options: { format: boolean }): Promise<{ xml?: string }>;
}

/**
 * The diagram as XML, as deploy and download write it. moddle writes a carriage return inside an attribute
 * as it is, and an XML parser reads a literal one as a space (a label "Ja\r\nNee" would come back as
 * "Ja \nNee"); as a character reference it survives, so every one becomes `&#13;`.
 */
export async function exportXml(modeler: Saves): Promise<string> {
  const { xml } = await modeler.saveXML({ format: true });
  return (xml ?? '').replace(/\r/g, '&#13;');
}
