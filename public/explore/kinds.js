// How each kind of entity is drawn: colour and shape on the canvas, and the same as a small
// SVG swatch in the panels and the legend.

export const KINDS = {
  STATE: { label: "State", colour: "#4e79a7", shape: "ellipse" },
  ORGANISATION: { label: "Organisation", colour: "#f28e2b", shape: "hexagon" },
  BODY: { label: "Body (forum, group, office)", colour: "#59a14f", shape: "round-rectangle" },
  MEETING: { label: "Meeting", colour: "#b07aa1", shape: "diamond" },
  DOCUMENT: { label: "Document", colour: "#9c755f", shape: "rectangle" },
  PLACE: { label: "Place", colour: "#76b7b2", shape: "triangle" },
  PERSON: { label: "Person", colour: "#ff9da7", shape: "ellipse" },
  OBJECTIVE: { label: "Objective", colour: "#edc948", shape: "star" },
  EVENT: { label: "Event", colour: "#e15759", shape: "pentagon" },
  SOURCE: { label: "Source document", colour: "#bab0ac", shape: "rectangle" },
};
const UNKNOWN_KIND = { label: "Other", colour: "#888888", shape: "ellipse" };
export const kindOf = (kind) => KINDS[kind] ?? UNKNOWN_KIND;

/** MEMBER_OF → "member of". */
export const typeLabel = (type) => type.toLowerCase().replaceAll("_", " ");

const SVG_NS = "http://www.w3.org/2000/svg";
const SHAPES = {
  ellipse: ["circle", { cx: 8, cy: 8, r: 6.5 }],
  "round-rectangle": ["rect", { x: 1.5, y: 2.5, width: 13, height: 11, rx: 3 }],
  rectangle: ["rect", { x: 2, y: 2, width: 12, height: 12 }],
  hexagon: ["polygon", { points: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8" }],
  diamond: ["polygon", { points: "8,0.5 15.5,8 8,15.5 0.5,8" }],
  triangle: ["polygon", { points: "8,1 15.5,14.5 0.5,14.5" }],
  star: ["polygon", { points: "8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.6 3.2,15 5,9.5 0.5,6 6,6" }],
  pentagon: ["polygon", { points: "8,0.8 15.5,6.3 12.6,15 3.4,15 0.5,6.3" }],
};

/** The kind's shape in its colour, 14 px, hidden from screen readers (the text says the kind). */
export function swatch(kind) {
  const { colour, shape } = kindOf(kind);
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("class", "swatch");
  svg.setAttribute("aria-hidden", "true");
  const [tag, attributes] = SHAPES[shape] ?? SHAPES.ellipse;
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  el.setAttribute("fill", colour);
  svg.append(el);
  return svg;
}
