// page_check.mjs BASE_URL PLACE - runs the web page's script of `claimline serve` against a
// running server with a minimal stand-in for the DOM: submits the place, checks the
// timeline table and the conflicts list are drawn, opens the first claim's article and
// checks its evidence sentence is marked. Prints "ok" or what went wrong.
const [base, place] = process.argv.slice(2);

class Node {
  constructor(tag) {
    this.tag = tag; this.children = []; this.className = ""; this.style = {}; this.id = "";
    this.listeners = {}; this._text = "";
  }
  append(...xs) { for (const x of xs) this.children.push(typeof x === "string" ? text(x) : x); }
  replaceChildren() { this.children = []; }
  addEventListener(ev, fn) { this.listeners[ev] = fn; }
  scrollIntoView() {}
  set textContent(s) { this.children = [text(String(s))]; }
  get textContent() { return this.children.map(c => c.textContent).join(""); }
  all(tag) { const out = []; for (const c of this.children) { if (c.tag === tag) out.push(c); if (c.all) out.push(...c.all(tag)); } return out; }
}
function text(s) { return { tag: "#text", textContent: s }; }

const ids = {};
for (const id of ["stats", "f", "place", "since", "until", "copies", "out", "article"]) {
  ids[id] = new Node("div"); ids[id].value = ""; ids[id].checked = false;
}
ids.place.value = place;
globalThis.document = { getElementById: (id) => ids[id], createElement: (t) => new Node(t) };
const fetchBase = globalThis.fetch;
globalThis.fetch = (path) => fetchBase(base + "/" + path);

const html = await (await fetchBase(base + "/")).text();
const script = html.slice(html.indexOf("<script>") + 8, html.indexOf("</script>"));
new Function(script)();
const settle = () => new Promise(r => setTimeout(r, 300));
await settle();
ids.f.listeners.submit({ preventDefault() {} });
await settle();
const out = ids.out;
const problems = [];
if (out.all("table").length !== 1) problems.push("no timeline table");
if (out.all("li").length < 1) problems.push("no conflicts listed");
const links = out.all("a");
if (!links.length) problems.push("no article links");
else {
  links[0].listeners.click();
  await settle();
  const box = ids.article;
  const marks = box.all("mark");
  if (box.style.display !== "block") problems.push("article not shown");
  if (marks.length !== 1 || marks[0].textContent.length < 20) problems.push("evidence not marked");
}
console.log(problems.length ? problems.join("; ") : "ok");
