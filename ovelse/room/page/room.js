// ovelse – the room's page. Draws the documents the server streams (/events) and scales the text so
// that it always fits the window. Every text comes from the server; it is put into the page with
// textContent only, never parsed as HTML.
"use strict";

(() => {
  const body = document.body;
  const content = document.getElementById("content");
  const heading = document.getElementById("heading");
  const marking = document.getElementById("marking");
  const clock = document.getElementById("clock");

  let doc = null;            // the last document
  let received = 0;          // performance.now() when it came
  let lastHeard = performance.now();
  let present = true;
  let beat = 2;
  let renders = 0;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function parts(target, list) {
    for (const [text, style] of list || []) {
      if (style) target.appendChild(el("span", "s-" + style, text));
      else target.appendChild(document.createTextNode(text));
    }
    return target;
  }

  function block(data) {
    const node = el("div", "block " + data.kind + (data.extra ? " extra" : ""));
    if (data.section) node.dataset.section = data.section;
    if (data.se || data.se_missing) {
      node.classList.add("par");
      node.appendChild(parts(el("div", "main"), data.parts));
      const se = el("div", "se");
      se.lang = "se";
      if (data.se) parts(se, data.se);
      else {
        node.classList.add("gap");
        se.classList.add("missing");
        se.textContent = doc.texts.se_missing;
      }
      node.appendChild(se);
    } else {
      parts(node, data.parts);
    }
    return node;
  }

  function screen(title, detail) {
    const box = el("div", "screen");
    box.appendChild(el("p", "screen-title", title));
    if (detail) box.appendChild(el("p", "screen-detail", detail));
    return box;
  }

  function clockText(seconds) {
    const total = Math.max(0, Math.floor(seconds));
    const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    const two = (n) => String(n).padStart(2, "0");
    return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
  }

  function tick() {
    if (!doc || !doc.clock) { clock.textContent = ""; return; }
    let seconds = doc.clock.elapsed;
    if (doc.clock.running) seconds += (performance.now() - received) / 1000;
    clock.textContent = `${doc.texts.clock} ${clockText(seconds)}`;
  }

  // Fits: nothing overflows the box, and the last line keeps clear of the bottom padding (a block
  // container's scrollHeight does not count that padding, so the choices could end flush against the
  // screen's edge, where a projector's overscan cuts them).
  function fits() {
    if (content.scrollHeight > content.clientHeight + 0.5 || content.scrollWidth > content.clientWidth + 0.5) {
      return false;
    }
    const last = content.lastElementChild;
    if (!last) return true;
    const limit = content.getBoundingClientRect().bottom - parseFloat(getComputedStyle(content).paddingBottom);
    return last.getBoundingClientRect().bottom <= limit + 0.5;
  }

  // The largest --fit (px) at which the content fits, by bisection (layout is monotone in --fit).
  function fit() {
    const full = content.firstElementChild && content.firstElementChild.classList.contains("screen");
    const high = full
      ? Math.max(8, Math.min(window.innerHeight / 14, window.innerWidth / 40))
      : Math.max(8, Math.min(window.innerHeight / 11, window.innerWidth / 18));
    let lo = 2, hi = high;
    content.style.setProperty("--fit", hi + "px");
    if (!fits()) {
      for (let i = 0; i < 16 && hi - lo > 0.25; i++) {
        const mid = (lo + hi) / 2;
        content.style.setProperty("--fit", mid + "px");
        if (fits()) lo = mid; else hi = mid;
      }
      content.style.setProperty("--fit", lo + "px");
    }
    body.dataset.fit = content.style.getPropertyValue("--fit");
  }

  function render() {
    if (!doc) return;
    const gone = !present;
    const kind = gone ? "gone" : doc.screen;
    body.dataset.screen = kind;
    body.dataset.seq = String(doc.seq);
    if (doc.lang) document.documentElement.lang = doc.lang;
    if (doc.page_title) document.title = doc.page_title;
    heading.textContent = [doc.municipality, doc.title].filter(Boolean).join(" · ");
    marking.hidden = !doc.marking;
    marking.textContent = doc.marking || "";
    const t = doc.texts;
    let view;
    if (kind === "gone") view = screen(t.gone, t.gone_detail);
    else if (kind === "waiting") view = screen(t.waiting);
    else if (kind === "closed") view = screen(t.closed, t.closed_detail);
    else if (kind === "pause") view = screen(doc.pause, t.pause_detail);
    else if (kind === "ended") view = screen(t.ended, t.thanks);
    else if (kind === "blank") view = el("div");
    else {
      view = document.createDocumentFragment();
      for (const data of doc.blocks || []) view.appendChild(block(data));
    }
    content.replaceChildren(view);
    tick();
    fit();
    renders += 1;
    body.dataset.renders = String(renders);
    document.dispatchEvent(new CustomEvent("room-rendered"));
  }

  function heard(isPresent, every) {
    lastHeard = performance.now();
    if (typeof every === "number" && every > 0) beat = every;
    if (isPresent !== present) { present = isPresent; render(); }
  }

  function connect() {
    const source = new EventSource("/events");
    source.addEventListener("room", (event) => {
      doc = JSON.parse(event.data);
      received = performance.now();
      lastHeard = received;
      if (typeof doc.beat === "number" && doc.beat > 0) beat = doc.beat;
      present = doc.present !== false;
      render();
    });
    source.addEventListener("beat", (event) => {
      const data = JSON.parse(event.data);
      heard(data.present !== false, data.beat);
    });
  }

  // No word from the server for three heartbeats: the facilitator's program is gone (or hangs).
  setInterval(() => {
    if (doc && present && performance.now() - lastHeard > beat * 3000 + 500) { present = false; render(); }
    tick();
  }, 250);
  window.addEventListener("resize", () => fit());
  connect();
})();
