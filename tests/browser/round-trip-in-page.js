// Runs in the modeler page (added with addScriptTag): a plain script, because functions passed to
// page.evaluate from TypeScript pick up helpers of the TypeScript loader that the page does not have.
//
// loketRoundTrip(xml) imports a model into the page's modeler, exports it again, and lists what of the
// original is missing from the export. Compared as XML infosets, not as text: namespace prefixes, attribute
// order, formatting and the order of children do not matter, and "186.0" and "186" are the same number.
// An element with an id is found by its id, any other by its parent and its whole content. An attribute
// that holds its schema default (`defaults`: '{namespace}lowercasedtype' → attribute → value) counts as
// absent, since moddle leaves it out on export, and an xsi:type is compared as the QName it stands for.
// `tamper` ([pattern, replacement]) changes the export before the comparison: the test's own proof that a loss is seen.
window.loketRoundTrip = async function loketRoundTrip(xml, defaults, tamper) {
  const modeler = window.loketModeler;
  const { warnings } = await modeler.importXML(xml);
  const saved = await window.loketExport();
  const exported = tamper ? saved.replace(new RegExp(tamper[0]), tamper[1]) : saved;

  // A number is its value; a line break is one, whatever spaces or carriage return stood before it (a
  // parser reads a literal carriage return in an attribute as a space, a character reference as itself).
  const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
  function canonicalValue(value) {
    if (/^-?\d+(\.\d+)?$/.test(value.trim())) return String(Number(value));
    return value.replace(/[ \t\r]*\n/g, '\n');
  }
  const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
  function nameOf(node) {
    return '{' + (node.namespaceURI || '') + '}' + node.localName;
  }
  // <formalExpression> and <expression xsi:type="tFormalExpression"> are one thing in BPMN's schema (the
  // first stands in the second's substitution group); moddle writes the second.
  function isTypedFormalExpression(element) {
    const type = element.getAttributeNS(XSI, 'type');
    return nameOf(element) === '{' + BPMN + '}expression' && type !== null && typeName(element, type) === '{' + BPMN + '}tFormalExpression';
  }
  function elementName(element) {
    return isTypedFormalExpression(element) ? '{' + BPMN + '}formalExpression' : nameOf(element);
  }
  function typeName(element, value) {
    const [prefix, local] = value.includes(':') ? value.split(':') : [null, value];
    return '{' + (element.lookupNamespaceURI(prefix) || '') + '}' + local;
  }
  function valueOf(element, attribute) {
    return attribute.namespaceURI === XSI && attribute.localName === 'type' ? typeName(element, attribute.value) : canonicalValue(attribute.value);
  }
  function attributesOf(element) {
    const typeDefaults = defaults['{' + (element.namespaceURI || '') + '}' + element.localName.toLowerCase()] || {};
    return Array.from(element.attributes)
      .filter((a) => a.prefix !== 'xmlns' && a.name !== 'xmlns')
      .filter((a) => !(a.namespaceURI === XSI && a.localName === 'type' && isTypedFormalExpression(element)))
      .filter((a) => {
        const key = a.namespaceURI === null ? a.localName : nameOf(a);
        return typeDefaults[key] === undefined || typeDefaults[key] !== valueOf(element, a);
      })
      .map((a) => nameOf(a) + '=' + valueOf(element, a))
      .sort();
  }
  function textOf(element) {
    return element.children.length === 0 ? (element.textContent || '').trim() : '';
  }
  function content(element) {
    const children = Array.from(element.children).map(content).sort();
    return elementName(element) + '[' + attributesOf(element).join(' ') + ']"' + textOf(element) + '"(' + children.join(',') + ')';
  }
  function facts(source) {
    const document = new DOMParser().parseFromString(source, 'application/xml');
    const found = new Map();
    const add = (fact) => found.set(fact, (found.get(fact) || 0) + 1);
    (function visit(element, where) {
      const id = element.getAttribute('id');
      const key = id ? '#' + id : where + '/' + content(element);
      add(key + ' is ' + elementName(element));
      for (const attribute of attributesOf(element)) add(key + ' @' + attribute);
      const text = textOf(element);
      if (text) add(key + ' text ' + text);
      for (const child of Array.from(element.children)) visit(child, key);
    })(document.documentElement, '');
    return found;
  }

  const before = facts(xml);
  const after = facts(exported);
  const missing = [];
  for (const [fact, count] of before) if ((after.get(fact) || 0) < count) missing.push(fact);
  return { warnings: warnings.map((w) => w.message), missing, exported };
};
