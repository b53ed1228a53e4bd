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

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
