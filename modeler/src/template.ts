/**
 * What a new diagram starts from: one pool with one lane, and a request that is received, looked at and
 * answered. The ids are fresh for every new diagram, so two new processes never share a key.
 */
export function newDiagram(name: string, suffix: string): string {
  const process = `Proces_${suffix}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:loket="https://loket.dev/schema/bpmn/1.0"
  id="Definities_${suffix}" targetNamespace="https://loket.dev/processen">
  <bpmn:collaboration id="Samenwerking_${suffix}">
    <bpmn:participant id="Deelnemer_${suffix}" name="${escapeXml(name)}" processRef="${process}" />
  </bpmn:collaboration>
  <bpmn:process id="${process}" name="${escapeXml(name)}" isExecutable="true">
    <bpmn:laneSet id="Banen_${suffix}">
      <bpmn:lane id="Baan_${suffix}" name="Onthaal">
        <bpmn:flowNodeRef>Ontvangen_${suffix}</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Nakijken_${suffix}</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Afgehandeld_${suffix}</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="Ontvangen_${suffix}" name="Aanvraag ontvangen" loket:publicLabel="Aanvraag ontvangen">
      <bpmn:outgoing>Stroom1_${suffix}</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="Nakijken_${suffix}" name="Aanvraag nakijken" loket:publicLabel="In behandeling">
      <bpmn:incoming>Stroom1_${suffix}</bpmn:incoming>
      <bpmn:outgoing>Stroom2_${suffix}</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="Afgehandeld_${suffix}" name="Aanvraag afgehandeld" loket:publicLabel="Afgehandeld">
      <bpmn:incoming>Stroom2_${suffix}</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Stroom1_${suffix}" sourceRef="Ontvangen_${suffix}" targetRef="Nakijken_${suffix}" />
    <bpmn:sequenceFlow id="Stroom2_${suffix}" sourceRef="Nakijken_${suffix}" targetRef="Afgehandeld_${suffix}" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${suffix}">
    <bpmndi:BPMNPlane id="Vlak_${suffix}" bpmnElement="Samenwerking_${suffix}">
      <bpmndi:BPMNShape id="Deelnemer_${suffix}_di" bpmnElement="Deelnemer_${suffix}" isHorizontal="true">
        <dc:Bounds x="120" y="80" width="720" height="220" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Baan_${suffix}_di" bpmnElement="Baan_${suffix}" isHorizontal="true">
        <dc:Bounds x="150" y="80" width="690" height="220" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Ontvangen_${suffix}_di" bpmnElement="Ontvangen_${suffix}">
        <dc:Bounds x="212" y="172" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Nakijken_${suffix}_di" bpmnElement="Nakijken_${suffix}">
        <dc:Bounds x="310" y="150" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Afgehandeld_${suffix}_di" bpmnElement="Afgehandeld_${suffix}">
        <dc:Bounds x="732" y="172" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Stroom1_${suffix}_di" bpmnElement="Stroom1_${suffix}">
        <di:waypoint x="248" y="190" />
        <di:waypoint x="310" y="190" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Stroom2_${suffix}_di" bpmnElement="Stroom2_${suffix}">
        <di:waypoint x="410" y="190" />
        <di:waypoint x="732" y="190" />
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/**
 * A request whose conditions are a decision table: received, checked against the table of the decisions tab
 * (`Beslissing_<suffix>`, which new diagrams start with), then handled by the department when the table
 * says so, or approved by the college otherwise (the default flow, also when no rule applies).
 */
export function newDecidedDiagram(name: string, suffix: string): string {
  const process = `Proces_${suffix}`;
  const id = (what: string) => `${what}_${suffix}`;
  const shape = (what: string, x: number, y: number, width: number, height: number, extra = '') =>
    `      <bpmndi:BPMNShape id="${id(what)}_di" bpmnElement="${id(what)}"${extra}>\n        <dc:Bounds x="${x}" y="${y}" width="${width}" height="${height}" />\n      </bpmndi:BPMNShape>`;
  const edge = (what: string, ...points: [number, number][]) =>
    `      <bpmndi:BPMNEdge id="${id(what)}_di" bpmnElement="${id(what)}">\n${points.map(([x, y]) => `        <di:waypoint x="${x}" y="${y}" />`).join('\n')}\n      </bpmndi:BPMNEdge>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:loket="https://loket.dev/schema/bpmn/1.0"
  id="${id('Definities')}" targetNamespace="https://loket.dev/processen">
  <bpmn:collaboration id="${id('Samenwerking')}">
    <bpmn:participant id="${id('Deelnemer')}" name="${escapeXml(name)}" processRef="${process}" />
  </bpmn:collaboration>
  <bpmn:process id="${process}" name="${escapeXml(name)}" isExecutable="true">
    <bpmn:laneSet id="${id('Banen')}">
      <bpmn:lane id="${id('Dienst')}" name="Dienst">
        <bpmn:flowNodeRef>${id('Ontvangen')}</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>${id('Nagaan')}</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>${id('WieBeslist')}</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>${id('Afhandelen')}</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>${id('Afgehandeld')}</bpmn:flowNodeRef>
      </bpmn:lane>
      <bpmn:lane id="${id('College')}" name="College">
        <bpmn:flowNodeRef>${id('Goedkeuren')}</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>${id('Beslist')}</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="${id('Ontvangen')}" name="Aanvraag ontvangen" loket:publicLabel="Aanvraag ontvangen">
      <bpmn:outgoing>${id('Stroom1')}</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:businessRuleTask id="${id('Nagaan')}" name="Voorwaarden nagaan">
      <bpmn:extensionElements>
        <zeebe:calledDecision decisionId="${id('Beslissing')}" resultVariable="goedkeuring" />
      </bpmn:extensionElements>
      <bpmn:incoming>${id('Stroom1')}</bpmn:incoming>
      <bpmn:outgoing>${id('Stroom2')}</bpmn:outgoing>
    </bpmn:businessRuleTask>
    <bpmn:exclusiveGateway id="${id('WieBeslist')}" name="Wie beslist?" default="${id('NaarCollege')}">
      <bpmn:incoming>${id('Stroom2')}</bpmn:incoming>
      <bpmn:outgoing>${id('NaarDienst')}</bpmn:outgoing>
      <bpmn:outgoing>${id('NaarCollege')}</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:userTask id="${id('Afhandelen')}" name="Aanvraag afhandelen" loket:publicLabel="In behandeling">
      <bpmn:incoming>${id('NaarDienst')}</bpmn:incoming>
      <bpmn:outgoing>${id('Stroom3')}</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="${id('Afgehandeld')}" name="Aanvraag afgehandeld" loket:publicLabel="Afgehandeld">
      <bpmn:incoming>${id('Stroom3')}</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:userTask id="${id('Goedkeuren')}" name="Aanvraag goedkeuren" loket:publicLabel="Het college beslist">
      <bpmn:incoming>${id('NaarCollege')}</bpmn:incoming>
      <bpmn:outgoing>${id('Stroom4')}</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="${id('Beslist')}" name="Beslist door het college" loket:publicLabel="Beslist">
      <bpmn:incoming>${id('Stroom4')}</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="${id('Stroom1')}" sourceRef="${id('Ontvangen')}" targetRef="${id('Nagaan')}" />
    <bpmn:sequenceFlow id="${id('Stroom2')}" sourceRef="${id('Nagaan')}" targetRef="${id('WieBeslist')}" />
    <bpmn:sequenceFlow id="${id('NaarDienst')}" name="de dienst" sourceRef="${id('WieBeslist')}" targetRef="${id('Afhandelen')}">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=goedkeuring = "afdeling"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="${id('NaarCollege')}" name="het college" sourceRef="${id('WieBeslist')}" targetRef="${id('Goedkeuren')}" />
    <bpmn:sequenceFlow id="${id('Stroom3')}" sourceRef="${id('Afhandelen')}" targetRef="${id('Afgehandeld')}" />
    <bpmn:sequenceFlow id="${id('Stroom4')}" sourceRef="${id('Goedkeuren')}" targetRef="${id('Beslist')}" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="${id('Diagram')}">
    <bpmndi:BPMNPlane id="${id('Vlak')}" bpmnElement="${id('Samenwerking')}">
${[
  shape('Deelnemer', 120, 80, 760, 340, ' isHorizontal="true"'),
  shape('Dienst', 150, 80, 730, 200, ' isHorizontal="true"'),
  shape('College', 150, 280, 730, 140, ' isHorizontal="true"'),
  shape('Ontvangen', 192, 162, 36, 36),
  shape('Nagaan', 280, 140, 100, 80),
  shape('WieBeslist', 435, 155, 50, 50, ' isMarkerVisible="true"').replace('</bpmndi:BPMNShape>', '  <bpmndi:BPMNLabel>\n          <dc:Bounds x="425" y="128" width="70" height="14" />\n        </bpmndi:BPMNLabel>\n      </bpmndi:BPMNShape>'),
  shape('Afhandelen', 560, 140, 100, 80),
  shape('Afgehandeld', 752, 162, 36, 36),
  shape('Goedkeuren', 560, 310, 100, 80),
  shape('Beslist', 752, 332, 36, 36),
  edge('Stroom1', [228, 180], [280, 180]),
  edge('Stroom2', [380, 180], [435, 180]),
  edge('NaarDienst', [485, 180], [560, 180]),
  edge('NaarCollege', [460, 205], [460, 350], [560, 350]).replace('</bpmndi:BPMNEdge>', '  <bpmndi:BPMNLabel>\n          <dc:Bounds x="470" y="320" width="60" height="14" />\n        </bpmndi:BPMNLabel>\n      </bpmndi:BPMNEdge>'),
  edge('Stroom3', [660, 180], [752, 180]),
  edge('Stroom4', [660, 350], [752, 350]),
].join('\n')}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** The templates a new diagram can start from, in the order the modeler offers them. */
export const TEMPLATES = { request: newDiagram, decided: newDecidedDiagram } as const;
export type TemplateName = keyof typeof TEMPLATES;

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
