/**
 * What the decisions tab starts from: one decision table with one input, one output and one rule, for
 * the process owner to shape. Ids are fresh per new diagram.
 */
export function newDecisions(suffix: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/"
  xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" id="Beslissingen_${suffix}" name="Beslissingen" namespace="https://loket.dev/beslissingen">
  <decision id="Beslissing_${suffix}" name="Beslissing">
    <decisionTable id="Tabel_${suffix}" hitPolicy="UNIQUE">
      <input id="Invoer_${suffix}" label="Bedrag">
        <inputExpression id="InvoerExpressie_${suffix}" typeRef="number">
          <text>bedrag</text>
        </inputExpression>
      </input>
      <output id="Uitvoer_${suffix}" label="Goedkeuring" name="goedkeuring" typeRef="string" />
      <rule id="Regel_${suffix}">
        <inputEntry id="RegelInvoer_${suffix}">
          <text>&lt;= 1000</text>
        </inputEntry>
        <outputEntry id="RegelUitvoer_${suffix}">
          <text>"afdeling"</text>
        </outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="BeslissingenDiagram_${suffix}">
      <dmndi:DMNShape id="Beslissing_${suffix}_di" dmnElementRef="Beslissing_${suffix}">
        <dc:Bounds height="80" width="180" x="160" y="100" />
      </dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`;
}
